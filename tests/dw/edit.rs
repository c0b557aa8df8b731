//! The roster-editing commands (`away`, `swap`, `cover`, `join`, `leave`):
//! each runs on the commented roster `tests/fixtures/edit/roster.toml` and the
//! whole resulting file is compared byte for byte with a golden file beside it.

use std::fs;

use crate::support::{source, Sandbox, AT};

const ROSTER: &str = "edit/roster.toml";

fn sandbox() -> Sandbox {
    Sandbox::with(ROSTER)
}

fn roster_text(sandbox: &Sandbox) -> String {
    fs::read_to_string(sandbox.work().join("roster.toml")).unwrap()
}

/// Run `args` on the commented roster; the file must equal `tests/fixtures/edit/GOLDEN`.
fn golden(args: &[&str], golden: &str) -> crate::support::Run {
    let sandbox = sandbox();
    let run = sandbox.run(args);
    run.success().no_panic();
    let want = fs::read_to_string(source(&format!("edit/{golden}"))).unwrap();
    let got = roster_text(&sandbox);
    assert_eq!(got, want, "the edited roster differs from edit/{golden}");
    // Still a roster dw reads.
    sandbox.run(&["check", "--weeks", "4"]).success();
    run
}

#[test]
fn away_add_writes_one_line_and_says_who_moves() {
    let run = golden(
        &[
            "away",
            "add",
            "ada",
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-10",
            "--reason",
            "holiday",
        ],
        "away-add.toml",
    );
    run.stdout_has("Turns: ").stderr_has("updated");
}

#[test]
fn away_add_on_a_list_one_per_line_keeps_its_layout() {
    golden(
        &[
            "away",
            "add",
            "ken",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-09",
        ],
        "away-add-multiline.toml",
    );
}

#[test]
fn a_one_day_absence_suggests_the_exact_cover_command() {
    let run = sandbox().run(&[
        "away",
        "add",
        "ada",
        "--from",
        "2026-03-19",
        "--to",
        "2026-03-19",
    ]);
    run.success()
        .stderr_has("takes ada out of all of week 10")
        .stderr_has("dw cover linus --role tertiary --from 2026-03-19T00:00 --to 2026-03-20T00:00");
}

/// The `dw …` commands a note suggests, split like a shell would (double quotes only).
fn suggested_commands(stderr: &str) -> Vec<Vec<String>> {
    stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix("dw "))
        .map(|l| {
            let mut words = Vec::new();
            let (mut word, mut quoted) = (String::new(), false);
            for c in l.chars() {
                match c {
                    '"' => quoted = !quoted,
                    ' ' if !quoted => words.push(std::mem::take(&mut word)),
                    c => word.push(c),
                }
            }
            words.push(word);
            words.retain(|w| !w.is_empty());
            words
        })
        .collect()
}

#[test]
fn a_short_absence_on_a_handoff_day_suggests_covers_clipped_to_each_week() {
    // Tuesday 2026-03-17 is a handoff day (10:00): its midnight still belongs to
    // week 9. Each suggested cover starts no earlier than the week it is in.
    for (from, to, covers) in [
        (
            "2026-03-17",
            "2026-03-17",
            vec!["--role tertiary --from 2026-03-17T10:00 --to 2026-03-18T00:00"],
        ),
        (
            "2026-03-16",
            "2026-03-17",
            vec![
                "--from 2026-03-16T00:00 --to 2026-03-17T10:00",
                "--role tertiary --from 2026-03-17T10:00 --to 2026-03-18T00:00",
            ],
        ),
    ] {
        let sandbox = sandbox();
        let run = sandbox.run(&["away", "add", "ada", "--from", from, "--to", to]);
        run.success();
        for cover in &covers {
            run.stderr_has(cover);
        }
        let commands = suggested_commands(&run.stderr);
        assert_eq!(commands.len(), 1 + covers.len(), "{}", run.stderr);
        // The printed commands, run in order, succeed.
        for command in commands {
            let args: Vec<&str> = command.iter().map(String::as_str).collect();
            sandbox.run(&args).success();
        }
        sandbox.run(&["check", "--weeks", "4"]).success();
    }
}

#[test]
fn away_remove_removes_the_range() {
    golden(
        &["away", "remove", "ken", "--from", "2026-05-04"],
        "away-remove.toml",
    );
}

#[test]
fn swap_with_back_writes_the_override_pair() {
    let run = golden(
        &[
            "swap",
            "ada",
            "ken",
            "--week",
            "2026-03-12",
            "--back",
            "2026-03-26",
        ],
        "swap-back.toml",
    );
    run.stdout_has("Turns: every member keeps as many turns in each role as before.");
}

