//! The XML encoding of TTLV (KMIP Profiles, "XML Encoding"; the form of the OASIS test cases).
//!
//! One element per item: the element name is the tag's name ([`crate::tag::tag_name`]), or `TTLV`
//! with a `tag="0x540001"` attribute for a tag without a name (extensions). A Structure has no
//! `type` attribute (or `type="Structure"`) and holds its items as child elements; any other item
//! is an empty element with `type` (the [`ItemType`] name) and `value`:
//!
//! | type | value |
//! | --- | --- |
//! | Integer | decimal or `0x` hex; a mask (Cryptographic Usage Mask, Storage Status Mask, Protection Storage Mask, and a 1.x Attribute Value of such an attribute) as bit names separated by spaces (`Encrypt Decrypt`) |
//! | LongInteger, Interval | decimal or `0x` hex |
//! | BigInteger, ByteString | hex digits (no `0x`) |
//! | Enumeration | the value's name (`SymmetricKey`), or `0x` hex; a 1.x Attribute Value is named after the preceding Attribute Name (`Cryptographic Algorithm` → `AES`) |
//! | Boolean | `true` / `false` |
//! | TextString | the text |
//! | DateTime, DateTimeExtended | ISO 8601 (`2012-04-27T08:12:24+00:00`, fractions for DateTimeExtended), or `0x` hex |
//!
//! Text between elements (the OASIS files' `# TIME 0` lines), comments and processing
//! instructions are ignored. The value formatting and parsing helpers here are shared with
//! [`crate::json`].

use std::fmt::Write as _;

use keyhaven_ttlv::{Item, ItemType, Value};
use quick_xml::events::{BytesStart, Event};
use zeroize::Zeroizing;

use crate::{attrdefs, enums, tag};

/// A document or value that is not valid in the XML or JSON encoding of TTLV.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EncodingError(pub String);

impl EncodingError {
    pub fn new(msg: impl Into<String>) -> Self {
        EncodingError(msg.into())
    }
}

pub type EncodingResult<T> = Result<T, EncodingError>;

fn err<T>(msg: impl Into<String>) -> EncodingResult<T> {
    Err(EncodingError(msg.into()))
}

// ------------------------------------------------------------------------------------ elements

/// One XML element: name, attributes in document order, child elements (text dropped).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
}

impl Element {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn start_element(e: &BytesStart<'_>) -> EncodingResult<Element> {
    let name = std::str::from_utf8(e.name().as_ref())
        .map_err(|_| EncodingError::new("element name is not UTF-8"))?
        .to_owned();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| EncodingError(format!("<{name}>: attribute: {e}")))?;
        let key = std::str::from_utf8(a.key.as_ref())
            .map_err(|_| EncodingError(format!("<{name}>: attribute name is not UTF-8")))?
            .to_owned();
        let value = a
            .unescape_value()
            .map_err(|e| EncodingError(format!("<{name} {key}>: {e}")))?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
    })
}

/// Parses an XML document into its root element (text, comments, declarations dropped). Exactly one
/// root element is allowed.
pub fn parse_document(text: &str) -> EncodingResult<Element> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let pos = reader.buffer_position();
        let ev = reader
            .read_event()
            .map_err(|e| EncodingError(format!("XML at byte {pos}: {e}")))?;
        let done = match ev {
            Event::Start(e) => {
                stack.push(start_element(&e)?);
                None
            }
            Event::Empty(e) => Some(start_element(&e)?),
            Event::End(_) => Some(
                stack
                    .pop()
                    .ok_or_else(|| EncodingError::new("unbalanced end tag"))?,
            ),
            Event::Eof => break,
            // Text (e.g. "# TIME 0"), comments, CDATA, declarations, PIs, doctype: ignored.
            _ => None,
        };
        if let Some(el) = done {
            match stack.last_mut() {
                Some(parent) => parent.children.push(el),
                None if root.is_none() => root = Some(el),
                None => return err("more than one root element"),
            }
        }
    }
    if let Some(open) = stack.last() {
        return err(format!("<{}> is not closed", open.name));
    }
    root.ok_or_else(|| EncodingError::new("no element"))
}

