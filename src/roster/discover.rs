//! Finding and reading the roster file: the only file-system code of the
//! roster module.

use std::path::{Path, PathBuf};

use crate::error::RosterError;
use crate::files::{self, FileError};

/// Rosters larger than this are refused before parsing: no team needs it, and
/// it keeps a stray multi-gigabyte file from eating the machine.
pub const MAX_ROSTER_BYTES: u64 = 4 * 1024 * 1024;

/// Where to look for the roster (see docs/roster.md, "Where dw finds the
/// roster"), given what the caller read from the command line and the
/// environment.
///
/// The upward walk from `cwd` is as careful as git's: it stops at the first
/// folder holding `.git` (a repository's root, still searched) or at
/// `home` (still searched), and refuses a `roster.toml` it finds in a file
/// or folder owned by another user than `uid` (root excepted): someone else
/// could have put it in a shared folder such as `/tmp`. `--roster` and
/// `DW_ROSTER` are used as given.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// `--roster`, or `$DW_ROSTER` (clap merges the two).
    pub flag: Option<PathBuf>,
    pub cwd: Option<PathBuf>,
    pub xdg_config_home: Option<PathBuf>,
    pub home: Option<PathBuf>,
    /// The effective user id (`crate::files::effective_uid`); `None` skips
    /// the ownership check (tests of the walk alone, systems without owners).
    pub uid: Option<u32>,
}

impl Search {
    /// The roster path to use, or an error listing every place that was tried.
    pub fn find(&self) -> Result<PathBuf, RosterError> {
        if let Some(p) = &self.flag {
            return Ok(p.clone());
        }
        let mut tried = Vec::new();
        if let Some(cwd) = &self.cwd {
            let mut last = cwd.as_path();
            for dir in cwd.ancestors() {
                last = dir;
                let candidate = dir.join("roster.toml");
                if candidate.is_file() {
                    self.owned(&candidate, dir)?;
                    return Ok(candidate);
                }
                if dir.join(".git").exists() || self.is_home(dir) {
                    break;
                }
            }
            tried.push(if last == cwd.as_path() {
                format!("roster.toml in {}", cwd.display())
            } else {
                format!(
                    "roster.toml in {} and its parents up to {}",
                    cwd.display(),
                    last.display()
                )
            });
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

    /// Whether `dir` is `$HOME` (as given, or with its links resolved).
    fn is_home(&self, dir: &Path) -> bool {
        self.home
            .as_ref()
            .is_some_and(|home| dir == home || std::fs::canonicalize(home).is_ok_and(|h| dir == h))
    }

    /// An error unless `file` (the link itself and what it points to) and
    /// `dir`, the folder the walk found it in, belong to the user or to root.
    fn owned(&self, file: &Path, dir: &Path) -> Result<(), RosterError> {
        let Some(me) = self.uid else { return Ok(()) };
        for (what, path, meta) in [
            ("file", file, std::fs::symlink_metadata(file)),
            ("file", file, std::fs::metadata(file)),
            ("folder", dir, std::fs::metadata(dir)),
        ] {
            let Some(owner) = meta.ok().and_then(|m| files::owner(&m)) else {
                continue;
            };
            if !trusted(owner, me) {
                return Err(RosterError::single(
                    file.display().to_string(),
                    format!(
                        "this roster was found in a {what} owned by another user (uid {owner}, \
                         not you, uid {me}): dw does not use a roster someone else could have \
                         put in {}",
                        path.display()
                    ),
                    format!(
                        "if you trust it, name it: --roster {} (or DW_ROSTER); otherwise run \
                         dw inside your own copy of the roster's repository",
                        file.display()
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// A file or folder owned by `owner` may supply the roster of user `me`:
/// their own, or root's.
fn trusted(owner: u32, me: u32) -> bool {
    owner == me || owner == 0
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
            uid: None,
        }
    }

    #[test]
    fn only_the_user_and_root_are_trusted() {
        for (owner, me, ok) in [
            (1000, 1000, true),
            (0, 1000, true),
            (1001, 1000, false),
            (0, 0, true),
            (1000, 0, false),
        ] {
            assert_eq!(trusted(owner, me), ok, "owner {owner}, me {me}");
        }
    }

    #[test]
    fn the_walk_stops_at_the_first_folder_holding_git() {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = dir.path().join("repo");
        let deep = repo.join("a").join("b");
        std::fs::create_dir_all(&deep).expect("mkdir");
        std::fs::write(dir.path().join("roster.toml"), MINIMAL).expect("write");
        // A worktree's .git is a file: it counts too.
        for git in ["dir", "file"] {
            let _ = std::fs::remove_dir_all(repo.join(".git"));
            let _ = std::fs::remove_file(repo.join(".git"));
            if git == "dir" {
                std::fs::create_dir(repo.join(".git")).expect("mkdir .git");
            } else {
                std::fs::write(repo.join(".git"), "gitdir: elsewhere\n").expect(".git");
            }
            let err = search(&deep).find().expect_err("stops at the repository");
            assert!(
                err.to_string()
                    .contains(&format!("and its parents up to {}", repo.display())),
                "{err}"
            );
            // The repository's own folder is still searched.
            std::fs::write(repo.join("roster.toml"), MINIMAL).expect("write");
            assert_eq!(search(&deep).find().ok(), Some(repo.join("roster.toml")));
            std::fs::remove_file(repo.join("roster.toml")).expect("rm");
        }
    }

    #[test]
    fn the_walk_stops_at_home() {
        let dir = tempfile::tempdir().expect("temp dir");
        let home = dir.path().join("home");
        let deep = home.join("src").join("team");
        std::fs::create_dir_all(&deep).expect("mkdir");
        std::fs::write(dir.path().join("roster.toml"), MINIMAL).expect("write");
        let s = Search {
            home: Some(home.clone()),
            ..search(&deep)
        };
        assert!(s.find().is_err(), "a roster above $HOME is not used");
        std::fs::write(home.join("roster.toml"), MINIMAL).expect("write");
        assert_eq!(s.find().ok(), Some(home.join("roster.toml")));
    }

    #[test]
    fn a_roster_of_another_user_is_refused_with_a_hint() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("roster.toml"), MINIMAL).expect("write");
        let owner = std::fs::metadata(dir.path().join("roster.toml"))
            .expect("stat")
            .uid();
        // Root's files are trusted by everyone: pretend to be another user
        // only when the temp files are not root's.
        let me = if owner == 0 { 4242 } else { owner + 1 };
        let s = Search {
            uid: Some(me),
            ..search(dir.path())
        };
        if owner == 0 {
            assert_eq!(s.find().ok(), Some(dir.path().join("roster.toml")));
            return;
        }
        let err = s.find().expect_err("someone else's roster");
        let text = err.to_string();
        assert!(text.contains("owned by another user"), "{text}");
        assert!(
            text.contains("hint: if you trust it, name it: --roster"),
            "{text}"
        );
        // As given, it is used.
        let s = Search {
            flag: Some(dir.path().join("roster.toml")),
            ..s
        };
        assert_eq!(s.find().ok(), Some(dir.path().join("roster.toml")));
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
