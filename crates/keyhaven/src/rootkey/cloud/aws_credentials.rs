//! AWS credentials from the standard chain, in the SDKs' order:
//! 1. the environment: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`;
//! 2. the shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`),
//!    profile from the provider's configuration, else `AWS_PROFILE`, else `default`;
//! 3. container credentials (ECS, EKS Pod Identity): `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
//!    (under `http://169.254.170.2`) or `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with the
//!    `Authorization` value from `AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)`;
//! 4. the EC2 instance role through IMDSv2: `PUT /latest/api/token`, then
//!    `GET /latest/meta-data/iam/security-credentials/[role]` (endpoint
//!    `AWS_EC2_METADATA_SERVICE_ENDPOINT`, default `http://169.254.169.254`; skipped when
//!    `AWS_EC2_METADATA_DISABLED=true`).
//!
//! Temporary credentials are cached until five minutes before they expire; long-term ones are
//! read again every five minutes (so a rotated key is picked up).

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use super::aws_sigv4::Credentials;
use super::http::{HttpClient, Request};
use crate::rootkey::RootKeyError;

const CONTAINER_HOST: &str = "http://169.254.170.2";
const IMDS_DEFAULT: &str = "http://169.254.169.254";
const STATIC_TTL: Duration = Duration::from_secs(300);
const EXPIRY_MARGIN: i64 = 300;

/// Where credentials were found (for messages; never the secret).
fn source_line(src: &str, c: &Credentials) -> String {
    format!("{src} (access key {})", c.access_key_id)
}

struct Cached {
    creds: std::sync::Arc<Credentials>,
    source: String,
    until: Instant,
}

/// Resolves and caches credentials.
pub struct CredentialChain {
    profile: Option<String>,
    http: HttpClient,
    cache: Mutex<Option<Cached>>,
}

impl CredentialChain {
    pub fn new(profile: Option<String>) -> Result<Self, RootKeyError> {
        let http = HttpClient::new(None)
            .map_err(RootKeyError::Io)?
            .with_timeout(Duration::from_secs(2));
        Ok(CredentialChain {
            profile,
            http,
            cache: Mutex::new(None),
        })
    }

    /// Current credentials and where they came from.
    pub fn get(&self) -> Result<(std::sync::Arc<Credentials>, String), RootKeyError> {
        let mut slot = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(c) = slot.as_ref() {
            if Instant::now() < c.until {
                return Ok((std::sync::Arc::clone(&c.creds), c.source.clone()));
            }
        }
        let (creds, source, until) = self.resolve()?;
        let creds = std::sync::Arc::new(creds);
        *slot = Some(Cached {
            creds: std::sync::Arc::clone(&creds),
            source: source.clone(),
            until,
        });
        Ok((creds, source))
    }

