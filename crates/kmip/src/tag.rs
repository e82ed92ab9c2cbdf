//! KMIP tag numbers for every tag defined by the KMIP specifications 1.0 to 2.1.
//!
//! Generated from the tag tables of the OASIS specifications (section 9.1.3.1 "Tags" of 1.x,
//! section 11.56 "Tag Enumeration" of 2.x). Each constant is the SCREAMING_SNAKE form of the
//! specification's name; its documentation gives the specification spelling and the versions
//! whose tag table lists it.
//!
//! No tag number was ever renamed between versions. The 1.0 certificate tags (`Certificate
//! Identifier`, `Certificate Subject`, `Certificate Issuer`, `Issuer`, `Serial Number`, ...) were
//! deprecated in 1.1 in favour of *new* tag numbers (`X.509 Certificate Identifier` 0x4200B5,
//! `Certificate Serial Number` 0x4200AF, `Issuer Distinguished Name` 0x4200B2, ...), and 2.0 turned
//! them, together with the Template / Template-Attribute family, `Attribute Index`,
//! `Operation Policy Name` and `Custom Attribute`, into "(Reserved)" entries. Those numbers keep
//! their 1.x constants here; [`tag_in_version`] reports them as absent from 2.x.
//!
//! Names used by [`tag_name`] / [`tag_by_name`] are the ones of the KMIP XML and JSON message
//! encodings (and of the OASIS XML test cases): the specification name with spaces removed, each
//! word capitalised, `/` dropped and other punctuation between digits or capitals turned into `_`
//! (`UniqueBatchItemID`, `IVCounterNonce`, `X_509CertificateIdentifier`, `PKCS_11Function`).

/// Bit of `(major, minor)` in the version masks used by this module
/// (bit 0 = 1.0, 1 = 1.1, 2 = 1.2, 3 = 1.3, 4 = 1.4, 5 = 2.0, 6 = 2.1); 0 for any other version.
const fn version_bit(major: i32, minor: i32) -> u8 {
    match (major, minor) {
        (1, 0) => 1,
        (1, 1) => 1 << 1,
        (1, 2) => 1 << 2,
        (1, 3) => 1 << 3,
        (1, 4) => 1 << 4,
        (2, 0) => 1 << 5,
        (2, 1) => 1 << 6,
        _ => 0,
    }
}

