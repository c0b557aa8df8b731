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

/// The `dw …` lines of a note, split as a POSIX shell would ('…' and "…").
fn offered(stderr: &str) -> Vec<Vec<String>> {
    stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix("dw "))
        .map(|l| {
            let (mut words, mut word, mut quote) = (Vec::new(), String::new(), None);
            for c in l.chars() {
                match (quote, c) {
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    (None, ' ') => words.push(std::mem::take(&mut word)),
                    (_, c) => word.push(c),
                }
            }
            words.push(word);
            words.retain(|w| !w.is_empty());
            words
        })
        .collect()
}

/// Run the offered commands in order, each must succeed.
fn run_offered(sandbox: &Sandbox, stderr: &str) -> usize {
    let commands = offered(stderr);
    for command in &commands {
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        sandbox.run(&args).success();
    }
    commands.len()
}

/// `ID`'s role in week `week` as `dw schedule --member --json` says it.
fn role_in(sandbox: &Sandbox, id: &str, from: &str) -> Option<String> {
    let doc = sandbox
        .run(&[
            "--json", "schedule", "--member", id, "--from", from, "--weeks", "1",
        ])
        .json();
    doc["weeks"][0]["ranks"]
        .as_array()
        .unwrap()
        .first()
        .map(|r| r["role"].as_str().unwrap().to_string())
}

#[test]
fn a_holiday_from_a_monday_says_the_days_of_each_week_and_covers_the_monday() {
    // Edit roster, weeks 49–51 (Tue 15 Dec, 22 Dec, 29 Dec 2026): grace is
    // secondary in week 49. Away Mon 21 Dec to Sun 3 Jan: 1 day of week 49,
    // all of week 50, 6 days of week 51.
    let sandbox = Sandbox::with("edit/roster.toml");
    let away = [
        "away",
        "add",
        "grace",
        "--from",
        "2026-12-21",
        "--to",
        "2027-01-03",
        "--reason",
        "winter break",
    ];
    let run = sandbox.run(&away);
    run.success()
        .stderr_has("14 days away take grace out of all of 3 weeks")
        .stderr_has("week 49 (2026-12-15 to 2026-12-21, where they would be secondary): away 1 of its 7 days")
        .stderr_has("week 50 (2026-12-22 to 2026-12-28, where they would be primary): away 7 of its 7 days")
        .stderr_has("week 51 (2026-12-29 to 2027-01-04, where they would be 4th): away 6 of its 7 days")
        .stderr_has("keep grace in week 49")
        .stderr_has("dw away remove grace --from 2026-12-21")
        .stderr_has("dw away add grace --from 2026-12-22 --to 2027-01-03 --reason 'winter break'")
        .stderr_has("dw cover ada --role secondary --from 2026-12-21T00:00 --to 2026-12-22T10:00");
    assert_eq!(
        role_in(&sandbox, "grace", "2026-12-15"),
        None,
        "the week is lost"
    );
    assert_eq!(run_offered(&sandbox, &run.stderr), 3);
    // Kept in week 49, ada holding the secondary for the Monday and the
    // Tuesday morning; away from week 50 on.
    assert_eq!(
        role_in(&sandbox, "grace", "2026-12-15").as_deref(),
        Some("secondary")
    );
    assert_eq!(role_in(&sandbox, "grace", "2026-12-22"), None);
    let who = sandbox
        .bare()
        .args(["--roster", "roster.toml", "--at", "2026-12-22T09:00"])
        .args(["who", "--role", "secondary", "--field", "id"])
        .ok();
    assert_eq!(who, "ada\n");
    sandbox.run(&["check", "--weeks", "60"]).success();
}

