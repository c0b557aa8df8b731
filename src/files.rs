//! Careful file reading and writing: the only file-system code outside roster
//! discovery. Reads accept regular files only and never read past a cap,
//! whatever the file system says the size is (`/dev/zero` reports 0). Writes go
//! to a temporary file beside the target and are renamed into place, so a
//! reader never sees half a file, and a symlink or a FIFO is never followed.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

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
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| FileError::io(&tmp, e));
    drop(file);
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    // Keep the permissions of the file being replaced (a roster may be 0600).
    if let Ok(meta) = fs::metadata(path) {
        let _ = fs::set_permissions(&tmp, meta.permissions());
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
    let _ = fs::remove_file(&tmp);
    placed
}

/// A new file `.NAME.dw-tmp-N` in `dir`, created exclusively.
fn create_temp(dir: &Path, name: &str) -> Result<(PathBuf, File), FileError> {
    let pid = std::process::id();
    let mut last = None;
    for n in 0..100u32 {
        let tmp = dir.join(format!(".{name}.dw-tmp-{pid}-{n}"));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(FileError::io(&tmp, e)),
        }
    }
    Err(FileError::io(
        dir,
        last.unwrap_or_else(|| io::Error::other("no free temporary name")),
    ))
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
}
