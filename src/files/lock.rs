//! Lock files: an exclusive `flock` on a file beside what it protects, which
//! the kernel releases when the holder's process ends however it ends (a
//! kill, a crash), so a lock can never outlive its holder. The holder writes
//! a record in it (its PID and when it started); a record found by the next
//! holder means the previous one ended without releasing: it is taken over at
//! once, and the caller can warn with the record. The file is removed on
//! release; a waiter that got a file removed meanwhile opens it again.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::FileError;

/// A held lock; released (and its file removed) when dropped.
#[derive(Debug)]
pub struct Held {
    path: PathBuf,
    file: File,
    /// The record a previous holder left: it ended without releasing the lock.
    pub left_over: Option<String>,
}

impl Drop for Held {
    fn drop(&mut self) {
        // Removed only while it is still this file: a waiter that opened it
        // finds it gone, and opens the new one.
        if same_file(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// What [`acquire`] found.
#[derive(Debug)]
pub enum Acquired {
    Held(Held),
    /// Another process holds it; its record (PID and start), when readable.
    Busy(Option<String>),
}

fn same_file(file: &File, path: &Path) -> bool {
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

fn open(path: &Path) -> Result<File, FileError> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| FileError::io(path, e))
}

fn read_record(file: &mut File) -> Option<String> {
    let mut text = String::new();
    file.seek(io::SeekFrom::Start(0)).ok()?;
    file.take(4096).read_to_string(&mut text).ok()?;
    let text = text.trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// Try once to take the lock at `path`, writing `record` in it.
pub fn try_acquire(path: &Path, record: &str) -> Result<Acquired, FileError> {
    // A holder that releases removes the file; the loop opens the new one.
    for _ in 0..100 {
        let mut file = open(path)?;
        let meta = file.metadata().map_err(|e| FileError::io(path, e))?;
        if !meta.is_file() {
            return Err(FileError::NotRegular {
                path: path.to_path_buf(),
                kind: "not a regular file",
            });
        }
        // SAFETY: flock on a file descriptor this function owns.
        let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if r != 0 {
            let e = io::Error::last_os_error();
            if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
                return Ok(Acquired::Busy(read_record(&mut file)));
            }
            return Err(FileError::io(path, e));
        }
        if !same_file(&file, path) {
            continue;
        }
        let left_over = read_record(&mut file);
        let written = file
            .set_len(0)
            .and_then(|()| file.seek(io::SeekFrom::Start(0)))
            .and_then(|_| file.write_all(format!("{record}\n").as_bytes()));
        written.map_err(|e| FileError::io(path, e))?;
        return Ok(Acquired::Held(Held {
            path: path.to_path_buf(),
            file,
            left_over,
        }));
    }
    Err(FileError::io(
        path,
        io::Error::other("the lock file keeps being replaced"),
    ))
}

/// Take the lock at `path`, waiting up to `wait` for its holder; `Busy` with
/// the holder's record when it is still held then.
pub fn acquire(path: &Path, record: &str, wait: Duration) -> Result<Acquired, FileError> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(2);
    loop {
        match try_acquire(path, record)? {
            Acquired::Busy(holder) if started.elapsed() >= wait => {
                return Ok(Acquired::Busy(holder))
            }
            Acquired::Busy(_) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            held => return Ok(held),
        }
    }
}

/// The record a holder writes: `pid N, started WHEN`.
pub fn record(started: &str) -> String {
    format!("pid {}, started {started}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_is_exclusive_released_on_drop_and_its_file_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".roster.toml.dw-lock");
        let Acquired::Held(held) = try_acquire(&path, "pid 1, started x").unwrap() else {
            panic!("free lock not taken");
        };
        assert!(held.left_over.is_none());
        match try_acquire(&path, "pid 2").unwrap() {
            Acquired::Busy(Some(r)) => assert_eq!(r, "pid 1, started x"),
            other => panic!("{other:?}"),
        }
        drop(held);
        assert!(!path.exists());
        assert!(matches!(
            try_acquire(&path, "pid 3").unwrap(),
            Acquired::Held(_)
        ));
    }

    #[test]
    fn a_record_left_by_a_holder_that_died_is_reported_and_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        fs::write(&path, "pid 99999999, started then\n").unwrap();
        let Acquired::Held(held) = try_acquire(&path, "pid 1").unwrap() else {
            panic!("a lock nobody holds is taken at once");
        };
        assert_eq!(
            held.left_over.as_deref(),
            Some("pid 99999999, started then")
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "pid 1\n");
    }

    #[test]
    fn waiting_gives_up_with_the_holders_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let _held = try_acquire(&path, "pid 1, started a").unwrap();
        let got = acquire(&path, "pid 2", Duration::from_millis(30)).unwrap();
        assert!(matches!(got, Acquired::Busy(Some(ref r)) if r == "pid 1, started a"));
    }

    #[test]
    fn threads_take_turns_and_never_hold_it_together() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let inside = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    for _ in 0..20 {
                        let Acquired::Held(h) =
                            acquire(&path, "t", Duration::from_secs(600)).unwrap()
                        else {
                            panic!("gave up");
                        };
                        let n = inside.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        assert_eq!(n, 0, "two holders at once");
                        inside.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                        drop(h);
                    }
                });
            }
        });
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_in_place_of_the_lock_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), &path).unwrap();
        assert!(try_acquire(&path, "pid 1").is_err());
        assert!(!dir.path().join("elsewhere").exists());
    }
}
