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

#[test]
fn a_cover_by_a_member_holding_another_rank_warns_of_no_backup() {
    // Week 9 of the bundled roster: linus primary, margaret secondary.
    let sandbox = Sandbox::with(BUNDLED);
    let cover = |id: &str| {
        sandbox.run(&[
            "cover",
            id,
            "--role",
            "primary",
            "--from",
            "2026-03-12T18:00",
            "--to",
            "2026-03-13T08:00",
            "--dry-run",
        ])
    };
    cover("margaret")
        .success()
        .stderr_has("margaret already holds a role in week 9 (secondary)")
        .stderr_has("no backup");
    let run = cover("barbara");
    run.success();
    assert!(!run.stderr.contains("no backup"), "{}", run.stderr);
}

#[test]
fn quiet_editing_commands_print_no_table() {
    let sandbox = Sandbox::with(BUNDLED);
    let run = sandbox.run(&[
        "-q",
        "away",
        "add",
        "ada",
        "--from",
        "2026-04-01",
        "--to",
        "2026-04-10",
    ]);
    run.success();
    assert_eq!(run.stdout, "", "-q printed a table");
    assert!(text(&sandbox, BUNDLED).contains("2026-04-10"));
}

#[test]
fn the_turns_line_is_net_and_short() {
    let sandbox = Sandbox::with(BUNDLED);
    // Away for three months: many members move, most of them even out.
    let out = sandbox
        .dw(&[
            "away",
            "add",
            "ada",
            "--from",
            "2026-04-01",
            "--to",
            "2026-06-30",
        ])
        .run();
    out.success();
    let turns = out
        .stdout
        .lines()
        .find(|l| l.starts_with("Turns: "))
        .unwrap_or_else(|| panic!("no Turns line:\n{}", out.stdout))
        .to_string();
    assert!(turns.chars().count() <= 400, "{turns}");
    assert!(!turns.contains("week"), "net, not week lists: {turns}");
    assert!(turns.contains("ada \u{2212}"), "{turns}");
}

#[test]
fn a_swap_past_the_named_roles_says_what_it_changed() {
    // Week 10 of the bundled roster: grace and linus are 6th and 7th.
    let sandbox = Sandbox::with(BUNDLED);
    let run = sandbox.run(&["swap", "grace", "linus", "--week", "2026-03-17"]);
    run.success();
    assert!(!run.stdout.contains("No changes"), "{}", run.stdout);
    assert!(
        run.stdout.contains("No named role changes"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("week 10 rank 6"), "{}", run.stdout);
}
