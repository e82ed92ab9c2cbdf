//! The JSON encoding of TTLV (KMIP Profiles, "JSON Encoding").
//!
//! One object per item: `{"tag": NAME, "type": TYPE, "value": VALUE}`. `tag` is the tag's name or
//! `"0x"` + 6 hex digits; `type` is omitted for a Structure, whose `value` is the array of its
//! items. Values:
//!
//! | type | value |
//! | --- | --- |
//! | Integer | number, or a string: `0x` hex, or a mask's bit names joined by `|` (`"Encrypt|Decrypt"`) |
//! | LongInteger | number; `"0x"` + 16 hex digits when outside ±2^52 (JSON numbers are doubles) |
//! | BigInteger | `"0x"` + hex digits (a number is accepted) |
//! | Enumeration | the value's name, or `"0x"` + 8 hex digits (a number is accepted) |
//! | Boolean | `true` / `false` (`"0x..."` accepted) |
//! | TextString | string |
//! | ByteString | hex digits |
//! | DateTime, DateTimeExtended | ISO 8601 string (`"0x..."` accepted) |
//! | Interval | number (`"0x..."` accepted) |
//!
//! Enumerations and masks of a 1.x Attribute Value are named after the preceding Attribute Name, as
//! in [`crate::xml`], which holds the shared value helpers.

use keyhaven_ttlv::{Item, ItemType, Value};
use serde_json::{Map, Number, Value as Json};
use zeroize::Zeroizing;

use crate::tag;
use crate::xml::{self, EncodingError, EncodingResult};

/// JSON numbers beyond ±2^52 lose precision in common parsers: such Long Integers are written as hex.
const MAX_JSON_INT: i64 = 1 << 52;

fn err<T>(msg: impl Into<String>) -> EncodingResult<T> {
    Err(EncodingError(msg.into()))
}

fn tag_json(t: u32) -> String {
    match xml::tag_text(t) {
        Some(n) => n.to_owned(),
        None => format!("0x{t:06X}"),
    }
}

fn value_json(item: &Item, attribute_name: Option<&str>) -> Json {
    match &item.value {
        Value::Structure(children) => {
            let mut out = Vec::with_capacity(children.len());
            let mut an: Option<&str> = None;
            for c in children {
                out.push(item_json(c, an));
                if c.tag == tag::ATTRIBUTE_NAME {
                    an = c.as_text();
                }
            }
            Json::Array(out)
        }
        Value::Integer(i) => {
            let vt = xml::value_tag(item.tag, attribute_name);
            match xml::format_mask(vt, *i as u32, "|") {
                Some(m) => Json::String(m),
                None => Json::Number((*i).into()),
            }
        }
        Value::LongInteger(i) if i.abs() < MAX_JSON_INT => Json::Number((*i).into()),
        Value::LongInteger(i) => Json::String(format!("0x{:016x}", *i as u64)),
        Value::BigInteger(b) => Json::String(format!("0x{}", hex::encode(&b[..]))),
        Value::Boolean(b) => Json::Bool(*b),
        Value::Interval(i) => Json::Number((*i).into()),
        v => Json::String(xml::format_value(item.tag, v, attribute_name, "|")),
    }
}

fn item_json(item: &Item, attribute_name: Option<&str>) -> Json {
    let mut m = Map::new();
    m.insert("tag".into(), Json::String(tag_json(item.tag)));
    if item.item_type() != ItemType::Structure {
        m.insert("type".into(), Json::String(item.item_type().name().into()));
    }
    m.insert("value".into(), value_json(item, attribute_name));
    Json::Object(m)
}

/// The JSON value of an item.
pub fn to_json_value(item: &Item) -> Json {
    item_json(item, None)
}

/// The JSON text of an item, pretty-printed.
pub fn to_json(item: &Item) -> String {
    serde_json::to_string_pretty(&to_json_value(item)).unwrap_or_default()
}

fn number_i64(n: &Number) -> Option<i64> {
    n.as_i64()
        .or_else(|| n.as_u64().and_then(|u| i64::try_from(u).ok()))
}

