//! `keyhaven backup`, `keyhaven backup verify`, `keyhaven restore` (see [`crate::backup`]).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{fmt_time, CliResult};
use crate::backup::{self, KdfParams};
use crate::datadir::DataDir;

/// `keyhaven backup --out FILE --passphrase-file F`, or `keyhaven backup verify FILE ...`.
#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    pub cmd: Option<BackupCmd>,
    /// The backup file to write (must not exist; written as FILE.partial, then renamed).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// File holding the passphrase (at least 12 characters) from which the backup key is derived.
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum BackupCmd {
    /// Read a whole backup, authenticating every byte, and show what it holds.
    Verify {
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        passphrase_file: PathBuf,
    },
}

/// `keyhaven restore FILE --data-dir DIR --passphrase-file F [--database-url URL]`.
#[derive(Args, Debug)]
pub struct RestoreArgs {
    /// The backup file.
    pub file: PathBuf,
    /// File holding the backup's passphrase.
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: PathBuf,
}

pub fn run_backup(data_dir: &Path, a: BackupArgs) -> CliResult {
    match a.cmd {
        Some(BackupCmd::Verify {
            file,
            passphrase_file,
        }) => {
            let pass = backup::read_passphrase(&passphrase_file).map_err(|e| e.to_string())?;
            let v = backup::verify(&file, &pass).map_err(|e| e.to_string())?;
            let m = &v.manifest;
            println!(
                "{}: intact (every chunk authenticated), taken {} by keyhaven {}",
                file.display(),
                fmt_time(m.created_at),
                m.keyhaven_version
            );
            println!(
                "store: {} schema version {}",
                m.store.kind, m.store.schema_version
            );
            for t in &m.store.tables {
                println!("  table {:<16} {} rows", t.name, t.rows);
            }
            for (name, size) in &v.entries {
                println!("  entry {name} ({size} bytes)");
            }
            print_providers(m);
            Ok(())
        }
        None => {
            let out = a.out.ok_or("give --out FILE (or `backup verify FILE`)")?;
            let pf = a.passphrase_file.ok_or("give --passphrase-file FILE")?;
            let pass = backup::read_passphrase(&pf).map_err(|e| e.to_string())?;
            let m = backup::create(&DataDir::new(data_dir), &out, &pass, KdfParams::default())
                .map_err(|e| e.to_string())?;
            let objects = m
                .store
                .tables
                .iter()
                .find(|t| t.name == "objects")
                .map_or(0, |t| t.rows);
            println!(
                "Backup written to {} ({} store, {} objects, {} tenants, {} files)",
                out.display(),
                m.store.kind,
                objects,
                m.tenants.len(),
                m.files.len()
            );
            print_providers(&m);
            Ok(())
        }
    }
}

fn print_providers(m: &backup::Manifest) {
    for p in &m.providers {
        let users: Vec<&str> = m
            .tenants
            .iter()
            .filter(|t| t.provider == p.name)
            .map(|t| t.name.as_str())
            .collect();
        if p.keys_in_backup {
            println!(
                "provider {} ({}): root keys inside the backup; tenants {users:?}",
                p.name, p.kind
            );
        } else {
            println!(
                "provider {} ({}, {}): root keys NOT in the backup, it must be reachable from \
                 the restored node; tenants {users:?}",
                p.name, p.kind, p.summary
            );
        }
    }
}

pub fn run_restore(data_dir: &Path, a: RestoreArgs) -> CliResult {
    let pass = backup::read_passphrase(&a.passphrase_file).map_err(|e| e.to_string())?;
    let dir = DataDir::new(data_dir);
    let r = backup::restore(&a.file, &dir, &pass).map_err(|e| e.to_string())?;
    println!(
        "Restored {} (taken {}) into {} ({})",
        a.file.display(),
        fmt_time(r.manifest.created_at),
        data_dir.display(),
        crate::datadir::describe_store(&dir)
    );
    let mut bad = 0;
    for c in &r.checks {
        println!(
            "tenant {:<16} provider {:<10} root key {}: {}{}",
            c.tenant,
            c.provider,
            c.root_key_ref,
            c.status,
            if c.ok { "" } else { "  <-- NOT USABLE" }
        );
        if !c.ok {
            bad += 1;
        }
    }
    if bad > 0 {
        return Err(format!(
            "restored, but {bad} tenant root key(s) are not usable on this node: make their \
             providers reachable (see above) before starting the server"
        ));
    }
    Ok(())
}