    /// Forgets the cached credentials (after the service refused them).
    pub fn invalidate(&self) {
        *self.cache.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    fn resolve(&self) -> Result<(Credentials, String, Instant), RootKeyError> {
        let static_until = Instant::now() + STATIC_TTL;
        if let Some(c) = from_env() {
            let s = source_line("environment", &c);
            return Ok((c, s, static_until));
        }
        let profile = self
            .profile
            .clone()
            .or_else(|| std::env::var("AWS_PROFILE").ok())
            .unwrap_or_else(|| "default".into());
        if let Some((c, path)) = from_profile(&profile)? {
            let s = source_line(&format!("profile {profile} in {}", path.display()), &c);
            return Ok((c, s, static_until));
        }
        if let Some((c, until)) = self.container()? {
            let s = source_line("container credentials", &c);
            return Ok((c, s, until));
        }
        if !std::env::var("AWS_EC2_METADATA_DISABLED").is_ok_and(|v| v.eq_ignore_ascii_case("true"))
        {
            match self.instance_role() {
                Ok(Some((c, until))) => {
                    let s = source_line("EC2 instance role", &c);
                    return Ok((c, s, until));
                }
                Ok(None) => {}
                Err(e) => tracing::debug!(error = %e, "no EC2 instance metadata"),
            }
        }
        Err(RootKeyError::PermissionDenied(format!(
            "no AWS credentials found: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile {profile:?} in the shared credentials file, container credentials or an instance role"
        )))
    }

    fn container(&self) -> Result<Option<(Credentials, Instant)>, RootKeyError> {
        let url = if let Ok(rel) = std::env::var("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            format!("{CONTAINER_HOST}{rel}")
        } else if let Ok(full) = std::env::var("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            full
        } else {
            return Ok(None);
        };
        let auth = match std::env::var("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            Ok(f) => Some(Zeroizing::new(
                std::fs::read_to_string(&f)
                    .map_err(|e| RootKeyError::Locked(format!("{f}: {e}")))?
                    .trim()
                    .to_owned(),
            )),
            Err(_) => std::env::var("AWS_CONTAINER_AUTHORIZATION_TOKEN")
                .ok()
                .map(Zeroizing::new),
        };
        let mut req = Request::new("GET", &url).header("Accept", "application/json");
        if let Some(a) = &auth {
            req = req.header("Authorization", a.as_str());
        }
        let r = self.http.call("container credentials", &req)?;
        if !r.is_success() {
            return Err(RootKeyError::PermissionDenied(format!(
                "container credentials endpoint answered HTTP {}",
                r.status
            )));
        }
        parse_temporary(&r.body).map(Some)
    }

    fn instance_role(&self) -> Result<Option<(Credentials, Instant)>, RootKeyError> {
        let base = std::env::var("AWS_EC2_METADATA_SERVICE_ENDPOINT")
            .unwrap_or_else(|_| IMDS_DEFAULT.into());
        self.instance_role_at(&base)
    }

    /// IMDSv2 at `base`: a session token (PUT), the role's name, then its credentials.
    fn instance_role_at(&self, base: &str) -> Result<Option<(Credentials, Instant)>, RootKeyError> {
        let base = base.trim_end_matches('/');
        let http = self.http.clone().without_retries();
        let token_url = format!("{base}/latest/api/token");
        let r = http.call(
            "EC2 instance metadata",
            &Request::new("PUT", &token_url)
                .header("X-aws-ec2-metadata-token-ttl-seconds", "21600"),
        )?;
        if !r.is_success() {
            return Ok(None);
        }
        let token = Zeroizing::new(String::from_utf8_lossy(&r.body).trim().to_owned());
        let list_url = format!("{base}/latest/meta-data/iam/security-credentials/");
        let r = http.call(
            "EC2 instance metadata",
            &Request::new("GET", &list_url).header("X-aws-ec2-metadata-token", token.as_str()),
        )?;
        if !r.is_success() {
            return Ok(None);
        }
        let role = String::from_utf8_lossy(&r.body)
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        if role.is_empty() || role.contains('/') {
            return Ok(None);
        }
        let r = http.call(
            "EC2 instance metadata",
            &Request::new("GET", &format!("{list_url}{role}"))
                .header("X-aws-ec2-metadata-token", token.as_str()),
        )?;
        if !r.is_success() {
            return Ok(None);
        }
        parse_temporary(&r.body).map(Some)
    }
}

fn from_env() -> Option<Credentials> {
    let id = std::env::var("AWS_ACCESS_KEY_ID")
        .ok()
        .filter(|v| !v.is_empty())?;
    let secret = Zeroizing::new(std::env::var("AWS_SECRET_ACCESS_KEY").ok()?);
    Some(Credentials {
        access_key_id: id,
        secret_access_key: secret,
        session_token: std::env::var("AWS_SESSION_TOKEN")
            .ok()
            .filter(|v| !v.is_empty())
            .map(Zeroizing::new),
    })
}

fn credentials_file() -> Option<PathBuf> {
    if let Ok(f) = std::env::var("AWS_SHARED_CREDENTIALS_FILE") {
        return Some(PathBuf::from(f));
    }
    std::env::var("HOME")
        .ok()
        .map(|h| PathBuf::from(h).join(".aws").join("credentials"))
}

fn from_profile(profile: &str) -> Result<Option<(Credentials, PathBuf)>, RootKeyError> {
    let Some(path) = credentials_file() else {
        return Ok(None);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => Zeroizing::new(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(RootKeyError::Locked(format!("{}: {e}", path.display()))),
    };
    Ok(parse_profile(&text, profile).map(|c| (c, path)))
}

/// The credentials of `[profile]` in an INI credentials file.
fn parse_profile(text: &str, profile: &str) -> Option<Credentials> {
    let mut in_section = false;
    let (mut id, mut secret, mut token) = (None, None, None);
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with('#') || l.starts_with(';') || l.is_empty() {
            continue;
        }
        if let Some(name) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            in_section = name.trim() == profile;
            continue;
        }
        if !in_section {
            continue;
        }
        if let Some((k, v)) = l.split_once('=') {
            let v = v.trim().to_owned();
            match k.trim() {
                "aws_access_key_id" => id = Some(v),
                "aws_secret_access_key" => secret = Some(Zeroizing::new(v)),
                "aws_session_token" => token = Some(Zeroizing::new(v)),
                _ => {}
            }
        }
    }
    Some(Credentials {
        access_key_id: id?,
        secret_access_key: secret?,
        session_token: token,
    })
}

