//! What every integration test starts from: the built `dw` with nothing of the
//! machine in it (no inherited environment, HOME and XDG_CONFIG_HOME in a
//! temporary folder, TZ=UTC), run in a temporary working folder with a fixed
//! `--roster` and `--at`, in the manner of casey/just's and xh's test helpers.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

/// The moment most tests ask about: Tuesday 2026-03-03 12:00 in Chicago, two
/// hours into week 8 of the bundled roster, the week DST starts (March 8).
pub const AT: &str = "2026-03-03T12:00";

/// The repository's own `roster.toml`, the bundled example.
pub const BUNDLED: &str = "roster.toml";

/// A file under `tests/fixtures/`, or the bundled roster for [`BUNDLED`].
pub fn source(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if name == BUNDLED {
        root.join(BUNDLED)
    } else {
        root.join("tests").join("fixtures").join(name)
    }
}

/// A throw-away home and working folder.
///
/// Layout: `ROOT/home` (HOME), `ROOT/home/.config` (XDG_CONFIG_HOME) and
/// `ROOT/work` (the current folder). The roster given to [`Sandbox::with`] is
/// copied into `ROOT/work` and passed by its bare file name, so messages and
/// snapshots never hold a path of this machine.
pub struct Sandbox {
    dir: TempDir,
    roster: Option<String>,
    at: Option<String>,
}

impl Sandbox {
    /// An empty sandbox: no roster anywhere.
    pub fn empty() -> Self {
        // The system temp folder, not target/: target/ lies inside the
        // repository, whose roster.toml the upward search would find.
        let dir = tempfile::Builder::new()
            .prefix("dw-test-")
            .tempdir()
            .expect("create a temporary folder");
        fs::create_dir_all(dir.path().join("home").join(".config")).unwrap();
        fs::create_dir_all(dir.path().join("work")).unwrap();
        Sandbox {
            dir,
            roster: None,
            at: None,
        }
    }

    /// A sandbox whose commands run with `--roster FIXTURE --at AT`.
    pub fn with(fixture: &str) -> Self {
        Self::empty().roster(fixture).at(AT)
    }

    /// Copy `fixture` into the working folder and pass it with `--roster`.
    pub fn roster(mut self, fixture: &str) -> Self {
        let name = Path::new(fixture).file_name().unwrap().to_str().unwrap();
        fs::copy(source(fixture), self.work().join(name)).expect("copy the roster fixture");
        self.roster = Some(name.to_string());
        self
    }

    /// Pass `--at WHEN` (every test fixes the moment: none reads the clock).
    pub fn at(mut self, when: &str) -> Self {
        self.at = Some(when.to_string());
        self
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn home(&self) -> PathBuf {
        self.root().join("home")
    }

    pub fn config(&self) -> PathBuf {
        self.home().join(".config")
    }

    /// The working folder commands run in.
    pub fn work(&self) -> PathBuf {
        self.root().join("work")
    }

    /// Write a file relative to the sandbox root, creating folders.
    pub fn write(&self, relative: &str, contents: &[u8]) -> PathBuf {
        let path = self.root().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, contents).unwrap();
        path
    }

    /// `dw` with the clean environment only: no `--roster`, no `--at`.
    pub fn bare(&self) -> Command {
        Command::from_std(self.bare_std())
    }

    /// The same as [`Sandbox::bare`] as a `std::process::Command`, for tests
    /// that need `spawn` (closing stdout early).
    pub fn bare_std(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("dw"));
        cmd.env_clear()
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.config())
            .env("TZ", "UTC")
            .env("LC_ALL", "C")
            .current_dir(self.work());
        cmd
    }

    /// The global flags this sandbox fixes.
    pub fn globals(&self) -> Vec<String> {
        let mut args = Vec::new();
        if let Some(r) = &self.roster {
            args.extend(["--roster".to_string(), r.clone()]);
        }
        if let Some(at) = &self.at {
            args.extend(["--at".to_string(), at.clone()]);
        }
        args
    }

    /// `dw --roster FIXTURE --at AT ARGS…` in the clean environment.
    pub fn dw(&self, args: &[&str]) -> Command {
        let mut cmd = self.bare();
        cmd.args(self.globals()).args(args);
        cmd
    }

    /// [`Sandbox::dw`] as a `std::process::Command`.
    pub fn dw_std(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = self.bare_std();
        cmd.args(self.globals()).args(args);
        cmd
    }
}

/// Run and return stdout, asserting exit 0 and an empty stderr.
pub fn stdout_ok(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run dw");
    assert_eq!(
        out.status.code(),
        Some(0),
        "dw failed\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "dw succeeded but wrote to stderr"
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// Run, assert the exit code, and return (stdout, stderr).
pub fn run_code(cmd: &mut Command, code: i32) -> (String, String) {
    let out: Output = cmd.output().expect("run dw");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(code),
        "wanted exit {code}\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "dw panicked:\n{stderr}");
    (stdout, stderr)
}

/// Run `dw` and parse its stdout as JSON (exit 0 required).
pub fn json(cmd: &mut Command) -> serde_json::Value {
    let text = stdout_ok(cmd);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// What one run of `dw` showed, with chainable assertions that print
/// everything the user saw when they fail.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The exit code (-1 when killed by a signal) and both streams, lossily
    /// decoded.
    pub fn from_output(out: &Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Panic with everything the user saw when the exit code is not `code`.
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn stdout_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stdout, expected, "stdout\n--- stderr\n{}", self.stderr);
        self
    }
}
