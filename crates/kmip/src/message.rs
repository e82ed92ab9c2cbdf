//! Request and response messages: headers, batch items and their encoding.

use keyhaven_ttlv::{Item, Value};
use zeroize::Zeroizing;

use crate::enums::{batch_error_continuation_option as beco, credential_type, result_status};
use crate::error::{KmipError, Reason};
use crate::tag;
use crate::version::ProtocolVersion;

/// A Username and Password credential from the request header.
#[derive(Clone)]
pub struct Credential {
    pub username: String,
    pub password: Option<Zeroizing<String>>,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// What to do with the rest of a batch after a failed item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContinuationOption {
    /// Stop at the first failure; later items are not answered (the default).
    Stop,
    /// Carry on with the next item.
    Continue,
    /// Stop and undo the items before the failed one (they are answered Operation Undone).
    Undo,
}

/// The request header as this server uses it.
#[derive(Clone, Debug)]
pub struct RequestHeader {
    pub version: ProtocolVersion,
    pub max_response_size: Option<i32>,
    pub asynchronous: bool,
    pub credentials: Vec<Credential>,
    pub continuation: ContinuationOption,
    pub batch_count: i32,
    /// Client Correlation Value (1.4 and later), echoed in the response header.
    pub client_correlation: Option<String>,
    /// Ticket Values of Ticket credentials (2.0 and later; from Login or Delegated Login).
    pub tickets: Vec<Zeroizing<Vec<u8>>>,
}

/// One operation of a request.
#[derive(Clone, Debug)]
pub struct RequestBatchItem {
    pub operation: u32,
    /// Exactly as sent; echoed as bytes.
    pub unique_batch_item_id: Option<Vec<u8>>,
    /// The Request Payload structure (an empty structure when absent).
    pub payload: Item,
    /// The Vendor Identification of a Message Extension marked critical (Criticality Indicator
    /// true). This server understands no extension, so such an item is refused (Feature Not
    /// Supported); a non-critical extension is ignored, as the spec allows.
    pub critical_extension: Option<String>,
}

/// A decoded request message.
#[derive(Clone, Debug)]
pub struct RequestMessage {
    pub header: RequestHeader,
    pub items: Vec<RequestBatchItem>,
}

/// Reads just the protocol version of a message, if it has one, so that even an invalid message can
/// be answered in the client's version.
pub fn peek_version(msg: &Item) -> Option<ProtocolVersion> {
    let header = msg.child(tag::REQUEST_HEADER)?;
    ProtocolVersion::from_item(header.child(tag::PROTOCOL_VERSION)?)
}

fn invalid(msg: impl Into<String>) -> KmipError {
    KmipError::new(Reason::InvalidMessage, msg)
}

impl RequestMessage {
    /// Parses a Request Message. Errors are Invalid Message: the message cannot be answered item by
    /// item and the connection should be closed after the error response.
    pub fn parse(msg: &Item) -> Result<RequestMessage, KmipError> {
        if msg.tag != tag::REQUEST_MESSAGE {
            return Err(invalid(format!(
                "expected a Request Message, got tag 0x{:06X}",
                msg.tag
            )));
        }
        let mut children = msg.items().iter();
        let header_item = children
            .next()
            .filter(|i| i.tag == tag::REQUEST_HEADER)
            .ok_or_else(|| invalid("the Request Message does not start with a Request Header"))?;
        let header = parse_header(header_item)?;
        let mut items = Vec::new();
        for bi in children {
            if bi.tag != tag::BATCH_ITEM {
                return Err(invalid(format!(
                    "unexpected tag 0x{:06X} in the Request Message",
                    bi.tag
                )));
            }
            items.push(parse_batch_item(bi)?);
        }
        if items.is_empty() {
            return Err(invalid("the request has no Batch Item"));
        }
        if header.batch_count < 0 || header.batch_count as usize != items.len() {
            return Err(invalid(format!(
                "Batch Count is {} but the message holds {} batch items",
                header.batch_count,
                items.len()
            )));
        }
        if items.len() > 1 && items.iter().any(|i| i.unique_batch_item_id.is_none()) {
            return Err(invalid(
                "a request with several batch items needs a Unique Batch Item ID on each",
            ));
        }
        Ok(RequestMessage { header, items })
    }
}

