//! `keyhaven provider add-keyprotect | add-aws-kms | add-transit`: root keys in a cloud key
//! manager (see docs/rootkeys.md). Secrets are named (a file or an environment variable), never
//! given on the command line; the provider is checked (log in, reach the service) before it is
//! saved unless `--no-check`.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::CliResult;
use crate::datadir::{self, DataDir};
use crate::rootkey::cloud::aws_kms::AwsKmsConfig;
use crate::rootkey::cloud::keyprotect::{KeyProtectConfig, DEFAULT_IAM_ENDPOINT};
use crate::rootkey::cloud::transit::{TransitAuth, TransitConfig};
use crate::rootkey::cloud::SecretSource;
use crate::rootkey::registry::{self, ProviderConfig, ProviderSettings};

#[derive(Subcommand, Debug)]
pub enum CloudAddCmd {
    /// Add an IBM Key Protect (or Hyper Protect Crypto Services) instance, reached with a
    /// service ID's API key.
    #[command(name = "add-keyprotect")]
    AddKeyProtect {
        #[arg(long)]
        name: String,
        /// The service endpoint: https://REGION.kms.cloud.ibm.com (public),
        /// https://private.REGION.kms.cloud.ibm.com (private), or an HPCS instance's endpoint.
        #[arg(long)]
        endpoint: String,
        /// The instance ID (GUID), sent as the bluemix-instance header.
        #[arg(long)]
        instance_id: String,
        /// The IAM endpoint (https://private.iam.cloud.ibm.com for private networks).
        #[arg(long, default_value = DEFAULT_IAM_ENDPOINT)]
        iam_endpoint: String,
        /// A file holding the service ID's API key (mode 0600).
        #[arg(
            long,
            required_unless_present = "api_key_env",
            conflicts_with = "api_key_env"
        )]
        api_key_file: Option<PathBuf>,
        /// An environment variable holding the API key (set wherever keyhaven runs).
        #[arg(long)]
        api_key_env: Option<String>,
        /// A key ring of the instance (x-kms-key-ring).
        #[arg(long)]
        key_ring: Option<String>,
        /// Extra CA certificates (PEM) to trust for the endpoints.
        #[arg(long)]
        ca_file: Option<PathBuf>,
        /// Save without contacting the service.
        #[arg(long)]
        no_check: bool,
    },
    /// Add AWS KMS in one region; credentials come from the standard AWS chain (environment,
    /// shared profile, container or instance role).
    #[command(name = "add-aws-kms")]
    AddAwsKms {
        #[arg(long)]
        name: String,
        #[arg(long)]
        region: String,
        /// Another endpoint (VPC or FIPS endpoint).
        #[arg(long)]
        endpoint_url: Option<String>,
        /// The shared-credentials profile to use.
        #[arg(long)]
        profile: Option<String>,
        #[arg(long)]
        ca_file: Option<PathBuf>,
        #[arg(long)]
        no_check: bool,
    },
    /// Add an OpenBao or HashiCorp Vault Transit engine, reached with a token or AppRole.
    #[command(name = "add-transit")]
    AddTransit {
        #[arg(long)]
        name: String,
        /// The server address, e.g. https://vault.example.com:8200.
        #[arg(long)]
        address: String,
        /// The Transit engine's mount path.
        #[arg(long, default_value = "transit")]
        mount: String,
        #[arg(long)]
        namespace: Option<String>,
        /// A file holding a token.
        #[arg(long, conflicts_with_all = ["token_env", "approle_role_id"])]
        token_file: Option<PathBuf>,
        /// An environment variable holding a token.
        #[arg(long, conflicts_with = "approle_role_id")]
        token_env: Option<String>,
        /// AppRole login: the role ID (not secret).
        #[arg(long)]
        approle_role_id: Option<String>,
        /// The AppRole auth mount.
        #[arg(long, default_value = "approle")]
        approle_mount: String,
        /// A file holding the AppRole secret ID.
        #[arg(long, requires = "approle_role_id", conflicts_with = "secret_id_env")]
        secret_id_file: Option<PathBuf>,
        /// An environment variable holding the AppRole secret ID.
        #[arg(long, requires = "approle_role_id")]
        secret_id_env: Option<String>,
        #[arg(long)]
        ca_file: Option<PathBuf>,
        #[arg(long)]
        no_check: bool,
    },
}

fn absolute(p: Option<PathBuf>) -> Result<Option<PathBuf>, String> {
    p.map(|p| std::path::absolute(&p).map_err(|e| format!("{}: {e}", p.display())))
        .transpose()
}

fn secret(file: Option<PathBuf>, env: Option<String>) -> Result<SecretSource, String> {
    Ok(SecretSource {
        file: absolute(file)?,
        env,
    })
}

pub fn run(data_dir: &Path, cmd: CloudAddCmd) -> CliResult {
    let (name, settings, no_check) = match cmd {
        CloudAddCmd::AddKeyProtect {
            name,
            endpoint,
            instance_id,
            iam_endpoint,
            api_key_file,
            api_key_env,
            key_ring,
            ca_file,
            no_check,
        } => {
            let c = KeyProtectConfig {
                endpoint,
                instance_id,
                iam_endpoint,
                api_key: secret(api_key_file, api_key_env)?,
                key_ring,
                ca_file: absolute(ca_file)?,
            };
            c.validate()?;
            (name, ProviderSettings::Keyprotect(c), no_check)
        }
        CloudAddCmd::AddAwsKms {
            name,
            region,
            endpoint_url,
            profile,
            ca_file,
            no_check,
        } => {
            let c = AwsKmsConfig {
                region,
                endpoint_url,
                profile,
                ca_file: absolute(ca_file)?,
            };
            c.validate()?;
            (name, ProviderSettings::AwsKms(c), no_check)
        }
        CloudAddCmd::AddTransit {
            name,
            address,
            mount,
            namespace,
            token_file,
            token_env,
            approle_role_id,
            approle_mount,
            secret_id_file,
            secret_id_env,
            ca_file,
            no_check,
        } => {
            let auth = match approle_role_id {
                Some(role_id) => TransitAuth::Approle {
                    mount: approle_mount,
                    role_id,
                    secret_id: secret(secret_id_file, secret_id_env)?,
                },
                None => TransitAuth::Token {
                    token: secret(token_file, token_env)?,
                },
            };
            let c = TransitConfig {
                address,
                mount,
                namespace,
                auth,
                ca_file: absolute(ca_file)?,
            };
            c.validate()?;
            (name, ProviderSettings::Transit(c), no_check)
        }
    };
    let dir = DataDir::new(data_dir);
    registry::validate_name(&name)?;
    datadir::make_private_dir(&dir.root).map_err(|e| e.to_string())?;
    let mut list = registry::load(&dir.providers_file())?;
    if list.iter().any(|p| p.name == name) {
        return Err(format!(
            "a provider named {name:?} exists already (`keyhaven provider remove {name}` first)"
        ));
    }
    let config = ProviderConfig {
        name: name.clone(),
        settings,
    };
    if no_check {
        println!("Not checked: {}", config.summary());
    } else {
        let p = config.open().map_err(|e| e.to_string())?;
        let report = p
            .check()
            .map_err(|e| format!("provider {name} does not work: {e}"))?;
        println!("Checked: {report}");
    }
    let kind = config.kind();
    list.push(config);
    registry::save(&dir.providers_file(), &list)?;
    println!(
        "Added {kind} provider {name}; create a tenant on it with `keyhaven tenant create NAME --provider {name}` (or adopt an existing key with --root-key-label)"
    );
    Ok(())
}