/// "Activation Date" (1.0–2.1).
pub const ACTIVATION_DATE: u32 = 0x420001;
/// "Application Data" (1.0–2.1).
pub const APPLICATION_DATA: u32 = 0x420002;
/// "Application Namespace" (1.0–2.1).
pub const APPLICATION_NAMESPACE: u32 = 0x420003;
/// "Application Specific Information" (1.0–2.1).
pub const APPLICATION_SPECIFIC_INFORMATION: u32 = 0x420004;
/// "Archive Date" (1.0–2.1).
pub const ARCHIVE_DATE: u32 = 0x420005;
/// "Asynchronous Correlation Value" (1.0–2.1).
pub const ASYNCHRONOUS_CORRELATION_VALUE: u32 = 0x420006;
/// "Asynchronous Indicator" (1.0–2.1).
pub const ASYNCHRONOUS_INDICATOR: u32 = 0x420007;
/// "Attribute" (1.0–2.1).
pub const ATTRIBUTE: u32 = 0x420008;
/// "Attribute Index" (1.0–1.4); "(Reserved)" from 2.0.
pub const ATTRIBUTE_INDEX: u32 = 0x420009;
/// "Attribute Name" (1.0–2.1).
pub const ATTRIBUTE_NAME: u32 = 0x42000A;
/// "Attribute Value" (1.0–2.1).
pub const ATTRIBUTE_VALUE: u32 = 0x42000B;
/// "Authentication" (1.0–2.1).
pub const AUTHENTICATION: u32 = 0x42000C;
/// "Batch Count" (1.0–2.1).
pub const BATCH_COUNT: u32 = 0x42000D;
/// "Batch Error Continuation Option" (1.0–2.1).
pub const BATCH_ERROR_CONTINUATION_OPTION: u32 = 0x42000E;
/// "Batch Item" (1.0–2.1).
pub const BATCH_ITEM: u32 = 0x42000F;
/// "Batch Order Option" (1.0–2.1).
pub const BATCH_ORDER_OPTION: u32 = 0x420010;
/// "Block Cipher Mode" (1.0–2.1).
pub const BLOCK_CIPHER_MODE: u32 = 0x420011;
/// "Cancellation Result" (1.0–2.1).
pub const CANCELLATION_RESULT: u32 = 0x420012;
/// "Certificate" (1.0–2.1).
pub const CERTIFICATE: u32 = 0x420013;
/// "Certificate Identifier" (1.0–1.4); marked "deprecated as of version 1.1" in the 1.x tag table; "(Reserved)" from 2.0.
pub const CERTIFICATE_IDENTIFIER: u32 = 0x420014;
/// "Certificate Issuer" (1.0–1.4); marked "deprecated as of version 1.1" in the 1.x tag table; "(Reserved)" from 2.0.
pub const CERTIFICATE_ISSUER: u32 = 0x420015;
/// "Certificate Issuer Alternative Name" (1.0–1.4); marked "deprecated as of version 1.1" in the 1.x tag table; "(Reserved)" from 2.0.
pub const CERTIFICATE_ISSUER_ALTERNATIVE_NAME: u32 = 0x420016;
/// "Certificate Issuer Distinguished Name" (1.0–1.4); marked "deprecated as of version 1.1" in the 1.x tag table; "(Reserved)" from 2.0.
pub const CERTIFICATE_ISSUER_DISTINGUISHED_NAME: u32 = 0x420017;
/// "Certificate Request" (1.0–2.1).
pub const CERTIFICATE_REQUEST: u32 = 0x420018;
/// "Certificate Request Type" (1.0–2.1).
pub const CERTIFICATE_REQUEST_TYPE: u32 = 0x420019;
/// "Certificate Subject" (1.0–1.4); marked "deprecated as of version 1.1" in the 1.x tag table; "(Reserved)" from 2.0.
pub const CERTIFICATE_SUBJECT: u32 = 0x42001A;
/// "Certificate Subject Alternative Name" (1.0–1.4); marked "deprecated as of version 1.1" in the 1.x tag table; "(Reserved)" from 2.0.
pub const CERTIFICATE_SUBJECT_ALTERNATIVE_NAME: u32 = 0x42001B;
/// "Certificate Subject Distinguished Name" (1.0–1.4); marked "deprecated as of version 1.1" in the 1.x tag table; "(Reserved)" from 2.0.
pub const CERTIFICATE_SUBJECT_DISTINGUISHED_NAME: u32 = 0x42001C;
/// "Certificate Type" (1.0–2.1).
pub const CERTIFICATE_TYPE: u32 = 0x42001D;
/// "Certificate Value" (1.0–2.1).
pub const CERTIFICATE_VALUE: u32 = 0x42001E;
/// "Common Template-Attribute" (1.0–1.4); "(Reserved)" from 2.0.
pub const COMMON_TEMPLATE_ATTRIBUTE: u32 = 0x42001F;
/// "Compromise Date" (1.0–2.1).
pub const COMPROMISE_DATE: u32 = 0x420020;
/// "Compromise Occurrence Date" (1.0–2.1).
pub const COMPROMISE_OCCURRENCE_DATE: u32 = 0x420021;
/// "Contact Information" (1.0–2.1).
pub const CONTACT_INFORMATION: u32 = 0x420022;
/// "Credential" (1.0–2.1).
pub const CREDENTIAL: u32 = 0x420023;
/// "Credential Type" (1.0–2.1).
pub const CREDENTIAL_TYPE: u32 = 0x420024;
/// "Credential Value" (1.0–2.1).
pub const CREDENTIAL_VALUE: u32 = 0x420025;
/// "Criticality Indicator" (1.0–2.1).
pub const CRITICALITY_INDICATOR: u32 = 0x420026;
/// "CRT Coefficient" (1.0–2.1).
pub const CRT_COEFFICIENT: u32 = 0x420027;
/// "Cryptographic Algorithm" (1.0–2.1).
pub const CRYPTOGRAPHIC_ALGORITHM: u32 = 0x420028;
/// "Cryptographic Domain Parameters" (1.0–2.1).
pub const CRYPTOGRAPHIC_DOMAIN_PARAMETERS: u32 = 0x420029;
/// "Cryptographic Length" (1.0–2.1).
pub const CRYPTOGRAPHIC_LENGTH: u32 = 0x42002A;
/// "Cryptographic Parameters" (1.0–2.1).
pub const CRYPTOGRAPHIC_PARAMETERS: u32 = 0x42002B;
/// "Cryptographic Usage Mask" (1.0–2.1).
pub const CRYPTOGRAPHIC_USAGE_MASK: u32 = 0x42002C;
/// "Custom Attribute" (1.0–1.4); "(Reserved)" from 2.0.
pub const CUSTOM_ATTRIBUTE: u32 = 0x42002D;
/// "D" (1.0–2.1).
pub const D: u32 = 0x42002E;
/// "Deactivation Date" (1.0–2.1).
pub const DEACTIVATION_DATE: u32 = 0x42002F;
/// "Derivation Data" (1.0–2.1).
pub const DERIVATION_DATA: u32 = 0x420030;
/// "Derivation Method" (1.0–2.1).
pub const DERIVATION_METHOD: u32 = 0x420031;
/// "Derivation Parameters" (1.0–2.1).
pub const DERIVATION_PARAMETERS: u32 = 0x420032;
/// "Destroy Date" (1.0–2.1).
pub const DESTROY_DATE: u32 = 0x420033;
/// "Digest" (1.0–2.1).
pub const DIGEST: u32 = 0x420034;
/// "Digest Value" (1.0–2.1).
pub const DIGEST_VALUE: u32 = 0x420035;
/// "Encryption Key Information" (1.0–2.1).
pub const ENCRYPTION_KEY_INFORMATION: u32 = 0x420036;
/// "G" (1.0–2.1).
pub const G: u32 = 0x420037;
/// "Hashing Algorithm" (1.0–2.1).
pub const HASHING_ALGORITHM: u32 = 0x420038;
/// "Initial Date" (1.0–2.1).
pub const INITIAL_DATE: u32 = 0x420039;
/// "Initialization Vector" (1.0–2.1).
pub const INITIALIZATION_VECTOR: u32 = 0x42003A;
/// "Issuer" (1.0–1.4); marked "deprecated as of version 1.1" in the 1.x tag table; "(Reserved)" from 2.0.
pub const ISSUER: u32 = 0x42003B;
/// "Iteration Count" (1.0–2.1).
pub const ITERATION_COUNT: u32 = 0x42003C;
/// "IV/Counter/Nonce" (1.0–2.1).
pub const IV_COUNTER_NONCE: u32 = 0x42003D;
/// "J" (1.0–2.1).
pub const J: u32 = 0x42003E;
/// "Key" (1.0–2.1).
pub const KEY: u32 = 0x42003F;
/// "Key Block" (1.0–2.1).
pub const KEY_BLOCK: u32 = 0x420040;
/// "Key Compression Type" (1.0–2.1).
pub const KEY_COMPRESSION_TYPE: u32 = 0x420041;
/// "Key Format Type" (1.0–2.1).
pub const KEY_FORMAT_TYPE: u32 = 0x420042;
/// "Key Material" (1.0–2.1).
pub const KEY_MATERIAL: u32 = 0x420043;
/// "Key Part Identifier" (1.0–2.1).
pub const KEY_PART_IDENTIFIER: u32 = 0x420044;
/// "Key Value" (1.0–2.1).
pub const KEY_VALUE: u32 = 0x420045;
/// "Key Wrapping Data" (1.0–2.1).
pub const KEY_WRAPPING_DATA: u32 = 0x420046;
/// "Key Wrapping Specification" (1.0–2.1).
pub const KEY_WRAPPING_SPECIFICATION: u32 = 0x420047;
/// "Last Change Date" (1.0–2.1).
pub const LAST_CHANGE_DATE: u32 = 0x420048;
/// "Lease Time" (1.0–2.1).
pub const LEASE_TIME: u32 = 0x420049;
/// "Link" (1.0–2.1).
pub const LINK: u32 = 0x42004A;
/// "Link Type" (1.0–2.1).
pub const LINK_TYPE: u32 = 0x42004B;
/// "Linked Object Identifier" (1.0–2.1).
pub const LINKED_OBJECT_IDENTIFIER: u32 = 0x42004C;
/// "MAC/Signature" (1.0–2.1).
pub const MAC_SIGNATURE: u32 = 0x42004D;
/// "MAC/Signature Key Information" (1.0–2.1).
pub const MAC_SIGNATURE_KEY_INFORMATION: u32 = 0x42004E;
/// "Maximum Items" (1.0–2.1).
pub const MAXIMUM_ITEMS: u32 = 0x42004F;
/// "Maximum Response Size" (1.0–2.1).
pub const MAXIMUM_RESPONSE_SIZE: u32 = 0x420050;
/// "Message Extension" (1.0–2.1).
pub const MESSAGE_EXTENSION: u32 = 0x420051;
/// "Modulus" (1.0–2.1).
pub const MODULUS: u32 = 0x420052;
/// "Name" (1.0–2.1).
pub const NAME: u32 = 0x420053;
/// "Name Type" (1.0–2.1).
pub const NAME_TYPE: u32 = 0x420054;
/// "Name Value" (1.0–2.1).
pub const NAME_VALUE: u32 = 0x420055;
/// "Object Group" (1.0–2.1).
pub const OBJECT_GROUP: u32 = 0x420056;
/// "Object Type" (1.0–2.1).
pub const OBJECT_TYPE: u32 = 0x420057;
/// "Offset" (1.0–2.1).
pub const OFFSET: u32 = 0x420058;
/// "Opaque Data Type" (1.0–2.1).
pub const OPAQUE_DATA_TYPE: u32 = 0x420059;
/// "Opaque Data Value" (1.0–2.1).
pub const OPAQUE_DATA_VALUE: u32 = 0x42005A;
/// "Opaque Object" (1.0–2.1).
pub const OPAQUE_OBJECT: u32 = 0x42005B;
/// "Operation" (1.0–2.1).
pub const OPERATION: u32 = 0x42005C;
/// "Operation Policy Name" (1.0–1.4); marked "deprecated" in the 1.x tag table; "(Reserved)" from 2.0.
pub const OPERATION_POLICY_NAME: u32 = 0x42005D;
/// "P" (1.0–2.1).
pub const P: u32 = 0x42005E;
/// "Padding Method" (1.0–2.1).
pub const PADDING_METHOD: u32 = 0x42005F;
/// "Prime Exponent P" (1.0–2.1).
pub const PRIME_EXPONENT_P: u32 = 0x420060;
/// "Prime Exponent Q" (1.0–2.1).
pub const PRIME_EXPONENT_Q: u32 = 0x420061;
/// "Prime Field Size" (1.0–2.1).
pub const PRIME_FIELD_SIZE: u32 = 0x420062;
/// "Private Exponent" (1.0–2.1).
pub const PRIVATE_EXPONENT: u32 = 0x420063;
/// "Private Key" (1.0–2.1).
pub const PRIVATE_KEY: u32 = 0x420064;
/// "Private Key Template-Attribute" (1.0–1.4); "(Reserved)" from 2.0.
pub const PRIVATE_KEY_TEMPLATE_ATTRIBUTE: u32 = 0x420065;
/// "Private Key Unique Identifier" (1.0–2.1).
pub const PRIVATE_KEY_UNIQUE_IDENTIFIER: u32 = 0x420066;
/// "Process Start Date" (1.0–2.1).
pub const PROCESS_START_DATE: u32 = 0x420067;
/// "Protect Stop Date" (1.0–2.1).
pub const PROTECT_STOP_DATE: u32 = 0x420068;
/// "Protocol Version" (1.0–2.1).
pub const PROTOCOL_VERSION: u32 = 0x420069;
/// "Protocol Version Major" (1.0–2.1).
pub const PROTOCOL_VERSION_MAJOR: u32 = 0x42006A;
/// "Protocol Version Minor" (1.0–2.1).
pub const PROTOCOL_VERSION_MINOR: u32 = 0x42006B;
/// "Public Exponent" (1.0–2.1).
pub const PUBLIC_EXPONENT: u32 = 0x42006C;
/// "Public Key" (1.0–2.1).
pub const PUBLIC_KEY: u32 = 0x42006D;
/// "Public Key Template-Attribute" (1.0–1.4); "(Reserved)" from 2.0.
pub const PUBLIC_KEY_TEMPLATE_ATTRIBUTE: u32 = 0x42006E;
/// "Public Key Unique Identifier" (1.0–2.1).
pub const PUBLIC_KEY_UNIQUE_IDENTIFIER: u32 = 0x42006F;
/// "Put Function" (1.0–2.1).
pub const PUT_FUNCTION: u32 = 0x420070;
/// "Q" (1.0–2.1).
pub const Q: u32 = 0x420071;
/// "Q String" (1.0–2.1).
pub const Q_STRING: u32 = 0x420072;
/// "Qlength" (1.0–2.1).
pub const QLENGTH: u32 = 0x420073;
/// "Query Function" (1.0–2.1).
pub const QUERY_FUNCTION: u32 = 0x420074;
/// "Recommended Curve" (1.0–2.1).
pub const RECOMMENDED_CURVE: u32 = 0x420075;
/// "Replaced Unique Identifier" (1.0–2.1).
pub const REPLACED_UNIQUE_IDENTIFIER: u32 = 0x420076;
/// "Request Header" (1.0–2.1).
pub const REQUEST_HEADER: u32 = 0x420077;
/// "Request Message" (1.0–2.1).
pub const REQUEST_MESSAGE: u32 = 0x420078;
/// "Request Payload" (1.0–2.1).
pub const REQUEST_PAYLOAD: u32 = 0x420079;
/// "Response Header" (1.0–2.1).
pub const RESPONSE_HEADER: u32 = 0x42007A;
/// "Response Message" (1.0–2.1).
pub const RESPONSE_MESSAGE: u32 = 0x42007B;
/// "Response Payload" (1.0–2.1).
pub const RESPONSE_PAYLOAD: u32 = 0x42007C;
/// "Result Message" (1.0–2.1).
pub const RESULT_MESSAGE: u32 = 0x42007D;
/// "Result Reason" (1.0–2.1).
pub const RESULT_REASON: u32 = 0x42007E;
/// "Result Status" (1.0–2.1).
pub const RESULT_STATUS: u32 = 0x42007F;
/// "Revocation Message" (1.0–2.1).
pub const REVOCATION_MESSAGE: u32 = 0x420080;
/// "Revocation Reason" (1.0–2.1).
pub const REVOCATION_REASON: u32 = 0x420081;
/// "Revocation Reason Code" (1.0–2.1).
pub const REVOCATION_REASON_CODE: u32 = 0x420082;
/// "Key Role Type" (1.0–2.1).
pub const KEY_ROLE_TYPE: u32 = 0x420083;
/// "Salt" (1.0–2.1).
pub const SALT: u32 = 0x420084;
/// "Secret Data" (1.0–2.1).
pub const SECRET_DATA: u32 = 0x420085;
/// "Secret Data Type" (1.0–2.1).
pub const SECRET_DATA_TYPE: u32 = 0x420086;
/// "Serial Number" (1.0–1.4); marked "deprecated as of version 1.1" in the 1.x tag table; "(Reserved)" from 2.0.
pub const SERIAL_NUMBER: u32 = 0x420087;
/// "Server Information" (1.0–2.1).
pub const SERVER_INFORMATION: u32 = 0x420088;
/// "Split Key" (1.0–2.1).
pub const SPLIT_KEY: u32 = 0x420089;
/// "Split Key Method" (1.0–2.1).
pub const SPLIT_KEY_METHOD: u32 = 0x42008A;
/// "Split Key Parts" (1.0–2.1).
pub const SPLIT_KEY_PARTS: u32 = 0x42008B;
/// "Split Key Threshold" (1.0–2.1).
pub const SPLIT_KEY_THRESHOLD: u32 = 0x42008C;
/// "State" (1.0–2.1).
pub const STATE: u32 = 0x42008D;
/// "Storage Status Mask" (1.0–2.1).
pub const STORAGE_STATUS_MASK: u32 = 0x42008E;
/// "Symmetric Key" (1.0–2.1).
pub const SYMMETRIC_KEY: u32 = 0x42008F;
/// "Template" (1.0–1.4); "(Reserved)" from 2.0.
pub const TEMPLATE: u32 = 0x420090;
/// "Template-Attribute" (1.0–1.4); "(Reserved)" from 2.0.
pub const TEMPLATE_ATTRIBUTE: u32 = 0x420091;
/// "Time Stamp" (1.0–2.1).
pub const TIME_STAMP: u32 = 0x420092;
/// "Unique Batch Item ID" (1.0–2.1).
pub const UNIQUE_BATCH_ITEM_ID: u32 = 0x420093;
/// "Unique Identifier" (1.0–2.1).
pub const UNIQUE_IDENTIFIER: u32 = 0x420094;
/// "Usage Limits" (1.0–2.1).
pub const USAGE_LIMITS: u32 = 0x420095;
/// "Usage Limits Count" (1.0–2.1).
pub const USAGE_LIMITS_COUNT: u32 = 0x420096;
/// "Usage Limits Total" (1.0–2.1).
pub const USAGE_LIMITS_TOTAL: u32 = 0x420097;
/// "Usage Limits Unit" (1.0–2.1).
pub const USAGE_LIMITS_UNIT: u32 = 0x420098;
/// "Username" (1.0–2.1).
pub const USERNAME: u32 = 0x420099;
/// "Validity Date" (1.0–2.1).
pub const VALIDITY_DATE: u32 = 0x42009A;
/// "Validity Indicator" (1.0–2.1).
pub const VALIDITY_INDICATOR: u32 = 0x42009B;
/// "Vendor Extension" (1.0–2.1).
pub const VENDOR_EXTENSION: u32 = 0x42009C;
/// "Vendor Identification" (1.0–2.1).
pub const VENDOR_IDENTIFICATION: u32 = 0x42009D;
/// "Wrapping Method" (1.0–2.1).
pub const WRAPPING_METHOD: u32 = 0x42009E;
/// "X" (1.0–2.1).
pub const X: u32 = 0x42009F;
/// "Y" (1.0–2.1).
pub const Y: u32 = 0x4200A0;
/// "Password" (1.0–2.1).
pub const PASSWORD: u32 = 0x4200A1;
/// "Device Identifier" (1.1–2.1).
pub const DEVICE_IDENTIFIER: u32 = 0x4200A2;
/// "Encoding Option" (1.1–2.1).
pub const ENCODING_OPTION: u32 = 0x4200A3;
/// "Extension Information" (1.1–2.1).
pub const EXTENSION_INFORMATION: u32 = 0x4200A4;
/// "Extension Name" (1.1–2.1).
pub const EXTENSION_NAME: u32 = 0x4200A5;
/// "Extension Tag" (1.1–2.1).
pub const EXTENSION_TAG: u32 = 0x4200A6;
/// "Extension Type" (1.1–2.1).
pub const EXTENSION_TYPE: u32 = 0x4200A7;
/// "Fresh" (1.1–2.1).
pub const FRESH: u32 = 0x4200A8;
/// "Machine Identifier" (1.1–2.1).
pub const MACHINE_IDENTIFIER: u32 = 0x4200A9;
/// "Media Identifier" (1.1–2.1).
pub const MEDIA_IDENTIFIER: u32 = 0x4200AA;
/// "Network Identifier" (1.1–2.1).
pub const NETWORK_IDENTIFIER: u32 = 0x4200AB;
/// "Object Group Member" (1.1–2.1).
pub const OBJECT_GROUP_MEMBER: u32 = 0x4200AC;
/// "Certificate Length" (1.1–2.1).
pub const CERTIFICATE_LENGTH: u32 = 0x4200AD;
/// "Digital Signature Algorithm" (1.1–2.1).
pub const DIGITAL_SIGNATURE_ALGORITHM: u32 = 0x4200AE;
/// "Certificate Serial Number" (1.1–2.1).
pub const CERTIFICATE_SERIAL_NUMBER: u32 = 0x4200AF;
/// "Device Serial Number" (1.1–2.1).
pub const DEVICE_SERIAL_NUMBER: u32 = 0x4200B0;
/// "Issuer Alternative Name" (1.1–2.1).
pub const ISSUER_ALTERNATIVE_NAME: u32 = 0x4200B1;
/// "Issuer Distinguished Name" (1.1–2.1).
pub const ISSUER_DISTINGUISHED_NAME: u32 = 0x4200B2;
/// "Subject Alternative Name" (1.1–2.1).
pub const SUBJECT_ALTERNATIVE_NAME: u32 = 0x4200B3;
/// "Subject Distinguished Name" (1.1–2.1).
pub const SUBJECT_DISTINGUISHED_NAME: u32 = 0x4200B4;
/// "X.509 Certificate Identifier" (1.1–2.1).
pub const X_509_CERTIFICATE_IDENTIFIER: u32 = 0x4200B5;
/// "X.509 Certificate Issuer" (1.1–2.1).
pub const X_509_CERTIFICATE_ISSUER: u32 = 0x4200B6;
/// "X.509 Certificate Subject" (1.1–2.1).
pub const X_509_CERTIFICATE_SUBJECT: u32 = 0x4200B7;
/// "Key Value Location" (1.2–2.1).
pub const KEY_VALUE_LOCATION: u32 = 0x4200B8;
/// "Key Value Location Value" (1.2–2.1).
pub const KEY_VALUE_LOCATION_VALUE: u32 = 0x4200B9;
/// "Key Value Location Type" (1.2–2.1).
pub const KEY_VALUE_LOCATION_TYPE: u32 = 0x4200BA;
/// "Key Value Present" (1.2–2.1).
pub const KEY_VALUE_PRESENT: u32 = 0x4200BB;
/// "Original Creation Date" (1.2–2.1).
pub const ORIGINAL_CREATION_DATE: u32 = 0x4200BC;
/// "PGP Key" (1.2–2.1).
pub const PGP_KEY: u32 = 0x4200BD;
/// "PGP Key Version" (1.2–2.1).
pub const PGP_KEY_VERSION: u32 = 0x4200BE;
/// "Alternative Name" (1.2–2.1).
pub const ALTERNATIVE_NAME: u32 = 0x4200BF;
/// "Alternative Name Value" (1.2–2.1).
pub const ALTERNATIVE_NAME_VALUE: u32 = 0x4200C0;
/// "Alternative Name Type" (1.2–2.1).
pub const ALTERNATIVE_NAME_TYPE: u32 = 0x4200C1;
/// "Data" (1.2–2.1).
pub const DATA: u32 = 0x4200C2;
/// "Signature Data" (1.2–2.1).
pub const SIGNATURE_DATA: u32 = 0x4200C3;
/// "Data Length" (1.2–2.1).
pub const DATA_LENGTH: u32 = 0x4200C4;
/// "Random IV" (1.2–2.1).
pub const RANDOM_IV: u32 = 0x4200C5;
/// "MAC Data" (1.2–2.1).
pub const MAC_DATA: u32 = 0x4200C6;
/// "Attestation Type" (1.2–2.1).
pub const ATTESTATION_TYPE: u32 = 0x4200C7;
/// "Nonce" (1.2–2.1).
pub const NONCE: u32 = 0x4200C8;
/// "Nonce ID" (1.2–2.1).
pub const NONCE_ID: u32 = 0x4200C9;
/// "Nonce Value" (1.2–2.1).
pub const NONCE_VALUE: u32 = 0x4200CA;
/// "Attestation Measurement" (1.2–2.1).
pub const ATTESTATION_MEASUREMENT: u32 = 0x4200CB;
/// "Attestation Assertion" (1.2–2.1).
pub const ATTESTATION_ASSERTION: u32 = 0x4200CC;
/// "IV Length" (1.2–2.1).
pub const IV_LENGTH: u32 = 0x4200CD;
/// "Tag Length" (1.2–2.1).
pub const TAG_LENGTH: u32 = 0x4200CE;
/// "Fixed Field Length" (1.2–2.1).
pub const FIXED_FIELD_LENGTH: u32 = 0x4200CF;
/// "Counter Length" (1.2–2.1).
pub const COUNTER_LENGTH: u32 = 0x4200D0;
/// "Initial Counter Value" (1.2–2.1).
pub const INITIAL_COUNTER_VALUE: u32 = 0x4200D1;
/// "Invocation Field Length" (1.2–2.1).
pub const INVOCATION_FIELD_LENGTH: u32 = 0x4200D2;
/// "Attestation Capable Indicator" (1.2–2.1).
pub const ATTESTATION_CAPABLE_INDICATOR: u32 = 0x4200D3;
/// "Offset Items" (1.3–2.1).
pub const OFFSET_ITEMS: u32 = 0x4200D4;
/// "Located Items" (1.3–2.1).
pub const LOCATED_ITEMS: u32 = 0x4200D5;
/// "Correlation Value" (1.3–2.1).
pub const CORRELATION_VALUE: u32 = 0x4200D6;
/// "Init Indicator" (1.3–2.1).
pub const INIT_INDICATOR: u32 = 0x4200D7;
/// "Final Indicator" (1.3–2.1).
pub const FINAL_INDICATOR: u32 = 0x4200D8;
/// "RNG Parameters" (1.3–2.1).
pub const RNG_PARAMETERS: u32 = 0x4200D9;
/// "RNG Algorithm" (1.3–2.1).
pub const RNG_ALGORITHM: u32 = 0x4200DA;
/// "DRBG Algorithm" (1.3–2.1).
pub const DRBG_ALGORITHM: u32 = 0x4200DB;
/// "FIPS186 Variation" (1.3–2.1).
pub const FIPS186_VARIATION: u32 = 0x4200DC;
/// "Prediction Resistance" (1.3–2.1).
pub const PREDICTION_RESISTANCE: u32 = 0x4200DD;
/// "Random Number Generator" (1.3–2.1).
pub const RANDOM_NUMBER_GENERATOR: u32 = 0x4200DE;
/// "Validation Information" (1.3–2.1).
pub const VALIDATION_INFORMATION: u32 = 0x4200DF;
/// "Validation Authority Type" (1.3–2.1).
pub const VALIDATION_AUTHORITY_TYPE: u32 = 0x4200E0;
/// "Validation Authority Country" (1.3–2.1).
pub const VALIDATION_AUTHORITY_COUNTRY: u32 = 0x4200E1;
/// "Validation Authority URI" (1.3–2.1).
pub const VALIDATION_AUTHORITY_URI: u32 = 0x4200E2;
/// "Validation Version Major" (1.3–2.1).
pub const VALIDATION_VERSION_MAJOR: u32 = 0x4200E3;
/// "Validation Version Minor" (1.3–2.1).
pub const VALIDATION_VERSION_MINOR: u32 = 0x4200E4;
/// "Validation Type" (1.3–2.1).
pub const VALIDATION_TYPE: u32 = 0x4200E5;
/// "Validation Level" (1.3–2.1).
pub const VALIDATION_LEVEL: u32 = 0x4200E6;
/// "Validation Certificate Identifier" (1.3–2.1).
pub const VALIDATION_CERTIFICATE_IDENTIFIER: u32 = 0x4200E7;
/// "Validation Certificate URI" (1.3–2.1).
pub const VALIDATION_CERTIFICATE_URI: u32 = 0x4200E8;
/// "Validation Vendor URI" (1.3–2.1).
pub const VALIDATION_VENDOR_URI: u32 = 0x4200E9;
/// "Validation Profile" (1.3–2.1).
pub const VALIDATION_PROFILE: u32 = 0x4200EA;
/// "Profile Information" (1.3–2.1).
pub const PROFILE_INFORMATION: u32 = 0x4200EB;
/// "Profile Name" (1.3–2.1).
pub const PROFILE_NAME: u32 = 0x4200EC;
/// "Server URI" (1.3–2.1).
pub const SERVER_URI: u32 = 0x4200ED;
/// "Server Port" (1.3–2.1).
pub const SERVER_PORT: u32 = 0x4200EE;
/// "Streaming Capability" (1.3–2.1).
pub const STREAMING_CAPABILITY: u32 = 0x4200EF;
/// "Asynchronous Capability" (1.3–2.1).
pub const ASYNCHRONOUS_CAPABILITY: u32 = 0x4200F0;
/// "Attestation Capability" (1.3–2.1).
pub const ATTESTATION_CAPABILITY: u32 = 0x4200F1;
/// "Unwrap Mode" (1.3–2.1).
pub const UNWRAP_MODE: u32 = 0x4200F2;
/// "Destroy Action" (1.3–2.1).
pub const DESTROY_ACTION: u32 = 0x4200F3;
/// "Shredding Algorithm" (1.3–2.1).
pub const SHREDDING_ALGORITHM: u32 = 0x4200F4;
/// "RNG Mode" (1.3–2.1).
pub const RNG_MODE: u32 = 0x4200F5;
/// "Client Registration Method" (1.3–2.1).
pub const CLIENT_REGISTRATION_METHOD: u32 = 0x4200F6;
/// "Capability Information" (1.3–2.1).
pub const CAPABILITY_INFORMATION: u32 = 0x4200F7;
/// "Key Wrap Type" (1.4–2.1).
pub const KEY_WRAP_TYPE: u32 = 0x4200F8;
/// "Batch Undo Capability" (1.4–2.1).
pub const BATCH_UNDO_CAPABILITY: u32 = 0x4200F9;
/// "Batch Continue Capability" (1.4–2.1).
pub const BATCH_CONTINUE_CAPABILITY: u32 = 0x4200FA;
/// "PKCS#12 Friendly Name" (1.4–2.1).
pub const PKCS_12_FRIENDLY_NAME: u32 = 0x4200FB;
/// "Description" (1.4–2.1).
pub const DESCRIPTION: u32 = 0x4200FC;
/// "Comment" (1.4–2.1).
pub const COMMENT: u32 = 0x4200FD;
/// "Authenticated Encryption Additional Data" (1.4–2.1).
pub const AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA: u32 = 0x4200FE;
/// "Authenticated Encryption Tag" (1.4–2.1).
pub const AUTHENTICATED_ENCRYPTION_TAG: u32 = 0x4200FF;
/// "Salt Length" (1.4–2.1).
pub const SALT_LENGTH: u32 = 0x420100;
/// "Mask Generator" (1.4–2.1).
pub const MASK_GENERATOR: u32 = 0x420101;
/// "Mask Generator Hashing Algorithm" (1.4–2.1).
pub const MASK_GENERATOR_HASHING_ALGORITHM: u32 = 0x420102;
/// "P Source" (1.4–2.1).
pub const P_SOURCE: u32 = 0x420103;
/// "Trailer Field" (1.4–2.1).
pub const TRAILER_FIELD: u32 = 0x420104;
/// "Client Correlation Value" (1.4–2.1).
pub const CLIENT_CORRELATION_VALUE: u32 = 0x420105;
/// "Server Correlation Value" (1.4–2.1).
pub const SERVER_CORRELATION_VALUE: u32 = 0x420106;
/// "Digested Data" (1.4–2.1).
pub const DIGESTED_DATA: u32 = 0x420107;
/// "Certificate Subject CN" (1.4–2.1).
pub const CERTIFICATE_SUBJECT_CN: u32 = 0x420108;
/// "Certificate Subject O" (1.4–2.1).
pub const CERTIFICATE_SUBJECT_O: u32 = 0x420109;
/// "Certificate Subject OU" (1.4–2.1).
pub const CERTIFICATE_SUBJECT_OU: u32 = 0x42010A;
/// "Certificate Subject Email" (1.4–2.1).
pub const CERTIFICATE_SUBJECT_EMAIL: u32 = 0x42010B;
/// "Certificate Subject C" (1.4–2.1).
pub const CERTIFICATE_SUBJECT_C: u32 = 0x42010C;
/// "Certificate Subject ST" (1.4–2.1).
pub const CERTIFICATE_SUBJECT_ST: u32 = 0x42010D;
/// "Certificate Subject L" (1.4–2.1).
pub const CERTIFICATE_SUBJECT_L: u32 = 0x42010E;
/// "Certificate Subject UID" (1.4–2.1).
pub const CERTIFICATE_SUBJECT_UID: u32 = 0x42010F;
/// "Certificate Subject Serial Number" (1.4–2.1).
pub const CERTIFICATE_SUBJECT_SERIAL_NUMBER: u32 = 0x420110;
/// "Certificate Subject Title" (1.4–2.1).
pub const CERTIFICATE_SUBJECT_TITLE: u32 = 0x420111;
/// "Certificate Subject DC" (1.4–2.1).
pub const CERTIFICATE_SUBJECT_DC: u32 = 0x420112;
/// "Certificate Subject DN Qualifier" (1.4–2.1).
pub const CERTIFICATE_SUBJECT_DN_QUALIFIER: u32 = 0x420113;
/// "Certificate Issuer CN" (1.4–2.1).
pub const CERTIFICATE_ISSUER_CN: u32 = 0x420114;
/// "Certificate Issuer O" (1.4–2.1).
pub const CERTIFICATE_ISSUER_O: u32 = 0x420115;
/// "Certificate Issuer OU" (1.4–2.1).
pub const CERTIFICATE_ISSUER_OU: u32 = 0x420116;
/// "Certificate Issuer Email" (1.4–2.1).
pub const CERTIFICATE_ISSUER_EMAIL: u32 = 0x420117;
/// "Certificate Issuer C" (1.4–2.1).
pub const CERTIFICATE_ISSUER_C: u32 = 0x420118;
/// "Certificate Issuer ST" (1.4–2.1).
pub const CERTIFICATE_ISSUER_ST: u32 = 0x420119;
/// "Certificate Issuer L" (1.4–2.1).
pub const CERTIFICATE_ISSUER_L: u32 = 0x42011A;
/// "Certificate Issuer UID" (1.4–2.1).
pub const CERTIFICATE_ISSUER_UID: u32 = 0x42011B;
/// "Certificate Issuer Serial Number" (1.4–2.1).
pub const CERTIFICATE_ISSUER_SERIAL_NUMBER: u32 = 0x42011C;
/// "Certificate Issuer Title" (1.4–2.1).
pub const CERTIFICATE_ISSUER_TITLE: u32 = 0x42011D;
/// "Certificate Issuer DC" (1.4–2.1).
pub const CERTIFICATE_ISSUER_DC: u32 = 0x42011E;
/// "Certificate Issuer DN Qualifier" (1.4–2.1).
pub const CERTIFICATE_ISSUER_DN_QUALIFIER: u32 = 0x42011F;
/// "Sensitive" (1.4–2.1).
pub const SENSITIVE: u32 = 0x420120;
/// "Always Sensitive" (1.4–2.1).
pub const ALWAYS_SENSITIVE: u32 = 0x420121;
/// "Extractable" (1.4–2.1).
pub const EXTRACTABLE: u32 = 0x420122;
/// "Never Extractable" (1.4–2.1).
pub const NEVER_EXTRACTABLE: u32 = 0x420123;
/// "Replace Existing" (1.4–2.1).
pub const REPLACE_EXISTING: u32 = 0x420124;
/// "Attributes" (2.0–2.1).
pub const ATTRIBUTES: u32 = 0x420125;
/// "Common Attributes" (2.0–2.1).
pub const COMMON_ATTRIBUTES: u32 = 0x420126;
/// "Private Key Attributes" (2.0–2.1).
pub const PRIVATE_KEY_ATTRIBUTES: u32 = 0x420127;
/// "Public Key Attributes" (2.0–2.1).
pub const PUBLIC_KEY_ATTRIBUTES: u32 = 0x420128;
/// "Extension Enumeration" (2.0–2.1).
pub const EXTENSION_ENUMERATION: u32 = 0x420129;
/// "Extension Attribute" (2.0–2.1).
pub const EXTENSION_ATTRIBUTE: u32 = 0x42012A;
/// "Extension Parent Structure Tag" (2.0–2.1).
pub const EXTENSION_PARENT_STRUCTURE_TAG: u32 = 0x42012B;
/// "Extension Description" (2.0–2.1).
pub const EXTENSION_DESCRIPTION: u32 = 0x42012C;
/// "Server Name" (2.0–2.1).
pub const SERVER_NAME: u32 = 0x42012D;
/// "Server Serial Number" (2.0–2.1).
pub const SERVER_SERIAL_NUMBER: u32 = 0x42012E;
/// "Server Version" (2.0–2.1).
pub const SERVER_VERSION: u32 = 0x42012F;
/// "Server Load" (2.0–2.1).
pub const SERVER_LOAD: u32 = 0x420130;
/// "Product Name" (2.0–2.1).
pub const PRODUCT_NAME: u32 = 0x420131;
/// "Build Level" (2.0–2.1).
pub const BUILD_LEVEL: u32 = 0x420132;
/// "Build Date" (2.0–2.1).
pub const BUILD_DATE: u32 = 0x420133;
/// "Cluster Info" (2.0–2.1).
pub const CLUSTER_INFO: u32 = 0x420134;
/// "Alternate Failover Endpoints" (2.0–2.1).
pub const ALTERNATE_FAILOVER_ENDPOINTS: u32 = 0x420135;
/// "Short Unique Identifier" (2.0–2.1).
pub const SHORT_UNIQUE_IDENTIFIER: u32 = 0x420136;
/// "Tag" (2.0–2.1).
pub const TAG: u32 = 0x420138;
/// "Certificate Request Unique Identifier" (2.0–2.1).
pub const CERTIFICATE_REQUEST_UNIQUE_IDENTIFIER: u32 = 0x420139;
/// "NIST Key Type" (2.0–2.1).
pub const NIST_KEY_TYPE: u32 = 0x42013A;
/// "Attribute Reference" (2.0–2.1).
pub const ATTRIBUTE_REFERENCE: u32 = 0x42013B;
/// "Current Attribute" (2.0–2.1).
pub const CURRENT_ATTRIBUTE: u32 = 0x42013C;
/// "New Attribute" (2.0–2.1).
pub const NEW_ATTRIBUTE: u32 = 0x42013D;
/// "Certificate Request Value" (2.0–2.1).
pub const CERTIFICATE_REQUEST_VALUE: u32 = 0x420140;
/// "Log Message" (2.0–2.1).
pub const LOG_MESSAGE: u32 = 0x420141;
/// "Profile Version" (2.0–2.1).
pub const PROFILE_VERSION: u32 = 0x420142;
/// "Profile Version Major" (2.0–2.1).
pub const PROFILE_VERSION_MAJOR: u32 = 0x420143;
/// "Profile Version Minor" (2.0–2.1).
pub const PROFILE_VERSION_MINOR: u32 = 0x420144;
/// "Protection Level" (2.0–2.1).
pub const PROTECTION_LEVEL: u32 = 0x420145;
/// "Protection Period" (2.0–2.1).
pub const PROTECTION_PERIOD: u32 = 0x420146;
/// "Quantum Safe" (2.0–2.1).
pub const QUANTUM_SAFE: u32 = 0x420147;
/// "Quantum Safe Capability" (2.0–2.1).
pub const QUANTUM_SAFE_CAPABILITY: u32 = 0x420148;
/// "Ticket" (2.0–2.1).
pub const TICKET: u32 = 0x420149;
/// "Ticket Type" (2.0–2.1).
pub const TICKET_TYPE: u32 = 0x42014A;
/// "Ticket Value" (2.0–2.1).
pub const TICKET_VALUE: u32 = 0x42014B;
/// "Request Count" (2.0–2.1).
pub const REQUEST_COUNT: u32 = 0x42014C;
/// "Rights" (2.0–2.1).
pub const RIGHTS: u32 = 0x42014D;
/// "Objects" (2.0–2.1).
pub const OBJECTS: u32 = 0x42014E;
/// "Operations" (2.0–2.1).
pub const OPERATIONS: u32 = 0x42014F;
/// "Right" (2.0–2.1).
pub const RIGHT: u32 = 0x420150;
/// "Endpoint Role" (2.0–2.1).
pub const ENDPOINT_ROLE: u32 = 0x420151;
/// "Defaults Information" (2.0–2.1).
pub const DEFAULTS_INFORMATION: u32 = 0x420152;
/// "Object Defaults" (2.0–2.1).
pub const OBJECT_DEFAULTS: u32 = 0x420153;
/// "Ephemeral" (2.0–2.1).
pub const EPHEMERAL: u32 = 0x420154;
/// "Server Hashed Password" (2.0–2.1).
pub const SERVER_HASHED_PASSWORD: u32 = 0x420155;
/// "One Time Password" (2.0–2.1).
pub const ONE_TIME_PASSWORD: u32 = 0x420156;
/// "Hashed Password" (2.0–2.1).
pub const HASHED_PASSWORD: u32 = 0x420157;
/// "Adjustment Type" (2.0–2.1).
pub const ADJUSTMENT_TYPE: u32 = 0x420158;
/// "PKCS#11 Interface" (2.0–2.1).
pub const PKCS_11_INTERFACE: u32 = 0x420159;
/// "PKCS#11 Function" (2.0–2.1).
pub const PKCS_11_FUNCTION: u32 = 0x42015A;
/// "PKCS#11 Input Parameters" (2.0–2.1).
pub const PKCS_11_INPUT_PARAMETERS: u32 = 0x42015B;
/// "PKCS#11 Output Parameters" (2.0–2.1).
pub const PKCS_11_OUTPUT_PARAMETERS: u32 = 0x42015C;
/// "PKCS#11 Return Code" (2.0–2.1).
pub const PKCS_11_RETURN_CODE: u32 = 0x42015D;
/// "Protection Storage Mask" (2.0–2.1).
pub const PROTECTION_STORAGE_MASK: u32 = 0x42015E;
/// "Protection Storage Masks" (2.0–2.1).
pub const PROTECTION_STORAGE_MASKS: u32 = 0x42015F;
/// "Interop Function" (2.0–2.1).
pub const INTEROP_FUNCTION: u32 = 0x420160;
/// "Interop Identifier" (2.0–2.1).
pub const INTEROP_IDENTIFIER: u32 = 0x420161;
/// "Adjustment Value" (2.0–2.1).
pub const ADJUSTMENT_VALUE: u32 = 0x420162;
/// "Common Protection Storage Masks" (2.0–2.1).
pub const COMMON_PROTECTION_STORAGE_MASKS: u32 = 0x420163;
/// "Private Protection Storage Masks" (2.0–2.1).
pub const PRIVATE_PROTECTION_STORAGE_MASKS: u32 = 0x420164;
/// "Public Protection Storage Masks" (2.0–2.1).
pub const PUBLIC_PROTECTION_STORAGE_MASKS: u32 = 0x420165;
/// "Object Groups" (2.1).
pub const OBJECT_GROUPS: u32 = 0x420166;
/// "Object Types" (2.1).
pub const OBJECT_TYPES: u32 = 0x420167;
/// "Constraints" (2.1).
pub const CONSTRAINTS: u32 = 0x420168;
/// "Constraint" (2.1).
pub const CONSTRAINT: u32 = 0x420169;
/// "Rotate Interval" (2.1).
pub const ROTATE_INTERVAL: u32 = 0x42016A;
/// "Rotate Automatic" (2.1).
pub const ROTATE_AUTOMATIC: u32 = 0x42016B;
/// "Rotate Offset" (2.1).
pub const ROTATE_OFFSET: u32 = 0x42016C;
/// "Rotate Date" (2.1).
pub const ROTATE_DATE: u32 = 0x42016D;
/// "Rotate Generation" (2.1).
pub const ROTATE_GENERATION: u32 = 0x42016E;
/// "Rotate Name" (2.1).
pub const ROTATE_NAME: u32 = 0x42016F;
/// "Rotate Name Value" (2.1).
pub const ROTATE_NAME_VALUE: u32 = 0x420170;
/// "Rotate Name Type" (2.1).
pub const ROTATE_NAME_TYPE: u32 = 0x420171;
/// "Rotate Latest" (2.1).
pub const ROTATE_LATEST: u32 = 0x420172;
/// "Asynchronous Request" (2.1).
pub const ASYNCHRONOUS_REQUEST: u32 = 0x420173;
/// "Submission Date" (2.1).
pub const SUBMISSION_DATE: u32 = 0x420174;
/// "Processing Stage" (2.1).
pub const PROCESSING_STAGE: u32 = 0x420175;
/// "Asynchronous Correlation Values" (2.1).
pub const ASYNCHRONOUS_CORRELATION_VALUES: u32 = 0x420176;