// ------------------------------------------------------------------------- tags and types

/// Parses a tag given as a name (`CryptographicAlgorithm`, or the specification spelling) or as
/// `0x` + 6 hex digits.
pub fn parse_tag(s: &str) -> EncodingResult<u32> {
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        let t = u32::from_str_radix(h, 16)
            .ok()
            .filter(|t| *t <= 0xFF_FFFF)
            .ok_or_else(|| EncodingError(format!("bad tag {s:?}")))?;
        // The binary codec's rule, so that the three encodings accept the same messages: KMIP
        // tags are 0x42xxxx, extensions 0x54xxxx (found by fuzzing, fuzz/FUZZING.md).
        if !matches!(t >> 16, 0x42 | 0x54) {
            return Err(EncodingError(format!(
                "tag {s:?} is outside KMIP's ranges (0x42xxxx, and 0x54xxxx for extensions)"
            )));
        }
        return Ok(t);
    }
    tag::tag_by_name(s).ok_or_else(|| EncodingError(format!("unknown tag name {s:?}")))
}

/// The name of a tag for the XML and JSON encodings, `None` when it has none (then
/// `TTLV tag="0x..."` in XML, `"0x..."` in JSON).
pub fn tag_text(t: u32) -> Option<&'static str> {
    tag::tag_name(t)
}

/// The item type named `s` (`"TextString"`, ...).
pub fn parse_type(s: &str) -> EncodingResult<ItemType> {
    Ok(match s {
        "Structure" => ItemType::Structure,
        "Integer" => ItemType::Integer,
        "LongInteger" => ItemType::LongInteger,
        "BigInteger" => ItemType::BigInteger,
        "Enumeration" => ItemType::Enumeration,
        "Boolean" => ItemType::Boolean,
        "TextString" => ItemType::TextString,
        "ByteString" => ItemType::ByteString,
        "DateTime" => ItemType::DateTime,
        "Interval" => ItemType::Interval,
        "DateTimeExtended" => ItemType::DateTimeExtended,
        _ => return err(format!("unknown type {s:?}")),
    })
}

/// The tag of an element: `TTLV tag="0x..."` or the element's name.
pub fn element_tag(e: &Element) -> EncodingResult<u32> {
    if e.name == "TTLV" {
        let t = e
            .attr("tag")
            .ok_or_else(|| EncodingError::new("<TTLV> without a tag attribute"))?;
        return parse_tag(t);
    }
    parse_tag(&e.name).map_err(|_| EncodingError(format!("unknown tag <{}>", e.name)))
}

/// The item type of an element: its `type` attribute, Structure when absent.
pub fn element_type(e: &Element) -> EncodingResult<ItemType> {
    match e.attr("type") {
        None => Ok(ItemType::Structure),
        Some(t) => parse_type(t).map_err(|x| EncodingError(format!("<{}>: {x}", e.name))),
    }
}

/// The tag whose enumeration or mask names spell an item's value: its own tag, or for a 1.x
/// Attribute Value the tag of the attribute that the sibling Attribute Name names.
pub fn value_tag(item_tag: u32, attribute_name: Option<&str>) -> u32 {
    if item_tag == tag::ATTRIBUTE_VALUE {
        if let Some(def) = attribute_name.and_then(attrdefs::attribute_by_name) {
            return def.tag;
        }
    }
    item_tag
}

// ------------------------------------------------------------------------------ value text

fn parse_hex_u64(s: &str) -> Option<u64> {
    let h = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X"))?;
    if h.is_empty() || h.len() > 16 {
        return None;
    }
    u64::from_str_radix(h, 16).ok()
}

fn parse_i64(s: &str, bits: u32) -> Option<i64> {
    let s = s.trim();
    if let Some(v) = parse_hex_u64(s) {
        // Hex is the two's-complement bit pattern of the item's width.
        return Some(match bits {
            32 if v <= u32::MAX as u64 => v as u32 as i32 as i64,
            64 => v as i64,
            _ => return None,
        });
    }
    let v: i64 = s.parse().ok()?;
    match bits {
        32 if v >= i32::MIN as i64 && v <= i32::MAX as i64 => Some(v),
        64 => Some(v),
        _ => None,
    }
}

