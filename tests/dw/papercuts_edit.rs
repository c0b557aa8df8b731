//! Papercuts of the roster-editing commands and of the time words (issue 21):
//! each test failed before its fix.

use std::fs;
use std::process::Command;

use crate::support::{skip, Sandbox, BUNDLED};

fn text(sandbox: &Sandbox, name: &str) -> String {
    fs::read_to_string(sandbox.work().join(name)).unwrap()
}

/// Python's tomllib (a TOML 1.0 reader dw did not write) on `toml`: `None`
/// when it reads it, else its error; `Err` when python3 is not here.
fn tomllib(toml: &str) -> Result<Option<String>, String> {
    let script = "import sys, tomllib\ntry:\n    tomllib.loads(sys.stdin.read())\nexcept tomllib.TOMLDecodeError as e:\n    print(e)\n";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("python3 is needed to read TOML with tomllib: {e}"))?;
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(toml.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    if !out.status.success() {
        return Err(format!(
            "python3 has no tomllib (3.11 or later is needed): {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let said = String::from_utf8_lossy(&out.stdout).trim().to_string();
    Ok(if said.is_empty() { None } else { Some(said) })
}

#[test]
fn covers_are_written_with_seconds_and_python_reads_every_edit() {
    let sandbox = Sandbox::with(BUNDLED);
    let edits: [&[&str]; 4] = [
        &[
            "cover",
            "barbara",
            "--role",
            "primary",
            "--from",
            "2026-03-12T18:00:30",
            "--to",
            "2026-03-13T08:00",
        ],
        &[
            "away",
            "add",
            "ada",
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-10",
        ],
        &["swap", "grace", "linus", "--week", "2026-03-17"],
        &["leave", "linus", "--on", "2027-01-05"],
    ];
    for args in edits {
        sandbox.run(args).success();
    }
    let roster = text(&sandbox, BUNDLED);
    assert!(
        roster.contains("from = 2026-03-12T18:00:30\nto = 2026-03-13T08:00:00\n"),
        "{roster}"
    );
    // Both forms read: the minutes-only form of older rosters too.
    sandbox.run(&["check", "--weeks", "4"]).success();
    match tomllib(&roster) {
        Ok(None) => {}
        Ok(Some(e)) => panic!("tomllib refuses what dw wrote: {e}\n{roster}"),
        Err(why) => skip(&why),
    }
}

#[test]
fn a_crlf_roster_stays_crlf() {
    let sandbox = Sandbox::with(BUNDLED);
    let crlf = text(&sandbox, BUNDLED).replace('\n', "\r\n");
    fs::write(sandbox.work().join(BUNDLED), &crlf).unwrap();
    sandbox
        .run(&[
            "away",
            "add",
            "ada",
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-10",
        ])
        .success();
    let after = text(&sandbox, BUNDLED);
    assert_ne!(after, crlf);
    let lines = after.matches('\n').count();
    assert_eq!(
        after.matches("\r\n").count(),
        lines,
        "every line ends in CRLF:\n{after:?}"
    );
}