/// Not a tag of its own: KMIP 2.x encodes a Vendor Attribute (section 4.60) as an
/// [`ATTRIBUTE`] structure (Vendor Identification, Attribute Name, Attribute Value) inside
/// Attributes, so this is the Attribute tag 0x420008.
pub const VENDOR_ATTRIBUTE: u32 = ATTRIBUTE;

/// Description of one tag number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagInfo {
    /// Tag number (0x42xxxx).
    pub tag: u32,
    /// Name as used in the KMIP XML/JSON encodings (`CryptographicAlgorithm`).
    pub xml_name: &'static str,
    /// Name as printed in the specification (`Cryptographic Algorithm`), latest spelling.
    pub spec_name: &'static str,
    /// Versions whose tag table lists this tag (bit 0 = 1.0 ... bit 6 = 2.1).
    pub versions: u8,
}

/// All tags of KMIP 1.0 to 2.1, sorted by tag number.
pub static TAGS: &[TagInfo] = &[
    TagInfo {
        tag: 0x420001,
        xml_name: "ActivationDate",
        spec_name: "Activation Date",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420002,
        xml_name: "ApplicationData",
        spec_name: "Application Data",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420003,
        xml_name: "ApplicationNamespace",
        spec_name: "Application Namespace",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420004,
        xml_name: "ApplicationSpecificInformation",
        spec_name: "Application Specific Information",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420005,
        xml_name: "ArchiveDate",
        spec_name: "Archive Date",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420006,
        xml_name: "AsynchronousCorrelationValue",
        spec_name: "Asynchronous Correlation Value",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420007,
        xml_name: "AsynchronousIndicator",
        spec_name: "Asynchronous Indicator",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420008,
        xml_name: "Attribute",
        spec_name: "Attribute",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420009,
        xml_name: "AttributeIndex",
        spec_name: "Attribute Index",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x42000A,
        xml_name: "AttributeName",
        spec_name: "Attribute Name",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42000B,
        xml_name: "AttributeValue",
        spec_name: "Attribute Value",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42000C,
        xml_name: "Authentication",
        spec_name: "Authentication",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42000D,
        xml_name: "BatchCount",
        spec_name: "Batch Count",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42000E,
        xml_name: "BatchErrorContinuationOption",
        spec_name: "Batch Error Continuation Option",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42000F,
        xml_name: "BatchItem",
        spec_name: "Batch Item",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420010,
        xml_name: "BatchOrderOption",
        spec_name: "Batch Order Option",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420011,
        xml_name: "BlockCipherMode",
        spec_name: "Block Cipher Mode",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420012,
        xml_name: "CancellationResult",
        spec_name: "Cancellation Result",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420013,
        xml_name: "Certificate",
        spec_name: "Certificate",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420014,
        xml_name: "CertificateIdentifier",
        spec_name: "Certificate Identifier",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x420015,
        xml_name: "CertificateIssuer",
        spec_name: "Certificate Issuer",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x420016,
        xml_name: "CertificateIssuerAlternativeName",
        spec_name: "Certificate Issuer Alternative Name",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x420017,
        xml_name: "CertificateIssuerDistinguishedName",
        spec_name: "Certificate Issuer Distinguished Name",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x420018,
        xml_name: "CertificateRequest",
        spec_name: "Certificate Request",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420019,
        xml_name: "CertificateRequestType",
        spec_name: "Certificate Request Type",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42001A,
        xml_name: "CertificateSubject",
        spec_name: "Certificate Subject",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x42001B,
        xml_name: "CertificateSubjectAlternativeName",
        spec_name: "Certificate Subject Alternative Name",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x42001C,
        xml_name: "CertificateSubjectDistinguishedName",
        spec_name: "Certificate Subject Distinguished Name",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x42001D,
        xml_name: "CertificateType",
        spec_name: "Certificate Type",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42001E,
        xml_name: "CertificateValue",
        spec_name: "Certificate Value",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42001F,
        xml_name: "CommonTemplateAttribute",
        spec_name: "Common Template-Attribute",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x420020,
        xml_name: "CompromiseDate",
        spec_name: "Compromise Date",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420021,
        xml_name: "CompromiseOccurrenceDate",
        spec_name: "Compromise Occurrence Date",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420022,
        xml_name: "ContactInformation",
        spec_name: "Contact Information",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420023,
        xml_name: "Credential",
        spec_name: "Credential",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420024,
        xml_name: "CredentialType",
        spec_name: "Credential Type",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420025,
        xml_name: "CredentialValue",
        spec_name: "Credential Value",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420026,
        xml_name: "CriticalityIndicator",
        spec_name: "Criticality Indicator",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420027,
        xml_name: "CRTCoefficient",
        spec_name: "CRT Coefficient",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420028,
        xml_name: "CryptographicAlgorithm",
        spec_name: "Cryptographic Algorithm",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420029,
        xml_name: "CryptographicDomainParameters",
        spec_name: "Cryptographic Domain Parameters",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42002A,
        xml_name: "CryptographicLength",
        spec_name: "Cryptographic Length",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42002B,
        xml_name: "CryptographicParameters",
        spec_name: "Cryptographic Parameters",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42002C,
        xml_name: "CryptographicUsageMask",
        spec_name: "Cryptographic Usage Mask",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42002D,
        xml_name: "CustomAttribute",
        spec_name: "Custom Attribute",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x42002E,
        xml_name: "D",
        spec_name: "D",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42002F,
        xml_name: "DeactivationDate",
        spec_name: "Deactivation Date",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420030,
        xml_name: "DerivationData",
        spec_name: "Derivation Data",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420031,
        xml_name: "DerivationMethod",
        spec_name: "Derivation Method",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420032,
        xml_name: "DerivationParameters",
        spec_name: "Derivation Parameters",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420033,
        xml_name: "DestroyDate",
        spec_name: "Destroy Date",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420034,
        xml_name: "Digest",
        spec_name: "Digest",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420035,
        xml_name: "DigestValue",
        spec_name: "Digest Value",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420036,
        xml_name: "EncryptionKeyInformation",
        spec_name: "Encryption Key Information",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420037,
        xml_name: "G",
        spec_name: "G",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420038,
        xml_name: "HashingAlgorithm",
        spec_name: "Hashing Algorithm",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420039,
        xml_name: "InitialDate",
        spec_name: "Initial Date",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42003A,
        xml_name: "InitializationVector",
        spec_name: "Initialization Vector",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42003B,
        xml_name: "Issuer",
        spec_name: "Issuer",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x42003C,
        xml_name: "IterationCount",
        spec_name: "Iteration Count",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42003D,
        xml_name: "IVCounterNonce",
        spec_name: "IV/Counter/Nonce",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42003E,
        xml_name: "J",
        spec_name: "J",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42003F,
        xml_name: "Key",
        spec_name: "Key",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420040,
        xml_name: "KeyBlock",
        spec_name: "Key Block",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420041,
        xml_name: "KeyCompressionType",
        spec_name: "Key Compression Type",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420042,
        xml_name: "KeyFormatType",
        spec_name: "Key Format Type",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420043,
        xml_name: "KeyMaterial",
        spec_name: "Key Material",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420044,
        xml_name: "KeyPartIdentifier",
        spec_name: "Key Part Identifier",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420045,
        xml_name: "KeyValue",
        spec_name: "Key Value",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420046,
        xml_name: "KeyWrappingData",
        spec_name: "Key Wrapping Data",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420047,
        xml_name: "KeyWrappingSpecification",
        spec_name: "Key Wrapping Specification",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420048,
        xml_name: "LastChangeDate",
        spec_name: "Last Change Date",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420049,
        xml_name: "LeaseTime",
        spec_name: "Lease Time",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42004A,
        xml_name: "Link",
        spec_name: "Link",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42004B,
        xml_name: "LinkType",
        spec_name: "Link Type",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42004C,
        xml_name: "LinkedObjectIdentifier",
        spec_name: "Linked Object Identifier",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42004D,
        xml_name: "MACSignature",
        spec_name: "MAC/Signature",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42004E,
        xml_name: "MACSignatureKeyInformation",
        spec_name: "MAC/Signature Key Information",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42004F,
        xml_name: "MaximumItems",
        spec_name: "Maximum Items",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420050,
        xml_name: "MaximumResponseSize",
        spec_name: "Maximum Response Size",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420051,
        xml_name: "MessageExtension",
        spec_name: "Message Extension",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420052,
        xml_name: "Modulus",
        spec_name: "Modulus",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420053,
        xml_name: "Name",
        spec_name: "Name",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420054,
        xml_name: "NameType",
        spec_name: "Name Type",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420055,
        xml_name: "NameValue",
        spec_name: "Name Value",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420056,
        xml_name: "ObjectGroup",
        spec_name: "Object Group",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420057,
        xml_name: "ObjectType",
        spec_name: "Object Type",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420058,
        xml_name: "Offset",
        spec_name: "Offset",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420059,
        xml_name: "OpaqueDataType",
        spec_name: "Opaque Data Type",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42005A,
        xml_name: "OpaqueDataValue",
        spec_name: "Opaque Data Value",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42005B,
        xml_name: "OpaqueObject",
        spec_name: "Opaque Object",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42005C,
        xml_name: "Operation",
        spec_name: "Operation",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42005D,
        xml_name: "OperationPolicyName",
        spec_name: "Operation Policy Name",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x42005E,
        xml_name: "P",
        spec_name: "P",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42005F,
        xml_name: "PaddingMethod",
        spec_name: "Padding Method",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420060,
        xml_name: "PrimeExponentP",
        spec_name: "Prime Exponent P",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420061,
        xml_name: "PrimeExponentQ",
        spec_name: "Prime Exponent Q",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420062,
        xml_name: "PrimeFieldSize",
        spec_name: "Prime Field Size",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420063,
        xml_name: "PrivateExponent",
        spec_name: "Private Exponent",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420064,
        xml_name: "PrivateKey",
        spec_name: "Private Key",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420065,
        xml_name: "PrivateKeyTemplateAttribute",
        spec_name: "Private Key Template-Attribute",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x420066,
        xml_name: "PrivateKeyUniqueIdentifier",
        spec_name: "Private Key Unique Identifier",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420067,
        xml_name: "ProcessStartDate",
        spec_name: "Process Start Date",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420068,
        xml_name: "ProtectStopDate",
        spec_name: "Protect Stop Date",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420069,
        xml_name: "ProtocolVersion",
        spec_name: "Protocol Version",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42006A,
        xml_name: "ProtocolVersionMajor",
        spec_name: "Protocol Version Major",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42006B,
        xml_name: "ProtocolVersionMinor",
        spec_name: "Protocol Version Minor",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42006C,
        xml_name: "PublicExponent",
        spec_name: "Public Exponent",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42006D,
        xml_name: "PublicKey",
        spec_name: "Public Key",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42006E,
        xml_name: "PublicKeyTemplateAttribute",
        spec_name: "Public Key Template-Attribute",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x42006F,
        xml_name: "PublicKeyUniqueIdentifier",
        spec_name: "Public Key Unique Identifier",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420070,
        xml_name: "PutFunction",
        spec_name: "Put Function",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420071,
        xml_name: "Q",
        spec_name: "Q",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420072,
        xml_name: "QString",
        spec_name: "Q String",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420073,
        xml_name: "Qlength",
        spec_name: "Qlength",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420074,
        xml_name: "QueryFunction",
        spec_name: "Query Function",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420075,
        xml_name: "RecommendedCurve",
        spec_name: "Recommended Curve",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420076,
        xml_name: "ReplacedUniqueIdentifier",
        spec_name: "Replaced Unique Identifier",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420077,
        xml_name: "RequestHeader",
        spec_name: "Request Header",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420078,
        xml_name: "RequestMessage",
        spec_name: "Request Message",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420079,
        xml_name: "RequestPayload",
        spec_name: "Request Payload",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42007A,
        xml_name: "ResponseHeader",
        spec_name: "Response Header",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42007B,
        xml_name: "ResponseMessage",
        spec_name: "Response Message",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42007C,
        xml_name: "ResponsePayload",
        spec_name: "Response Payload",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42007D,
        xml_name: "ResultMessage",
        spec_name: "Result Message",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42007E,
        xml_name: "ResultReason",
        spec_name: "Result Reason",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42007F,
        xml_name: "ResultStatus",
        spec_name: "Result Status",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420080,
        xml_name: "RevocationMessage",
        spec_name: "Revocation Message",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420081,
        xml_name: "RevocationReason",
        spec_name: "Revocation Reason",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420082,
        xml_name: "RevocationReasonCode",
        spec_name: "Revocation Reason Code",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420083,
        xml_name: "KeyRoleType",
        spec_name: "Key Role Type",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420084,
        xml_name: "Salt",
        spec_name: "Salt",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420085,
        xml_name: "SecretData",
        spec_name: "Secret Data",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420086,
        xml_name: "SecretDataType",
        spec_name: "Secret Data Type",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420087,
        xml_name: "SerialNumber",
        spec_name: "Serial Number",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x420088,
        xml_name: "ServerInformation",
        spec_name: "Server Information",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420089,
        xml_name: "SplitKey",
        spec_name: "Split Key",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42008A,
        xml_name: "SplitKeyMethod",
        spec_name: "Split Key Method",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42008B,
        xml_name: "SplitKeyParts",
        spec_name: "Split Key Parts",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42008C,
        xml_name: "SplitKeyThreshold",
        spec_name: "Split Key Threshold",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42008D,
        xml_name: "State",
        spec_name: "State",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42008E,
        xml_name: "StorageStatusMask",
        spec_name: "Storage Status Mask",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42008F,
        xml_name: "SymmetricKey",
        spec_name: "Symmetric Key",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420090,
        xml_name: "Template",
        spec_name: "Template",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x420091,
        xml_name: "TemplateAttribute",
        spec_name: "Template-Attribute",
        versions: 0b0011111,
    },
    TagInfo {
        tag: 0x420092,
        xml_name: "TimeStamp",
        spec_name: "Time Stamp",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420093,
        xml_name: "UniqueBatchItemID",
        spec_name: "Unique Batch Item ID",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420094,
        xml_name: "UniqueIdentifier",
        spec_name: "Unique Identifier",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420095,
        xml_name: "UsageLimits",
        spec_name: "Usage Limits",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420096,
        xml_name: "UsageLimitsCount",
        spec_name: "Usage Limits Count",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420097,
        xml_name: "UsageLimitsTotal",
        spec_name: "Usage Limits Total",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420098,
        xml_name: "UsageLimitsUnit",
        spec_name: "Usage Limits Unit",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x420099,
        xml_name: "Username",
        spec_name: "Username",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42009A,
        xml_name: "ValidityDate",
        spec_name: "Validity Date",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42009B,
        xml_name: "ValidityIndicator",
        spec_name: "Validity Indicator",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42009C,
        xml_name: "VendorExtension",
        spec_name: "Vendor Extension",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42009D,
        xml_name: "VendorIdentification",
        spec_name: "Vendor Identification",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42009E,
        xml_name: "WrappingMethod",
        spec_name: "Wrapping Method",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x42009F,
        xml_name: "X",
        spec_name: "X",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x4200A0,
        xml_name: "Y",
        spec_name: "Y",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x4200A1,
        xml_name: "Password",
        spec_name: "Password",
        versions: 0b1111111,
    },
    TagInfo {
        tag: 0x4200A2,
        xml_name: "DeviceIdentifier",
        spec_name: "Device Identifier",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200A3,
        xml_name: "EncodingOption",
        spec_name: "Encoding Option",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200A4,
        xml_name: "ExtensionInformation",
        spec_name: "Extension Information",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200A5,
        xml_name: "ExtensionName",
        spec_name: "Extension Name",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200A6,
        xml_name: "ExtensionTag",
        spec_name: "Extension Tag",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200A7,
        xml_name: "ExtensionType",
        spec_name: "Extension Type",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200A8,
        xml_name: "Fresh",
        spec_name: "Fresh",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200A9,
        xml_name: "MachineIdentifier",
        spec_name: "Machine Identifier",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200AA,
        xml_name: "MediaIdentifier",
        spec_name: "Media Identifier",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200AB,
        xml_name: "NetworkIdentifier",
        spec_name: "Network Identifier",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200AC,
        xml_name: "ObjectGroupMember",
        spec_name: "Object Group Member",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200AD,
        xml_name: "CertificateLength",
        spec_name: "Certificate Length",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200AE,
        xml_name: "DigitalSignatureAlgorithm",
        spec_name: "Digital Signature Algorithm",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200AF,
        xml_name: "CertificateSerialNumber",
        spec_name: "Certificate Serial Number",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200B0,
        xml_name: "DeviceSerialNumber",
        spec_name: "Device Serial Number",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200B1,
        xml_name: "IssuerAlternativeName",
        spec_name: "Issuer Alternative Name",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200B2,
        xml_name: "IssuerDistinguishedName",
        spec_name: "Issuer Distinguished Name",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200B3,
        xml_name: "SubjectAlternativeName",
        spec_name: "Subject Alternative Name",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200B4,
        xml_name: "SubjectDistinguishedName",
        spec_name: "Subject Distinguished Name",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200B5,
        xml_name: "X_509CertificateIdentifier",
        spec_name: "X.509 Certificate Identifier",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200B6,
        xml_name: "X_509CertificateIssuer",
        spec_name: "X.509 Certificate Issuer",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200B7,
        xml_name: "X_509CertificateSubject",
        spec_name: "X.509 Certificate Subject",
        versions: 0b1111110,
    },
    TagInfo {
        tag: 0x4200B8,
        xml_name: "KeyValueLocation",
        spec_name: "Key Value Location",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200B9,
        xml_name: "KeyValueLocationValue",
        spec_name: "Key Value Location Value",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200BA,
        xml_name: "KeyValueLocationType",
        spec_name: "Key Value Location Type",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200BB,
        xml_name: "KeyValuePresent",
        spec_name: "Key Value Present",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200BC,
        xml_name: "OriginalCreationDate",
        spec_name: "Original Creation Date",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200BD,
        xml_name: "PGPKey",
        spec_name: "PGP Key",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200BE,
        xml_name: "PGPKeyVersion",
        spec_name: "PGP Key Version",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200BF,
        xml_name: "AlternativeName",
        spec_name: "Alternative Name",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200C0,
        xml_name: "AlternativeNameValue",
        spec_name: "Alternative Name Value",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200C1,
        xml_name: "AlternativeNameType",
        spec_name: "Alternative Name Type",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200C2,
        xml_name: "Data",
        spec_name: "Data",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200C3,
        xml_name: "SignatureData",
        spec_name: "Signature Data",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200C4,
        xml_name: "DataLength",
        spec_name: "Data Length",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200C5,
        xml_name: "RandomIV",
        spec_name: "Random IV",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200C6,
        xml_name: "MACData",
        spec_name: "MAC Data",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200C7,
        xml_name: "AttestationType",
        spec_name: "Attestation Type",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200C8,
        xml_name: "Nonce",
        spec_name: "Nonce",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200C9,
        xml_name: "NonceID",
        spec_name: "Nonce ID",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200CA,
        xml_name: "NonceValue",
        spec_name: "Nonce Value",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200CB,
        xml_name: "AttestationMeasurement",
        spec_name: "Attestation Measurement",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200CC,
        xml_name: "AttestationAssertion",
        spec_name: "Attestation Assertion",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200CD,
        xml_name: "IVLength",
        spec_name: "IV Length",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200CE,
        xml_name: "TagLength",
        spec_name: "Tag Length",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200CF,
        xml_name: "FixedFieldLength",
        spec_name: "Fixed Field Length",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200D0,
        xml_name: "CounterLength",
        spec_name: "Counter Length",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200D1,
        xml_name: "InitialCounterValue",
        spec_name: "Initial Counter Value",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200D2,
        xml_name: "InvocationFieldLength",
        spec_name: "Invocation Field Length",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200D3,
        xml_name: "AttestationCapableIndicator",
        spec_name: "Attestation Capable Indicator",
        versions: 0b1111100,
    },
    TagInfo {
        tag: 0x4200D4,
        xml_name: "OffsetItems",
        spec_name: "Offset Items",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200D5,
        xml_name: "LocatedItems",
        spec_name: "Located Items",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200D6,
        xml_name: "CorrelationValue",
        spec_name: "Correlation Value",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200D7,
        xml_name: "InitIndicator",
        spec_name: "Init Indicator",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200D8,
        xml_name: "FinalIndicator",
        spec_name: "Final Indicator",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200D9,
        xml_name: "RNGParameters",
        spec_name: "RNG Parameters",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200DA,
        xml_name: "RNGAlgorithm",
        spec_name: "RNG Algorithm",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200DB,
        xml_name: "DRBGAlgorithm",
        spec_name: "DRBG Algorithm",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200DC,
        xml_name: "FIPS186Variation",
        spec_name: "FIPS186 Variation",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200DD,
        xml_name: "PredictionResistance",
        spec_name: "Prediction Resistance",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200DE,
        xml_name: "RandomNumberGenerator",
        spec_name: "Random Number Generator",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200DF,
        xml_name: "ValidationInformation",
        spec_name: "Validation Information",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200E0,
        xml_name: "ValidationAuthorityType",
        spec_name: "Validation Authority Type",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200E1,
        xml_name: "ValidationAuthorityCountry",
        spec_name: "Validation Authority Country",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200E2,
        xml_name: "ValidationAuthorityURI",
        spec_name: "Validation Authority URI",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200E3,
        xml_name: "ValidationVersionMajor",
        spec_name: "Validation Version Major",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200E4,
        xml_name: "ValidationVersionMinor",
        spec_name: "Validation Version Minor",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200E5,
        xml_name: "ValidationType",
        spec_name: "Validation Type",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200E6,
        xml_name: "ValidationLevel",
        spec_name: "Validation Level",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200E7,
        xml_name: "ValidationCertificateIdentifier",
        spec_name: "Validation Certificate Identifier",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200E8,
        xml_name: "ValidationCertificateURI",
        spec_name: "Validation Certificate URI",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200E9,
        xml_name: "ValidationVendorURI",
        spec_name: "Validation Vendor URI",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200EA,
        xml_name: "ValidationProfile",
        spec_name: "Validation Profile",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200EB,
        xml_name: "ProfileInformation",
        spec_name: "Profile Information",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200EC,
        xml_name: "ProfileName",
        spec_name: "Profile Name",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200ED,
        xml_name: "ServerURI",
        spec_name: "Server URI",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200EE,
        xml_name: "ServerPort",
        spec_name: "Server Port",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200EF,
        xml_name: "StreamingCapability",
        spec_name: "Streaming Capability",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200F0,
        xml_name: "AsynchronousCapability",
        spec_name: "Asynchronous Capability",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200F1,
        xml_name: "AttestationCapability",
        spec_name: "Attestation Capability",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200F2,
        xml_name: "UnwrapMode",
        spec_name: "Unwrap Mode",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200F3,
        xml_name: "DestroyAction",
        spec_name: "Destroy Action",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200F4,
        xml_name: "ShreddingAlgorithm",
        spec_name: "Shredding Algorithm",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200F5,
        xml_name: "RNGMode",
        spec_name: "RNG Mode",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200F6,
        xml_name: "ClientRegistrationMethod",
        spec_name: "Client Registration Method",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200F7,
        xml_name: "CapabilityInformation",
        spec_name: "Capability Information",
        versions: 0b1111000,
    },
    TagInfo {
        tag: 0x4200F8,
        xml_name: "KeyWrapType",
        spec_name: "Key Wrap Type",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x4200F9,
        xml_name: "BatchUndoCapability",
        spec_name: "Batch Undo Capability",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x4200FA,
        xml_name: "BatchContinueCapability",
        spec_name: "Batch Continue Capability",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x4200FB,
        xml_name: "PKCS_12FriendlyName",
        spec_name: "PKCS#12 Friendly Name",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x4200FC,
        xml_name: "Description",
        spec_name: "Description",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x4200FD,
        xml_name: "Comment",
        spec_name: "Comment",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x4200FE,
        xml_name: "AuthenticatedEncryptionAdditionalData",
        spec_name: "Authenticated Encryption Additional Data",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x4200FF,
        xml_name: "AuthenticatedEncryptionTag",
        spec_name: "Authenticated Encryption Tag",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420100,
        xml_name: "SaltLength",
        spec_name: "Salt Length",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420101,
        xml_name: "MaskGenerator",
        spec_name: "Mask Generator",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420102,
        xml_name: "MaskGeneratorHashingAlgorithm",
        spec_name: "Mask Generator Hashing Algorithm",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420103,
        xml_name: "PSource",
        spec_name: "P Source",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420104,
        xml_name: "TrailerField",
        spec_name: "Trailer Field",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420105,
        xml_name: "ClientCorrelationValue",
        spec_name: "Client Correlation Value",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420106,
        xml_name: "ServerCorrelationValue",
        spec_name: "Server Correlation Value",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420107,
        xml_name: "DigestedData",
        spec_name: "Digested Data",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420108,
        xml_name: "CertificateSubjectCN",
        spec_name: "Certificate Subject CN",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420109,
        xml_name: "CertificateSubjectO",
        spec_name: "Certificate Subject O",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x42010A,
        xml_name: "CertificateSubjectOU",
        spec_name: "Certificate Subject OU",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x42010B,
        xml_name: "CertificateSubjectEmail",
        spec_name: "Certificate Subject Email",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x42010C,
        xml_name: "CertificateSubjectC",
        spec_name: "Certificate Subject C",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x42010D,
        xml_name: "CertificateSubjectST",
        spec_name: "Certificate Subject ST",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x42010E,
        xml_name: "CertificateSubjectL",
        spec_name: "Certificate Subject L",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x42010F,
        xml_name: "CertificateSubjectUID",
        spec_name: "Certificate Subject UID",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420110,
        xml_name: "CertificateSubjectSerialNumber",
        spec_name: "Certificate Subject Serial Number",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420111,
        xml_name: "CertificateSubjectTitle",
        spec_name: "Certificate Subject Title",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420112,
        xml_name: "CertificateSubjectDC",
        spec_name: "Certificate Subject DC",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420113,
        xml_name: "CertificateSubjectDNQualifier",
        spec_name: "Certificate Subject DN Qualifier",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420114,
        xml_name: "CertificateIssuerCN",
        spec_name: "Certificate Issuer CN",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420115,
        xml_name: "CertificateIssuerO",
        spec_name: "Certificate Issuer O",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420116,
        xml_name: "CertificateIssuerOU",
        spec_name: "Certificate Issuer OU",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420117,
        xml_name: "CertificateIssuerEmail",
        spec_name: "Certificate Issuer Email",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420118,
        xml_name: "CertificateIssuerC",
        spec_name: "Certificate Issuer C",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420119,
        xml_name: "CertificateIssuerST",
        spec_name: "Certificate Issuer ST",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x42011A,
        xml_name: "CertificateIssuerL",
        spec_name: "Certificate Issuer L",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x42011B,
        xml_name: "CertificateIssuerUID",
        spec_name: "Certificate Issuer UID",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x42011C,
        xml_name: "CertificateIssuerSerialNumber",
        spec_name: "Certificate Issuer Serial Number",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x42011D,
        xml_name: "CertificateIssuerTitle",
        spec_name: "Certificate Issuer Title",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x42011E,
        xml_name: "CertificateIssuerDC",
        spec_name: "Certificate Issuer DC",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x42011F,
        xml_name: "CertificateIssuerDNQualifier",
        spec_name: "Certificate Issuer DN Qualifier",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420120,
        xml_name: "Sensitive",
        spec_name: "Sensitive",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420121,
        xml_name: "AlwaysSensitive",
        spec_name: "Always Sensitive",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420122,
        xml_name: "Extractable",
        spec_name: "Extractable",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420123,
        xml_name: "NeverExtractable",
        spec_name: "Never Extractable",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420124,
        xml_name: "ReplaceExisting",
        spec_name: "Replace Existing",
        versions: 0b1110000,
    },
    TagInfo {
        tag: 0x420125,
        xml_name: "Attributes",
        spec_name: "Attributes",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420126,
        xml_name: "CommonAttributes",
        spec_name: "Common Attributes",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420127,
        xml_name: "PrivateKeyAttributes",
        spec_name: "Private Key Attributes",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420128,
        xml_name: "PublicKeyAttributes",
        spec_name: "Public Key Attributes",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420129,
        xml_name: "ExtensionEnumeration",
        spec_name: "Extension Enumeration",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42012A,
        xml_name: "ExtensionAttribute",
        spec_name: "Extension Attribute",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42012B,
        xml_name: "ExtensionParentStructureTag",
        spec_name: "Extension Parent Structure Tag",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42012C,
        xml_name: "ExtensionDescription",
        spec_name: "Extension Description",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42012D,
        xml_name: "ServerName",
        spec_name: "Server Name",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42012E,
        xml_name: "ServerSerialNumber",
        spec_name: "Server Serial Number",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42012F,
        xml_name: "ServerVersion",
        spec_name: "Server Version",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420130,
        xml_name: "ServerLoad",
        spec_name: "Server Load",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420131,
        xml_name: "ProductName",
        spec_name: "Product Name",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420132,
        xml_name: "BuildLevel",
        spec_name: "Build Level",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420133,
        xml_name: "BuildDate",
        spec_name: "Build Date",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420134,
        xml_name: "ClusterInfo",
        spec_name: "Cluster Info",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420135,
        xml_name: "AlternateFailoverEndpoints",
        spec_name: "Alternate Failover Endpoints",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420136,
        xml_name: "ShortUniqueIdentifier",
        spec_name: "Short Unique Identifier",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420138,
        xml_name: "Tag",
        spec_name: "Tag",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420139,
        xml_name: "CertificateRequestUniqueIdentifier",
        spec_name: "Certificate Request Unique Identifier",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42013A,
        xml_name: "NISTKeyType",
        spec_name: "NIST Key Type",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42013B,
        xml_name: "AttributeReference",
        spec_name: "Attribute Reference",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42013C,
        xml_name: "CurrentAttribute",
        spec_name: "Current Attribute",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42013D,
        xml_name: "NewAttribute",
        spec_name: "New Attribute",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420140,
        xml_name: "CertificateRequestValue",
        spec_name: "Certificate Request Value",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420141,
        xml_name: "LogMessage",
        spec_name: "Log Message",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420142,
        xml_name: "ProfileVersion",
        spec_name: "Profile Version",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420143,
        xml_name: "ProfileVersionMajor",
        spec_name: "Profile Version Major",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420144,
        xml_name: "ProfileVersionMinor",
        spec_name: "Profile Version Minor",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420145,
        xml_name: "ProtectionLevel",
        spec_name: "Protection Level",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420146,
        xml_name: "ProtectionPeriod",
        spec_name: "Protection Period",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420147,
        xml_name: "QuantumSafe",
        spec_name: "Quantum Safe",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420148,
        xml_name: "QuantumSafeCapability",
        spec_name: "Quantum Safe Capability",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420149,
        xml_name: "Ticket",
        spec_name: "Ticket",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42014A,
        xml_name: "TicketType",
        spec_name: "Ticket Type",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42014B,
        xml_name: "TicketValue",
        spec_name: "Ticket Value",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42014C,
        xml_name: "RequestCount",
        spec_name: "Request Count",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42014D,
        xml_name: "Rights",
        spec_name: "Rights",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42014E,
        xml_name: "Objects",
        spec_name: "Objects",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42014F,
        xml_name: "Operations",
        spec_name: "Operations",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420150,
        xml_name: "Right",
        spec_name: "Right",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420151,
        xml_name: "EndpointRole",
        spec_name: "Endpoint Role",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420152,
        xml_name: "DefaultsInformation",
        spec_name: "Defaults Information",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420153,
        xml_name: "ObjectDefaults",
        spec_name: "Object Defaults",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420154,
        xml_name: "Ephemeral",
        spec_name: "Ephemeral",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420155,
        xml_name: "ServerHashedPassword",
        spec_name: "Server Hashed Password",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420156,
        xml_name: "OneTimePassword",
        spec_name: "One Time Password",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420157,
        xml_name: "HashedPassword",
        spec_name: "Hashed Password",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420158,
        xml_name: "AdjustmentType",
        spec_name: "Adjustment Type",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420159,
        xml_name: "PKCS_11Interface",
        spec_name: "PKCS#11 Interface",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42015A,
        xml_name: "PKCS_11Function",
        spec_name: "PKCS#11 Function",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42015B,
        xml_name: "PKCS_11InputParameters",
        spec_name: "PKCS#11 Input Parameters",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42015C,
        xml_name: "PKCS_11OutputParameters",
        spec_name: "PKCS#11 Output Parameters",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42015D,
        xml_name: "PKCS_11ReturnCode",
        spec_name: "PKCS#11 Return Code",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42015E,
        xml_name: "ProtectionStorageMask",
        spec_name: "Protection Storage Mask",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x42015F,
        xml_name: "ProtectionStorageMasks",
        spec_name: "Protection Storage Masks",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420160,
        xml_name: "InteropFunction",
        spec_name: "Interop Function",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420161,
        xml_name: "InteropIdentifier",
        spec_name: "Interop Identifier",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420162,
        xml_name: "AdjustmentValue",
        spec_name: "Adjustment Value",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420163,
        xml_name: "CommonProtectionStorageMasks",
        spec_name: "Common Protection Storage Masks",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420164,
        xml_name: "PrivateProtectionStorageMasks",
        spec_name: "Private Protection Storage Masks",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420165,
        xml_name: "PublicProtectionStorageMasks",
        spec_name: "Public Protection Storage Masks",
        versions: 0b1100000,
    },
    TagInfo {
        tag: 0x420166,
        xml_name: "ObjectGroups",
        spec_name: "Object Groups",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x420167,
        xml_name: "ObjectTypes",
        spec_name: "Object Types",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x420168,
        xml_name: "Constraints",
        spec_name: "Constraints",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x420169,
        xml_name: "Constraint",
        spec_name: "Constraint",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x42016A,
        xml_name: "RotateInterval",
        spec_name: "Rotate Interval",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x42016B,
        xml_name: "RotateAutomatic",
        spec_name: "Rotate Automatic",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x42016C,
        xml_name: "RotateOffset",
        spec_name: "Rotate Offset",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x42016D,
        xml_name: "RotateDate",
        spec_name: "Rotate Date",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x42016E,
        xml_name: "RotateGeneration",
        spec_name: "Rotate Generation",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x42016F,
        xml_name: "RotateName",
        spec_name: "Rotate Name",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x420170,
        xml_name: "RotateNameValue",
        spec_name: "Rotate Name Value",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x420171,
        xml_name: "RotateNameType",
        spec_name: "Rotate Name Type",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x420172,
        xml_name: "RotateLatest",
        spec_name: "Rotate Latest",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x420173,
        xml_name: "AsynchronousRequest",
        spec_name: "Asynchronous Request",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x420174,
        xml_name: "SubmissionDate",
        spec_name: "Submission Date",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x420175,
        xml_name: "ProcessingStage",
        spec_name: "Processing Stage",
        versions: 0b1000000,
    },
    TagInfo {
        tag: 0x420176,
        xml_name: "AsynchronousCorrelationValues",
        spec_name: "Asynchronous Correlation Values",
        versions: 0b1000000,
    },
];

