//! Careful file reading and writing: the only file-system code outside roster
//! discovery. Reads accept regular files only and never read past a cap,
//! whatever the file system says the size is (`/dev/zero` reports 0). Writes go
//! to a temporary file beside the target and are renamed into place, so a
//! reader never sees half a file, and a symlink or a FIFO is never followed.
//! Temporary files are tracked while they exist, so that an interrupt
//! (`interrupt`) removes them; those of a dw that was killed outright are
//! removed by the next edit ([`remove_dead_temps`]). `lock` holds the lock
//! files that serialise roster edits and syncs.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

pub mod lock;

/// The temporary files this process has created and not yet renamed or removed.
static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn temps() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn untrack(path: &Path) {
    temps().retain(|p| p != path);
}

/// Remove every temporary file this process still has (on an interrupt).
pub fn remove_tracked_temps() {
    for p in temps().drain(..) {
        let _ = fs::remove_file(p);
    }
}

/// Why a file could not be read or written; the caller adds what the file is for.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path} is not a regular file ({kind})")]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{path} is larger than {cap} bytes")]
    TooLarge { path: PathBuf, cap: u64 },
    #[error("{path} already exists")]
    Exists { path: PathBuf },
}

impl FileError {
    fn io(path: &Path, source: io::Error) -> Self {
        FileError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What kind of file system object `meta` describes, for messages.
fn kind(meta: &fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return "a directory";
    }
    if ft.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Open `path` for reading without blocking on a FIFO and without following
/// anything but a regular file.
fn open_regular(path: &Path) -> Result<File, FileError> {
    // Checking the metadata first means a FIFO is refused before `open`, which
    // would block until a writer appears.
    let meta = fs::metadata(path).map_err(|e| FileError::io(path, e))?;
    if !meta.is_file() {
        return Err(FileError::NotRegular {
            path: path.to_path_buf(),
            kind: kind(&meta),
        });
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A file swapped for a FIFO between the check and the open must not hang.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| FileError::io(path, e))?;
    let meta = file.metadata().map_err(|e| FileError::io(path, e))?;
    if !meta.is_file() {
        return Err(FileError::NotRegular {
            path: path.to_path_buf(),
            kind: kind(&meta),
        });
    }
    Ok(file)
}

/// Read a regular file of at most `cap` bytes: at most `cap + 1` bytes are
/// ever read, so a lying size (devices, `/proc`) cannot make dw read more.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, FileError> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::io(path, e))?;
    if bytes.len() as u64 > cap {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            cap,
        });
    }
    Ok(bytes)
}

/// Whether [`write_atomic`] may replace a file that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Refuse when the target exists (the default for files dw creates).
    Never,
    /// Replace an existing regular file (`--force`, roster edits).
    RegularFile,
}

/// Write `bytes` to `path` atomically: into a new temporary file in the same
/// folder (created exclusively), flushed, then renamed over the target. The
/// target must not be a symlink, a FIFO, a device or a folder; with
/// [`Overwrite::Never`] it must not exist at all, and the final step is a hard
/// link that fails if a file appeared meanwhile, so nothing is ever clobbered.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<(), FileError> {
    match write_checked(path, bytes, overwrite, None)? {
        Written::Done => Ok(()),
        // Without an expected content nothing is compared.
        Written::Changed(_) => Ok(()),
    }
}

/// What [`replace_if_unchanged`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// The new content is in place.
    Done,
    /// The file no longer holds what was read: nothing was written; its
    /// content now (empty when it is gone).
    Changed(Vec<u8>),
}

/// [`write_atomic`] over an existing regular file, only if it still holds
/// `read` (compared just before the rename): a file changed meanwhile, by an
/// editor or a `git checkout`, is not overwritten with an edit of its old text.
/// The file is read again with at most `cap` bytes.
pub fn replace_if_unchanged(
    path: &Path,
    read: &[u8],
    bytes: &[u8],
    cap: u64,
) -> Result<Written, FileError> {
    write_checked(path, bytes, Overwrite::RegularFile, Some((read, cap)))
}

