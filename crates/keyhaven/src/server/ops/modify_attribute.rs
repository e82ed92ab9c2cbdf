//! Modify Attribute: a new value for an existing attribute instance.
//! 1.x: the Attribute names the instance by its index. 2.x: Current Attribute names the value to
//! replace; without it the attribute must have exactly one instance.

use keyhaven_kmip::attribute::Attribute;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::add_attribute::{check_client_may_change, requested_attribute};
use super::{uid_payload, OpCtx};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let new = requested_attribute(ctx, payload)?;
    check_client_may_change(&new)?;
    crate::server::crypto_params::check_client_may_modify(&new)?;
    let current = if ctx.version.is_2x() {
        match payload.child(tag::CURRENT_ATTRIBUTE) {
            Some(c) => match c.items() {
                [one] => Some(Attribute::from_v2(one)?),
                _ => {
                    return Err(KmipError::invalid(
                        "Current Attribute must hold exactly one attribute",
                    ))
                }
            },
            None => None,
        }
    } else {
        None
    };
    let is_2x = ctx.version.is_2x();
    let modified = ctx.update(&uid, |m| {
        let positions: Vec<usize> = m
            .attrs
            .iter()
            .enumerate()
            .filter(|(_, a)| a.name == new.name)
            .map(|(i, _)| i)
            .collect();
        if positions.is_empty() {
            return Err(KmipError::new(
                Reason::AttributeNotFound,
                format!(
                    "object {uid} has no attribute {}; use Add Attribute",
                    new.name.key()
                ),
            ));
        }
        let pos = if is_2x {
            match &current {
                Some(cur) => *positions
                    .iter()
                    .find(|&&i| m.attrs[i].value == cur.value)
                    .ok_or_else(|| {
                        KmipError::new(
                            Reason::AttributeNotFound,
                            "no instance has the Current Attribute's value",
                        )
                    })?,
                None if positions.len() == 1 => positions[0],
                None => {
                    return Err(KmipError::new(
                        Reason::AttributeSingleValued,
                        format!(
                        "{} has several instances: name the one to change with Current Attribute",
                        new.name.key()
                    ),
                    ))
                }
            }
        } else {
            *positions
                .iter()
                .find(|&&i| m.attrs[i].index == new.index)
                .ok_or_else(|| {
                    KmipError::new(
                        Reason::AttributeNotFound,
                        format!(
                            "{} has no instance with index {}",
                            new.name.key(),
                            new.index
                        ),
                    )
                })?
        };
        crate::server::crypto_params::check_modify_in_state(m, &new)?;
        m.attrs[pos].value = new.value.clone();
        Ok(m.attrs[pos].clone())
    })?;
    let mut p = uid_payload(&uid);
    if !is_2x {
        if let (Some(items), Some(a)) = (p.items_mut(), modified.to_v1()) {
            items.push(a);
        }
    }
    Ok(p)
}