fn leaf_from_json(t: u32, ty: ItemType, v: &Json, an: Option<&str>) -> EncodingResult<Value> {
    match v {
        Json::String(s) => xml::parse_value(t, ty, s, an),
        Json::Bool(b) if ty == ItemType::Boolean => Ok(Value::Boolean(*b)),
        Json::Number(n) => {
            let i = number_i64(n).ok_or_else(|| EncodingError(format!("bad number {n}")))?;
            let out_of_range = || EncodingError(format!("{n} is out of range for {ty}"));
            Ok(match ty {
                ItemType::Integer => Value::Integer(i32::try_from(i).map_err(|_| out_of_range())?),
                ItemType::LongInteger => Value::LongInteger(i),
                ItemType::BigInteger => Value::BigInteger(Zeroizing::new(
                    xml::normalize_big_integer(i.to_be_bytes().to_vec()),
                )),
                ItemType::Enumeration => {
                    Value::Enumeration(u32::try_from(i).map_err(|_| out_of_range())?)
                }
                ItemType::Interval => {
                    Value::Interval(u32::try_from(i).map_err(|_| out_of_range())?)
                }
                ItemType::DateTime => Value::DateTime(i),
                ItemType::DateTimeExtended => Value::DateTimeExtended(i),
                ItemType::Boolean => Value::Boolean(i != 0),
                _ => return err(format!("a {ty} is not a number")),
            })
        }
        other => err(format!("bad {ty} value {other}")),
    }
}

fn item_from_json_in(j: &Json, an: Option<&str>) -> EncodingResult<Item> {
    let Json::Object(m) = j else {
        return err("an item is a JSON object");
    };
    let tag_s = m
        .get("tag")
        .and_then(Json::as_str)
        .ok_or_else(|| EncodingError::new("item without a \"tag\" string"))?;
    let t = xml::parse_tag(tag_s)?;
    let ty = match m.get("type") {
        None => ItemType::Structure,
        Some(Json::String(s)) => xml::parse_type(s)?,
        Some(_) => return err(format!("{tag_s}: \"type\" is not a string")),
    };
    let value = m
        .get("value")
        .ok_or_else(|| EncodingError(format!("{tag_s}: no \"value\"")))?;
    if ty == ItemType::Structure {
        let Json::Array(children) = value else {
            return err(format!("{tag_s}: a Structure's value is an array"));
        };
        let mut items = Vec::with_capacity(children.len());
        let mut name: Option<String> = None;
        for c in children {
            let item = item_from_json_in(c, name.as_deref())
                .map_err(|x| EncodingError(format!("{tag_s}/{x}")))?;
            if item.tag == tag::ATTRIBUTE_NAME {
                name = item.as_text().map(str::to_owned);
            }
            items.push(item);
        }
        return Ok(Item::structure(t, items));
    }
    let v = leaf_from_json(t, ty, value, an).map_err(|x| EncodingError(format!("{tag_s}: {x}")))?;
    Ok(Item::new(t, v))
}

/// Converts a JSON value (one item object) into a TTLV item.
pub fn from_json_value(j: &Json) -> EncodingResult<Item> {
    item_from_json_in(j, None)
}

/// Parses JSON text holding one item object.
pub fn from_json(text: &str) -> EncodingResult<Item> {
    let j: Json = serde_json::from_str(text).map_err(|e| EncodingError(format!("JSON: {e}")))?;
    from_json_value(&j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        let item = Item::structure(
            tag::ATTRIBUTE,
            vec![
                Item::text(tag::ATTRIBUTE_NAME, "Cryptographic Usage Mask"),
                Item::int(tag::ATTRIBUTE_VALUE, 12),
            ],
        );
        let j = to_json_value(&item);
        assert_eq!(j["tag"], "Attribute");
        assert!(j.get("type").is_none());
        assert_eq!(j["value"][1]["value"], "Encrypt|Decrypt");
        assert_eq!(from_json(&to_json(&item)), Ok(item));

        let big = Item::long(tag::USAGE_LIMITS_TOTAL, 1 << 60);
        assert_eq!(to_json_value(&big)["value"], "0x1000000000000000");
        assert_eq!(from_json(&to_json(&big)), Ok(big));
        let small = Item::long(tag::USAGE_LIMITS_TOTAL, -5);
        assert_eq!(to_json_value(&small)["value"], -5);

        let ext = Item::text(0x540001, "x");
        assert_eq!(to_json_value(&ext)["tag"], "0x540001");
        assert_eq!(from_json(&to_json(&ext)), Ok(ext));

        let parsed = from_json(r#"{"tag":"BatchCount","type":"Integer","value":"0x00000002"}"#)
            .expect("hex int");
        assert_eq!(parsed, Item::int(tag::BATCH_COUNT, 2));
        let e = from_json(r#"{"tag":"Operation","type":"Enumeration","value":10}"#).expect("num");
        assert_eq!(e, Item::enumeration(tag::OPERATION, 10));
        assert!(from_json(r#"{"tag":"NoSuchTag","type":"Integer","value":1}"#).is_err());
    }
}
