//! A consistent copy of the SQLite store while the server writes to it: SQLite's online backup
//! API, all pages in one step. One step runs inside one read transaction of the source, so the
//! copy is the database as of one instant (WAL mode: the writer goes on meanwhile); copying in
//! several steps would restart each time another process commits, and might never finish under
//! load.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{BackupError, StoreInfo, TableInfo, TenantInfo};

/// How long to wait for the source's lock before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// A temporary copy of the database, removed on drop.
pub struct SqliteCopy {
    path: PathBuf,
    pub store: StoreInfo,
    pub tenants: Vec<TenantInfo>,
}

impl SqliteCopy {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for SqliteCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        for suffix in ["-journal", "-wal", "-shm"] {
            let mut p = self.path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}

fn db_err(what: &str) -> impl FnOnce(rusqlite::Error) -> BackupError + '_ {
    move |e| BackupError::Store(format!("{what}: {e}"))
}

/// Copies the database at `db` into a temporary file beside `out` (mode 0600) and reads what the
/// manifest needs from the copy.
pub fn online_copy(db: &Path, out: &Path) -> Result<SqliteCopy, BackupError> {
    if !db.exists() {
        return Err(BackupError::Usage(format!(
            "no store at {} (is this the data directory? for PostgreSQL give --database-url)",
            db.display()
        )));
    }
    let src = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(db_err("open the store"))?;
    src.busy_timeout(Duration::from_secs(5))
        .map_err(db_err("set busy_timeout"))?;
    let mut tmp = out.as_os_str().to_owned();
    tmp.push(".sqlite-tmp");
    let copy = SqliteCopy {
        path: PathBuf::from(tmp),
        store: StoreInfo {
            kind: "sqlite".into(),
            schema_version: 0,
            tables: Vec::new(),
        },
        tenants: Vec::new(),
    };
    {
        let mut o = std::fs::OpenOptions::new();
        o.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.mode(0o600);
        }
        o.open(&copy.path)
            .map_err(|e| BackupError::Io(format!("{}: {e}", copy.path.display())))?;
    }
    let mut dst = Connection::open(&copy.path).map_err(db_err("create the copy"))?;
    {
        let backup = Backup::new(&src, &mut dst).map_err(db_err("start the online backup"))?;
        let deadline = Instant::now() + LOCK_WAIT;
        loop {
            match backup.step(-1).map_err(db_err("online backup"))? {
                StepResult::Done => break,
                StepResult::More | StepResult::Busy | StepResult::Locked => {
                    if Instant::now() > deadline {
                        return Err(BackupError::Store(
                            "the store stayed locked for 60 s; retry the backup".into(),
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                _ => {
                    return Err(BackupError::Store(
                        "online backup: unexpected step result".into(),
                    ))
                }
            }
        }
    }
    drop(src);
    let mut copy = copy;
    copy.store.schema_version = dst
        .query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version",
            [],
            |r| r.get(0),
        )
        .map_err(db_err("read the schema version"))?;
    let tables: Vec<String> = {
        let mut st = dst
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .map_err(db_err("list tables"))?;
        let rows = st
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(db_err("list tables"))?;
        rows.collect::<Result<_, _>>()
            .map_err(db_err("list tables"))?
    };
    for t in tables {
        let rows: i64 = dst
            .query_row(
                &format!("SELECT COUNT(*) FROM \"{}\"", t.replace('"', "")),
                [],
                |r| r.get(0),
            )
            .map_err(db_err("count rows"))?;
        copy.store.tables.push(TableInfo {
            name: t,
            rows: rows as u64,
        });
    }
    {
        let mut st = dst
            .prepare("SELECT name, root_provider, root_key_ref FROM tenants ORDER BY name")
            .map_err(db_err("list tenants"))?;
        let rows = st
            .query_map([], |r| {
                Ok(TenantInfo {
                    name: r.get(0)?,
                    provider: r.get(1)?,
                    root_key_ref: r.get(2)?,
                })
            })
            .map_err(db_err("list tenants"))?;
        copy.tenants = rows
            .collect::<Result<_, _>>()
            .map_err(db_err("list tenants"))?;
    }
    // Closing the only connection checkpoints any write-ahead log into the file.
    drop(dst);
    Ok(copy)
}