fn parse_header(h: &Item) -> Result<RequestHeader, KmipError> {
    let version = h
        .child(tag::PROTOCOL_VERSION)
        .and_then(ProtocolVersion::from_item)
        .ok_or_else(|| invalid("the Request Header lacks a valid Protocol Version"))?;
    let batch_count = h
        .child(tag::BATCH_COUNT)
        .and_then(Item::as_int)
        .ok_or_else(|| invalid("the Request Header lacks Batch Count"))?;
    let max_response_size = match h.child(tag::MAXIMUM_RESPONSE_SIZE) {
        Some(i) => Some(
            i.as_int()
                .ok_or_else(|| invalid("Maximum Response Size must be an Integer"))?,
        ),
        None => None,
    };
    let asynchronous = h
        .child(tag::ASYNCHRONOUS_INDICATOR)
        .and_then(Item::as_bool)
        .unwrap_or(false);
    let continuation = match h
        .child(tag::BATCH_ERROR_CONTINUATION_OPTION)
        .map(Item::as_enum)
    {
        None => ContinuationOption::Stop,
        Some(Some(beco::CONTINUE)) => ContinuationOption::Continue,
        Some(Some(beco::STOP)) => ContinuationOption::Stop,
        Some(Some(beco::UNDO)) => ContinuationOption::Undo,
        Some(_) => return Err(invalid("unknown Batch Error Continuation Option")),
    };
    let client_correlation = h
        .child(tag::CLIENT_CORRELATION_VALUE)
        .and_then(Item::as_text)
        .map(str::to_owned);
    let mut credentials = Vec::new();
    let mut tickets = Vec::new();
    if let Some(auth) = h.child(tag::AUTHENTICATION) {
        for cred in auth.children(tag::CREDENTIAL) {
            let ctype = cred.child(tag::CREDENTIAL_TYPE).and_then(Item::as_enum);
            let value = cred.child(tag::CREDENTIAL_VALUE);
            if ctype == Some(credential_type::USERNAME_AND_PASSWORD) {
                let value =
                    value.ok_or_else(|| invalid("a Credential lacks its Credential Value"))?;
                let username = value
                    .child(tag::USERNAME)
                    .and_then(Item::as_text)
                    .ok_or_else(|| {
                        invalid("a Username and Password credential lacks the Username")
                    })?
                    .to_owned();
                let password = value
                    .child(tag::PASSWORD)
                    .and_then(Item::as_text)
                    .map(|p| Zeroizing::new(p.to_owned()));
                credentials.push(Credential { username, password });
            } else if ctype == Some(credential_type::TICKET) {
                let value =
                    value.ok_or_else(|| invalid("a Credential lacks its Credential Value"))?;
                // The Ticket's fields, directly in the Credential Value or inside a Ticket.
                let t = value.child(tag::TICKET).unwrap_or(value);
                let v = t
                    .child(tag::TICKET_VALUE)
                    .and_then(Item::as_bytes)
                    .ok_or_else(|| invalid("a Ticket credential lacks its Ticket Value"))?;
                tickets.push(Zeroizing::new(v.to_vec()));
            }
        }
    }
    Ok(RequestHeader {
        version,
        max_response_size,
        asynchronous,
        credentials,
        tickets,
        continuation,
        batch_count,
        client_correlation,
    })
}

fn parse_batch_item(bi: &Item) -> Result<RequestBatchItem, KmipError> {
    let operation = bi
        .child(tag::OPERATION)
        .and_then(Item::as_enum)
        .ok_or_else(|| invalid("a Batch Item lacks its Operation"))?;
    let unique_batch_item_id = match bi.child(tag::UNIQUE_BATCH_ITEM_ID) {
        Some(i) => Some(
            i.as_bytes()
                .ok_or_else(|| invalid("Unique Batch Item ID must be a Byte String"))?
                .to_vec(),
        ),
        None => None,
    };
    let payload = match bi.child(tag::REQUEST_PAYLOAD) {
        Some(p) if matches!(p.value, Value::Structure(_)) => p.clone(),
        Some(_) => return Err(invalid("Request Payload must be a Structure")),
        None => Item::structure(tag::REQUEST_PAYLOAD, Vec::new()),
    };
    let critical_extension = match bi.child(tag::MESSAGE_EXTENSION) {
        Some(ext) => {
            let critical = ext
                .child(tag::CRITICALITY_INDICATOR)
                .and_then(Item::as_bool)
                .ok_or_else(|| invalid("a Message Extension lacks its Criticality Indicator"))?;
            critical.then(|| {
                ext.child(tag::VENDOR_IDENTIFICATION)
                    .and_then(Item::as_text)
                    .unwrap_or_default()
                    .to_owned()
            })
        }
        None => None,
    };
    Ok(RequestBatchItem {
        operation,
        unique_batch_item_id,
        payload,
        critical_extension,
    })
}