#[test]
fn an_uneven_swap_warns_and_names_the_fair_back_week() {
    // Week 9: ken secondary, ada 4th. Week 11: ada secondary, ken 4th.
    let sandbox = sandbox();
    let run = sandbox.run(&["swap", "ada", "ken", "--week", "2026-03-12"]);
    run.success()
        .stderr_has("warning: this swap is not an even trade in the named roles: ada +1 secondary, ken \u{2212}1 secondary.")
        .stderr_has("dw swap ada ken --week 2026-03-12 --back 2026-03-24");
    // A --back week where they hold other ranks is no even trade either.
    let run = self::sandbox().run(&[
        "swap",
        "ada",
        "ken",
        "--week",
        "2026-03-12",
        "--back",
        "2026-03-31",
        "--dry-run",
    ]);
    run.success().stderr_has("not an even trade");
    // The suggested week is one: no warning.
    let sandbox = self::sandbox();
    sandbox
        .run(&[
            "swap",
            "ada",
            "ken",
            "--week",
            "2026-03-12",
            "--back",
            "2026-03-24",
        ])
        .success()
        .stderr_lacks("warning");
}

#[test]
fn swap_of_a_member_without_a_rank_is_refused() {
    let sandbox = sandbox();
    let before = roster_text(&sandbox);
    sandbox
        .run(&["swap", "ada", "grace", "--week", "2026-02-17"])
        .code(2)
        .stderr_has("grace holds no rank in week 6");
    assert_eq!(roster_text(&sandbox), before);
}

#[test]
fn join_adds_the_member_after_the_others() {
    golden(
        &[
            "join",
            "alan",
            "--name",
            "Alan Turing",
            "--email",
            "alan@example.com",
            "--on",
            "2026-06-02",
            "--slack",
            "U0000000Z",
        ],
        "join.toml",
    );
}

#[test]
fn join_defaults_to_today_in_the_team_time_zone() {
    let sandbox = sandbox();
    sandbox
        .run(&[
            "join",
            "alan",
            "--name",
            "Alan",
            "--email",
            "alan@example.com",
        ])
        .success();
    assert!(roster_text(&sandbox).contains("joined = 2026-03-03\n"));
}

#[test]
fn leave_replaces_the_date_in_place() {
    golden(&["leave", "linus", "--on", "2026-07-07"], "leave.toml");
}

#[test]
fn cover_appends_a_covers_entry() {
    golden(
        &[
            "cover",
            "ken",
            "--role",
            "primary",
            "--from",
            "2026-03-04T18:00",
            "--to",
            "2026-03-05T08:00",
            "--reason",
            "dentist",
        ],
        "cover.toml",
    );
}

#[test]
fn an_invalid_edit_writes_nothing_and_exits_2() {
    let cases: &[&[&str]] = &[
        // `to` before `from`: the roster parser says so.
        &[
            "away",
            "add",
            "ada",
            "--from",
            "2026-04-10",
            "--to",
            "2026-04-01",
        ],
        // An email without @.
        &["join", "alan", "--name", "Alan", "--email", "nope"],
        // A duplicate id.
        &["join", "ada", "--name", "Ada", "--email", "ada@example.com"],
        // `left` not after `joined`... linus has no joined; a leave before start is fine,
        // so: an unknown member.
        &["leave", "nobody", "--on", "2026-07-07"],
        &["away", "remove", "ada", "--from", "2026-04-01"],
        &["swap", "ada", "ada", "--week", "2026-03-12"],
        &[
            "cover",
            "ken",
            "--role",
            "nope",
            "--from",
            "2026-03-04T18:00",
            "--to",
            "2026-03-05T08:00",
        ],
    ];
    for args in cases {
        let sandbox = sandbox();
        let before = fs::read(sandbox.work().join("roster.toml")).unwrap();
        let run = sandbox.run(args);
        run.code(2).no_panic();
        assert!(!run.stderr.is_empty(), "{args:?} says why");
        assert_eq!(
            fs::read(sandbox.work().join("roster.toml")).unwrap(),
            before,
            "{args:?} left the file as it was"
        );
    }
}

#[test]
fn the_roster_error_of_an_invalid_result_names_the_line() {
    let sandbox = sandbox();
    sandbox
        .run(&["join", "alan", "--name", "Alan", "--email", "nope"])
        .code(2)
        .stderr_has("roster.toml (after this change):");
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let sandbox = sandbox();
    let before = roster_text(&sandbox);
    let run = sandbox.run(&["leave", "linus", "--on", "2026-07-07", "--dry-run"]);
    run.success()
        .stdout_has("--- a/roster.toml\n+++ b/roster.toml\n")
        .stdout_has("\n-left = 2027-01-05            # moving teams\n+left = 2026-07-07            # moving teams\n")
        .stderr_has("not changed");
    assert_eq!(roster_text(&sandbox), before);
}