/// `{"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}` of the metadata services.
fn parse_temporary(body: &[u8]) -> Result<(Credentials, Instant), RootKeyError> {
    let v: serde_json::Value = serde_json::from_slice(body)
        .map_err(|_| RootKeyError::Io("AWS credentials answer is not JSON".into()))?;
    let field = |n: &str| {
        v[n].as_str()
            .map(str::to_owned)
            .ok_or_else(|| RootKeyError::Io(format!("AWS credentials answer has no {n}")))
    };
    let creds = Credentials {
        access_key_id: field("AccessKeyId")?,
        secret_access_key: Zeroizing::new(field("SecretAccessKey")?),
        session_token: v["Token"].as_str().map(|t| Zeroizing::new(t.to_owned())),
    };
    let now = crate::server::objects::now();
    let until = match v["Expiration"].as_str().and_then(parse_rfc3339) {
        Some(exp) => {
            let left = (exp - now - EXPIRY_MARGIN).max(0);
            Instant::now() + Duration::from_secs(left as u64)
        }
        None => Instant::now() + STATIC_TTL,
    };
    Ok((creds, until))
}

/// `YYYY-MM-DDTHH:MM:SS[.fff]Z` → Unix time.
fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || !s.ends_with('Z') {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let date = time::Date::from_calendar_date(
        n(0..4)? as i32,
        time::Month::try_from(n(5..7)? as u8).ok()?,
        n(8..10)? as u8,
    )
    .ok()?;
    let t = time::Time::from_hms(n(11..13)? as u8, n(14..16)? as u8, n(17..19)? as u8).ok()?;
    Some(
        time::PrimitiveDateTime::new(date, t)
            .assume_utc()
            .unix_timestamp(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles() {
        let text = "[default]\naws_access_key_id = A1\naws_secret_access_key = S1\n\n[kh]\naws_access_key_id=A2\naws_secret_access_key=S2\naws_session_token=T2\n";
        let d = parse_profile(text, "default").expect("default");
        assert_eq!(
            (d.access_key_id.as_str(), d.secret_access_key.as_str()),
            ("A1", "S1")
        );
        assert!(d.session_token.is_none());
        let k = parse_profile(text, "kh").expect("kh");
        assert_eq!(k.session_token.as_deref().map(String::as_str), Some("T2"));
        assert!(parse_profile(text, "other").is_none());
    }

    /// IMDSv2 as EC2 serves it: the token from the PUT must come back on both GETs.
    #[test]
    fn instance_role_through_imdsv2() {
        use std::io::{Read, Write};
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", l.local_addr().expect("addr"));
        let server = std::thread::spawn(move || {
            let mut seen = Vec::new();
            for _ in 0..3 {
                let (mut s, _) = l.accept().expect("accept");
                let mut buf = [0u8; 4096];
                let n = s.read(&mut buf).expect("read");
                let req = String::from_utf8_lossy(&buf[..n]).to_string();
                let line = req.lines().next().unwrap_or_default().to_owned();
                let has_token = req.contains("X-aws-ec2-metadata-token: imds-token\r\n");
                let body = match line.as_str() {
                    "PUT /latest/api/token HTTP/1.1"
                        if req.contains("X-aws-ec2-metadata-token-ttl-seconds: 21600") =>
                    {
                        "imds-token".to_owned()
                    }
                    "GET /latest/meta-data/iam/security-credentials/ HTTP/1.1" if has_token => {
                        "keyhaven-role\n".to_owned()
                    }
                    "GET /latest/meta-data/iam/security-credentials/keyhaven-role HTTP/1.1"
                        if has_token =>
                    {
                        r#"{"Code":"Success","AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"s","Token":"t","Expiration":"2999-01-01T00:00:00Z"}"#.to_owned()
                    }
                    _ => String::new(),
                };
                let status = if body.is_empty() {
                    "401 Unauthorized"
                } else {
                    "200 OK"
                };
                write!(
                    s,
                    "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
                .expect("write");
                seen.push(line);
            }
            seen
        });
        let chain = CredentialChain::new(None).expect("chain");
        let (c, _) = chain
            .instance_role_at(&base)
            .expect("answer")
            .expect("credentials");
        assert_eq!(c.access_key_id, "ASIAEXAMPLE");
        assert_eq!(c.session_token.as_deref().map(String::as_str), Some("t"));
        assert_eq!(server.join().expect("server").len(), 3);
    }

    #[test]
    fn temporary_credentials() {
        assert_eq!(parse_rfc3339("1970-01-01T00:01:00Z"), Some(60));
        assert_eq!(
            parse_rfc3339("2015-08-30T12:36:00.123Z"),
            Some(1_440_938_160)
        );
        assert!(parse_rfc3339("yesterday").is_none());
        let (c, until) = parse_temporary(
            br#"{"AccessKeyId":"ASIA1","SecretAccessKey":"s","Token":"t","Expiration":"2999-01-01T00:00:00Z"}"#,
        )
        .expect("parse");
        assert_eq!(c.access_key_id, "ASIA1");
        assert!(until > Instant::now() + Duration::from_secs(3600));
        assert!(parse_temporary(b"{}").is_err());
    }
}