/// Every accepted name (XML names and specification spellings), sorted for binary search.
static TAGS_BY_NAME: &[(&str, u32)] = &[
    ("Activation Date", 0x420001),
    ("ActivationDate", 0x420001),
    ("Adjustment Type", 0x420158),
    ("Adjustment Value", 0x420162),
    ("AdjustmentType", 0x420158),
    ("AdjustmentValue", 0x420162),
    ("Alternate Failover Endpoints", 0x420135),
    ("AlternateFailoverEndpoints", 0x420135),
    ("Alternative Name", 0x4200BF),
    ("Alternative Name Type", 0x4200C1),
    ("Alternative Name Value", 0x4200C0),
    ("AlternativeName", 0x4200BF),
    ("AlternativeNameType", 0x4200C1),
    ("AlternativeNameValue", 0x4200C0),
    ("Always Sensitive", 0x420121),
    ("AlwaysSensitive", 0x420121),
    ("Application Data", 0x420002),
    ("Application Namespace", 0x420003),
    ("Application Specific Information", 0x420004),
    ("ApplicationData", 0x420002),
    ("ApplicationNamespace", 0x420003),
    ("ApplicationSpecificInformation", 0x420004),
    ("Archive Date", 0x420005),
    ("ArchiveDate", 0x420005),
    ("Asynchronous Capability", 0x4200F0),
    ("Asynchronous Correlation Value", 0x420006),
    ("Asynchronous Correlation Values", 0x420176),
    ("Asynchronous Indicator", 0x420007),
    ("Asynchronous Request", 0x420173),
    ("AsynchronousCapability", 0x4200F0),
    ("AsynchronousCorrelationValue", 0x420006),
    ("AsynchronousCorrelationValues", 0x420176),
    ("AsynchronousIndicator", 0x420007),
    ("AsynchronousRequest", 0x420173),
    ("Attestation Assertion", 0x4200CC),
    ("Attestation Capability", 0x4200F1),
    ("Attestation Capable Indicator", 0x4200D3),
    ("Attestation Measurement", 0x4200CB),
    ("Attestation Type", 0x4200C7),
    ("AttestationAssertion", 0x4200CC),
    ("AttestationCapability", 0x4200F1),
    ("AttestationCapableIndicator", 0x4200D3),
    ("AttestationMeasurement", 0x4200CB),
    ("AttestationType", 0x4200C7),
    ("Attribute", 0x420008),
    ("Attribute Index", 0x420009),
    ("Attribute Name", 0x42000A),
    ("Attribute Reference", 0x42013B),
    ("Attribute Value", 0x42000B),
    ("AttributeIndex", 0x420009),
    ("AttributeName", 0x42000A),
    ("AttributeReference", 0x42013B),
    ("AttributeValue", 0x42000B),
    ("Attributes", 0x420125),
    ("Authenticated Encryption Additional Data", 0x4200FE),
    ("Authenticated Encryption Tag", 0x4200FF),
    ("AuthenticatedEncryptionAdditionalData", 0x4200FE),
    ("AuthenticatedEncryptionTag", 0x4200FF),
    ("Authentication", 0x42000C),
    ("Batch Continue Capability", 0x4200FA),
    ("Batch Count", 0x42000D),
    ("Batch Error Continuation Option", 0x42000E),
    ("Batch Item", 0x42000F),
    ("Batch Order Option", 0x420010),
    ("Batch Undo Capability", 0x4200F9),
    ("BatchContinueCapability", 0x4200FA),
    ("BatchCount", 0x42000D),
    ("BatchErrorContinuationOption", 0x42000E),
    ("BatchItem", 0x42000F),
    ("BatchOrderOption", 0x420010),
    ("BatchUndoCapability", 0x4200F9),
    ("Block Cipher Mode", 0x420011),
    ("BlockCipherMode", 0x420011),
    ("Build Date", 0x420133),
    ("Build Level", 0x420132),
    ("BuildDate", 0x420133),
    ("BuildLevel", 0x420132),
    ("CRT Coefficient", 0x420027),
    ("CRTCoefficient", 0x420027),
    ("Cancellation Result", 0x420012),
    ("CancellationResult", 0x420012),
    ("Capability Information", 0x4200F7),
    ("CapabilityInformation", 0x4200F7),
    ("Certificate", 0x420013),
    ("Certificate Identifier", 0x420014),
    ("Certificate Issuer", 0x420015),
    ("Certificate Issuer Alternative Name", 0x420016),
    ("Certificate Issuer C", 0x420118),
    ("Certificate Issuer CN", 0x420114),
    ("Certificate Issuer DC", 0x42011E),
    ("Certificate Issuer DN Qualifier", 0x42011F),
    ("Certificate Issuer Distinguished Name", 0x420017),
    ("Certificate Issuer Email", 0x420117),
    ("Certificate Issuer L", 0x42011A),
    ("Certificate Issuer O", 0x420115),
    ("Certificate Issuer OU", 0x420116),
    ("Certificate Issuer ST", 0x420119),
    ("Certificate Issuer Serial Number", 0x42011C),
    ("Certificate Issuer Title", 0x42011D),
    ("Certificate Issuer UID", 0x42011B),
    ("Certificate Length", 0x4200AD),
    ("Certificate Request", 0x420018),
    ("Certificate Request Type", 0x420019),
    ("Certificate Request Unique Identifier", 0x420139),
    ("Certificate Request Value", 0x420140),
    ("Certificate Serial Number", 0x4200AF),
    ("Certificate Subject", 0x42001A),
    ("Certificate Subject Alternative Name", 0x42001B),
    ("Certificate Subject C", 0x42010C),
    ("Certificate Subject CN", 0x420108),
    ("Certificate Subject DC", 0x420112),
    ("Certificate Subject DN Qualifier", 0x420113),
    ("Certificate Subject Distinguished Name", 0x42001C),
    ("Certificate Subject Email", 0x42010B),
    ("Certificate Subject L", 0x42010E),
    ("Certificate Subject O", 0x420109),
    ("Certificate Subject OU", 0x42010A),
    ("Certificate Subject ST", 0x42010D),
    ("Certificate Subject Serial Number", 0x420110),
    ("Certificate Subject Title", 0x420111),
    ("Certificate Subject UID", 0x42010F),
    ("Certificate Type", 0x42001D),
    ("Certificate Value", 0x42001E),
    ("CertificateIdentifier", 0x420014),
    ("CertificateIssuer", 0x420015),
    ("CertificateIssuerAlternativeName", 0x420016),
    ("CertificateIssuerC", 0x420118),
    ("CertificateIssuerCN", 0x420114),
    ("CertificateIssuerDC", 0x42011E),
    ("CertificateIssuerDNQualifier", 0x42011F),
    ("CertificateIssuerDistinguishedName", 0x420017),
    ("CertificateIssuerEmail", 0x420117),
    ("CertificateIssuerL", 0x42011A),
    ("CertificateIssuerO", 0x420115),
    ("CertificateIssuerOU", 0x420116),
    ("CertificateIssuerST", 0x420119),
    ("CertificateIssuerSerialNumber", 0x42011C),
    ("CertificateIssuerTitle", 0x42011D),
    ("CertificateIssuerUID", 0x42011B),
    ("CertificateLength", 0x4200AD),
    ("CertificateRequest", 0x420018),
    ("CertificateRequestType", 0x420019),
    ("CertificateRequestUniqueIdentifier", 0x420139),
    ("CertificateRequestValue", 0x420140),
    ("CertificateSerialNumber", 0x4200AF),
    ("CertificateSubject", 0x42001A),
    ("CertificateSubjectAlternativeName", 0x42001B),
    ("CertificateSubjectC", 0x42010C),
    ("CertificateSubjectCN", 0x420108),
    ("CertificateSubjectDC", 0x420112),
    ("CertificateSubjectDNQualifier", 0x420113),
    ("CertificateSubjectDistinguishedName", 0x42001C),
    ("CertificateSubjectEmail", 0x42010B),
    ("CertificateSubjectL", 0x42010E),
    ("CertificateSubjectO", 0x420109),
    ("CertificateSubjectOU", 0x42010A),
    ("CertificateSubjectST", 0x42010D),
    ("CertificateSubjectSerialNumber", 0x420110),
    ("CertificateSubjectTitle", 0x420111),
    ("CertificateSubjectUID", 0x42010F),
    ("CertificateType", 0x42001D),
    ("CertificateValue", 0x42001E),
    ("Client Correlation Value", 0x420105),
    ("Client Registration Method", 0x4200F6),
    ("ClientCorrelationValue", 0x420105),
    ("ClientRegistrationMethod", 0x4200F6),
    ("Cluster Info", 0x420134),
    ("ClusterInfo", 0x420134),
    ("Comment", 0x4200FD),
    ("Common Attributes", 0x420126),
    ("Common Protection Storage Masks", 0x420163),
    ("Common Template-Attribute", 0x42001F),
    ("CommonAttributes", 0x420126),
    ("CommonProtectionStorageMasks", 0x420163),
    ("CommonTemplateAttribute", 0x42001F),
    ("Compromise Date", 0x420020),
    ("Compromise Occurrence Date", 0x420021),
    ("CompromiseDate", 0x420020),
    ("CompromiseOccurrenceDate", 0x420021),
    ("Constraint", 0x420169),
    ("Constraints", 0x420168),
    ("Contact Information", 0x420022),
    ("ContactInformation", 0x420022),
    ("Correlation Value", 0x4200D6),
    ("CorrelationValue", 0x4200D6),
    ("Counter Length", 0x4200D0),
    ("CounterLength", 0x4200D0),
    ("Credential", 0x420023),
    ("Credential Type", 0x420024),
    ("Credential Value", 0x420025),
    ("CredentialType", 0x420024),
    ("CredentialValue", 0x420025),
    ("Criticality Indicator", 0x420026),
    ("CriticalityIndicator", 0x420026),
    ("Cryptographic Algorithm", 0x420028),
    ("Cryptographic Domain Parameters", 0x420029),
    ("Cryptographic Length", 0x42002A),
    ("Cryptographic Parameters", 0x42002B),
    ("Cryptographic Usage Mask", 0x42002C),
    ("CryptographicAlgorithm", 0x420028),
    ("CryptographicDomainParameters", 0x420029),
    ("CryptographicLength", 0x42002A),
    ("CryptographicParameters", 0x42002B),
    ("CryptographicUsageMask", 0x42002C),
    ("Current Attribute", 0x42013C),
    ("CurrentAttribute", 0x42013C),
    ("Custom Attribute", 0x42002D),
    ("CustomAttribute", 0x42002D),
    ("D", 0x42002E),
    ("DRBG Algorithm", 0x4200DB),
    ("DRBGAlgorithm", 0x4200DB),
    ("Data", 0x4200C2),
    ("Data Length", 0x4200C4),
    ("DataLength", 0x4200C4),
    ("Deactivation Date", 0x42002F),
    ("DeactivationDate", 0x42002F),
    ("Defaults Information", 0x420152),
    ("DefaultsInformation", 0x420152),
    ("Derivation Data", 0x420030),
    ("Derivation Method", 0x420031),
    ("Derivation Parameters", 0x420032),
    ("DerivationData", 0x420030),
    ("DerivationMethod", 0x420031),
    ("DerivationParameters", 0x420032),
    ("Description", 0x4200FC),
    ("Destroy Action", 0x4200F3),
    ("Destroy Date", 0x420033),
    ("DestroyAction", 0x4200F3),
    ("DestroyDate", 0x420033),
    ("Device Identifier", 0x4200A2),
    ("Device Serial Number", 0x4200B0),
    ("DeviceIdentifier", 0x4200A2),
    ("DeviceSerialNumber", 0x4200B0),
    ("Digest", 0x420034),
    ("Digest Value", 0x420035),
    ("DigestValue", 0x420035),
    ("Digested Data", 0x420107),
    ("DigestedData", 0x420107),
    ("Digital Signature Algorithm", 0x4200AE),
    ("DigitalSignatureAlgorithm", 0x4200AE),
    ("Encoding Option", 0x4200A3),
    ("EncodingOption", 0x4200A3),
    ("Encryption Key Information", 0x420036),
    ("EncryptionKeyInformation", 0x420036),
    ("Endpoint Role", 0x420151),
    ("EndpointRole", 0x420151),
    ("Ephemeral", 0x420154),
    ("Extension Attribute", 0x42012A),
    ("Extension Description", 0x42012C),
    ("Extension Enumeration", 0x420129),
    ("Extension Information", 0x4200A4),
    ("Extension Name", 0x4200A5),
    ("Extension Parent Structure Tag", 0x42012B),
    ("Extension Tag", 0x4200A6),
    ("Extension Type", 0x4200A7),
    ("ExtensionAttribute", 0x42012A),
    ("ExtensionDescription", 0x42012C),
    ("ExtensionEnumeration", 0x420129),
    ("ExtensionInformation", 0x4200A4),
    ("ExtensionName", 0x4200A5),
    ("ExtensionParentStructureTag", 0x42012B),
    ("ExtensionTag", 0x4200A6),
    ("ExtensionType", 0x4200A7),
    ("Extractable", 0x420122),
    ("FIPS186 Variation", 0x4200DC),
    ("FIPS186Variation", 0x4200DC),
    ("Final Indicator", 0x4200D8),
    ("FinalIndicator", 0x4200D8),
    ("Fixed Field Length", 0x4200CF),
    ("FixedFieldLength", 0x4200CF),
    ("Fresh", 0x4200A8),
    ("G", 0x420037),
    ("Hashed Password", 0x420157),
    ("HashedPassword", 0x420157),
    ("Hashing Algorithm", 0x420038),
    ("HashingAlgorithm", 0x420038),
    ("IV Length", 0x4200CD),
    ("IV/Counter/Nonce", 0x42003D),
    ("IVCounterNonce", 0x42003D),
    ("IVLength", 0x4200CD),
    ("Init Indicator", 0x4200D7),
    ("InitIndicator", 0x4200D7),
    ("Initial Counter Value", 0x4200D1),
    ("Initial Date", 0x420039),
    ("InitialCounterValue", 0x4200D1),
    ("InitialDate", 0x420039),
    ("Initialization Vector", 0x42003A),
    ("InitializationVector", 0x42003A),
    ("Interop Function", 0x420160),
    ("Interop Identifier", 0x420161),
    ("InteropFunction", 0x420160),
    ("InteropIdentifier", 0x420161),
    ("Invocation Field Length", 0x4200D2),
    ("InvocationFieldLength", 0x4200D2),
    ("Issuer", 0x42003B),
    ("Issuer Alternative Name", 0x4200B1),
    ("Issuer Distinguished Name", 0x4200B2),
    ("IssuerAlternativeName", 0x4200B1),
    ("IssuerDistinguishedName", 0x4200B2),
    ("Iteration Count", 0x42003C),
    ("IterationCount", 0x42003C),
    ("J", 0x42003E),
    ("Key", 0x42003F),
    ("Key Block", 0x420040),
    ("Key Compression Type", 0x420041),
    ("Key Format Type", 0x420042),
    ("Key Material", 0x420043),
    ("Key Part Identifier", 0x420044),
    ("Key Role Type", 0x420083),
    ("Key Value", 0x420045),
    ("Key Value Location", 0x4200B8),
    ("Key Value Location Type", 0x4200BA),
    ("Key Value Location Value", 0x4200B9),
    ("Key Value Present", 0x4200BB),
    ("Key Wrap Type", 0x4200F8),
    ("Key Wrapping Data", 0x420046),
    ("Key Wrapping Specification", 0x420047),
    ("KeyBlock", 0x420040),
    ("KeyCompressionType", 0x420041),
    ("KeyFormatType", 0x420042),
    ("KeyMaterial", 0x420043),
    ("KeyPartIdentifier", 0x420044),
    ("KeyRoleType", 0x420083),
    ("KeyValue", 0x420045),
    ("KeyValueLocation", 0x4200B8),
    ("KeyValueLocationType", 0x4200BA),
    ("KeyValueLocationValue", 0x4200B9),
    ("KeyValuePresent", 0x4200BB),
    ("KeyWrapType", 0x4200F8),
    ("KeyWrappingData", 0x420046),
    ("KeyWrappingSpecification", 0x420047),
    ("Last Change Date", 0x420048),
    ("LastChangeDate", 0x420048),
    ("Lease Time", 0x420049),
    ("LeaseTime", 0x420049),
    ("Link", 0x42004A),
    ("Link Type", 0x42004B),
    ("LinkType", 0x42004B),
    ("Linked Object Identifier", 0x42004C),
    ("LinkedObjectIdentifier", 0x42004C),
    ("Located Items", 0x4200D5),
    ("LocatedItems", 0x4200D5),
    ("Log Message", 0x420141),
    ("LogMessage", 0x420141),
    ("MAC Data", 0x4200C6),
    ("MAC/Signature", 0x42004D),
    ("MAC/Signature Key Information", 0x42004E),
    ("MACData", 0x4200C6),
    ("MACSignature", 0x42004D),
    ("MACSignatureKeyInformation", 0x42004E),
    ("Machine Identifier", 0x4200A9),
    ("MachineIdentifier", 0x4200A9),
    ("Mask Generator", 0x420101),
    ("Mask Generator Hashing Algorithm", 0x420102),
    ("MaskGenerator", 0x420101),
    ("MaskGeneratorHashingAlgorithm", 0x420102),
    ("Maximum Items", 0x42004F),
    ("Maximum Response Size", 0x420050),
    ("MaximumItems", 0x42004F),
    ("MaximumResponseSize", 0x420050),
    ("Media Identifier", 0x4200AA),
    ("MediaIdentifier", 0x4200AA),
    ("Message Extension", 0x420051),
    ("MessageExtension", 0x420051),
    ("Modulus", 0x420052),
    ("NIST Key Type", 0x42013A),
    ("NISTKeyType", 0x42013A),
    ("Name", 0x420053),
    ("Name Type", 0x420054),
    ("Name Value", 0x420055),
    ("NameType", 0x420054),
    ("NameValue", 0x420055),
    ("Network Identifier", 0x4200AB),
    ("NetworkIdentifier", 0x4200AB),
    ("Never Extractable", 0x420123),
    ("NeverExtractable", 0x420123),
    ("New Attribute", 0x42013D),
    ("NewAttribute", 0x42013D),
    ("Nonce", 0x4200C8),
    ("Nonce ID", 0x4200C9),
    ("Nonce Value", 0x4200CA),
    ("NonceID", 0x4200C9),
    ("NonceValue", 0x4200CA),
    ("Object Defaults", 0x420153),
    ("Object Group", 0x420056),
    ("Object Group Member", 0x4200AC),
    ("Object Groups", 0x420166),
    ("Object Type", 0x420057),
    ("Object Types", 0x420167),
    ("ObjectDefaults", 0x420153),
    ("ObjectGroup", 0x420056),
    ("ObjectGroupMember", 0x4200AC),
    ("ObjectGroups", 0x420166),
    ("ObjectType", 0x420057),
    ("ObjectTypes", 0x420167),
    ("Objects", 0x42014E),
    ("Offset", 0x420058),
    ("Offset Items", 0x4200D4),
    ("OffsetItems", 0x4200D4),
    ("One Time Password", 0x420156),
    ("OneTimePassword", 0x420156),
    ("Opaque Data Type", 0x420059),
    ("Opaque Data Value", 0x42005A),
    ("Opaque Object", 0x42005B),
    ("OpaqueDataType", 0x420059),
    ("OpaqueDataValue", 0x42005A),
    ("OpaqueObject", 0x42005B),
    ("Operation", 0x42005C),
    ("Operation Policy Name", 0x42005D),
    ("OperationPolicyName", 0x42005D),
    ("Operations", 0x42014F),
    ("Original Creation Date", 0x4200BC),
    ("OriginalCreationDate", 0x4200BC),
    ("P", 0x42005E),
    ("P Source", 0x420103),
    ("PGP Key", 0x4200BD),
    ("PGP Key Version", 0x4200BE),
    ("PGPKey", 0x4200BD),
    ("PGPKeyVersion", 0x4200BE),
    ("PKCS#11 Function", 0x42015A),
    ("PKCS#11 Input Parameters", 0x42015B),
    ("PKCS#11 Interface", 0x420159),
    ("PKCS#11 Output Parameters", 0x42015C),
    ("PKCS#11 Return Code", 0x42015D),
    ("PKCS#12 Friendly Name", 0x4200FB),
    ("PKCS_11Function", 0x42015A),
    ("PKCS_11InputParameters", 0x42015B),
    ("PKCS_11Interface", 0x420159),
    ("PKCS_11OutputParameters", 0x42015C),
    ("PKCS_11ReturnCode", 0x42015D),
    ("PKCS_12FriendlyName", 0x4200FB),
    ("PSource", 0x420103),
    ("Padding Method", 0x42005F),
    ("PaddingMethod", 0x42005F),
    ("Password", 0x4200A1),
    ("Prediction Resistance", 0x4200DD),
    ("PredictionResistance", 0x4200DD),
    ("Prime Exponent P", 0x420060),
    ("Prime Exponent Q", 0x420061),
    ("Prime Field Size", 0x420062),
    ("PrimeExponentP", 0x420060),
    ("PrimeExponentQ", 0x420061),
    ("PrimeFieldSize", 0x420062),
    ("Private Exponent", 0x420063),
    ("Private Key", 0x420064),
    ("Private Key Attributes", 0x420127),
    ("Private Key Template-Attribute", 0x420065),
    ("Private Key Unique Identifier", 0x420066),
    ("Private Protection Storage Masks", 0x420164),
    ("PrivateExponent", 0x420063),
    ("PrivateKey", 0x420064),
    ("PrivateKeyAttributes", 0x420127),
    ("PrivateKeyTemplateAttribute", 0x420065),
    ("PrivateKeyUniqueIdentifier", 0x420066),
    ("PrivateProtectionStorageMasks", 0x420164),
    ("Process Start Date", 0x420067),
    ("ProcessStartDate", 0x420067),
    ("Processing Stage", 0x420175),
    ("ProcessingStage", 0x420175),
    ("Product Name", 0x420131),
    ("ProductName", 0x420131),
    ("Profile Information", 0x4200EB),
    ("Profile Name", 0x4200EC),
    ("Profile Version", 0x420142),
    ("Profile Version Major", 0x420143),
    ("Profile Version Minor", 0x420144),
    ("ProfileInformation", 0x4200EB),
    ("ProfileName", 0x4200EC),
    ("ProfileVersion", 0x420142),
    ("ProfileVersionMajor", 0x420143),
    ("ProfileVersionMinor", 0x420144),
    ("Protect Stop Date", 0x420068),
    ("ProtectStopDate", 0x420068),
    ("Protection Level", 0x420145),
    ("Protection Period", 0x420146),
    ("Protection Storage Mask", 0x42015E),
    ("Protection Storage Masks", 0x42015F),
    ("ProtectionLevel", 0x420145),
    ("ProtectionPeriod", 0x420146),
    ("ProtectionStorageMask", 0x42015E),
    ("ProtectionStorageMasks", 0x42015F),
    ("Protocol Version", 0x420069),
    ("Protocol Version Major", 0x42006A),
    ("Protocol Version Minor", 0x42006B),
    ("ProtocolVersion", 0x420069),
    ("ProtocolVersionMajor", 0x42006A),
    ("ProtocolVersionMinor", 0x42006B),
    ("Public Exponent", 0x42006C),
    ("Public Key", 0x42006D),
    ("Public Key Attributes", 0x420128),
    ("Public Key Template-Attribute", 0x42006E),
    ("Public Key Unique Identifier", 0x42006F),
    ("Public Protection Storage Masks", 0x420165),
    ("PublicExponent", 0x42006C),
    ("PublicKey", 0x42006D),
    ("PublicKeyAttributes", 0x420128),
    ("PublicKeyTemplateAttribute", 0x42006E),
    ("PublicKeyUniqueIdentifier", 0x42006F),
    ("PublicProtectionStorageMasks", 0x420165),
    ("Put Function", 0x420070),
    ("PutFunction", 0x420070),
    ("Q", 0x420071),
    ("Q String", 0x420072),
    ("QString", 0x420072),
    ("Qlength", 0x420073),
    ("Quantum Safe", 0x420147),
    ("Quantum Safe Capability", 0x420148),
    ("QuantumSafe", 0x420147),
    ("QuantumSafeCapability", 0x420148),
    ("Query Function", 0x420074),
    ("QueryFunction", 0x420074),
    ("RNG Algorithm", 0x4200DA),
    ("RNG Mode", 0x4200F5),
    ("RNG Parameters", 0x4200D9),
    ("RNGAlgorithm", 0x4200DA),
    ("RNGMode", 0x4200F5),
    ("RNGParameters", 0x4200D9),
    ("Random IV", 0x4200C5),
    ("Random Number Generator", 0x4200DE),
    ("RandomIV", 0x4200C5),
    ("RandomNumberGenerator", 0x4200DE),
    ("Recommended Curve", 0x420075),
    ("RecommendedCurve", 0x420075),
    ("Replace Existing", 0x420124),
    ("ReplaceExisting", 0x420124),
    ("Replaced Unique Identifier", 0x420076),
    ("ReplacedUniqueIdentifier", 0x420076),
    ("Request Count", 0x42014C),
    ("Request Header", 0x420077),
    ("Request Message", 0x420078),
    ("Request Payload", 0x420079),
    ("RequestCount", 0x42014C),
    ("RequestHeader", 0x420077),
    ("RequestMessage", 0x420078),
    ("RequestPayload", 0x420079),
    ("Response Header", 0x42007A),
    ("Response Message", 0x42007B),
    ("Response Payload", 0x42007C),
    ("ResponseHeader", 0x42007A),
    ("ResponseMessage", 0x42007B),
    ("ResponsePayload", 0x42007C),
    ("Result Message", 0x42007D),
    ("Result Reason", 0x42007E),
    ("Result Status", 0x42007F),
    ("ResultMessage", 0x42007D),
    ("ResultReason", 0x42007E),
    ("ResultStatus", 0x42007F),
    ("Revocation Message", 0x420080),
    ("Revocation Reason", 0x420081),
    ("Revocation Reason Code", 0x420082),
    ("RevocationMessage", 0x420080),
    ("RevocationReason", 0x420081),
    ("RevocationReasonCode", 0x420082),
    ("Right", 0x420150),
    ("Rights", 0x42014D),
    ("Rotate Automatic", 0x42016B),
    ("Rotate Date", 0x42016D),
    ("Rotate Generation", 0x42016E),
    ("Rotate Interval", 0x42016A),
    ("Rotate Latest", 0x420172),
    ("Rotate Name", 0x42016F),
    ("Rotate Name Type", 0x420171),
    ("Rotate Name Value", 0x420170),
    ("Rotate Offset", 0x42016C),
    ("RotateAutomatic", 0x42016B),
    ("RotateDate", 0x42016D),
    ("RotateGeneration", 0x42016E),
    ("RotateInterval", 0x42016A),
    ("RotateLatest", 0x420172),
    ("RotateName", 0x42016F),
    ("RotateNameType", 0x420171),
    ("RotateNameValue", 0x420170),
    ("RotateOffset", 0x42016C),
    ("Salt", 0x420084),
    ("Salt Length", 0x420100),
    ("SaltLength", 0x420100),
    ("Secret Data", 0x420085),
    ("Secret Data Type", 0x420086),
    ("SecretData", 0x420085),
    ("SecretDataType", 0x420086),
    ("Sensitive", 0x420120),
    ("Serial Number", 0x420087),
    ("SerialNumber", 0x420087),
    ("Server Correlation Value", 0x420106),
    ("Server Hashed Password", 0x420155),
    ("Server Information", 0x420088),
    ("Server Load", 0x420130),
    ("Server Name", 0x42012D),
    ("Server Port", 0x4200EE),
    ("Server Serial Number", 0x42012E),
    ("Server URI", 0x4200ED),
    ("Server Version", 0x42012F),
    ("ServerCorrelationValue", 0x420106),
    ("ServerHashedPassword", 0x420155),
    ("ServerInformation", 0x420088),
    ("ServerLoad", 0x420130),
    ("ServerName", 0x42012D),
    ("ServerPort", 0x4200EE),
    ("ServerSerialNumber", 0x42012E),
    ("ServerURI", 0x4200ED),
    ("ServerVersion", 0x42012F),
    ("Short Unique Identifier", 0x420136),
    ("ShortUniqueIdentifier", 0x420136),
    ("Shredding Algorithm", 0x4200F4),
    ("ShreddingAlgorithm", 0x4200F4),
    ("Signature Data", 0x4200C3),
    ("SignatureData", 0x4200C3),
    ("Split Key", 0x420089),
    ("Split Key Method", 0x42008A),
    ("Split Key Parts", 0x42008B),
    ("Split Key Threshold", 0x42008C),
    ("SplitKey", 0x420089),
    ("SplitKeyMethod", 0x42008A),
    ("SplitKeyParts", 0x42008B),
    ("SplitKeyThreshold", 0x42008C),
    ("State", 0x42008D),
    ("Storage Status Mask", 0x42008E),
    ("StorageStatusMask", 0x42008E),
    ("Streaming Capability", 0x4200EF),
    ("StreamingCapability", 0x4200EF),
    ("Subject Alternative Name", 0x4200B3),
    ("Subject Distinguished Name", 0x4200B4),
    ("SubjectAlternativeName", 0x4200B3),
    ("SubjectDistinguishedName", 0x4200B4),
    ("Submission Date", 0x420174),
    ("SubmissionDate", 0x420174),
    ("Symmetric Key", 0x42008F),
    ("SymmetricKey", 0x42008F),
    ("Tag", 0x420138),
    ("Tag Length", 0x4200CE),
    ("TagLength", 0x4200CE),
    ("Template", 0x420090),
    ("Template-Attribute", 0x420091),
    ("TemplateAttribute", 0x420091),
    ("Ticket", 0x420149),
    ("Ticket Type", 0x42014A),
    ("Ticket Value", 0x42014B),
    ("TicketType", 0x42014A),
    ("TicketValue", 0x42014B),
    ("Time Stamp", 0x420092),
    ("TimeStamp", 0x420092),
    ("Trailer Field", 0x420104),
    ("TrailerField", 0x420104),
    ("Unique Batch Item ID", 0x420093),
    ("Unique Identifier", 0x420094),
    ("UniqueBatchItemID", 0x420093),
    ("UniqueIdentifier", 0x420094),
    ("Unwrap Mode", 0x4200F2),
    ("UnwrapMode", 0x4200F2),
    ("Usage Limits", 0x420095),
    ("Usage Limits Count", 0x420096),
    ("Usage Limits Total", 0x420097),
    ("Usage Limits Unit", 0x420098),
    ("UsageLimits", 0x420095),
    ("UsageLimitsCount", 0x420096),
    ("UsageLimitsTotal", 0x420097),
    ("UsageLimitsUnit", 0x420098),
    ("Username", 0x420099),
    ("Validation Authority Country", 0x4200E1),
    ("Validation Authority Type", 0x4200E0),
    ("Validation Authority URI", 0x4200E2),
    ("Validation Certificate Identifier", 0x4200E7),
    ("Validation Certificate URI", 0x4200E8),
    ("Validation Information", 0x4200DF),
    ("Validation Level", 0x4200E6),
    ("Validation Profile", 0x4200EA),
    ("Validation Type", 0x4200E5),
    ("Validation Vendor URI", 0x4200E9),
    ("Validation Version Major", 0x4200E3),
    ("Validation Version Minor", 0x4200E4),
    ("ValidationAuthorityCountry", 0x4200E1),
    ("ValidationAuthorityType", 0x4200E0),
    ("ValidationAuthorityURI", 0x4200E2),
    ("ValidationCertificateIdentifier", 0x4200E7),
    ("ValidationCertificateURI", 0x4200E8),
    ("ValidationInformation", 0x4200DF),
    ("ValidationLevel", 0x4200E6),
    ("ValidationProfile", 0x4200EA),
    ("ValidationType", 0x4200E5),
    ("ValidationVendorURI", 0x4200E9),
    ("ValidationVersionMajor", 0x4200E3),
    ("ValidationVersionMinor", 0x4200E4),
    ("Validity Date", 0x42009A),
    ("Validity Indicator", 0x42009B),
    ("ValidityDate", 0x42009A),
    ("ValidityIndicator", 0x42009B),
    ("Vendor Extension", 0x42009C),
    ("Vendor Identification", 0x42009D),
    ("VendorExtension", 0x42009C),
    ("VendorIdentification", 0x42009D),
    ("Wrapping Method", 0x42009E),
    ("WrappingMethod", 0x42009E),
    ("X", 0x42009F),
    ("X.509 Certificate Identifier", 0x4200B5),
    ("X.509 Certificate Issuer", 0x4200B6),
    ("X.509 Certificate Subject", 0x4200B7),
    ("X_509CertificateIdentifier", 0x4200B5),
    ("X_509CertificateIssuer", 0x4200B6),
    ("X_509CertificateSubject", 0x4200B7),
    ("Y", 0x4200A0),
];