fn write_checked(
    path: &Path,
    bytes: &[u8],
    overwrite: Overwrite,
    expect: Option<(&[u8], u64)>,
) -> Result<Written, FileError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(FileError::NotRegular {
                path: path.to_path_buf(),
                kind: kind(&meta),
            })
        }
        Ok(_) if overwrite == Overwrite::Never => {
            return Err(FileError::Exists {
                path: path.to_path_buf(),
            })
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(FileError::io(path, e)),
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dw".into());
    let (tmp, mut file) = create_temp(&dir, &name)?;
    let remove = |tmp: &Path| {
        let _ = fs::remove_file(tmp);
        untrack(tmp);
    };
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| FileError::io(&tmp, e));
    drop(file);
    if let Err(e) = written {
        remove(&tmp);
        return Err(e);
    }
    // Keep the permissions of the file being replaced (a roster may be 0600).
    if let Ok(meta) = fs::metadata(path) {
        let _ = fs::set_permissions(&tmp, meta.permissions());
    }
    if let Some((expect, cap)) = expect {
        let now = match read_capped(path, cap) {
            Ok(now) => Some(now),
            Err(FileError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                Some(Vec::new())
            }
            // Larger than any file dw edits: it changed, and cannot be edited again.
            Err(FileError::TooLarge { .. }) => None,
            Err(e) => {
                remove(&tmp);
                return Err(e);
            }
        };
        if now.as_deref() != Some(expect) {
            remove(&tmp);
            return match now {
                Some(now) => Ok(Written::Changed(now)),
                None => Err(FileError::TooLarge {
                    path: path.to_path_buf(),
                    cap,
                }),
            };
        }
    }
    let placed = match overwrite {
        Overwrite::Never => fs::hard_link(&tmp, path).map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                FileError::Exists {
                    path: path.to_path_buf(),
                }
            } else {
                FileError::io(path, e)
            }
        }),
        Overwrite::RegularFile => fs::rename(&tmp, path).map_err(|e| FileError::io(path, e)),
    };
    remove(&tmp);
    placed?;
    // The rename itself reaches the disk only with its folder.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(Written::Done)
}

/// Whether the name `file` in a folder is one of dw's temporary files for
/// `name` (`.NAME.dw-tmp-PID-N`), and the PID that made it.
fn temp_owner(file: &str, name: &str) -> Option<u32> {
    let rest = file.strip_prefix(&format!(".{name}.dw-tmp-"))?;
    let (pid, n) = rest.split_once('-')?;
    n.parse::<u32>().ok()?;
    pid.parse().ok()
}

