//! A write transaction whose `BEGIN IMMEDIATE`, `COMMIT` and `ROLLBACK` are cached statements.
//! rusqlite's `Transaction` runs them through `execute_batch`, which parses the SQL every time:
//! under callgrind that parsing was about 3 % of a Create's instructions (two transactions per
//! Create: the object and its audit record). Used on the hot write paths only.

use std::ops::Deref;

use rusqlite::Connection;

pub(crate) struct WriteTx<'c> {
    conn: &'c Connection,
    open: bool,
}

impl<'c> WriteTx<'c> {
    /// `BEGIN IMMEDIATE`: the write lock is taken now, so reads in the transaction see what the
    /// writes will be based on.
    pub(crate) fn begin(conn: &'c Connection) -> rusqlite::Result<WriteTx<'c>> {
        conn.prepare_cached("BEGIN IMMEDIATE")?.execute([])?;
        Ok(WriteTx { conn, open: true })
    }

    /// `COMMIT`. On an error the transaction is rolled back when this value is dropped.
    pub(crate) fn commit(mut self) -> rusqlite::Result<()> {
        self.conn.prepare_cached("COMMIT")?.execute([])?;
        self.open = false;
        Ok(())
    }
}

impl Deref for WriteTx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for WriteTx<'_> {
    fn drop(&mut self) {
        if self.open && !self.conn.is_autocommit() {
            if let Err(e) = self
                .conn
                .prepare_cached("ROLLBACK")
                .and_then(|mut s| s.execute([]))
            {
                tracing::error!(error = %e, "cannot roll back a SQLite transaction");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let c = Connection::open_in_memory().expect("open");
        c.execute_batch("CREATE TABLE t (v INTEGER)")
            .expect("table");
        c
    }

    fn count(c: &Connection) -> i64 {
        c.query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .expect("count")
    }

    #[test]
    fn commits_and_rolls_back_when_dropped() {
        let c = conn();
        let tx = WriteTx::begin(&c).expect("begin");
        tx.execute("INSERT INTO t VALUES (1)", []).expect("insert");
        tx.commit().expect("commit");
        assert_eq!(count(&c), 1);
        {
            let tx = WriteTx::begin(&c).expect("begin");
            tx.execute("INSERT INTO t VALUES (2)", []).expect("insert");
        }
        assert_eq!(count(&c), 1, "dropped without commit: rolled back");
        assert!(c.is_autocommit());
        // The cached statements are reused.
        for i in 0..3 {
            let tx = WriteTx::begin(&c).expect("begin");
            tx.execute("INSERT INTO t VALUES (?1)", [i])
                .expect("insert");
            tx.commit().expect("commit");
        }
        assert_eq!(count(&c), 4);
    }
}