fn parse_u32(s: &str) -> Option<u32> {
    let s = s.trim();
    match parse_hex_u64(s) {
        Some(v) => u32::try_from(v).ok(),
        None => s.parse().ok(),
    }
}

/// Hex digits to bytes (an optional `0x` prefix is accepted).
pub fn parse_hex_bytes(s: &str) -> EncodingResult<Vec<u8>> {
    let s = s.trim();
    let h = s
        .strip_prefix("0x")
        .or_else(|| s.strip_prefix("0X"))
        .unwrap_or(s);
    hex::decode(h).map_err(|e| EncodingError(format!("bad hex {}: {e}", short(s))))
}

fn short(s: &str) -> String {
    if s.len() > 40 {
        let mut end = 40;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{:?}...", &s[..end])
    } else {
        format!("{s:?}")
    }
}

/// Sign-extends big-endian two's-complement bytes to a non-zero multiple of 8 bytes (the TTLV
/// form: an empty value is zero, eight zero bytes, as the binary encoder writes it).
pub fn normalize_big_integer(mut b: Vec<u8>) -> Vec<u8> {
    if b.is_empty() {
        return vec![0; 8];
    }
    let rem = b.len() % 8;
    if rem != 0 {
        let fill = if b.first().is_some_and(|x| x & 0x80 != 0) {
            0xFF
        } else {
            0
        };
        let mut v = vec![fill; 8 - rem];
        v.append(&mut b);
        b = v;
    }
    b
}

fn parse_enum(vt: u32, s: &str) -> EncodingResult<u32> {
    let s = s.trim();
    if let Some(v) = parse_hex_u64(s) {
        return u32::try_from(v).map_err(|_| EncodingError(format!("enumeration {s:?} too big")));
    }
    if let Some(v) = enums::enum_value_by_name(vt, s) {
        return Ok(v);
    }
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(v) = s.parse() {
            return Ok(v);
        }
    }
    err(format!(
        "unknown {} value {s:?}",
        tag::tag_name(vt).unwrap_or("enumeration")
    ))
}

/// Parses the text form of a non-Structure value (XML `value` attribute; JSON string values).
/// `attribute_name` is the text of the preceding Attribute Name sibling, if any (1.x attributes).
pub fn parse_value(
    item_tag: u32,
    ty: ItemType,
    text: &str,
    attribute_name: Option<&str>,
) -> EncodingResult<Value> {
    let vt = value_tag(item_tag, attribute_name);
    let bad = |what: &str| EncodingError(format!("bad {what} {}", short(text)));
    Ok(match ty {
        ItemType::Structure => return err("a Structure has no value text"),
        ItemType::Integer => {
            if enums::mask_tag_values(vt).is_some() {
                let v = enums::mask_from_names(vt, text).ok_or_else(|| bad("mask"))?;
                Value::Integer(v as i32)
            } else {
                Value::Integer(parse_i64(text, 32).ok_or_else(|| bad("Integer"))? as i32)
            }
        }
        ItemType::LongInteger => {
            Value::LongInteger(parse_i64(text, 64).ok_or_else(|| bad("LongInteger"))?)
        }
        ItemType::BigInteger => Value::BigInteger(Zeroizing::new(normalize_big_integer(
            parse_hex_bytes(text)?,
        ))),
        ItemType::Enumeration => Value::Enumeration(parse_enum(vt, text)?),
        ItemType::Boolean => match text.trim() {
            "true" | "1" => Value::Boolean(true),
            "false" | "0" => Value::Boolean(false),
            t => Value::Boolean(parse_hex_u64(t).ok_or_else(|| bad("Boolean"))? != 0),
        },
        ItemType::TextString => Value::TextString(text.to_owned()),
        ItemType::ByteString => Value::ByteString(Zeroizing::new(parse_hex_bytes(text)?)),
        ItemType::DateTime => match parse_hex_u64(text.trim()) {
            Some(v) => Value::DateTime(v as i64),
            None => Value::DateTime(parse_datetime(text).ok_or_else(|| bad("DateTime"))?.0),
        },
        ItemType::Interval => Value::Interval(parse_u32(text).ok_or_else(|| bad("Interval"))?),
        ItemType::DateTimeExtended => match parse_hex_u64(text.trim()) {
            Some(v) => Value::DateTimeExtended(v as i64),
            None => {
                let (s, us) = parse_datetime(text).ok_or_else(|| bad("DateTimeExtended"))?;
                Value::DateTimeExtended(s * 1_000_000 + us as i64)
            }
        },
    })
}

