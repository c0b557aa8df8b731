//! The one harness of the integration tests: the built `dw` run with nothing
//! of this machine in it, and what it showed.
//!
//! # Running dw
//!
//! A [`Sandbox`] is a throw-away folder (`ROOT/home` is HOME, `ROOT/home/.config`
//! is XDG_CONFIG_HOME, `ROOT/work` the current folder) and a clean environment:
//! every command starts from `env_clear()` (so no HOME, XDG_*, DW_*, tokens,
//! NO_COLOR, CI… of the machine), then gets HOME, XDG_CONFIG_HOME, `TZ=UTC`,
//! `LC_ALL=C` and whatever the sandbox was given with [`Sandbox::env`].
//!
//! ```ignore
//! let sandbox = Sandbox::with(BUNDLED);          // --roster roster.toml --at AT
//! let out = sandbox.dw(&["who"]).ok();           // exit 0, empty stderr: stdout
//! let doc = sandbox.dw(&["who", "--json"]).json(); // exit 0: stdout as JSON
//! sandbox.dw(&["who", "--role", "x"]).run()      // any exit: a Run
//!     .code(2)
//!     .stderr_has("unknown role");
//! let sandbox = Sandbox::empty()                 // no roster, no --at
//!     .roster("utc.toml")                        // copy tests/fixtures/utc.toml, pass --roster utc.toml
//!     .at("2026-01-19T09:00:00Z")                // pass --at
//!     .env("DW_ME", "grace");                    // for every command of this sandbox
//! sandbox.bare().args(["--at", AT, "who"]);      // no --roster/--at from the sandbox
//! ```
//!
//! [`Sandbox::dw`] gives a [`Dw`], a command you can still change
//! (`.arg`, `.args`, `.env`, `.env_remove`, `.current_dir`) before running it
//! with `.run()` (a [`Run`]), `.ok()` (stdout of a clean success), `.json()`,
//! `.fails(code)` (stdout and stderr of the exit `code`), or `.std()` for a
//! `std::process::Command` to spawn yourself.
//!
//! Tests with a mock server (`wiremock`) are `#[tokio::test(flavor =
//! "multi_thread")]` and run the blocking binary off the runtime with
//! `.run_async().await` ([`Sandbox::run_async`], [`Dw::run_async`]), so the
//! mock keeps answering. [`http`] has the request checks and canned answers
//! of the PagerDuty/Slack mock, [`standin`] the stateful stand-ins, [`truth`] the
//! team of the sync/check/plan tests with a PagerDuty stand-in set up for it.
//!
//! # Other helpers
//!
//! - [`Sandbox::eval_env`]: `eval "$(dw …)"` in `/bin/sh`, then the values of
//!   variables (for `who --format env`).
//! - [`Sandbox::snapshot`] / [`Sandbox::snapshot_failure`] / [`assert_snapshot`]:
//!   insta snapshots in `tests/dw/snapshots/NAME.snap` (names are global:
//!   start them with the command). Review changes with `cargo insta review`.
//! - [`skip`]: a test that cannot run here says why; with `CI` set it fails.
//! - Every moment is fixed (`--at`) and every roster has a `timezone`: no test
//!   reads the clock or the machine's zone, and none has a time limit.

// Each test module uses a different part of this module.
#![allow(dead_code)]

pub mod http;
pub mod markdown;
pub mod measure;
pub mod raw;
pub mod scenes;
pub mod shape;
pub mod standin;
pub mod truth;

use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
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

/// The text of a fixture (see [`source`]).
pub fn fixture_text(name: &str) -> String {
    fs::read_to_string(source(name)).unwrap_or_else(|e| panic!("read fixture {name}: {e}"))
}

/// The built binary.
pub fn dw_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dw"))
}

/// A test that cannot run on this machine: with `CI` set this fails (CI must
/// run everything); elsewhere it prints why. Use it as `return skip(…)`.
/// Prefer `#[ignore = "why"]` when the reason is known before running.
pub fn skip(why: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("cannot run in CI: {why}");
    }
    eprintln!("skipped: {why}");
}

/// A throw-away home and working folder with a clean environment.
///
/// The roster given to [`Sandbox::roster`] is copied into `ROOT/work` and
/// passed by its bare file name, so messages and snapshots never hold a path
/// of this machine.
pub struct Sandbox {
    dir: TempDir,
    roster: Option<String>,
    at: Option<String>,
    env: Vec<(OsString, Option<OsString>)>,
}

