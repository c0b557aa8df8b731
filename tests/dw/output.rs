//! How output behaves: colour only on a terminal, quiet end on a closed
//! pipe, one JSON document with `--json --dry-run`.

use crate::support::dw_binary;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::support::{skip, Sandbox, BUNDLED};

const COMMANDS: [&[&str]; 7] = [
    &["who"],
    &["schedule"],
    &["schedule", "--member", "ada"],
    &["next"],
    &["roles"],
    &["stats"],
    &["check"],
];

#[test]
fn output_to_a_pipe_has_no_escape_codes() {
    let sandbox = Sandbox::with(BUNDLED);
    for cmd in COMMANDS {
        for extra in [None, Some("NO_COLOR"), Some("--no-color")] {
            let mut c = sandbox.dw(&[]);
            match extra {
                Some("NO_COLOR") => {
                    c.env("NO_COLOR", "1");
                }
                Some(flag) => {
                    c.arg(flag);
                }
                None => {}
            }
            let out = c.args(cmd).output().unwrap();
            assert!(out.status.success(), "{cmd:?}");
            assert!(!out.stdout.contains(&0x1b), "{cmd:?} {extra:?} wrote ESC");
            assert!(!out.stderr.contains(&0x1b), "{cmd:?} {extra:?} wrote ESC");
        }
    }
}

/// On a terminal the title is bold, unless NO_COLOR or --no-color.
/// Uses util-linux `script` for a pseudo-terminal; skipped where it is missing.
#[test]
#[cfg(target_os = "linux")]
fn a_terminal_gets_colour_unless_no_color() {
    let script = std::path::Path::new("/usr/bin/script");
    if !script.exists() {
        return skip("no /usr/bin/script (util-linux) for a pseudo-terminal");
    }
    let sandbox = Sandbox::with(BUNDLED);
    let line = format!(
        "'{}' {} who --role 1",
        dw_binary().display(),
        sandbox.globals().join(" ")
    );
    let run = |no_color_env: bool, flag: &str| {
        let mut c = sandbox.command(script);
        c.env("SHELL", "/bin/sh")
            .args(["-qec", &format!("{line} {flag}"), "/dev/null"]);
        if no_color_env {
            c.env("NO_COLOR", "1");
        }
        let out = c.stdin(Stdio::null()).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let plain = run(false, "");
    if !plain.contains("Dreamwork on call") {
        return skip(&format!("script(1) gave no terminal here: {plain:?}"));
    }
    assert!(plain.contains("\x1b[1mDreamwork on call"), "{plain:?}");
    assert!(!run(true, "").contains('\x1b'), "NO_COLOR=1");
    assert!(!run(false, "--no-color").contains('\x1b'), "--no-color");
}

/// `dw … | head -1`: the reader goes away early; dw ends quietly with 0.
#[test]
fn a_closed_pipe_ends_quietly_with_exit_0() {
    let sandbox = Sandbox::with(BUNDLED);
    for args in [
        &["schedule", "--weeks", "5000"][..],
        &["schedule", "--weeks", "5000", "--json"],
        &["schedule", "--weeks", "5000", "--ics"],
    ] {
        let mut child = sandbox
            .dw(args)
            .std()
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        {
            let mut reader = BufReader::new(child.stdout.take().unwrap());
            reader.read_line(&mut first).unwrap();
        } // stdout closed here, long before dw has written everything
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!first.is_empty(), "{args:?}: no first line");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[test]
fn dry_run_with_json_is_one_json_document() {
    let sandbox = Sandbox::with(BUNDLED);
    for args in [
        &[
            "--json",
            "incident",
            "start",
            "--title",
            "DB down",
            "--dry-run",
        ][..],
        &["--json", "announce", "--post", "--topic", "--dry-run"],
        &["--json", "handoff", "--post", "--dry-run"],
    ] {
        let mut cmd = sandbox.dw(args);
        cmd.env("DW_PAGERDUTY_FROM", "oncall@example.com");
        let out = cmd.output().expect("run dw");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not one JSON document ({e})"));
        assert!(
            doc["requests"].as_array().is_some_and(|r| !r.is_empty()),
            "{args:?}: {doc}"
        );
    }
}
