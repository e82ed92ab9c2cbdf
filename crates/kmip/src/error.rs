//! Errors a KMIP operation answers with: a reason, mapped to the Result Reason enumeration of the
//! version the client speaks, and a message a person can act on.

use crate::version::ProtocolVersion;

/// Why an operation failed, independent of protocol version. [`Reason::code_for`] picks the Result
/// Reason value the client's version defines: a 1.x client never sees a 2.x-only value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    ItemNotFound,
    ResponseTooLarge,
    AuthenticationNotSuccessful,
    InvalidMessage,
    OperationNotSupported,
    MissingData,
    InvalidField,
    FeatureNotSupported,
    CryptographicFailure,
    IllegalOperation,
    PermissionDenied,
    IndexOutOfBounds,
    KeyFormatTypeNotSupported,
    KeyCompressionTypeNotSupported,
    ObjectAlreadyExists,
    // Reasons that KMIP 2.x names precisely; 1.x clients get the closest 1.x value.
    WrongKeyLifecycleState,
    AttributeNotFound,
    AttributeReadOnly,
    AttributeSingleValued,
    InvalidAttributeValue,
    InvalidObjectType,
    ObjectDestroyed,
    UnsupportedProtocolVersion,
    ServerLimitExceeded,
    UnsupportedCryptographicParameters,
    InternalServerError,
    GeneralFailure,
    /// The key's Cryptographic Usage Mask does not allow the operation (1.x: Permission Denied).
    IncompatibleCryptographicUsageMask,
    /// The object is archived: Recover it first.
    ObjectArchived,
    /// No managed object has that identifier (2.x: Object Not Found; 1.x: Item Not Found).
    ObjectNotFound,
    /// The object is Sensitive: its key material is not returned in the clear (1.4; before: Permission Denied).
    Sensitive,
    /// The object is not Extractable (1.4; before: Permission Denied).
    NotExtractable,
    /// The Name is already used (2.x; 1.x: Permission Denied).
    NonUniqueNameAttribute,
    /// The object has no Key Value on this server (1.2 and later; before: General Failure).
    KeyValueNotPresent,
    /// The Encoding Option cannot be applied (1.1 and later; before: General Failure).
    EncodingOptionError,
    /// The Ticket is unknown, expired, used up or another client's (2.x).
    InvalidTicket,
    /// A number left its type's range (2.x; 1.x: Invalid Field).
    NumericRange,
    /// No outstanding asynchronous request has that Asynchronous Correlation Value (1.x: Item Not Found).
    InvalidAsynchronousCorrelationValue,
    /// The new object breaks one of the tenant's constraints (Set Constraints; 2.1 Constraint
    /// Violation, before 2.1: Permission Denied).
    ConstraintViolation,
}

impl Reason {
    /// The KMIP 2.x Result Reason value.
    fn code_2x(self) -> u32 {
        match self {
            Reason::ItemNotFound => 0x01,
            Reason::ResponseTooLarge => 0x02,
            Reason::AuthenticationNotSuccessful => 0x03,
            Reason::InvalidMessage => 0x04,
            Reason::OperationNotSupported => 0x05,
            Reason::MissingData => 0x06,
            Reason::InvalidField => 0x07,
            Reason::FeatureNotSupported => 0x08,
            Reason::CryptographicFailure => 0x0A,
            Reason::IllegalOperation => 0x0B,
            Reason::PermissionDenied => 0x0C,
            Reason::IndexOutOfBounds => 0x0E,
            Reason::KeyFormatTypeNotSupported => 0x10,
            Reason::KeyCompressionTypeNotSupported => 0x11,
            Reason::ObjectAlreadyExists => 0x18,
            Reason::AttributeReadOnly => 0x22,
            Reason::AttributeSingleValued => 0x23,
            Reason::InvalidAttributeValue => 0x2D,
            Reason::InvalidObjectType => 0x30,
            Reason::AttributeNotFound => 0x21,
            Reason::ObjectDestroyed => 0x36,
            Reason::ServerLimitExceeded => 0x3A,
            Reason::UnsupportedCryptographicParameters => 0x3E,
            Reason::UnsupportedProtocolVersion => 0x3F,
            Reason::WrongKeyLifecycleState => 0x43,
            Reason::InternalServerError => 0x2A,
            Reason::GeneralFailure => 0x100,
            Reason::IncompatibleCryptographicUsageMask => 0x29,
            Reason::ObjectArchived => 0x0D,
            Reason::ObjectNotFound => 0x37,
            Reason::Sensitive => 0x16,
            Reason::NotExtractable => 0x17,
            Reason::NonUniqueNameAttribute => 0x35,
            Reason::KeyValueNotPresent => 0x13,
            Reason::EncodingOptionError => 0x12,
            Reason::InvalidTicket => 0x19,
            Reason::NumericRange => 0x1B,
            Reason::InvalidAsynchronousCorrelationValue => 0x2B,
            Reason::ConstraintViolation => 0x4B,
        }
    }