/// One answered operation.
#[derive(Clone, Debug)]
pub struct ResponseBatchItem {
    pub operation: Option<u32>,
    pub unique_batch_item_id: Option<Vec<u8>>,
    pub outcome: Result<Option<Item>, KmipError>,
    /// A successful item undone because a later item of its Undo batch failed (Operation Undone).
    pub undone: bool,
    /// An item accepted for asynchronous processing (Operation Pending): its Asynchronous
    /// Correlation Value.
    pub pending: Option<Vec<u8>>,
}

impl ResponseBatchItem {
    pub fn success(operation: u32, id: Option<Vec<u8>>, payload: Item) -> Self {
        Self {
            operation: Some(operation),
            unique_batch_item_id: id,
            outcome: Ok(Some(payload)),
            undone: false,
            pending: None,
        }
    }
    pub fn failure(operation: Option<u32>, id: Option<Vec<u8>>, err: KmipError) -> Self {
        Self {
            operation,
            unique_batch_item_id: id,
            outcome: Err(err),
            undone: false,
            pending: None,
        }
    }
    fn to_item(&self, v: ProtocolVersion) -> Item {
        let mut c = Vec::with_capacity(5);
        if let Some(op) = self.operation {
            c.push(Item::enumeration(tag::OPERATION, op));
        }
        if let Some(id) = &self.unique_batch_item_id {
            c.push(Item::bytes(tag::UNIQUE_BATCH_ITEM_ID, id.clone()));
        }
        if let Some(corr) = &self.pending {
            c.push(Item::enumeration(
                tag::RESULT_STATUS,
                result_status::OPERATION_PENDING,
            ));
            c.push(Item::bytes(
                tag::ASYNCHRONOUS_CORRELATION_VALUE,
                corr.clone(),
            ));
            return Item::structure(tag::BATCH_ITEM, c);
        }
        match &self.outcome {
            Ok(payload) => {
                c.push(Item::enumeration(
                    tag::RESULT_STATUS,
                    if self.undone {
                        result_status::OPERATION_UNDONE
                    } else {
                        result_status::SUCCESS
                    },
                ));
                if let Some(p) = payload {
                    let mut p = p.clone();
                    p.tag = tag::RESPONSE_PAYLOAD;
                    c.push(p);
                }
            }
            Err(e) => {
                c.push(Item::enumeration(
                    tag::RESULT_STATUS,
                    result_status::OPERATION_FAILED,
                ));
                c.push(Item::enumeration(tag::RESULT_REASON, e.reason.code_for(v)));
                c.push(Item::text(tag::RESULT_MESSAGE, e.message.clone()));
            }
        }
        Item::structure(tag::BATCH_ITEM, c)
    }
}

/// A response message in the version of its request.
#[derive(Clone, Debug)]
pub struct ResponseMessage {
    pub version: ProtocolVersion,
    pub time_stamp: i64,
    pub client_correlation: Option<String>,
    pub items: Vec<ResponseBatchItem>,
}

impl ResponseMessage {
    pub fn to_item(&self) -> Item {
        let mut header = vec![
            self.version.to_item(),
            Item::datetime(tag::TIME_STAMP, self.time_stamp),
        ];
        if let Some(cc) = &self.client_correlation {
            if self.version >= ProtocolVersion::V1_4 {
                header.push(Item::text(tag::CLIENT_CORRELATION_VALUE, cc.clone()));
            }
        }
        header.push(Item::int(tag::BATCH_COUNT, self.items.len() as i32));
        let mut c = Vec::with_capacity(self.items.len() + 1);
        c.push(Item::structure(tag::RESPONSE_HEADER, header));
        c.extend(self.items.iter().map(|i| i.to_item(self.version)));
        Item::structure(tag::RESPONSE_MESSAGE, c)
    }

    /// A message answering an unparsable request: one failed batch item.
    pub fn invalid_message(version: ProtocolVersion, time_stamp: i64, err: KmipError) -> Self {
        ResponseMessage {
            version,
            time_stamp,
            client_correlation: None,
            items: vec![ResponseBatchItem::failure(None, None, err)],
        }
    }
}
