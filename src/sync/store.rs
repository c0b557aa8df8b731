//! Where the ledger lives, and the lock that keeps two syncs on one machine apart.
//!
//! `$DW_STATE_DIR`, else `$XDG_STATE_HOME/dw`, else `~/.local/state/dw`; one
//! file per PagerDuty base URL, `pagerduty-HOST[-PORT].json`, and its lock
//! `….json.lock`, created with O_EXCL while a sync runs.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use reqwest::Url;

use crate::error::{Error, Result};
use crate::files::{self, Overwrite};

use super::ledger::{Ledger, VERSION};

/// A ledger larger than this is not one dw wrote.
const CAP: u64 = 16 * 1024 * 1024;
/// How long a second sync waits for the first before refusing.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);
/// A lock older than this is left over from a run that died: taken over.
pub const STALE_LOCK: Duration = Duration::from_secs(15 * 60);

/// The folder of dw's state, from the environment.
pub fn state_dir() -> Result<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("DW_STATE_DIR") {
        return Ok(PathBuf::from(dir));
    }
    if let Some(dir) = var("XDG_STATE_HOME") {
        return Ok(PathBuf::from(dir).join("dw"));
    }
    if let Some(home) = var("HOME") {
        return Ok(PathBuf::from(home).join(".local/state/dw"));
    }
    Err(Error::usage(
        "dw cannot tell where to keep its record of the overrides it made: none of DW_STATE_DIR, XDG_STATE_HOME, HOME is set",
        "set DW_STATE_DIR to a folder that survives between runs (in CI: a cached folder)",
    ))
}

/// The ledger file for a PagerDuty base URL.
pub fn ledger_path(dir: &Path, base: &Url) -> PathBuf {
    let mut name = String::from("pagerduty-");
    let host: String = base
        .host_str()
        .unwrap_or("unknown")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    name.push_str(&host);
    if let Some(port) = base.port() {
        name.push_str(&format!("-{port}"));
    }
    name.push_str(".json");
    dir.join(name)
}

/// Read the ledger; a missing file is an empty ledger.
pub fn load(path: &Path) -> Result<Ledger> {
    if !path.exists() {
        return Ok(Ledger {
            version: VERSION,
            overrides: Vec::new(),
        });
    }
    let bytes = files::read_capped(path, CAP).map_err(|e| {
        Error::service(format!("cannot read dw's override ledger: {e}"))
            .with_hint("check the file's permissions, or set DW_STATE_DIR to another folder")
    })?;
    parse(path, &bytes)
}

/// The ledger in `bytes` (read from `path`): refused when it is not JSON dw
/// can read, or when a newer dw wrote it (its format is unknown here, and
/// rewriting it would lose what it records).
fn parse(path: &Path, bytes: &[u8]) -> Result<Ledger> {
    let unreadable = |e: serde_json::Error| {
        Error::usage(
            format!("{}: not a ledger dw can read ({e})", path.display()),
            "move the file away: dw then treats its earlier overrides as made by people, and leaves them alone",
        )
    };
    #[derive(serde::Deserialize)]
    struct Head {
        version: u32,
    }
    let head: Head = serde_json::from_slice(bytes).map_err(unreadable)?;
    if head.version > VERSION {
        return Err(Error::usage(
            format!(
                "{}: written by a newer dw (ledger version {}; this dw knows up to {VERSION})",
                path.display(),
                head.version
            ),
            "upgrade dw or move the file aside (dw then treats its earlier overrides as made by people, and leaves them alone)",
        ));
    }
    let mut ledger: Ledger = serde_json::from_slice(bytes).map_err(unreadable)?;
    // Written back in this dw's format.
    ledger.version = VERSION;
    Ok(ledger)
}

/// Write the ledger atomically.
pub fn save(path: &Path, ledger: &Ledger) -> Result<()> {
    let text = serde_json::to_string_pretty(ledger)
        .map_err(|e| Error::service(format!("cannot encode dw's override ledger: {e}")))?;
    files::write_atomic(path, text.as_bytes(), Overwrite::RegularFile).map_err(|e| {
        Error::service(format!(
            "PagerDuty was changed, but dw could not record its overrides: {e}"
        ))
        .with_hint("dw will treat those overrides as made by people; make the state folder writable (DW_STATE_DIR)")
    })
}

/// A held lock; released when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Take the lock next to `ledger`: wait up to [`LOCK_WAIT`] for another sync;
/// take over a lock older than [`STALE_LOCK`] (calling `warn`).
pub fn lock(ledger: &Path, warn: &dyn Fn(&str)) -> Result<Lock> {
    let mut path = ledger.as_os_str().to_owned();
    path.push(".lock");
    let path = PathBuf::from(path);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| {
            Error::service(format!(
                "cannot create the state folder {}: {e}",
                dir.display()
            ))
            .with_hint("set DW_STATE_DIR to a writable folder")
        })?;
    }
    let started = SystemTime::now();
    loop {
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => {
                let _ = writeln!(f, "pid {}", std::process::id());
                return Ok(Lock { path });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(Error::service(format!(
                    "cannot create the lock {}: {e}",
                    path.display()
                ))
                .with_hint("set DW_STATE_DIR to a writable folder"))
            }
        }
        let age = fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| SystemTime::now().duration_since(m).ok());
        if age.is_some_and(|a| a > STALE_LOCK) {
            warn(&format!(
                "warning: taking over {}, left by a sync that stopped more than {} minutes ago",
                path.display(),
                STALE_LOCK.as_secs() / 60
            ));
            let _ = fs::remove_file(&path);
            continue;
        }
        if SystemTime::now()
            .duration_since(started)
            .is_ok_and(|w| w > LOCK_WAIT)
        {
            return Err(Error::service(format!(
                "another `dw sync pagerduty` is running on this machine (lock {})",
                path.display()
            ))
            .with_hint(format!(
                "wait for it and run again; if no sync is running, delete {}",
                path.display()
            )));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ledger_of_a_newer_version_is_refused_and_older_ones_are_read() {
        let path = Path::new("pagerduty-x.json");
        let newer = format!(
            r#"{{"version":{},"overrides":[],"written_by":"dw 9"}}"#,
            VERSION + 1
        );
        let e = parse(path, newer.as_bytes()).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("written by a newer dw"), "{e}");
        let old = parse(path, br#"{"version":1,"overrides":[]}"#).unwrap();
        assert_eq!(old.version, VERSION);
        assert!(parse(path, br#"{"overrides":[]}"#).is_err());
    }
}