/// The names of the bits of a mask value joined by `sep`, unnamed bits as `0x` hex; `"0"` for 0.
pub fn format_mask(vt: u32, v: u32, sep: &str) -> Option<String> {
    let names = enums::mask_tag_values(vt)?;
    if v == 0 {
        return Some("0".into());
    }
    let mut parts = Vec::new();
    let mut left = v;
    for (name, bit) in names {
        if *bit != 0 && left & bit == *bit {
            parts.push((*name).to_owned());
            left &= !bit;
        }
    }
    if left != 0 {
        parts.push(format!("0x{left:08X}"));
    }
    Some(parts.join(sep))
}

/// The name of an enumeration value, or `0x` + 8 hex digits.
pub fn format_enum(vt: u32, v: u32) -> String {
    match enums::enum_value_name(vt, v) {
        Some(n) => n.to_owned(),
        None => format!("0x{v:08X}"),
    }
}

/// The text form of a non-Structure value for XML (`mask_sep` = `" "`) or JSON (`"|"`).
pub fn format_value(
    item_tag: u32,
    v: &Value,
    attribute_name: Option<&str>,
    mask_sep: &str,
) -> String {
    let vt = value_tag(item_tag, attribute_name);
    match v {
        Value::Structure(_) => String::new(),
        Value::Integer(i) => format_mask(vt, *i as u32, mask_sep).unwrap_or_else(|| i.to_string()),
        Value::LongInteger(i) => i.to_string(),
        Value::BigInteger(b) => hex::encode(&b[..]),
        Value::Enumeration(e) => format_enum(vt, *e),
        Value::Boolean(b) => b.to_string(),
        Value::TextString(s) => s.clone(),
        Value::ByteString(b) => hex::encode(&b[..]),
        Value::DateTime(t) => format_datetime(*t, None),
        Value::Interval(i) => i.to_string(),
        Value::DateTimeExtended(us) => format_datetime(
            us.div_euclid(1_000_000),
            Some(us.rem_euclid(1_000_000) as u32),
        ),
    }
}

// ------------------------------------------------------------------------------ date-time

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Parses ISO 8601 / RFC 3339 date-time text (`2012-04-27T08:12:24+00:00`, `...Z`, fractions, no
/// zone = UTC) into (seconds since the epoch, microseconds).
pub fn parse_datetime(s: &str) -> Option<(i64, u32)> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)? as u32, num(8..10)? as u32);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut i = 19;
    let mut micros = 0u32;
    if b.get(i) == Some(&b'.') || b.get(i) == Some(&b',') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        let frac = &s[start..i];
        let mut digits: String = frac.chars().take(6).collect();
        while digits.len() < 6 {
            digits.push('0');
        }
        micros = digits.parse().ok()?;
    }
    let offset = match &s[i..] {
        "" | "Z" | "z" => 0,
        // `get`, not indexing: the text may hold multi-byte characters (fuzzing finding,
        // FUZZING.md: a BOM inside the offset made `&z[3..4]` panic).
        z if (z.starts_with('+') || z.starts_with('-'))
            && z.len() == 6
            && z.get(3..4) == Some(":") =>
        {
            let oh = num(i + 1..i + 3)?;
            let om = num(i + 4..i + 6)?;
            let o = oh * 3600 + om * 60;
            if z.starts_with('-') {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec - offset;
    // The instant must have a four-digit year in UTC too, the form it is written back in: an
    // offset can move 0000-01-01 or 9999-12-31 out of it (fuzzing finding, FUZZING.md).
    let first = days_from_civil(0, 1, 1) * 86_400;
    let last = days_from_civil(9999, 12, 31) * 86_400 + 86_399;
    if !(first..=last).contains(&secs) {
        return None;
    }
    Some((secs, micros))
}

/// Formats seconds since the epoch as `YYYY-MM-DDTHH:MM:SS+00:00` (with `.ffffff` when
/// `micros` is given).
pub fn format_datetime(secs: i64, micros: Option<u32>) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let mut out = format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    );
    if let Some(us) = micros {
        let _ = write!(out, ".{us:06}");
    }
    out.push_str("+00:00");
    out
}