#[cfg(unix)]
#[test]
fn a_symlinked_roster_is_refused() {
    let sandbox = Sandbox::empty().at(AT);
    let real = sandbox.copy(ROSTER, "real.toml");
    let link = sandbox.work().join("roster.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let before = fs::read(&real).unwrap();
    let run = sandbox
        .dw(&["leave", "linus", "--on", "2026-07-07"])
        .args(["--roster", "roster.toml"])
        .run();
    run.code(2).stderr_has("symbolic link");
    assert_eq!(fs::read(&real).unwrap(), before);
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn an_edit_in_the_past_says_so() {
    let sandbox = Sandbox::with(ROSTER).at("2026-11-20T12:00");
    sandbox
        .run(&["swap", "ada", "ken", "--week", "2026-03-12", "--dry-run"])
        .success()
        .stderr_has("No changes in weeks 45")
        .stderr_has("The change is in the past (week 9, before the current week 45): nothing ahead changes.");
}

#[test]
fn a_problem_already_in_the_roster_warns_but_only_a_new_one_refuses() {
    let sandbox = sandbox();
    let path = sandbox.work().join("roster.toml");
    // An override for ken in August, when ken is away: already broken.
    let broken = roster_text(&sandbox)
        + "\n[[overrides]]\nweek = 2026-08-04\nrole = \"primary\"\nmember = \"ken\"\n";
    fs::write(&path, &broken).unwrap();
    let run = sandbox.run(&[
        "away",
        "add",
        "grace",
        "--from",
        "2026-04-01",
        "--to",
        "2026-04-03",
    ]);
    run.success()
        .stderr_has("dw: warning: the roster breaks a rule in the week of 2026-08-04")
        .stderr_has("updated");
    assert_eq!(
        run.stderr.matches("dw: warning").count(),
        1,
        "warned once: {}",
        run.stderr
    );
    let edited = roster_text(&sandbox);
    assert!(edited.contains("2026-04-01"), "{edited}");
    // ada is away in the week her override of 2026-03-03 gives her the
    // primary: this edit brings the problem, so it is refused.
    let run = sandbox.run(&[
        "away",
        "add",
        "ada",
        "--from",
        "2026-03-03",
        "--to",
        "2026-03-05",
    ]);
    run.code(2)
        .stderr_has("roster.toml (after this change)")
        .stderr_has("\"ada\"");
    let error = run.stderr.split("(after this change)").nth(1).unwrap_or("");
    assert!(
        !error.contains("\"ken\""),
        "only the new problem is an error: {}",
        run.stderr
    );
    assert_eq!(roster_text(&sandbox), edited, "nothing written");
}

#[test]
fn leaving_on_a_past_date_warns_how_many_past_weeks_change() {
    // AT is week 8 (2026-03-03); linus holds ranks in every week so far.
    let sandbox = sandbox();
    let run = sandbox.run(&["leave", "linus", "--on", "2026-02-10", "--dry-run"]);
    run.success().stderr_has(
        "dw: warning: --on 2026-02-10 is before the current week 8 (which began 2026-03-03): this would rewrite the past: 3 past weeks change (weeks 5\u{2013}7)",
    );
    let run = sandbox.run(&["leave", "linus", "--on", "2025-12-01"]);
    run.success()
        .stderr_has("--on 2025-12-01 is before the rotation starts (2026-01-06): this rewrites the past: 8 past weeks change (weeks 0\u{2013}7)")
        .stderr_has("hint: if linus really left then");
    // From this week on, nothing past changes: no warning.
    let run = sandbox.run(&["leave", "ken", "--on", "2026-03-04", "--dry-run"]);
    run.success().stderr_lacks("warning");
}

#[test]
fn cover_reads_role_like_every_other_command() {
    let sandbox = sandbox();
    let before = roster_text(&sandbox);
    let cover = |role: &str| {
        sandbox.run(&[
            "cover",
            "ken",
            "--role",
            role,
            "--from",
            "2026-03-04T18:00",
            "--to",
            "2026-03-05T08:00",
            "--dry-run",
        ])
    };
    cover("primray")
        .code(2)
        .stderr_has("--role: unknown role \"primray\"")
        .stderr_has("did you mean \"primary\"?");
    cover("9")
        .code(2)
        .stderr_has("--role: no week of roster.toml has a rank 9");
    cover("1st").success().stdout_has("+role = \"primary\"");
    assert_eq!(roster_text(&sandbox), before);
}

#[test]
fn json_is_refused_rather_than_answered_with_a_diff() {
    let sandbox = sandbox();
    let before = roster_text(&sandbox);
    // `away add` and `leave` answer in JSON (their per-week report); the
    // other editing commands refuse it.
    let run = sandbox.run(&["--json", "swap", "ada", "ken", "--week", "2026-03-12"]);
    run.code(2)
        .stdout_is("")
        .stderr_has("--json: this editing command prints the change");
    assert_eq!(roster_text(&sandbox), before, "nothing written");
}
