//! Finding and reading the roster file: the only file-system code of the
//! roster module.

use std::path::{Path, PathBuf};

use crate::error::RosterError;
use crate::files::{self, FileError};

/// Rosters larger than this are refused before parsing: no team needs it, and
/// it keeps a stray multi-gigabyte file from eating the machine.
pub const MAX_ROSTER_BYTES: u64 = 4 * 1024 * 1024;

/// Where to look for the roster (see docs/roster.md), given what the caller read from
/// the command line and the environment.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// `--roster`, or `$DW_ROSTER` (clap merges the two).
    pub flag: Option<PathBuf>,
    pub cwd: Option<PathBuf>,
    pub xdg_config_home: Option<PathBuf>,
    pub home: Option<PathBuf>,
}

impl Search {
    /// The roster path to use, or an error listing every place that was tried.
    pub fn find(&self) -> Result<PathBuf, RosterError> {
        if let Some(p) = &self.flag {
            return Ok(p.clone());
        }
        let mut tried = Vec::new();
        if let Some(cwd) = &self.cwd {
            for dir in cwd.ancestors() {
                let candidate = dir.join("roster.toml");
                if candidate.is_file() {
                    return Ok(candidate);
                }
            }
            tried.push(format!("roster.toml in {} and its parents", cwd.display()));
        }
        let config = self
            .xdg_config_home
            .clone()
            .filter(|p| p.is_absolute())
            .or_else(|| self.home.as_ref().map(|h| h.join(".config")));
        if let Some(config) = config {
            let candidate = config.join("dw").join("roster.toml");
            if candidate.is_file() {
                return Ok(candidate);
            }
            tried.push(candidate.display().to_string());
        }
        Err(RosterError::single(
            "dw",
            format!("no roster found (looked for {})", tried.join(", ")),
            "pass --roster PATH, set DW_ROSTER, or run dw inside the repository that holds roster.toml",
        ))
    }
}

/// Read the bytes of the roster at `path`: a regular file only (a FIFO or a
/// device is refused without blocking), never more than [`MAX_ROSTER_BYTES`].
/// The only file read in dw; `crate::validate::load` parses what it returns.
pub fn read_file(path: &Path) -> Result<Vec<u8>, RosterError> {
    let shown = path.display().to_string();
    files::read_capped(path, MAX_ROSTER_BYTES).map_err(|e| match e {
        FileError::NotRegular {
            kind: "a directory",
            ..
        } => RosterError::single(
            &shown,
            "is a directory, not a roster file",
            "point --roster at the roster.toml file itself",
        ),
        FileError::NotRegular { kind, .. } => RosterError::single(
            &shown,
            format!("is {kind}, not a regular file; dw reads rosters from regular files only"),
            "point --roster at the roster.toml file itself",
        ),
        FileError::TooLarge { cap, .. } => RosterError::single(
            &shown,
            format!("the roster is more than the {cap} bytes dw reads"),
            "check that --roster points at the team's roster.toml",
        ),
        FileError::Io { source, .. } => RosterError::single(
            &shown,
            format!("cannot read the roster: {source}"),
            "check the path given by --roster or DW_ROSTER, and the file's permissions",
        ),
        FileError::Exists { .. } => RosterError::single(
            &shown,
            "cannot read the roster",
            "check the path given by --roster or DW_ROSTER",
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::load;

    const MINIMAL: &str = "[team]\nname = \"T\"\nstart = 2026-01-06\n\n\
                           [[members]]\nid = \"ada\"\nname = \"Ada\"\nemail = \"ada@example.com\"\n";

    fn search(cwd: &Path) -> Search {
        Search {
            flag: None,
            cwd: Some(cwd.to_path_buf()),
            xdg_config_home: None,
            home: None,
        }
    }

    #[test]
    fn flag_wins_even_if_the_file_is_missing() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("roster.toml"), MINIMAL).expect("write");
        let s = Search {
            flag: Some(PathBuf::from("/nowhere/r.toml")),
            ..search(dir.path())
        };
        assert_eq!(s.find().ok(), Some(PathBuf::from("/nowhere/r.toml")));
    }

    #[test]
    fn nearest_parent_roster_is_found() {
        let dir = tempfile::tempdir().expect("temp dir");
        let deep = dir.path().join("a").join("b");
        std::fs::create_dir_all(&deep).expect("mkdir");
        std::fs::write(dir.path().join("roster.toml"), MINIMAL).expect("write");
        assert_eq!(
            search(&deep).find().ok(),
            Some(dir.path().join("roster.toml"))
        );
    }

    #[test]
    fn xdg_config_then_home_config() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cwd = dir.path().join("cwd");
        let xdg = dir.path().join("xdg");
        let home = dir.path().join("home");
        std::fs::create_dir_all(&cwd).expect("mkdir");
        std::fs::create_dir_all(xdg.join("dw")).expect("mkdir");
        std::fs::create_dir_all(home.join(".config").join("dw")).expect("mkdir");
        std::fs::write(home.join(".config/dw/roster.toml"), MINIMAL).expect("write");
        let s = Search {
            xdg_config_home: Some(xdg.clone()),
            home: Some(home.clone()),
            ..search(&cwd)
        };
        // $XDG_CONFIG_HOME is set, so ~/.config is not looked at.
        let err = s.find().expect_err("xdg has no roster");
        assert!(
            err.to_string()
                .contains(&xdg.join("dw/roster.toml").display().to_string()),
            "{err}"
        );
        std::fs::write(xdg.join("dw/roster.toml"), MINIMAL).expect("write");
        assert_eq!(s.find().ok(), Some(xdg.join("dw/roster.toml")));
        let s = Search {
            xdg_config_home: Some(PathBuf::from("relative")),
            ..s
        };
        assert_eq!(s.find().ok(), Some(home.join(".config/dw/roster.toml")));
    }

    #[test]
    fn load_reads_and_refuses_what_is_not_a_roster_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("roster.toml");
        std::fs::write(&path, MINIMAL).expect("write");
        assert_eq!(load(&path).map(|r| r.members.len()).ok(), Some(1));

        let err = load(dir.path()).expect_err("a directory");
        assert_eq!(
            err.diagnostics[0].message,
            "is a directory, not a roster file"
        );

        let err = load(&dir.path().join("missing.toml")).expect_err("missing");
        assert!(
            err.diagnostics[0]
                .message
                .starts_with("cannot read the roster: "),
            "{err}"
        );

        let big = dir.path().join("big.toml");
        let file = std::fs::File::create(&big).expect("create");
        file.set_len(MAX_ROSTER_BYTES + 1).expect("set_len");
        let err = load(&big).expect_err("too big");
        assert!(
            err.diagnostics[0].message.contains("more than the"),
            "{err}"
        );
    }
}