/// Whether a process with this id exists (it may be another program that got
/// the id since; then its files are left alone).
fn alive(pid: u32) -> bool {
    let Ok(id) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if id <= 0 {
        return false;
    }
    // SAFETY: kill with signal 0 sends nothing; it only checks the process exists.
    let r = unsafe { libc::kill(id, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Remove the temporary files beside `path` that a dw killed outright left
/// (their process is gone); returns how many. Called under the edit lock.
pub fn remove_dead_temps(path: &Path) -> usize {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return 0;
    };
    let Ok(entries) = fs::read_dir(&dir) else {
        return 0;
    };
    let me = std::process::id();
    let mut removed = 0;
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = temp_owner(&file, &name) else {
            continue;
        };
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if regular && pid != me && !alive(pid) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// A new file `.NAME.dw-tmp-N` in `dir`, created exclusively.
fn create_temp(dir: &Path, name: &str) -> Result<(PathBuf, File), FileError> {
    let pid = std::process::id();
    let mut last = None;
    for n in 0..100u32 {
        let tmp = dir.join(format!(".{name}.dw-tmp-{pid}-{n}"));
        {
            let mut tracked = temps();
            if tracked.contains(&tmp) {
                // Another thread of this process is writing it.
                continue;
            }
            // Tracked before it exists, so an interrupt cannot leave it behind.
            tracked.push(tmp.clone());
        }
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                // Someone else's: not ours to remove.
                untrack(&tmp);
                last = Some(e);
                continue;
            }
            Err(e) => {
                untrack(&tmp);
                return Err(FileError::io(&tmp, e));
            }
        }
    }
    Err(FileError::io(
        dir,
        last.unwrap_or_else(|| io::Error::other("no free temporary name")),
    ))
}

/// The owner (user id) of the file `meta` describes, where the system has owners.
pub fn owner(meta: &fs::Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(meta.uid())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// The effective user id of this process, where the system has one.
pub fn effective_uid() -> Option<u32> {
    #[cfg(unix)]
    {
        // SAFETY: geteuid takes nothing, touches no memory and cannot fail.
        Some(unsafe { libc::geteuid() })
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> tempfile::TempDir {
        tempfile::tempdir().expect("temp dir")
    }

    #[test]
    fn read_capped_reads_a_small_file() {
        let dir = temp();
        let p = dir.path().join("a.toml");
        fs::write(&p, b"hello").unwrap();
        assert_eq!(read_capped(&p, 5).unwrap(), b"hello");
    }

    #[test]
    fn read_capped_refuses_one_byte_over_the_cap() {
        let dir = temp();
        let p = dir.path().join("a.toml");
        fs::write(&p, b"hello!").unwrap();
        assert!(matches!(
            read_capped(&p, 5),
            Err(FileError::TooLarge { cap: 5, .. })
        ));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn read_capped_refuses_devices_whatever_their_size() {
        assert!(matches!(
            read_capped(Path::new("/dev/zero"), 10),
            Err(FileError::NotRegular {
                kind: "a device",
                ..
            })
        ));
    }

    #[test]
    fn read_capped_refuses_a_directory() {
        let dir = temp();
        assert!(matches!(
            read_capped(dir.path(), 10),
            Err(FileError::NotRegular {
                kind: "a directory",
                ..
            })
        ));
    }

    #[test]
    fn write_atomic_creates_and_refuses_to_clobber() {
        let dir = temp();
        let p = dir.path().join("out.md");
        write_atomic(&p, b"one", Overwrite::Never).unwrap();
        assert!(matches!(
            write_atomic(&p, b"two", Overwrite::Never),
            Err(FileError::Exists { .. })
        ));
        assert_eq!(fs::read(&p).unwrap(), b"one");
        write_atomic(&p, b"two", Overwrite::RegularFile).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn write_atomic_never_follows_a_symlink_even_a_dangling_one() {
        let dir = temp();
        let target = dir.path().join("elsewhere");
        let link = dir.path().join("out.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for overwrite in [Overwrite::Never, Overwrite::RegularFile] {
            assert!(matches!(
                write_atomic(&link, b"x", overwrite),
                Err(FileError::NotRegular { .. })
            ));
        }
        assert!(!target.exists());
    }

    #[test]
    fn replace_if_unchanged_writes_only_over_what_was_read() {
        let dir = temp();
        let p = dir.path().join("roster.toml");
        fs::write(&p, b"one\r\n").unwrap();
        assert_eq!(
            replace_if_unchanged(&p, b"one\r\n", b"two\r\n", 100).unwrap(),
            Written::Done
        );
        assert_eq!(fs::read(&p).unwrap(), b"two\r\n");
        // Changed by someone else since it was read: left as they wrote it.
        assert_eq!(
            replace_if_unchanged(&p, b"one\r\n", b"three", 100).unwrap(),
            Written::Changed(b"two\r\n".to_vec())
        );
        assert_eq!(fs::read(&p).unwrap(), b"two\r\n");
        fs::remove_file(&p).unwrap();
        assert_eq!(
            replace_if_unchanged(&p, b"two\r\n", b"three", 100).unwrap(),
            Written::Changed(Vec::new())
        );
        assert!(!p.exists());
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "no temporary file is left behind");
        assert!(
            !temps().iter().any(|t| t.starts_with(dir.path())),
            "nothing left to remove on an interrupt"
        );
    }

    #[test]
    fn temporary_files_of_dead_dws_are_removed_and_others_kept() {
        let dir = temp();
        let p = dir.path().join("roster.toml");
        fs::write(&p, b"x").unwrap();
        let me = std::process::id();
        // A PID above the kernel's maximum is never alive.
        let dead = dir.path().join(".roster.toml.dw-tmp-99999999-0");
        let live = dir.path().join(format!(".roster.toml.dw-tmp-{me}-0"));
        let other = dir.path().join(".other.toml.dw-tmp-99999999-0");
        let odd = dir.path().join(".roster.toml.dw-tmp-x-0");
        for f in [&dead, &live, &other, &odd] {
            fs::write(f, b"").unwrap();
        }
        assert_eq!(remove_dead_temps(&p), 1);
        assert!(!dead.exists());
        assert!(live.exists() && other.exists() && odd.exists());
        assert_eq!(
            temp_owner(".roster.toml.dw-tmp-12-3", "roster.toml"),
            Some(12)
        );
        assert_eq!(temp_owner(".roster.toml.dw-tmp-12", "roster.toml"), None);
    }

    #[test]
    fn temporary_files_are_tracked_while_they_exist() {
        // (Not `remove_tracked_temps`: it would take other tests' files too.)
        let dir = temp();
        let (tmp, file) = create_temp(dir.path(), "ledger.json").unwrap();
        drop(file);
        assert!(temps().contains(&tmp));
        write_atomic(&dir.path().join("ledger.json"), b"{}", Overwrite::Never).unwrap();
        // The write's own temporary file is no longer tracked once renamed.
        let mine: Vec<PathBuf> = temps()
            .iter()
            .filter(|t| t.starts_with(dir.path()))
            .cloned()
            .collect();
        assert_eq!(mine, std::slice::from_ref(&tmp));
        untrack(&tmp);
        fs::remove_file(&tmp).unwrap();
    }
}
