//! Where the ledger lives, and the lock that keeps two syncs on one machine apart.
//!
//! In the state folder (`Invocation::state_dir`: `$DW_STATE_DIR`, else
//! `$XDG_STATE_HOME/dw`, else `~/.local/state/dw`), one
//! file per PagerDuty base URL, `pagerduty-HOST[-PORT].json`, and its lock
//! `….json.lock`: a `flock` held while a sync runs, which the kernel releases
//! however the run ends, with the holder's PID and start in it (see
//! `files::lock`). A lock whose holder is gone is taken over at once, with a
//! warning; its age, its mtime or a leftover `.lock.takeover` (written by
//! older versions of dw) never matter.
//!
//! [`Journal`] is the ledger while a sync writes: every change is saved at
//! once (atomically, flushed to disk), so a run killed at any instant leaves
//! a ledger that says what it intended and what PagerDuty answered.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use reqwest::Url;

use crate::error::{Error, Result};
use crate::files::{self, lock as flock, Overwrite};

use super::ledger::{Ledger, VERSION};

/// A ledger larger than this is not one dw wrote.
const CAP: u64 = 16 * 1024 * 1024;
/// How long a second sync waits for the first before refusing.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

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
            ..Ledger::default()
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

/// The ledger of a sync that writes: saved after every change.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    ledger: Mutex<Ledger>,
    /// This run, as intents record it.
    pub run: String,
}

impl Journal {
    pub fn new(path: PathBuf, mut ledger: Ledger, run: String) -> Self {
        ledger.version = VERSION;
        Journal {
            path,
            ledger: Mutex::new(ledger),
            run,
        }
    }

    /// Change the ledger and save it at once. An interrupt waits for the
    /// save to finish (`interrupt::critical`).
    pub fn update(&self, change: impl FnOnce(&mut Ledger, &str)) -> Result<()> {
        let mut ledger = self.ledger.lock().unwrap_or_else(PoisonError::into_inner);
        change(&mut ledger, &self.run);
        let _held = crate::interrupt::critical();
        save(&self.path, &ledger)
    }