impl Sandbox {
    /// An empty sandbox: no roster anywhere, no `--at`.
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
            env: Vec::new(),
        }
    }

    /// A sandbox whose commands run with `--roster FIXTURE --at AT`.
    pub fn with(fixture: &str) -> Self {
        Self::empty().roster(fixture).at(AT)
    }

    /// Copy `fixture` (see [`source`]) into the working folder and pass it
    /// with `--roster`.
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

    /// Set `name=value` for every command of this sandbox.
    pub fn env(mut self, name: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        let name = name.as_ref().to_os_string();
        self.env.retain(|(n, _)| *n != name);
        self.env.push((name, Some(value.as_ref().to_os_string())));
        self
    }

    /// Leave `name` unset in every command (also HOME, XDG_CONFIG_HOME, TZ).
    pub fn without(mut self, name: impl AsRef<OsStr>) -> Self {
        let name = name.as_ref().to_os_string();
        self.env.retain(|(n, _)| *n != name);
        self.env.push((name, None));
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
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, contents).unwrap();
        path
    }

    /// Copy a fixture (see [`source`]) to a path relative to the sandbox root.
    pub fn copy(&self, fixture: &str, to: &str) -> PathBuf {
        self.write(to, fs::read(source(fixture)).unwrap())
    }

    /// The global flags this sandbox fixes (`--roster`, `--at`).
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

    /// `program` (not dw) in the sandbox's clean environment and working
    /// folder, e.g. `/bin/sh` or `script`.
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.config())
            .env("TZ", "UTC")
            .env("LC_ALL", "C")
            .current_dir(self.work());
        for (name, value) in &self.env {
            match value {
                Some(v) => cmd.env(name, v),
                None => cmd.env_remove(name),
            };
        }
        cmd
    }

    /// `dw` in the clean environment, without `--roster`/`--at`.
    pub fn bare(&self) -> Dw {
        Dw {
            cmd: self.command(dw_binary()),
        }
    }

    /// `dw --roster FIXTURE --at AT ARGS…` in the clean environment.
    pub fn dw(&self, args: &[&str]) -> Dw {
        let mut dw = self.bare();
        dw.args(self.globals()).args(args);
        dw
    }

    /// Run `dw … ARGS` (see [`Sandbox::dw`]).
    pub fn run(&self, args: &[&str]) -> Run {
        self.dw(args).run()
    }

    /// Run `dw … ARGS` off the async runtime, so a mock server keeps serving.
    pub async fn run_async(&self, args: &[&str]) -> Run {
        self.dw(args).run_async().await
    }

    /// `eval "$(dw … ARGS)"` in `/bin/sh` (in the sandbox's environment),
    /// then the value of each of `vars`, or `<unset>`.
    pub fn eval_env(&self, args: &[&str], vars: &[&str]) -> Vec<String> {
        let mut script = String::from("eval \"$(\"$0\" \"$@\")\" || exit 9\n");
        for v in vars {
            script.push_str(&format!("printf '%s\\n' \"${{{v}-<unset>}}\"\n"));
        }
        let mut cmd = self.command("/bin/sh");
        cmd.arg("-c")
            .arg(script)
            .arg(dw_binary())
            .args(self.globals())
            .args(args);
        let run = Run::from_output(&cmd.output().expect("run /bin/sh"));
        run.code(0);
        run.stdout.lines().map(str::to_string).collect()
    }

    /// Snapshot the stdout of a successful `dw … ARGS`, recording the command line.
    pub fn snapshot(&self, name: &str, args: &[&str]) {
        let out = self.dw(args).ok();
        assert_snapshot(name, &out, Some(&self.line(args)));
    }

    /// Snapshot stdout and stderr of `dw … ARGS` exiting `code`; returns stderr.
    pub fn snapshot_failure(&self, name: &str, args: &[&str], code: i32) -> String {
        let (stdout, stderr) = self.dw(args).fails(code);
        let both = format!("exit {code}\n--- stdout\n{stdout}--- stderr\n{stderr}");
        assert_snapshot(name, &both, Some(&self.line(args)));
        stderr
    }

    fn line(&self, args: &[&str]) -> String {
        format!("dw {} {}", self.globals().join(" "), args.join(" "))
            .trim_end()
            .to_string()
    }
}

/// [`Sandbox::snapshot`] as a function.
pub fn snapshot(name: &str, sandbox: &Sandbox, args: &[&str]) {
    sandbox.snapshot(name, args)
}

/// [`Sandbox::snapshot_failure`] as a function.
pub fn snapshot_failure(name: &str, sandbox: &Sandbox, args: &[&str], code: i32) -> String {
    sandbox.snapshot_failure(name, args, code)
}

/// Assert `value` equals `tests/dw/snapshots/NAME.snap` (insta; the
/// description, if any, is recorded in the file's header).
pub fn assert_snapshot(name: &str, value: &str, description: Option<&str>) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .join("dw")
            .join("snapshots"),
    );
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    if let Some(d) = description {
        settings.set_description(d);
    }
    settings.bind(|| insta::assert_snapshot!(name, value));
}

/// One command line of `dw`, not yet run.
pub struct Dw {
    cmd: Command,
}

impl Dw {
    pub fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut Self {
        self.cmd.arg(arg);
        self
    }

