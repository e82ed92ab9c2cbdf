//! Response messages read into batch results.

use keyhaven_kmip::enums::{enum_value_name, result_status};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::Item;

use super::{ClientError, ClientResult};

/// One batch item of a response.
#[derive(Clone, Debug)]
pub struct BatchResult {
    pub operation: Option<u32>,
    pub status: u32,
    pub reason: Option<u32>,
    pub message: Option<String>,
    pub payload: Option<Item>,
}

impl BatchResult {
    pub fn is_success(&self) -> bool {
        self.status == result_status::SUCCESS
    }

    /// The payload of a successful item (an empty Response Payload when none was sent), or the
    /// failure as [`ClientError::Operation`].
    pub fn into_payload(self) -> ClientResult<Item> {
        if self.is_success() {
            return Ok(self
                .payload
                .unwrap_or_else(|| Item::structure(tag::RESPONSE_PAYLOAD, vec![])));
        }
        let name = |t, v| enum_value_name(t, v).map_or_else(|| format!("0x{v:08X}"), str::to_owned);
        Err(ClientError::Operation {
            operation: self
                .operation
                .map_or_else(|| "request".into(), |o| name(tag::OPERATION, o)),
            reason: match self.reason {
                Some(r) => name(tag::RESULT_REASON, r),
                None => name(tag::RESULT_STATUS, self.status),
            },
            message: self.message.unwrap_or_default(),
        })
    }
}

/// A response message.
#[derive(Clone, Debug)]
pub struct ResponseMessage {
    pub version: ProtocolVersion,
    pub items: Vec<BatchResult>,
}

impl ResponseMessage {
    /// Reads a Response Message tree.
    pub fn parse(item: &Item) -> ClientResult<ResponseMessage> {
        if item.tag != tag::RESPONSE_MESSAGE {
            return Err(ClientError::Protocol(format!(
                "expected a Response Message, got tag 0x{:06X}",
                item.tag
            )));
        }
        let header = item
            .child(tag::RESPONSE_HEADER)
            .ok_or_else(|| ClientError::Protocol("no Response Header".into()))?;
        let version = header
            .child(tag::PROTOCOL_VERSION)
            .and_then(ProtocolVersion::from_item)
            .ok_or_else(|| ClientError::Protocol("no Protocol Version in the header".into()))?;
        let mut items = Vec::new();
        for bi in item.children(tag::BATCH_ITEM) {
            let status = bi
                .child(tag::RESULT_STATUS)
                .and_then(Item::as_enum)
                .ok_or_else(|| {
                    ClientError::Protocol("a batch item without Result Status".into())
                })?;
            items.push(BatchResult {
                operation: bi.child(tag::OPERATION).and_then(Item::as_enum),
                status,
                reason: bi.child(tag::RESULT_REASON).and_then(Item::as_enum),
                message: bi
                    .child(tag::RESULT_MESSAGE)
                    .and_then(Item::as_text)
                    .map(str::to_owned),
                payload: bi.child(tag::RESPONSE_PAYLOAD).cloned(),
            });
        }
        Ok(ResponseMessage { version, items })
    }

    /// The only batch item (an error when there is not exactly one).
    pub fn single(self) -> ClientResult<BatchResult> {
        let n = self.items.len();
        let mut it = self.items.into_iter();
        match (it.next(), n) {
            (Some(bi), 1) => Ok(bi),
            _ => Err(ClientError::Protocol(format!(
                "expected one batch item, got {n}"
            ))),
        }
    }
}

/// The Unique Identifier of a response payload.
pub fn unique_identifier(payload: &Item) -> Option<&str> {
    payload
        .child(tag::UNIQUE_IDENTIFIER)
        .and_then(Item::as_text)
}

/// Every Unique Identifier of a payload (Locate).
pub fn unique_identifiers(payload: &Item) -> Vec<&str> {
    payload
        .children(tag::UNIQUE_IDENTIFIER)
        .filter_map(Item::as_text)
        .collect()
}

/// The State attribute in a Get Attributes response payload, either spelling.
pub fn state_attribute(payload: &Item) -> Option<u32> {
    if let Some(s) = payload
        .child(tag::ATTRIBUTES)
        .and_then(|a| a.child(tag::STATE))
        .and_then(Item::as_enum)
    {
        return Some(s);
    }
    payload
        .children(tag::ATTRIBUTE)
        .find(|a| a.child(tag::ATTRIBUTE_NAME).and_then(Item::as_text) == Some("State"))
        .and_then(|a| a.child(tag::ATTRIBUTE_VALUE))
        .and_then(Item::as_enum)
}

/// The Key Material bytes of a Get response for a symmetric key in Raw or Transparent format.
pub fn key_material(payload: &Item) -> Option<&[u8]> {
    let kv = payload
        .child(tag::SYMMETRIC_KEY)?
        .child(tag::KEY_BLOCK)?
        .child(tag::KEY_VALUE)?;
    let km = kv.child(tag::KEY_MATERIAL)?;
    km.as_bytes()
        .or_else(|| km.child(tag::KEY).and_then(Item::as_bytes))
}
