//! Adjust Attribute (2.0-2.1): increments, decrements or negates one single-instance attribute in
//! place. An absent attribute counts as 0 (numbers, intervals, dates) or false (Boolean); several
//! instances, a value of a type the adjustment does not apply to, and read-only attributes are
//! refused; a result out of its type's range is Numeric Range.

use keyhaven_kmip::attribute::{AttrName, Attribute};
use keyhaven_kmip::enums::adjustment_type as adj;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::add_attribute::check_client_may_change;
use super::{uid_payload, OpCtx};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let name = AttrName::from_reference(
        payload
            .child(tag::ATTRIBUTE_REFERENCE)
            .ok_or_else(|| KmipError::missing("the Attribute Reference"))?,
    )?;
    let kind = payload
        .child(tag::ADJUSTMENT_TYPE)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Adjustment Type"))?;
    let by = payload.child(tag::ADJUSTMENT_VALUE).map(|i| &i.value);
    let item_type = name.def().map_or(0, |d| d.item_type);
    // Read-only attributes may not be adjusted (checked on a placeholder value of the right name).
    let probe = Attribute::new(name.clone(), Value::Boolean(false));
    check_client_may_change(&probe)?;
    crate::server::crypto_params::check_client_may_modify(&probe)?;
    ctx.update(&uid, |m| {
        let n = m.attrs.iter().filter(|a| a.name == name).count();
        if n > 1 {
            return Err(KmipError::new(
                Reason::AttributeSingleValued,
                format!(
                    "{} has several instances: it cannot be adjusted",
                    name.key()
                ),
            ));
        }
        let current = match m.attrs.iter().find(|a| a.name == name) {
            Some(a) => a.value.clone(),
            None => zero_of(item_type).ok_or_else(|| {
                KmipError::new(
                    Reason::AttributeNotFound,
                    format!(
                        "{} has no value, and its type has no zero to adjust",
                        name.key()
                    ),
                )
            })?,
        };
        let new = adjust(&current, kind, by)?;
        crate::server::crypto_params::check_modify_in_state(
            m,
            &Attribute::new(name.clone(), new.clone()),
        )?;
        match m.attrs.iter_mut().find(|a| a.name == name) {
            Some(a) => a.value = new,
            None => m.attrs.push(Attribute::new(name.clone(), new)),
        }
        Ok(())
    })?;
    Ok(uid_payload(&uid))
}

/// The value assumed for an absent attribute of a TTLV item type.
fn zero_of(item_type: u8) -> Option<Value> {
    Some(match item_type {
        2 => Value::Integer(0),
        3 => Value::LongInteger(0),
        6 => Value::Boolean(false),
        9 => Value::DateTime(0),
        0x0A => Value::Interval(0),
        _ => return None,
    })
}

fn out_of_range() -> KmipError {
    KmipError::new(
        Reason::NumericRange,
        "the adjusted value is out of its type's range",
    )
}

/// Applies one adjustment.
pub fn adjust(v: &Value, kind: u32, by: Option<&Value>) -> KmipResult<Value> {
    let step: i64 = match by {
        None => 1,
        Some(Value::Integer(n)) => i64::from(*n),
        Some(Value::LongInteger(n)) => *n,
        Some(Value::Interval(n)) => i64::from(*n),
        Some(_) => {
            return Err(KmipError::invalid(
                "the Adjustment Value must be an Integer, Long Integer or Interval",
            ))
        }
    };
    let bad_type = || {
        KmipError::invalid(format!(
            "this adjustment does not apply to a {:?} attribute",
            v.item_type()
        ))
    };
    let signed = match kind {
        adj::INCREMENT => step,
        adj::DECREMENT => step.checked_neg().ok_or_else(out_of_range)?,
        adj::NEGATE => {
            return match v {
                Value::Integer(n) => n.checked_neg().map(Value::Integer).ok_or_else(out_of_range),
                Value::LongInteger(n) => n
                    .checked_neg()
                    .map(Value::LongInteger)
                    .ok_or_else(out_of_range),
                Value::Boolean(b) => Ok(Value::Boolean(!b)),
                _ => Err(bad_type()),
            }
        }
        other => {
            return Err(KmipError::invalid(format!(
                "unknown Adjustment Type 0x{other:X}"
            )))
        }
    };
    match v {
        Value::Integer(n) => i64::from(*n)
            .checked_add(signed)
            .and_then(|x| i32::try_from(x).ok())
            .map(Value::Integer)
            .ok_or_else(out_of_range),
        Value::LongInteger(n) => n
            .checked_add(signed)
            .map(Value::LongInteger)
            .ok_or_else(out_of_range),
        Value::Interval(n) => i64::from(*n)
            .checked_add(signed)
            .and_then(|x| u32::try_from(x).ok())
            .map(Value::Interval)
            .ok_or_else(out_of_range),
        Value::DateTime(n) => n
            .checked_add(signed)
            .map(Value::DateTime)
            .ok_or_else(out_of_range),
        _ => Err(bad_type()),
    }
}
