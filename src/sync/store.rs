//! Where the ledger lives, and the lock that keeps two syncs on one machine apart.
//!
//! In the state folder (`Invocation::state_dir`: `$DW_STATE_DIR`, else
//! `$XDG_STATE_HOME/dw`, else `~/.local/state/dw`), one
//! file per PagerDuty base URL, `pagerduty-HOST[-PORT].json`, and its lock
//! `….json.lock`, created with O_EXCL while a sync runs.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

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
    lock_with(ledger, warn, LOCK_WAIT, STALE_LOCK)
}

/// The path of `ledger` with `suffix` appended.
fn beside(ledger: &Path, suffix: &str) -> PathBuf {
    let mut path = ledger.as_os_str().to_owned();
    path.push(suffix);
    PathBuf::from(path)
}

/// How long ago `path` was last written, if it exists and the clock says.
fn age(path: &Path) -> Option<Duration> {
    let modified = fs::metadata(path).and_then(|m| m.modified()).ok()?;
    SystemTime::now().duration_since(modified).ok()
}

/// Create `path` if nobody has: `Ok(None)` when it exists already.
fn create_new(path: &Path) -> Result<Option<fs::File>> {
    match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(f) => Ok(Some(f)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(None),
        Err(e) => Err(
            Error::service(format!("cannot create the lock {}: {e}", path.display()))
                .with_hint("set DW_STATE_DIR to a writable folder"),
        ),
    }
}

/// [`lock`] with its durations given.
fn lock_with(ledger: &Path, warn: &dyn Fn(&str), wait: Duration, stale: Duration) -> Result<Lock> {
    let path = beside(ledger, ".lock");
    // Only the process that creates this file may remove a stale lock, so two
    // syncs that both find one cannot both go on.
    let takeover = beside(ledger, ".lock.takeover");
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| {
            Error::service(format!(
                "cannot create the state folder {}: {e}",
                dir.display()
            ))
            .with_hint("set DW_STATE_DIR to a writable folder")
        })?;
    }
    let started = Instant::now();
    loop {
        if let Some(mut f) = create_new(&path)? {
            let _ = writeln!(f, "pid {}", std::process::id());
            return Ok(Lock { path });
        }
        if age(&path).is_some_and(|a| a > stale) {
            if let Some(held) = create_new(&takeover)? {
                drop(held);
                let removed = remove_stale(&path, stale, warn);
                let _ = fs::remove_file(&takeover);
                removed?;
                continue;
            }
        }
        if started.elapsed() > wait {
            let also = if takeover.exists() {
                format!(" and {}", takeover.display())
            } else {
                String::new()
            };
            return Err(Error::service(format!(
                "another `dw sync pagerduty` is running on this machine (lock {})",
                path.display()
            ))
            .with_hint(format!(
                "wait for it and run again; if no sync is running, delete {}{also}",
                path.display()
            )));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Remove the lock at `path` if it is (still) older than `stale`, warning
/// first; called only by the holder of the takeover file.
fn remove_stale(path: &Path, stale: Duration, warn: &dyn Fn(&str)) -> Result<()> {
    // Looked at again: another sync may have replaced it since.
    if age(path).is_none_or(|a| a <= stale) {
        return Ok(());
    }
    warn(&format!(
        "warning: taking over {}, left by a sync that stopped more than {} minutes ago",
        path.display(),
        stale.as_secs() / 60
    ));
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::service(format!(
            "cannot remove the stale lock {}: {e}",
            path.display()
        ))
        .with_hint(format!(
            "no sync has held it for {} minutes: delete {} and run again",
            stale.as_secs() / 60,
            path.display()
        ))),
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

    use std::cell::RefCell;

    const WAIT: Duration = Duration::from_millis(300);
    const STALE: Duration = Duration::from_secs(60);

    fn make_stale(path: &Path) {
        let f = fs::File::create(path).unwrap();
        f.set_modified(SystemTime::now() - 2 * STALE).unwrap();
    }

    #[test]
    fn a_free_lock_is_taken_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("state/pagerduty-x.json");
        let lock = lock_with(&ledger, &|_| panic!("no warning"), WAIT, STALE).unwrap();
        let file = beside(&ledger, ".lock");
        assert!(file.exists());
        drop(lock);
        assert!(!file.exists());
    }

    #[test]
    fn a_held_lock_makes_the_second_sync_wait_then_refuse() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("pagerduty-x.json");
        let _held = lock_with(&ledger, &|_| {}, WAIT, STALE).unwrap();
        let started = Instant::now();
        let e = lock_with(&ledger, &|_| panic!("not stale"), WAIT, STALE).unwrap_err();
        assert!(started.elapsed() >= WAIT);
        assert!(
            e.to_string()
                .contains("another `dw sync pagerduty` is running"),
            "{e}"
        );
        assert!(e.to_string().contains("pagerduty-x.json.lock"), "{e}");
    }

    #[test]
    fn a_stale_lock_is_taken_over_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("pagerduty-x.json");
        make_stale(&beside(&ledger, ".lock"));
        let warned = RefCell::new(Vec::new());
        let lock = lock_with(
            &ledger,
            &|w| warned.borrow_mut().push(w.to_string()),
            WAIT,
            STALE,
        )
        .unwrap();
        let warned = warned.into_inner();
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert!(warned[0].starts_with("warning: taking over"), "{warned:?}");
        // The lock is ours now (fresh), and the takeover file is gone.
        assert!(age(&beside(&ledger, ".lock")).is_some_and(|a| a < STALE));
        assert!(!beside(&ledger, ".lock.takeover").exists());
        drop(lock);
    }

    /// A stale lock that cannot be removed (here: it is a non-empty folder)
    /// is an error naming it, not an endless loop.
    #[test]
    fn a_stale_lock_that_cannot_be_removed_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("pagerduty-x.json");
        let path = beside(&ledger, ".lock");
        fs::create_dir(&path).unwrap();
        make_stale(&path.join("inside"));
        fs::File::open(&path)
            .unwrap()
            .set_modified(SystemTime::now() - 2 * STALE)
            .unwrap();
        let e = lock_with(&ledger, &|_| {}, WAIT, STALE).unwrap_err();
        let text = format!("{e} {}", e.hint().unwrap_or_default());
        assert!(text.contains("cannot remove the stale lock"), "{text}");
        assert!(
            text.contains(&format!("delete {}", path.display())),
            "{text}"
        );
        assert!(!beside(&ledger, ".lock.takeover").exists());
    }

    /// While another sync holds the takeover file, a stale lock is not
    /// removed a second time: this one waits, then refuses naming both files.
    #[test]
    fn only_the_holder_of_the_takeover_file_removes_a_stale_lock() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("pagerduty-x.json");
        make_stale(&beside(&ledger, ".lock"));
        fs::File::create(beside(&ledger, ".lock.takeover")).unwrap();
        let e = lock_with(&ledger, &|_| panic!("not ours to take"), WAIT, STALE).unwrap_err();
        let hint = e.hint().unwrap_or_default();
        assert!(hint.contains(".lock.takeover"), "{hint}");
        assert!(beside(&ledger, ".lock").exists());
    }

    /// Many syncs that find the same stale lock at once: exactly one gets it.
    #[test]
    fn syncs_racing_for_a_stale_lock_get_it_once() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("pagerduty-x.json");
        make_stale(&beside(&ledger, ".lock"));
        let barrier = std::sync::Barrier::new(8);
        let got: Vec<Result<Lock>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        barrier.wait();
                        lock_with(&ledger, &|_| {}, WAIT, STALE)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(got.iter().filter(|r| r.is_ok()).count(), 1);
    }
}