    /// The ledger as it is now.
    #[cfg(test)]
    pub fn ledger(&self) -> Ledger {
        self.ledger
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// A held lock; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct Lock {
    _held: flock::Held,
}

/// The path of `ledger` with `suffix` appended.
fn beside(ledger: &Path, suffix: &str) -> PathBuf {
    let mut path = ledger.as_os_str().to_owned();
    path.push(suffix);
    PathBuf::from(path)
}

/// Take the lock next to `ledger` (`record`: this run, `pid N, started
/// WHEN`): wait up to [`LOCK_WAIT`] for a sync that is running; a lock left
/// by a sync that stopped is taken over at once (calling `warn`).
pub fn lock(ledger: &Path, record: &str, warn: &dyn Fn(&str)) -> Result<Lock> {
    lock_with(ledger, record, warn, LOCK_WAIT)
}

/// [`lock`] with its wait given.
fn lock_with(ledger: &Path, record: &str, warn: &dyn Fn(&str), wait: Duration) -> Result<Lock> {
    let path = beside(ledger, ".lock");
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| {
            Error::service(format!(
                "cannot create the state folder {}: {e}",
                dir.display()
            ))
            .with_hint("set DW_STATE_DIR to a writable folder")
        })?;
    }
    let cannot = |e: files::FileError| {
        Error::service(format!("cannot take the lock {}: {e}", path.display()))
            .with_hint("set DW_STATE_DIR to a writable folder")
    };
    match flock::acquire(&path, record, wait).map_err(cannot)? {
        flock::Acquired::Held(held) => {
            if let Some(left) = &held.left_over {
                warn(&format!(
                    "warning: taking over {}, left by a sync that stopped without finishing ({left}); this run repairs what it left",
                    path.display()
                ));
            }
            // Written by older versions of dw; it never blocks.
            let _ = fs::remove_file(beside(ledger, ".lock.takeover"));
            Ok(Lock { _held: held })
        }
        flock::Acquired::Busy(holder) => Err(Error::service(format!(
            "another `dw sync pagerduty` is running on this machine (lock {}{})",
            path.display(),
            holder.map(|h| format!(": {h}")).unwrap_or_default()
        ))
        .with_hint("wait for it to finish and run again (a sync that was killed holds no lock)")),
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

    #[test]
    fn a_free_lock_is_taken_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("state/pagerduty-x.json");
        let lock = lock_with(&ledger, "pid 1, started a", &|_| panic!("no warning"), WAIT).unwrap();
        let file = beside(&ledger, ".lock");
        assert_eq!(fs::read_to_string(&file).unwrap(), "pid 1, started a\n");
        drop(lock);
        assert!(!file.exists());
    }

    #[test]
    fn a_held_lock_makes_the_second_sync_wait_then_refuse_naming_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("pagerduty-x.json");
        let _held = lock_with(&ledger, "pid 1, started a", &|_| {}, WAIT).unwrap();
        let started = std::time::Instant::now();
        let e = lock_with(&ledger, "pid 2", &|_| panic!("not stale"), WAIT).unwrap_err();
        assert!(started.elapsed() >= WAIT);
        let text = e.to_string();
        assert!(
            text.contains("another `dw sync pagerduty` is running"),
            "{e}"
        );
        assert!(
            text.contains("pagerduty-x.json.lock: pid 1, started a"),
            "{e}"
        );
    }

    /// A lock file whose holder is gone (whatever its age or mtime, even in
    /// the future) is taken over at once; a leftover takeover file is removed.
    #[test]
    fn a_lock_left_by_a_dead_sync_is_taken_over_at_once_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("pagerduty-x.json");
        let path = beside(&ledger, ".lock");
        fs::write(&path, "pid 99999999, started then\n").unwrap();
        fs::File::open(&path)
            .unwrap()
            .set_modified(std::time::SystemTime::now() + Duration::from_secs(86_400 * 365))
            .unwrap();
        fs::write(beside(&ledger, ".lock.takeover"), "").unwrap();
        let warned = RefCell::new(Vec::new());
        let lock = lock_with(
            &ledger,
            "pid 2",
            &|w| warned.borrow_mut().push(w.to_string()),
            Duration::ZERO,
        )
        .unwrap();
        let warned = warned.into_inner();
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert!(warned[0].starts_with("warning: taking over"), "{warned:?}");
        assert!(
            warned[0].contains("pid 99999999, started then"),
            "{warned:?}"
        );
        assert!(!beside(&ledger, ".lock.takeover").exists());
        drop(lock);
    }

    /// Many syncs at once: exactly one gets the lock.
    #[test]
    fn syncs_racing_for_the_lock_get_it_once() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("pagerduty-x.json");
        fs::write(beside(&ledger, ".lock"), "pid 99999999\n").unwrap();
        let barrier = std::sync::Barrier::new(8);
        let got: Vec<Result<Lock>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        barrier.wait();
                        lock_with(&ledger, "pid 3", &|_| {}, Duration::ZERO)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(got.iter().filter(|r| r.is_ok()).count(), 1);
    }

    #[test]
    fn the_journal_saves_every_change_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pagerduty-x.json");
        let journal = Journal::new(path.clone(), Ledger::default(), "pid 1, started a".into());
        let wish = super::super::ledger::Override {
            id: String::new(),
            user: "U1".into(),
            start: chrono::DateTime::UNIX_EPOCH,
            end: chrono::DateTime::UNIX_EPOCH + chrono::Duration::hours(1),
        };
        let now = chrono::DateTime::UNIX_EPOCH;
        journal
            .update(|l, run| l.intend("S1", &wish, run, now))
            .unwrap();
        let saved = load(&path).unwrap();
        assert_eq!(saved.intents.len(), 1);
        assert_eq!(saved.intents[0].run, "pid 1, started a");
        assert_eq!(journal.ledger(), saved);
    }
}