    /// The closest Result Reason a 1.x client knows.
    fn code_1x(self, v: ProtocolVersion) -> u32 {
        match self {
            Reason::ObjectAlreadyExists if v >= ProtocolVersion::V1_4 => 0x18,
            Reason::ObjectAlreadyExists => 0x0B,
            Reason::WrongKeyLifecycleState => 0x0C, // 1.x: "Object is not in Pre-Active state" is Permission Denied
            Reason::AttributeReadOnly | Reason::AttributeSingleValued => 0x0C,
            Reason::AttributeNotFound | Reason::ObjectDestroyed => 0x01,
            Reason::InvalidAttributeValue | Reason::InvalidObjectType => 0x07,
            Reason::UnsupportedProtocolVersion => 0x04,
            Reason::ServerLimitExceeded => 0x100,
            Reason::UnsupportedCryptographicParameters => 0x07,
            Reason::InternalServerError => 0x100,
            Reason::IncompatibleCryptographicUsageMask => 0x0C,
            Reason::ObjectNotFound => 0x01,
            Reason::NumericRange => 0x07,
            Reason::InvalidAsynchronousCorrelationValue => 0x01,
            Reason::ConstraintViolation => 0x0C,
            Reason::Sensitive if v >= ProtocolVersion::V1_4 => 0x16,
            Reason::NotExtractable if v >= ProtocolVersion::V1_4 => 0x17,
            Reason::Sensitive | Reason::NotExtractable | Reason::NonUniqueNameAttribute => 0x0C,
            other => other.code_2x(),
        }
    }

    /// The Result Reason value for a client speaking `v`.
    pub fn code_for(self, v: ProtocolVersion) -> u32 {
        let code = match (self, v.is_2x()) {
            // Reserved in 2.x: the closest 2.x reasons.
            (Reason::IllegalOperation, true) => 0x43,
            (Reason::IndexOutOfBounds, true) => 0x20,
            // Constraint Violation is 2.1's; a 2.0 client is told Permission Denied.
            (Reason::ConstraintViolation, true) if v < ProtocolVersion::V2_1 => 0x0C,
            (_, true) => self.code_2x(),
            (_, false) => self.code_1x(v),
        };
        // Safety net: never a value the client's version does not define.
        if crate::enums::result_reason_in_version(code, v.major, v.minor) {
            code
        } else {
            0x100
        }
    }
}

/// An operation's failure: the reason and a message for the Result Message field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{reason:?}: {message}")]
pub struct KmipError {
    pub reason: Reason,
    pub message: String,
}

impl KmipError {
    pub fn new(reason: Reason, message: impl Into<String>) -> Self {
        Self {
            reason,
            message: message.into(),
        }
    }
    pub fn missing(what: &str) -> Self {
        Self::new(Reason::MissingData, format!("the request lacks {what}"))
    }
    pub fn invalid(what: impl Into<String>) -> Self {
        Self::new(Reason::InvalidField, what)
    }
    pub fn not_found(uid: &str) -> Self {
        Self::new(
            Reason::ObjectNotFound,
            format!("no object with unique identifier {uid}"),
        )
    }
}

pub type KmipResult<T> = Result<T, KmipError>;

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Reason; 34] = [
        Reason::ItemNotFound,
        Reason::ResponseTooLarge,
        Reason::AuthenticationNotSuccessful,
        Reason::InvalidMessage,
        Reason::OperationNotSupported,
        Reason::MissingData,
        Reason::InvalidField,
        Reason::FeatureNotSupported,
        Reason::CryptographicFailure,
        Reason::IllegalOperation,
        Reason::PermissionDenied,
        Reason::IndexOutOfBounds,
        Reason::KeyFormatTypeNotSupported,
        Reason::KeyCompressionTypeNotSupported,
        Reason::ObjectAlreadyExists,
        Reason::WrongKeyLifecycleState,
        Reason::AttributeNotFound,
        Reason::AttributeReadOnly,
        Reason::AttributeSingleValued,
        Reason::InvalidAttributeValue,
        Reason::InvalidObjectType,
        Reason::ObjectDestroyed,
        Reason::UnsupportedProtocolVersion,
        Reason::ServerLimitExceeded,
        Reason::UnsupportedCryptographicParameters,
        Reason::InternalServerError,
        Reason::GeneralFailure,
        Reason::IncompatibleCryptographicUsageMask,
        Reason::ObjectArchived,
        Reason::ObjectNotFound,
        Reason::Sensitive,
        Reason::NotExtractable,
        Reason::NonUniqueNameAttribute,
        Reason::ConstraintViolation,
    ];

    #[test]
    fn every_reason_maps_to_a_value_of_every_version() {
        for v in ProtocolVersion::SUPPORTED {
            for r in ALL {
                let code = r.code_for(v);
                assert!(
                    crate::enums::result_reason_in_version(code, v.major, v.minor),
                    "{r:?} -> 0x{code:X} in {v}"
                );
            }
        }
    }

    #[test]
    fn precise_2x_reasons_reach_2x_clients_only() {
        assert_eq!(
            Reason::WrongKeyLifecycleState.code_for(ProtocolVersion::V2_1),
            0x43
        );
        assert_eq!(
            Reason::WrongKeyLifecycleState.code_for(ProtocolVersion::V1_1),
            0x0C
        );
        assert_eq!(
            Reason::ObjectAlreadyExists.code_for(ProtocolVersion::V1_4),
            0x18
        );
        assert_eq!(
            Reason::ObjectAlreadyExists.code_for(ProtocolVersion::V1_2),
            0x0B
        );
        assert_eq!(
            Reason::AttributeNotFound.code_for(ProtocolVersion::V1_0),
            0x01
        );
        assert_eq!(
            Reason::ConstraintViolation.code_for(ProtocolVersion::V2_1),
            0x4B
        );
        assert_eq!(
            Reason::ConstraintViolation.code_for(ProtocolVersion::V2_0),
            0x0C
        );
        assert_eq!(
            Reason::ConstraintViolation.code_for(ProtocolVersion::V1_4),
            0x0C
        );
    }
}