    pub fn args<I, S>(&mut self, args: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub fn env(&mut self, name: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut Self {
        self.cmd.env(name, value);
        self
    }

    pub fn env_remove(&mut self, name: impl AsRef<OsStr>) -> &mut Self {
        self.cmd.env_remove(name);
        self
    }

    pub fn current_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.cmd.current_dir(dir);
        self
    }

    /// The underlying command, e.g. to `spawn` it with piped streams.
    pub fn std(&mut self) -> &mut Command {
        &mut self.cmd
    }

    /// Run to the end and capture both streams.
    pub fn output(&mut self) -> std::io::Result<Output> {
        recorded_output(&mut self.cmd)
    }

    /// Run and return what it showed, whatever the exit code.
    pub fn run(&mut self) -> Run {
        Run::from_output(&self.output().expect("run dw"))
    }

    /// [`Dw::run`] on a blocking thread: for tests on a tokio runtime whose
    /// mock server must keep serving while dw waits for it.
    pub async fn run_async(self) -> Run {
        let mut cmd = self.cmd;
        let out = tokio::task::spawn_blocking(move || recorded_output(&mut cmd).expect("run dw"))
            .await
            .expect("the dw runner thread");
        Run::from_output(&out)
    }

    /// Stdout, asserting exit 0 and an empty stderr.
    pub fn ok(&mut self) -> String {
        let run = self.run();
        run.code(0);
        assert_eq!(run.stderr, "", "dw succeeded but wrote to stderr");
        run.stdout
    }

    /// Stdout parsed as JSON (exit 0, empty stderr).
    pub fn json(&mut self) -> Value {
        let text = self.ok();
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
    }

    /// (stdout, stderr), asserting exit `code` and no panic.
    pub fn fails(&mut self, code: i32) -> (String, String) {
        let run = self.run();
        run.code(code).no_panic();
        (run.stdout, run.stderr)
    }
}

/// The variable naming a folder that collects every roster a successful dw
/// command wrote or changed in its working folder (`.ci/run` sets it and
/// reads them all with Python's tomllib: what dw writes must be TOML 1.0).
pub const ROSTERS_OUT: &str = "DW_TEST_ROSTERS_OUT";

/// `cmd.output()`, keeping a copy of each `*.toml` of the working folder that
/// the command created or changed and exited 0 with, when [`ROSTERS_OUT`] is set.
fn recorded_output(cmd: &mut Command) -> std::io::Result<Output> {
    let Some(out_dir) = std::env::var_os(ROSTERS_OUT).filter(|d| !d.is_empty()) else {
        return cmd.output();
    };
    let dir = cmd.get_current_dir().map(Path::to_path_buf);
    let tomls = |dir: &Option<PathBuf>| -> Vec<(PathBuf, Vec<u8>)> {
        let Some(dir) = dir else { return Vec::new() };
        let Ok(entries) = fs::read_dir(dir) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .filter_map(|p| fs::read(&p).ok().map(|b| (p, b)))
            .collect()
    };
    let before = tomls(&dir);
    let output = cmd.output()?;
    if output.status.success() {
        let out_dir = PathBuf::from(out_dir);
        fs::create_dir_all(&out_dir)?;
        for (path, bytes) in tomls(&dir) {
            if before.iter().any(|(p, b)| *p == path && *b == bytes) {
                continue;
            }
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            fs::write(out_dir.join(format!("{:016x}.toml", h.finish())), &bytes)?;
        }
    }
    Ok(output)
}

/// [`Dw::ok`] as a function.
pub fn stdout_ok(cmd: &mut Dw) -> String {
    cmd.ok()
}

/// [`Dw::fails`] as a function (any code, 0 too).
pub fn run_code(cmd: &mut Dw, code: i32) -> (String, String) {
    cmd.fails(code)
}

/// [`Dw::json`] as a function.
pub fn json(cmd: &mut Dw) -> Value {
    cmd.json()
}

/// What one run of `dw` showed, with chainable assertions that print
/// everything the user saw when they fail.
#[derive(Debug)]
pub struct Run {
    /// The exit code, -1 when killed by a signal.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The exit code and both streams, lossily decoded.
    pub fn from_output(out: &Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn context(&self) -> String {
        format!("--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr)
    }

    /// The exit code is `code`.
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "exit code\n{}", self.context());
        self
    }

    /// Exit 0.
    pub fn success(&self) -> &Self {
        self.code(0)
    }

    /// No Rust panic message on stderr.
    pub fn no_panic(&self) -> &Self {
        assert!(
            !self.stderr.contains("panicked"),
            "dw panicked\n{}",
            self.context()
        );
        self
    }

    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n{}",
            self.context()
        );
        self
    }

    pub fn stdout_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stdout.contains(needle),
            "stdout has {needle:?}\n{}",
            self.context()
        );
        self
    }

    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n{}",
            self.context()
        );
        self
    }

    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr.contains(needle),
            "stderr has {needle:?}\n{}",
            self.context()
        );
        self
    }

    pub fn stdout_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stdout, expected, "stdout\n--- stderr\n{}", self.stderr);
        self
    }

    pub fn stderr_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stderr, expected, "stderr\n--- stdout\n{}", self.stdout);
        self
    }

    /// Stdout parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{}", self.context()))
    }
}