// ----------------------------------------------------------------------------- items <-> XML

/// Converts an element (and its children) into a TTLV item.
pub fn item_from_element(e: &Element) -> EncodingResult<Item> {
    item_from_element_in(e, None)
}

fn item_from_element_in(e: &Element, attribute_name: Option<&str>) -> EncodingResult<Item> {
    let t = element_tag(e)?;
    let ty = element_type(e)?;
    if ty == ItemType::Structure {
        if e.attr("value").is_some() {
            return err(format!("<{}>: a Structure has no value", e.name));
        }
        let mut children = Vec::with_capacity(e.children.len());
        let mut name: Option<String> = None;
        for c in &e.children {
            let item = item_from_element_in(c, name.as_deref())
                .map_err(|x| EncodingError(format!("{}/{x}", e.name)))?;
            if item.tag == tag::ATTRIBUTE_NAME {
                name = item.as_text().map(str::to_owned);
            }
            children.push(item);
        }
        return Ok(Item::structure(t, children));
    }
    if !e.children.is_empty() {
        return err(format!("<{}>: a {ty} has no child elements", e.name));
    }
    let text = e.attr("value").unwrap_or("");
    if e.attr("value").is_none() && !matches!(ty, ItemType::TextString | ItemType::ByteString) {
        return err(format!("<{}>: no value", e.name));
    }
    let v = parse_value(t, ty, text, attribute_name)
        .map_err(|x| EncodingError(format!("<{}>: {x}", e.name)))?;
    Ok(Item::new(t, v))
}

/// Parses an XML document whose root element is one TTLV item (e.g. a `RequestMessage`).
pub fn from_xml(text: &str) -> EncodingResult<Item> {
    item_from_element(&parse_document(text)?)
}

fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}

fn write_item(item: &Item, attribute_name: Option<&str>, depth: usize, out: &mut String) {
    for _ in 0..depth {
        out.push_str("  ");
    }
    out.push('<');
    let name = tag_text(item.tag);
    match name {
        Some(n) => out.push_str(n),
        None => {
            let _ = write!(out, "TTLV tag=\"0x{:06X}\"", item.tag);
        }
    }
    let close = name.unwrap_or("TTLV");
    match &item.value {
        Value::Structure(children) => {
            out.push('>');
            if !children.is_empty() {
                out.push('\n');
                let mut an: Option<&str> = None;
                for c in children {
                    write_item(c, an, depth + 1, out);
                    if c.tag == tag::ATTRIBUTE_NAME {
                        an = c.as_text();
                    }
                }
                for _ in 0..depth {
                    out.push_str("  ");
                }
            }
            let _ = writeln!(out, "</{close}>");
        }
        v => {
            let _ = write!(out, " type=\"{}\" value=\"", v.item_type().name());
            escape_attr(&format_value(item.tag, v, attribute_name, " "), out);
            out.push_str("\"/>\n");
        }
    }
}

/// The XML form of an item, indented by two spaces per level, ending with a newline.
pub fn to_xml(item: &Item) -> String {
    let mut out = String::new();
    write_item(item, None, 0, &mut out);
    out
}

