//! AWS Signature Version 4 for the JSON APIs (KMS): the `Authorization` header of a request,
//! made with HMAC-SHA256 as the AWS General Reference describes (canonical request, string to
//! sign, derived signing key `AWS4 + secret → date → region → service → aws4_request`).
//!
//! Only what Keyhaven sends is supported: a POST to `/` with a body and no query string.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

type HmacSha256 = Hmac<Sha256>;

/// Credentials for one request (the session token for temporary credentials).
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: Zeroizing<String>,
    pub session_token: Option<Zeroizing<String>>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

fn hmac(key: &[u8], data: &[u8]) -> Zeroizing<Vec<u8>> {
    // HMAC accepts keys of any length.
    let mut m = <HmacSha256 as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    m.update(data);
    Zeroizing::new(m.finalize().into_bytes().to_vec())
}

/// `YYYYMMDD'T'HHMMSS'Z'` for a Unix time.
pub fn amz_date(unix: i64) -> String {
    let t =
        time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The headers to add to a `POST /` of `body` to `host` (as sent in `Host`): `X-Amz-Date`,
/// `X-Amz-Security-Token` when the credentials have one, and `Authorization`. `headers` are the
/// other headers that must be signed (e.g. `content-type`, `x-amz-target`), names lower-case.
pub fn sign(
    creds: &Credentials,
    region: &str,
    service: &str,
    host: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    unix_time: i64,
) -> Vec<(String, String)> {
    let date_time = amz_date(unix_time);
    let date = &date_time[..8];
    let mut signed: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    signed.push(("host".into(), host.to_owned()));
    signed.push(("x-amz-date".into(), date_time.clone()));
    if let Some(t) = &creds.session_token {
        signed.push(("x-amz-security-token".into(), t.to_string()));
    }
    signed.sort();
    let canonical_headers: String = signed.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    let signed_names = signed
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let canonical_request = format!(
        "POST\n/\n\n{canonical_headers}\n{signed_names}\n{}",
        hex::encode(Sha256::digest(body))
    );
    let scope = format!("{date}/{region}/{service}/aws4_request");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{date_time}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let k_secret = Zeroizing::new(format!("AWS4{}", creds.secret_access_key.as_str()));
    let k_date = hmac(k_secret.as_bytes(), date.as_bytes());
    let k_region = hmac(&k_date, region.as_bytes());
    let k_service = hmac(&k_region, service.as_bytes());
    let k_signing = hmac(&k_service, b"aws4_request");
    let signature = hex::encode(&*hmac(&k_signing, string_to_sign.as_bytes()));
    let mut out = vec![("X-Amz-Date".to_owned(), date_time)];
    if let Some(t) = &creds.session_token {
        out.push(("X-Amz-Security-Token".into(), t.to_string()));
    }
    out.push((
        "Authorization".into(),
        format!(
            "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_names}, Signature={signature}",
            creds.access_key_id
        ),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The signing-key derivation example of the AWS General Reference ("Examples of how to derive
    /// a signing key for Signature Version 4": secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY,
    /// 20120215, us-east-1, iam).
    #[test]
    fn signing_key_matches_the_published_example() {
        let k = hmac(b"AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", b"20120215");
        let k = hmac(&k, b"us-east-1");
        let k = hmac(&k, b"iam");
        let k = hmac(&k, b"aws4_request");
        assert_eq!(
            hex::encode(&*k),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
        );
    }

    #[test]
    fn header_shape() {
        let c = Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: Zeroizing::new("secret".into()),
            session_token: Some(Zeroizing::new("tok".into())),
        };
        assert_eq!(amz_date(1_440_938_160), "20150830T123600Z");
        let h = sign(
            &c,
            "eu-west-1",
            "kms",
            "kms.eu-west-1.amazonaws.com",
            &[
                ("content-type", "application/x-amz-json-1.1"),
                ("x-amz-target", "TrentService.Encrypt"),
            ],
            b"{}",
            1_440_938_160,
        );
        let auth = &h
            .iter()
            .find(|(n, _)| n == "Authorization")
            .expect("auth")
            .1;
        assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/kms/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature="), "{auth}");
        assert!(!format!("{c:?}").contains("secret"));
        // Deterministic, and the body is signed.
        let again = sign(
            &c,
            "eu-west-1",
            "kms",
            "kms.eu-west-1.amazonaws.com",
            &[],
            b"{}",
            1_440_938_160,
        );
        let other = sign(
            &c,
            "eu-west-1",
            "kms",
            "kms.eu-west-1.amazonaws.com",
            &[],
            b"{ }",
            1_440_938_160,
        );
        assert_ne!(again.last(), other.last());
    }
}