fn info(tag: u32) -> Option<&'static TagInfo> {
    TAGS.binary_search_by_key(&tag, |t| t.tag)
        .ok()
        .map(|i| &TAGS[i])
}

/// XML/JSON encoding name of a tag (`0x420028` -> `"CryptographicAlgorithm"`), or `None` for a
/// tag number no KMIP version defines (extensions 0x54xxxx included).
pub fn tag_name(tag: u32) -> Option<&'static str> {
    info(tag).map(|t| t.xml_name)
}

/// Specification spelling of a tag (`0x420028` -> `"Cryptographic Algorithm"`).
pub fn tag_spec_name(tag: u32) -> Option<&'static str> {
    info(tag).map(|t| t.spec_name)
}

/// Tag number for a name: accepts the XML/JSON encoding names used by the OASIS test cases
/// (`"UniqueBatchItemID"`) and the specification spellings (`"Unique Batch Item ID"`), including
/// the names of tags deprecated in 1.1 or reserved in 2.0. Case-sensitive.
pub fn tag_by_name(name: &str) -> Option<u32> {
    TAGS_BY_NAME
        .binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes()))
        .ok()
        .map(|i| TAGS_BY_NAME[i].1)
}

/// True when the tag table of KMIP `major.minor` (1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1) lists `tag`.
pub fn tag_in_version(tag: u32, major: i32, minor: i32) -> bool {
    info(tag).is_some_and(|t| t.versions & version_bit(major, minor) != 0)
}