/// The deepest element nesting of an XML document, found without building its tree: lets a server
/// refuse a deeply nested document before parsing it.
pub fn element_depth(text: &str) -> EncodingResult<usize> {
    let mut reader = quick_xml::Reader::from_str(text);
    let (mut depth, mut max) = (0usize, 0usize);
    loop {
        let pos = reader.buffer_position();
        match reader
            .read_event()
            .map_err(|e| EncodingError(format!("XML at byte {pos}: {e}")))?
        {
            Event::Start(_) => {
                depth += 1;
                max = max.max(depth);
            }
            Event::Empty(_) => max = max.max(depth + 1),
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_round_trip() {
        for (text, secs) in [
            ("1970-01-01T00:00:00+00:00", 0),
            ("2012-04-27T08:12:24+00:00", 1_335_514_344),
            ("2000-02-29T23:59:59+00:00", 951_868_799),
        ] {
            assert_eq!(parse_datetime(text), Some((secs, 0)), "{text}");
            assert_eq!(format_datetime(secs, None), text);
        }
        assert_eq!(
            parse_datetime("2012-04-27T10:12:24+02:00"),
            Some((1_335_514_344, 0))
        );
        assert_eq!(
            parse_datetime("2012-04-27T08:12:24.5Z"),
            Some((1_335_514_344, 500_000))
        );
        assert_eq!(parse_datetime("2012-04-27"), None);
        assert_eq!(parse_datetime("2012-13-27T08:12:24Z"), None);
    }

    #[test]
    fn values() {
        let v = parse_value(
            tag::ATTRIBUTE_VALUE,
            ItemType::Enumeration,
            "AES",
            Some("Cryptographic Algorithm"),
        )
        .expect("AES");
        assert_eq!(v, Value::Enumeration(3));
        let m = parse_value(
            tag::CRYPTOGRAPHIC_USAGE_MASK,
            ItemType::Integer,
            "Encrypt Decrypt",
            None,
        )
        .expect("mask");
        assert_eq!(m, Value::Integer(12));
        assert_eq!(
            format_value(tag::CRYPTOGRAPHIC_USAGE_MASK, &m, None, "|"),
            "Encrypt|Decrypt"
        );
        assert_eq!(
            parse_value(tag::OPERATION, ItemType::Enumeration, "0x80000001", None),
            Ok(Value::Enumeration(0x8000_0001))
        );
        assert_eq!(
            parse_value(tag::BATCH_COUNT, ItemType::Integer, "0xFFFFFFFF", None),
            Ok(Value::Integer(-1))
        );
        assert_eq!(
            parse_value(tag::MODULUS, ItemType::BigInteger, "ff01", None),
            Ok(Value::BigInteger(Zeroizing::new(vec![
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01
            ])))
        );
        assert!(parse_value(tag::OBJECT_TYPE, ItemType::Enumeration, "NoSuch", None).is_err());
    }

    #[test]
    fn document() {
        let text = r#"<?xml version="1.0"?>
<!-- c -->
<RequestMessage>
# TIME 0
  <RequestHeader>
    <ProtocolVersion>
      <ProtocolVersionMajor type="Integer" value="1"/>
      <ProtocolVersionMinor type="Integer" value="4"/>
    </ProtocolVersion>
    <BatchCount type="Integer" value="1"/>
  </RequestHeader>
  <BatchItem>
    <Operation type="Enumeration" value="Create"/>
    <RequestPayload>
      <TTLV tag="0x540001" type="TextString" value="a &amp; &quot;b&quot;"/>
      <Attribute>
        <AttributeName type="TextString" value="Cryptographic Usage Mask"/>
        <AttributeValue type="Integer" value="Encrypt Decrypt"/>
      </Attribute>
    </RequestPayload>
  </BatchItem>
</RequestMessage>"#;
        let item = from_xml(text).expect("parse");
        let again = from_xml(&to_xml(&item)).expect("reparse");
        assert_eq!(item, again);
        let payload = item
            .child(tag::BATCH_ITEM)
            .and_then(|b| b.child(tag::REQUEST_PAYLOAD))
            .expect("payload");
        assert_eq!(payload.items()[0].tag, 0x540001);
        assert_eq!(payload.items()[0].as_text(), Some("a & \"b\""));
        let xml = to_xml(&item);
        assert!(xml.contains("value=\"Encrypt Decrypt\""), "{xml}");
        assert!(xml.contains("<TTLV tag=\"0x540001\""), "{xml}");
    }
}
