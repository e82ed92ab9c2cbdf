//! A test-case file read into request / expected-response pairs whose leaves may be placeholders.

use std::collections::HashSet;
use std::path::Path;

use keyhaven_kmip::tag;
use keyhaven_kmip::xml::{self, Element};
use keyhaven_ttlv::{ItemType, Value};

/// An item of a test case: a TTLV item whose leaves may be placeholders.
#[derive(Clone, Debug)]
pub enum Node {
    Struct {
        tag: u32,
        children: Vec<Node>,
    },
    Leaf {
        tag: u32,
        value: Value,
    },
    /// `$NAME`, or `$NOW` with an offset in seconds (`$NOW-3600`).
    Var {
        tag: u32,
        ty: ItemType,
        name: String,
        offset: i64,
    },
}

impl Node {
    pub fn tag(&self) -> u32 {
        match self {
            Node::Struct { tag, .. } | Node::Leaf { tag, .. } | Node::Var { tag, .. } => *tag,
        }
    }

    pub fn children(&self) -> &[Node] {
        match self {
            Node::Struct { children, .. } => children,
            _ => &[],
        }
    }

    pub fn child(&self, t: u32) -> Option<&Node> {
        self.children().iter().find(|c| c.tag() == t)
    }

    pub fn item_type(&self) -> ItemType {
        match self {
            Node::Struct { .. } => ItemType::Structure,
            Node::Leaf { value, .. } => value.item_type(),
            Node::Var { ty, .. } => *ty,
        }
    }

    /// Every node of the tree, depth first.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Node)) {
        f(self);
        for c in self.children() {
            c.walk(f);
        }
    }
}

/// One request and the response the case expects for it.
#[derive(Clone, Debug)]
pub struct Step {
    pub request: Node,
    pub response: Node,
}

/// A parsed test-case file.
#[derive(Clone, Debug, Default)]
pub struct Case {
    pub steps: Vec<Step>,
    /// Byte String / Big Integer values written in the requests: a response value equal to one of
    /// them was chosen by the client, never by the server.
    pub request_bytes: HashSet<Vec<u8>>,
    /// Date-Time values written in the requests (seconds).
    pub request_times: HashSet<i64>,
}

/// Splits `$NAME`, `$NAME+N`, `$NAME-N` (NAME in capitals, digits and `_`).
pub fn parse_placeholder(s: &str) -> Option<(String, i64)> {
    let rest = s.strip_prefix('$')?;
    let end = rest
        .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
        .unwrap_or(rest.len());
    let (name, tail) = rest.split_at(end);
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_uppercase() || c == '_') {
        return None;
    }
    let offset = if tail.is_empty() {
        0
    } else {
        let sign = match tail.as_bytes()[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let n: i64 = tail[1..].trim().parse().ok()?;
        sign * n
    };
    Some((name.to_owned(), offset))
}

fn node_from_element(e: &Element, attribute_name: Option<&str>) -> Result<Node, String> {
    let t = xml::element_tag(e).map_err(|x| x.to_string())?;
    let ty = xml::element_type(e).map_err(|x| x.to_string())?;
    if ty == ItemType::Structure {
        let mut children = Vec::with_capacity(e.children.len());
        let mut name: Option<String> = None;
        for c in &e.children {
            let n = node_from_element(c, name.as_deref()).map_err(|x| format!("{}/{x}", e.name))?;
            if let Node::Leaf {
                tag: tag::ATTRIBUTE_NAME,
                value: Value::TextString(s),
            } = &n
            {
                name = Some(s.clone());
            }
            children.push(n);
        }
        return Ok(Node::Struct { tag: t, children });
    }
    let text = e.attr("value").unwrap_or("");
    if let Some((name, offset)) = parse_placeholder(text.trim()) {
        return Ok(Node::Var {
            tag: t,
            ty,
            name,
            offset,
        });
    }
    let mut value =
        xml::parse_value(t, ty, text, attribute_name).map_err(|x| format!("<{}>: {x}", e.name))?;
    if let (tag::ATTRIBUTE_NAME, Value::TextString(s)) = (t, &value) {
        // Some 1.0 files carry document-conversion artifacts ("Cryptographic   Length"):
        // attribute names are the specification's, with single spaces.
        value = Value::TextString(s.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    Ok(Node::Leaf { tag: t, value })
}

/// Reads a test case: a root element (`<KMIP>`) holding RequestMessage / ResponseMessage pairs.
pub fn parse_case(text: &str) -> Result<Case, String> {
    let root = xml::parse_document(text).map_err(|e| e.to_string())?;
    let mut case = Case::default();
    let mut pending: Option<Node> = None;
    for (i, el) in root.children.iter().enumerate() {
        let node = node_from_element(el, None).map_err(|e| format!("message {}: {e}", i + 1))?;
        match (node.tag(), pending.take()) {
            (tag::REQUEST_MESSAGE, None) => pending = Some(node),
            (tag::RESPONSE_MESSAGE, Some(request)) => case.steps.push(Step {
                request,
                response: node,
            }),
            (tag::REQUEST_MESSAGE, Some(_)) => {
                return Err(format!(
                    "message {}: a RequestMessage follows a RequestMessage",
                    i + 1
                ))
            }
            (tag::RESPONSE_MESSAGE, None) => {
                return Err(format!(
                    "message {}: a ResponseMessage without request",
                    i + 1
                ))
            }
            _ => return Err(format!("message {}: <{}> is not a message", i + 1, el.name)),
        }
    }
    if pending.is_some() {
        return Err("the last RequestMessage has no ResponseMessage".into());
    }
    if case.steps.is_empty() {
        return Err("no RequestMessage".into());
    }
    for s in &case.steps {
        s.request.walk(&mut |n| {
            if let Node::Leaf { value, .. } = n {
                match value {
                    Value::ByteString(b) | Value::BigInteger(b) => {
                        case.request_bytes.insert(b.to_vec());
                    }
                    Value::DateTime(t) => {
                        case.request_times.insert(*t);
                    }
                    Value::DateTimeExtended(t) => {
                        case.request_times.insert(t.div_euclid(1_000_000));
                    }
                    _ => {}
                }
            }
        });
    }
    Ok(case)
}

pub fn read_case(path: &Path) -> Result<Case, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    parse_case(&text).map_err(|e| format!("unreadable test case: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert_eq!(parse_placeholder("$NOW"), Some(("NOW".into(), 0)));
        assert_eq!(parse_placeholder("$NOW-3600"), Some(("NOW".into(), -3600)));
        assert_eq!(parse_placeholder("$NOW+600"), Some(("NOW".into(), 600)));
        assert_eq!(
            parse_placeholder("$UNIQUE_IDENTIFIER_12"),
            Some(("UNIQUE_IDENTIFIER_12".into(), 0))
        );
        assert_eq!(parse_placeholder("$"), None);
        assert_eq!(parse_placeholder("$lower"), None);
        assert_eq!(parse_placeholder("$X y"), None);
        assert_eq!(parse_placeholder("plain"), None);
    }
}