#[test]
fn a_ski_trip_from_monday_to_friday_keeps_the_primary_week_it_touches_by_a_day() {
    // linus is primary in week 49 (15–21 Dec); the trip Mon 21 to Fri 25 Dec
    // takes one day of it and four of week 50.
    let sandbox = Sandbox::with("edit/roster.toml");
    let args = [
        "--json",
        "away",
        "add",
        "linus",
        "--from",
        "2026-12-21",
        "--to",
        "2026-12-25",
        "--dry-run",
    ];
    let doc = sandbox.run(&args).json();
    assert_eq!(doc["dry_run"], true);
    assert!(doc["diff"]
        .as_str()
        .unwrap()
        .contains("+away = [{ from = 2026-12-21"));
    let weeks = doc["weeks"].as_array().unwrap();
    let days: Vec<(u64, u64, &str, &str)> = weeks
        .iter()
        .map(|w| {
            (
                w["week"].as_u64().unwrap(),
                w["days_away"].as_u64().unwrap(),
                w["role"].as_str().unwrap(),
                w["offer"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(days, [(49, 1, "primary", "cover"), (50, 4, "4th", "none")]);
    assert_eq!(weeks[0]["cover"]["id"], "grace");
    assert_eq!(weeks[0]["cover"]["from"], "2026-12-21T00:00:00-06:00");
    assert_eq!(weeks[0]["cover"]["to"], "2026-12-22T10:00:00-06:00");
    // A dry run wrote nothing: the commands start with the shorter range.
    let instead: Vec<&str> = doc["instead"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(
        instead,
        [
            "dw away add linus --from 2026-12-22 --to 2026-12-25",
            "dw cover grace --role primary --from 2026-12-21T00:00 --to 2026-12-22T10:00 --reason \"covering linus\"",
        ]
    );
    assert!(!text(&sandbox, "roster.toml").contains("2026-12-21"));
    for command in &instead {
        run_offered(&sandbox, command);
    }
    assert_eq!(
        role_in(&sandbox, "linus", "2026-12-15").as_deref(),
        Some("primary")
    );
    sandbox.run(&["check", "--weeks", "60"]).success();
}

#[test]
fn leave_on_a_monday_explains_the_lost_week_and_how_to_keep_it() {
    // linus is primary in week 9 (Tue 10 to Mon 16 March). Leaving on the
    // Monday is the rule's "first day off the rotation": week 9 is lost,
    // and the message says why and how to keep it.
    let sandbox = Sandbox::with("edit/roster.toml");
    let run = sandbox.run(&["leave", "linus", "--on", "2026-03-16"]);
    run.success()
        .stderr_has("leaving on Mon 2026-03-16 takes linus out of all of week 9 (2026-03-10 to 2026-03-16, where they would be primary), though on the rotation 6 of its 7 days")
        .stderr_has("--on is the first day off the rotation")
        .stderr_has("dw leave linus --on 2026-03-17")
        .stderr_has("dw cover ken --role primary --from 2026-03-16T00:00 --to 2026-03-17T10:00");
    assert_eq!(role_in(&sandbox, "linus", "2026-03-10"), None);
    assert_eq!(run_offered(&sandbox, &run.stderr), 2);
    assert_eq!(
        role_in(&sandbox, "linus", "2026-03-10").as_deref(),
        Some("primary")
    );
    assert_eq!(role_in(&sandbox, "linus", "2026-03-17"), None);
    sandbox.run(&["check", "--weeks", "8"]).success();
    // Leaving on a handoff day costs no partial week: nothing to say.
    let run = Sandbox::with("edit/roster.toml").run(&["leave", "linus", "--on", "2026-03-17"]);
    run.success().stderr_lacks("note:");
    // JSON carries the same report.
    let doc = Sandbox::with("edit/roster.toml")
        .run(&["--json", "leave", "linus", "--on", "2026-03-12"])
        .json();
    assert_eq!(doc["weeks"][0]["week"], 9);
    assert_eq!(doc["weeks"][0]["days_away"], 5);
    assert_eq!(doc["weeks"][0]["offer"], "none");
    assert_eq!(doc["instead"], serde_json::json!([]));
}
