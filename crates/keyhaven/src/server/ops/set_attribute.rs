//! Set Attribute (2.x): sets a single-valued attribute, adding it or replacing its value.

use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_ttlv::Item;

use super::add_attribute::{check_client_may_change, requested_attribute};
use super::{uid_payload, OpCtx};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let new = requested_attribute(ctx, payload)?;
    check_client_may_change(&new)?;
    ctx.update(&uid, |m| {
        let n = m.attrs.iter().filter(|a| a.name == new.name).count();
        if n > 1 {
            return Err(KmipError::new(
                Reason::AttributeSingleValued,
                format!(
                    "{} has several instances; use Modify Attribute",
                    new.name.key()
                ),
            ));
        }
        if let Some(a) = m.attrs.iter_mut().find(|a| a.name == new.name) {
            a.value = new.value.clone();
        } else {
            m.attrs.push(new.clone());
        }
        Ok(())
    })?;
    Ok(uid_payload(&uid))
}
