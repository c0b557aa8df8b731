//! The built `dw` binary, run the way people and scripts run it (SPEC §3, §4).
//!
//! Every command runs in a clean environment (see `common`): no inherited
//! variables, HOME and XDG_CONFIG_HOME in a temporary folder, TZ=UTC, a fixed
//! `--roster` and `--at`. Tables are insta snapshots under `tests/snapshots/`.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use chrono::DateTime;
use serde_json::Value;

use common::{json, run_code, stdout_ok, Sandbox, AT, BUNDLED};

/// Snapshot the stdout of a successful command, recording the command line.
fn snapshot(name: &str, sandbox: &Sandbox, args: &[&str]) {
    let out = stdout_ok(&mut sandbox.dw(args));
    let line = format!("dw {} {}", sandbox.globals().join(" "), args.join(" "));
    insta::with_settings!({ description => line.trim_end(), omit_expression => true }, {
        insta::assert_snapshot!(name, out);
    });
}

/// Snapshot stdout and stderr of a command that exits `code`.
fn snapshot_failure(name: &str, sandbox: &Sandbox, args: &[&str], code: i32) -> String {
    let (stdout, stderr) = run_code(&mut sandbox.dw(args), code);
    let line = format!("dw {} {}", sandbox.globals().join(" "), args.join(" "));
    let both = format!("exit {code}\n--- stdout\n{stdout}--- stderr\n{stderr}");
    insta::with_settings!({ description => line.trim_end(), omit_expression => true }, {
        insta::assert_snapshot!(name, both);
    });
    stderr
}

// ---------------------------------------------------------------------------
// Tables (snapshots)
// ---------------------------------------------------------------------------

#[test]
fn who_table() {
    snapshot("who", &Sandbox::with(BUNDLED), &["who"]);
}

#[test]
fn who_table_one_role() {
    snapshot(
        "who_role",
        &Sandbox::with(BUNDLED),
        &["who", "--role", "secondary"],
    );
}

#[test]
fn who_table_override_without_reason_and_ordinal_rank() {
    // Week 3 of the UTC fixture: alice is secondary by an override with no
    // reason; rank 3 is past the two named roles, so it is "3rd".
    let sandbox = Sandbox::empty()
        .roster("utc.toml")
        .at("2026-01-28T12:00:00Z");
    snapshot("who_utc_override", &sandbox, &["who"]);
}

#[test]
fn who_table_lists_who_is_away() {
    let sandbox = Sandbox::empty()
        .roster("utc.toml")
        .at("2026-01-19T09:00:00Z");
    snapshot("who_utc_away", &sandbox, &["who"]);
}

#[test]
fn who_when_nobody_is_available_says_so_and_exits_0() {
    let sandbox = Sandbox::empty().roster("nobody.toml").at("2026-02-04");
    snapshot("who_nobody", &sandbox, &["who"]);
    let out = stdout_ok(&mut sandbox.dw(&["who"]));
    assert!(out.contains("Nobody is available this week."), "{out}");
    // Bare output for scripts is empty; the note goes to stderr, and -q silences it.
    let field = sandbox.dw(&["who", "--field", "email"]).output().unwrap();
    assert!(field.status.success());
    assert!(field.stdout.is_empty());
    assert!(String::from_utf8_lossy(&field.stderr).contains("nobody is available in week 4"));
    let quiet = sandbox
        .dw(&["-q", "who", "--field", "email"])
        .output()
        .unwrap();
    assert!(quiet.stderr.is_empty());
}

#[test]
fn who_tsv() {
    let sandbox = Sandbox::with(BUNDLED);
    let out = stdout_ok(&mut sandbox.dw(&["who", "--format", "tsv"]));
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows[0],
        [
            "rank",
            "role",
            "id",
            "name",
            "email",
            "slack",
            "pagerduty",
            "override"
        ]
    );
    assert_eq!(rows.len(), 8, "a header and 7 ranks");
    assert!(rows.iter().all(|r| r.len() == 8), "8 fields on every line");
    assert_eq!(rows[1][7], "swap with grace");
    assert_eq!(rows[2][7], "", "no override: an empty field");
    // Tabs shown as ⇥ so that no editor strips them from the snapshot.
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("who_tsv", out.replace('\t', "⇥"));
    });
}

#[test]
fn who_env_quotes_for_the_shell() {
    let sandbox = Sandbox::empty()
        .roster("utc.toml")
        .at("2026-01-19T09:00:00Z");
    snapshot("who_env_utc", &sandbox, &["who", "--format", "env"]);
}

#[test]
fn schedule_table() {
    snapshot("schedule", &Sandbox::with(BUNDLED), &["schedule"]);
}

#[test]
fn schedule_table_of_one_member_shows_away_weeks() {
    snapshot(
        "schedule_member",
        &Sandbox::with(BUNDLED),
        &[
            "schedule",
            "--member",
            "grace",
            "--from",
            "2026-02-03",
            "--weeks",
            "6",
        ],
    );
}

#[test]
fn schedule_table_utc() {
    let sandbox = Sandbox::empty()
        .roster("utc.toml")
        .at("2026-01-05T09:00:00Z");
    snapshot("schedule_utc", &sandbox, &["schedule", "--weeks", "5"]);
}

#[test]
fn schedule_table_with_a_week_nobody_holds() {
    let sandbox = Sandbox::empty()
        .roster("nobody.toml")
        .at("2026-01-06T10:00");
    snapshot("schedule_nobody", &sandbox, &["schedule"]);
}

#[test]
fn next_table() {
    snapshot("next", &Sandbox::with(BUNDLED), &["next"]);
}

#[test]
fn next_of_one_member() {
    snapshot("next_grace", &Sandbox::with(BUNDLED), &["next", "grace"]);
}

#[test]
fn next_takes_the_member_from_dw_me() {
    let sandbox = Sandbox::with(BUNDLED);
    let from_arg = stdout_ok(&mut sandbox.dw(&["next", "grace"]));
    let from_env = stdout_ok(sandbox.dw(&["next"]).env("DW_ME", "grace"));
    assert_eq!(from_arg, from_env);
}

#[test]
fn roles_table() {
    snapshot("roles", &Sandbox::with(BUNDLED), &["roles"]);
}

#[test]
fn stats_table_up_to_the_moment_asked() {
    snapshot("stats", &Sandbox::with(BUNDLED), &["stats"]);
}

#[test]
fn stats_table_between_two_dates() {
    snapshot(
        "stats_range",
        &Sandbox::with(BUNDLED),
        &["stats", "--from", "2026-01-06", "--to", "2026-06-30"],
    );
}

#[test]
fn stats_counts_add_up_to_the_weeks_shown() {
    let sandbox = Sandbox::with(BUNDLED);
    let stats = json(&mut sandbox.dw(&["stats", "--json", "--to", "2026-06-30"]));
    let weeks = json(&mut sandbox.dw(&[
        "schedule",
        "--json",
        "--from",
        "2026-01-06",
        "--weeks",
        "26",
    ]));
    let from = stats["from_week"].as_u64().unwrap();
    let to = stats["to_week"].as_u64().unwrap();
    assert_eq!((from, to), (0, 25));
    let members = stats["members"].as_array().unwrap();
    for m in members {
        let id = m["id"].as_str().unwrap();
        let on_call: u64 = m["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["weeks"].as_u64().unwrap())
            .sum();
        assert_eq!(m["on_call"].as_u64(), Some(on_call), "{id}");
        let held = weeks["weeks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| w["ranks"].as_array().unwrap().iter().any(|r| r["id"] == id))
            .count() as u64;
        assert_eq!(on_call, held, "{id}: weeks on call");
        let away = weeks["weeks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| w["away"].as_array().unwrap().iter().any(|a| a["id"] == id))
            .count() as u64;
        assert_eq!(m["away"].as_u64(), Some(away), "{id}: weeks away");
    }
}

#[test]
fn check_ok() {
    snapshot("check_ok", &Sandbox::with(BUNDLED), &["check"]);
}

// ---------------------------------------------------------------------------
// JSON (SPEC §4)
// ---------------------------------------------------------------------------

const WEEK_KEYS: [&str; 6] = ["team", "week", "start", "end", "ranks", "away"];
const RANK_KEYS: [&str; 8] = [
    "rank",
    "role",
    "id",
    "name",
    "email",
    "slack",
    "pagerduty",
    "override",
];

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

fn sorted<const N: usize>(k: [&'static str; N]) -> Vec<&'static str> {
    let mut k = k.to_vec();
    k.sort_unstable();
    k
}

/// RFC 3339 with seconds and a numeric offset (never `Z`, never fractions).
fn assert_rfc3339_with_offset(s: &str) -> DateTime<chrono::FixedOffset> {
    let t = DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"));
    let b = s.as_bytes();
    assert_eq!(s.len(), 25, "{s}: want YYYY-MM-DDTHH:MM:SS+HH:MM");
    assert_eq!(b[10], b'T', "{s}");
    assert!(b[19] == b'+' || b[19] == b'-', "{s}: numeric offset");
    t
}

/// One week object of `who --json` / `schedule --json`: every key, every type.
fn assert_week_shape(w: &Value) {
    assert_eq!(keys(w), sorted(WEEK_KEYS), "{w}");
    assert!(w["team"].is_string());
    assert!(w["week"].is_u64());
    let start = assert_rfc3339_with_offset(w["start"].as_str().unwrap());
    let end = assert_rfc3339_with_offset(w["end"].as_str().unwrap());
    let hours = (end - start).num_hours();
    assert!((167..=169).contains(&hours), "a week is 167–169 hours: {w}");
    for r in w["ranks"].as_array().unwrap() {
        assert_eq!(keys(r), sorted(RANK_KEYS), "{r}");
        assert!(r["rank"].is_u64());
        for k in ["role", "id", "name", "email"] {
            assert!(r[k].is_string(), "{k} in {r}");
        }
        for k in ["slack", "pagerduty", "override"] {
            assert!(r[k].is_string() || r[k].is_null(), "{k} in {r}");
        }
    }
    for a in w["away"].as_array().unwrap() {
        assert_eq!(keys(a), vec!["id", "reason"], "{a}");
        assert!(a["id"].is_string());
        assert!(a["reason"].is_string() || a["reason"].is_null());
    }
}

#[test]
fn who_json_has_the_shape_of_spec_section_4() {
    let sandbox = Sandbox::with(BUNDLED);
    let w = json(&mut sandbox.dw(&["who", "--json"]));
    assert_week_shape(&w);
    assert_eq!(w["team"], "Dreamwork");
    assert_eq!(w["week"], 8);
    // The week DST starts: CST at the start, CDT at the end, 167 hours.
    assert_eq!(w["start"], "2026-03-03T10:00:00-06:00");
    assert_eq!(w["end"], "2026-03-10T10:00:00-05:00");
    let ranks = w["ranks"].as_array().unwrap();
    let ids: Vec<&str> = ranks.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["ada", "linus", "margaret", "ken", "barbara", "dennis", "grace"]
    );
    for (i, r) in ranks.iter().enumerate() {
        assert_eq!(r["rank"], i as u64 + 1);
    }
    let roles: Vec<&str> = ranks.iter().map(|r| r["role"].as_str().unwrap()).collect();
    assert_eq!(
        roles,
        [
            "primary",
            "secondary",
            "tertiary",
            "4th",
            "5th",
            "6th",
            "7th"
        ]
    );
    assert_eq!(
        ranks[0],
        serde_json::json!({
            "rank": 1, "role": "primary", "id": "ada", "name": "Ada Lovelace",
            "email": "ada@example.com", "slack": "U0000000A", "pagerduty": "PUSER0A",
            "override": "swap with grace"
        })
    );
    assert!(ranks[1..].iter().all(|r| r["override"].is_null()));
    assert_eq!(w["away"], serde_json::json!([]));
    // --format json is the same document as --json.
    let same = json(&mut sandbox.dw(&["who", "--format", "json"]));
    assert_eq!(w, same);
}

#[test]
fn who_json_writes_null_for_absent_fields_and_utc_as_plus_zero() {
    let sandbox = Sandbox::empty()
        .roster("utc.toml")
        .at("2026-01-19T09:00:00Z");
    let w = json(&mut sandbox.dw(&["who", "--json"]));
    assert_week_shape(&w);
    assert_eq!(w["week"], 2);
    assert_eq!(w["start"], "2026-01-19T09:00:00+00:00");
    assert_eq!(w["end"], "2026-01-26T09:00:00+00:00");
    let bob = &w["ranks"][1];
    assert_eq!(bob["id"], "bob");
    assert!(bob["slack"].is_null(), "{bob}");
    assert!(bob["pagerduty"].is_null(), "{bob}");
    assert_eq!(w["ranks"].as_array().unwrap().len(), 2);
    assert_eq!(
        w["away"],
        serde_json::json!([{"id": "carol", "reason": null}])
    );
}

#[test]
fn who_json_override_without_reason_is_an_empty_string() {
    let sandbox = Sandbox::empty()
        .roster("utc.toml")
        .at("2026-01-28T12:00:00Z");
    let w = json(&mut sandbox.dw(&["who", "--json"]));
    assert_week_shape(&w);
    let ids: Vec<&str> = w["ranks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["carol", "alice", "bob"]);
    assert_eq!(w["ranks"][1]["override"], "");
    assert_eq!(w["ranks"][1]["role"], "secondary");
    assert!(w["ranks"][0]["override"].is_null());
    assert!(w["ranks"][2]["override"].is_null());
    assert_eq!(w["ranks"][2]["role"], "3rd");
}

#[test]
fn who_json_with_role_keeps_that_rank_only() {
    let sandbox = Sandbox::with(BUNDLED);
    let w = json(&mut sandbox.dw(&["who", "--json", "--role", "secondary"]));
    assert_week_shape(&w);
    let ranks = w["ranks"].as_array().unwrap();
    assert_eq!(ranks.len(), 1);
    assert_eq!(ranks[0]["rank"], 2);
    assert_eq!(ranks[0]["id"], "linus");
}

#[test]
fn schedule_json_is_team_and_n_weeks_in_order() {
    let sandbox = Sandbox::with(BUNDLED);
    for n in [1usize, 3, 8, 30] {
        let n_text = n.to_string();
        let s = json(&mut sandbox.dw(&["schedule", "--json", "--weeks", &n_text]));
        assert_eq!(keys(&s), vec!["team", "weeks"], "{s}");
        assert_eq!(s["team"], "Dreamwork");
        let weeks = s["weeks"].as_array().unwrap();
        assert_eq!(weeks.len(), n, "--weeks {n}");
        for (i, w) in weeks.iter().enumerate() {
            assert_week_shape(w);
            assert_eq!(w["week"], 8 + i as u64);
            if i > 0 {
                assert_eq!(w["start"], weeks[i - 1]["end"], "weeks are contiguous");
            }
        }
    }
    // Without --weeks: 8 weeks, starting with the week of --at, whose element
    // is exactly what `who --json` prints.
    let s = json(&mut sandbox.dw(&["schedule", "--json"]));
    assert_eq!(s["weeks"].as_array().unwrap().len(), 8);
    let who = json(&mut sandbox.dw(&["who", "--json"]));
    assert_eq!(s["weeks"][0], who);
}

#[test]
fn schedule_from_starts_at_the_week_holding_that_date() {
    let sandbox = Sandbox::with(BUNDLED);
    // Week 8's dates are 2026-03-03 … 2026-03-09; week 9 starts 2026-03-10.
    for (from, week) in [
        ("2026-01-06", 0),
        ("2026-03-03", 8),
        ("2026-03-09", 8),
        ("2026-03-10", 9),
        ("2027-01-01", 51),
    ] {
        let s = json(&mut sandbox.dw(&["schedule", "--json", "--weeks", "1", "--from", from]));
        assert_eq!(s["weeks"][0]["week"], week, "--from {from}");
    }
}

#[test]
fn schedule_json_of_one_member() {
    let sandbox = Sandbox::with(BUNDLED);
    let s = json(&mut sandbox.dw(&[
        "schedule",
        "--json",
        "--member",
        "grace",
        "--from",
        "2026-02-03",
        "--weeks",
        "5",
    ]));
    let weeks = s["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 5);
    for w in weeks {
        assert_week_shape(w);
        let entries = w["ranks"].as_array().unwrap().len() + w["away"].as_array().unwrap().len();
        assert_eq!(entries, 1, "grace alone, ranked or away: {w}");
        for r in w["ranks"].as_array().unwrap() {
            assert_eq!(r["id"], "grace");
        }
    }
    // Grace's away range (2026-02-12 … 02-20) touches weeks 5 and 6.
    let away: Vec<u64> = weeks
        .iter()
        .filter(|w| !w["away"].as_array().unwrap().is_empty())
        .map(|w| w["week"].as_u64().unwrap())
        .collect();
    assert_eq!(away, [5, 6]);
    assert_eq!(weeks[1]["away"][0]["reason"], "PTO");
}

#[test]
fn at_takes_an_instant_or_a_local_time_in_the_team_zone() {
    let sandbox = Sandbox::empty().roster(BUNDLED);
    for (at, week) in [
        ("2026-01-06T10:00", 0),
        ("2026-03-03", 7),
        ("2026-03-03T09:59", 7),
        ("2026-03-03T10:00", 8),
        ("2026-03-03T15:59:59Z", 7),
        ("2026-03-03T16:00:00Z", 8),
        ("2026-03-03T10:00:00-06:00", 8),
        // After spring-forward the handoff is 10:00 CDT = 15:00 UTC.
        ("2026-03-10T09:59", 8),
        ("2026-03-10T14:59:59Z", 8),
        ("2026-03-10T15:00:00Z", 9),
        ("2026-03-10T10:00", 9),
    ] {
        let w = json(&mut sandbox.dw(&["--at", at, "who", "--json"]));
        assert_eq!(w["week"], week, "--at {at}");
    }
}

// ---------------------------------------------------------------------------
// Output for scripts
// ---------------------------------------------------------------------------

#[test]
fn who_role_field_prints_one_bare_line() {
    let sandbox = Sandbox::with(BUNDLED);
    let out = stdout_ok(&mut sandbox.dw(&["who", "--role", "primary", "--field", "email"]));
    assert_eq!(out, "ada@example.com\n");
    for (role, field, want) in [
        ("secondary", "id", "linus\n"),
        ("2", "name", "Linus Torvalds\n"),
        ("tertiary", "slack", "U0000000D\n"),
        ("4th", "pagerduty", "PUSER0E\n"),
    ] {
        let out = stdout_ok(&mut sandbox.dw(&["who", "--role", role, "--field", field]));
        assert_eq!(out, want, "--role {role} --field {field}");
    }
}

#[test]
fn who_field_of_a_missing_value_is_one_empty_line() {
    let sandbox = Sandbox::empty()
        .roster("utc.toml")
        .at("2026-01-19T09:00:00Z");
    let out = stdout_ok(&mut sandbox.dw(&["who", "--role", "secondary", "--field", "slack"]));
    assert_eq!(out, "\n");
}

#[test]
fn who_format_env_evaluates_in_sh() {
    let sandbox = Sandbox::empty()
        .roster("utc.toml")
        .at("2026-01-19T09:00:00Z");
    let script = r#"eval "$("$0" --roster "$1" --at "$2" who --format env)" || exit 9
printf '%s|%s|%s|%s|%s|%s\n' "$DW_WEEK" "$DW_START" "$DW_PRIMARY_EMAIL" "$DW_SECONDARY_NAME" "${DW_SECONDARY_SLACK-unset}" "${DW_TERTIARY_ID-unset}""#;
    let mut cmd = assert_cmd::Command::new("/bin/sh");
    cmd.env_clear()
        .env("HOME", sandbox.home())
        .env("XDG_CONFIG_HOME", sandbox.config())
        .env("TZ", "UTC")
        .current_dir(sandbox.work())
        .arg("-c")
        .arg(script)
        .arg(assert_cmd::cargo::cargo_bin("dw"))
        .arg("utc.toml")
        .arg("2026-01-19T09:00:00Z");
    let out = stdout_ok(&mut cmd);
    // Bob's apostrophe survives the quoting; his missing Slack id is set but empty.
    assert_eq!(
        out,
        "2|2026-01-19T09:00:00+00:00|alice@example.com|Bob O'Brien||unset\n"
    );
}

#[test]
fn who_format_env_with_role_sets_that_role_only() {
    let sandbox = Sandbox::with(BUNDLED);
    let out = stdout_ok(&mut sandbox.dw(&["who", "--format", "env", "--role", "primary"]));
    assert!(
        out.contains("DW_PRIMARY_EMAIL='ada@example.com'\n"),
        "{out}"
    );
    assert!(!out.contains("DW_SECONDARY"), "{out}");
}

// ---------------------------------------------------------------------------
// Exit codes and messages
// ---------------------------------------------------------------------------

#[test]
fn bad_roster_lists_every_error_with_position_and_hint() {
    let sandbox = Sandbox::with("bad.toml");
    let stderr = snapshot_failure("bad_roster", &sandbox, &["who"], 2);
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("bad.toml:"))
        .collect();
    assert_eq!(problems.len(), 12, "{stderr}");
    for p in &problems {
        // file:line:column: message
        let mut parts = p.splitn(4, ':');
        assert_eq!(parts.next(), Some("bad.toml"));
        let line: usize = parts.next().unwrap().parse().expect("a line number");
        let col: usize = parts.next().unwrap().parse().expect("a column number");
        assert!(line >= 1 && col >= 1, "{p}");
    }
    let hints = stderr.lines().filter(|l| l.starts_with("  hint: ")).count();
    assert_eq!(hints, problems.len(), "every problem has a hint:\n{stderr}");
    assert!(stderr.ends_with("12 problems in bad.toml\n"), "{stderr}");
    for needle in [
        "America/Chicgo",
        "handoff_time",
        "named twice",
        "unknown key `colour`",
        "`token` in [slack] looks like a secret",
        "environment",
        "\"Ada Lovelace\" is not of the form",
        "not an email address",
        "not after joined",
        "ends (2026-02-12) before it starts",
        "used twice",
        "did you mean `email`?",
        "unknown key `membr` in override #1",
    ] {
        assert!(stderr.contains(needle), "missing {needle:?} in:\n{stderr}");
    }
    // Every command refuses a bad roster the same way.
    for cmd in [
        &["schedule"][..],
        &["next"],
        &["roles"],
        &["stats"],
        &["check"],
    ] {
        let (stdout, again) = run_code(&mut sandbox.dw(cmd), 2);
        assert_eq!(stdout, "", "{cmd:?}");
        assert_eq!(again, stderr, "{cmd:?}");
    }
}

#[test]
fn overrides_the_rotation_cannot_apply_are_roster_errors() {
    let sandbox = Sandbox::with("bad_override.toml");
    let stderr = snapshot_failure("bad_override", &sandbox, &["check"], 2);
    assert!(stderr.contains("before the rotation starts"), "{stderr}");
    assert!(stderr.contains("unknown role"), "{stderr}");
    assert!(stderr.contains("unknown member \"zed\""), "{stderr}");
}

#[test]
fn override_of_a_member_holding_no_rank_is_a_roster_error() {
    let sandbox = Sandbox::empty().at(AT);
    sandbox.write(
        "work/roster.toml",
        br#"[team]
name = "Overridden"
timezone = "UTC"
start = 2026-01-06

[[members]]
id = "ann"
name = "Ann"
email = "ann@example.com"
away = [{ from = 2026-01-20, to = 2026-01-22 }]

[[members]]
id = "ben"
name = "Ben"
email = "ben@example.com"

[[overrides]]
week = 2026-01-21
role = "primary"
member = "ann"
"#,
    );
    let (_, stderr) = run_code(&mut sandbox.dw(&["--roster", "roster.toml", "check"]), 2);
    assert!(stderr.starts_with("roster.toml:17:"), "{stderr}");
    assert!(stderr.contains("ann"), "{stderr}");
    assert!(stderr.contains("hint: "), "{stderr}");
}

#[test]
fn unreadable_empty_and_binary_rosters_exit_2_without_panic() {
    let sandbox = Sandbox::empty().at(AT);
    sandbox.write("work/empty.toml", b"");
    sandbox.write("work/binary.toml", b"\xff\xfe\x00\x01[team]\x00\x80");
    sandbox.write("work/syntax.toml", b"[team\nname = \"x\"\n");
    let deep = "a = ".to_string() + &"[".repeat(100_000);
    sandbox.write("work/deep.toml", deep.as_bytes());
    for (file, needle) in [
        ("missing.toml", "missing.toml: cannot read the roster"),
        ("empty.toml", "empty.toml: the roster is empty"),
        (
            "binary.toml",
            "binary.toml:1:1: the roster is not valid UTF-8",
        ),
        ("syntax.toml", "syntax.toml:1:6: TOML syntax"),
        ("deep.toml", "deep.toml:1:"),
    ] {
        let (stdout, stderr) = run_code(&mut sandbox.dw(&["--roster", file, "who"]), 2);
        assert_eq!(stdout, "");
        assert!(stderr.starts_with(needle), "{file}:\n{stderr}");
        assert!(stderr.contains("hint: "), "{file}:\n{stderr}");
    }
}

#[test]
fn a_bad_at_exits_2() {
    let sandbox = Sandbox::empty().roster(BUNDLED);
    for at in ["tomorrow", "2026-02-30", "2026-03-03T25:00", ""] {
        let (stdout, stderr) = run_code(&mut sandbox.dw(&["--at", at, "who"]), 2);
        assert_eq!(stdout, "");
        assert!(stderr.contains("--at"), "--at {at:?}:\n{stderr}");
    }
}

#[test]
fn a_moment_before_the_start_exits_2_naming_the_start() {
    let sandbox = Sandbox::empty().roster(BUNDLED);
    for at in ["2026-01-05", "2026-01-06T09:59", "2026-01-06T15:59:59Z"] {
        for cmd in [&["who"][..], &["next"], &["schedule"]] {
            let (stdout, stderr) = run_code(sandbox.dw(&["--at", at]).args(cmd), 2);
            assert_eq!(stdout, "");
            assert!(
                stderr.contains("before the rotation starts") && stderr.contains("2026-01-06"),
                "--at {at} {cmd:?}:\n{stderr}"
            );
        }
    }
    let sandbox = Sandbox::with(BUNDLED);
    let (_, stderr) = run_code(&mut sandbox.dw(&["schedule", "--from", "2025-12-31"]), 2);
    assert!(
        stderr.contains("--from") && stderr.contains("2026-01-06"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_role_exits_2_with_the_roles_in_the_hint() {
    let sandbox = Sandbox::with(BUNDLED);
    for role in ["chief", "0", "primay"] {
        let (stdout, stderr) = run_code(&mut sandbox.dw(&["who", "--role", role]), 2);
        assert_eq!(stdout, "");
        assert!(
            stderr.contains(&format!("unknown role \"{role}\"")),
            "{stderr}"
        );
        assert!(stderr.contains("primary, secondary, tertiary"), "{stderr}");
    }
}

#[test]
fn an_unknown_member_exits_2_listing_the_ids() {
    let sandbox = Sandbox::with(BUNDLED);
    for cmd in [&["schedule", "--member", "nobody"][..], &["next", "nobody"]] {
        let (stdout, stderr) = run_code(&mut sandbox.dw(cmd), 2);
        assert_eq!(stdout, "");
        assert!(stderr.contains("\"nobody\""), "{cmd:?}:\n{stderr}");
        assert!(stderr.contains("ada, grace, linus"), "{cmd:?}:\n{stderr}");
    }
    let (_, stderr) = run_code(sandbox.dw(&["next"]).env("DW_ME", "nobody"), 2);
    assert!(stderr.contains("\"nobody\""), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let sandbox = Sandbox::with(BUNDLED);
    for args in [
        &["frobnicate"][..],
        &["who", "--field", "phone"],
        &["who", "--format", "xml"],
        &["schedule", "--weeks", "0"],
        &["schedule", "--weeks", "many"],
        &["schedule", "--json", "--ics"],
        &["schedule", "--from", "March"],
        &["stats", "--from", "2026-03-01", "--to", "2026-02-01"],
        &["completions", "tcsh"],
        &["-q", "-v", "who"],
    ] {
        let (stdout, _) = run_code(&mut sandbox.dw(args), 2);
        assert_eq!(stdout, "", "{args:?}");
    }
}

#[test]
fn check_exits_2_listing_the_week_nobody_is_available() {
    let sandbox = Sandbox::empty()
        .roster("nobody.toml")
        .at("2026-01-06T12:00");
    let stderr = snapshot_failure("check_nobody", &sandbox, &["check", "--weeks", "8"], 2);
    let week4 = stderr
        .lines()
        .find(|l| l.contains("nobody is available"))
        .unwrap_or_else(|| panic!("no week without anyone in:\n{stderr}"));
    assert!(week4.contains("week 4"), "{week4}");
    assert!(week4.contains("2026-02-03"), "{week4}");
    // Weeks with only one member are warnings, not errors.
    assert_eq!(stderr.matches("warning:").count(), 2, "{stderr}");

    let (stdout, _) = run_code(&mut sandbox.dw(&["check", "--weeks", "8", "--json"]), 2);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["problems"].as_array().unwrap().len(), 1);
    assert_eq!(report["warnings"].as_array().unwrap().len(), 2);

    // The weeks after the gap are fine.
    let later = Sandbox::empty()
        .roster("nobody.toml")
        .at("2026-02-17T12:00");
    let out = stdout_ok(&mut later.dw(&["check", "--weeks", "8"]));
    assert!(out.contains(": ok:"), "{out}");
}

// ---------------------------------------------------------------------------
// Finding the roster (SPEC §3)
// ---------------------------------------------------------------------------

/// The primary at 2026-03-03 18:00 UTC, which tells the bundled roster (ada)
/// from the UTC fixture (alice: its week 8 starts Monday 2026-03-02).
fn primary(cmd: &mut assert_cmd::Command) -> String {
    stdout_ok(cmd.args([
        "--at",
        "2026-03-03T18:00:00Z",
        "who",
        "--role",
        "1",
        "--field",
        "id",
    ]))
    .trim_end()
    .to_string()
}

fn copy(sandbox: &Sandbox, fixture: &str, to: &str) -> std::path::PathBuf {
    sandbox.write(to, &std::fs::read(common::source(fixture)).unwrap())
}

#[test]
fn the_two_rosters_used_for_discovery_differ() {
    let sandbox = Sandbox::empty();
    copy(&sandbox, "utc.toml", "work/u.toml");
    copy(&sandbox, BUNDLED, "work/b.toml");
    assert_eq!(primary(sandbox.bare().args(["--roster", "b.toml"])), "ada");
    assert_eq!(
        primary(sandbox.bare().args(["--roster", "u.toml"])),
        "alice"
    );
}

#[test]
fn roster_toml_is_found_in_a_parent_of_the_current_folder() {
    let sandbox = Sandbox::empty();
    copy(&sandbox, BUNDLED, "work/roster.toml");
    let deep = sandbox.work().join("a").join("b");
    std::fs::create_dir_all(&deep).unwrap();
    assert_eq!(primary(sandbox.bare().current_dir(&deep)), "ada");
    assert_eq!(primary(&mut sandbox.bare()), "ada");
    // -v names the file it chose.
    let out = sandbox
        .bare()
        .current_dir(&deep)
        .args(["-v", "--at", AT, "who", "--role", "1", "--field", "id"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&*sandbox.work().join("roster.toml").to_string_lossy()),
        "{stderr}"
    );
}

#[test]
fn dw_roster_is_used_and_the_flag_wins_over_it() {
    let sandbox = Sandbox::empty();
    let utc = copy(&sandbox, "utc.toml", "elsewhere/team.toml");
    copy(&sandbox, BUNDLED, "work/roster.toml");
    // DW_ROSTER beats roster.toml in the current folder.
    assert_eq!(primary(sandbox.bare().env("DW_ROSTER", &utc)), "alice");
    // --roster beats DW_ROSTER.
    assert_eq!(
        primary(
            sandbox
                .bare()
                .env("DW_ROSTER", sandbox.root().join("nowhere.toml"))
                .args(["--roster", "roster.toml"])
        ),
        "ada"
    );
    // A DW_ROSTER that does not exist is an error, not a silent fallback.
    let (_, stderr) = run_code(
        sandbox
            .bare()
            .env("DW_ROSTER", sandbox.root().join("nowhere.toml"))
            .args(["--at", AT, "who"]),
        2,
    );
    assert!(stderr.contains("nowhere.toml"), "{stderr}");
}

#[test]
fn the_config_folder_is_the_last_place_looked() {
    let sandbox = Sandbox::empty();
    copy(&sandbox, "utc.toml", "home/.config/dw/roster.toml");
    // XDG_CONFIG_HOME/dw/roster.toml when no roster.toml is above the cwd.
    assert_eq!(primary(&mut sandbox.bare()), "alice");
    // ~/.config/dw/roster.toml when XDG_CONFIG_HOME is not set.
    assert_eq!(
        primary(sandbox.bare().env_remove("XDG_CONFIG_HOME")),
        "alice"
    );
    // roster.toml above the cwd comes first.
    copy(&sandbox, BUNDLED, "work/roster.toml");
    assert_eq!(primary(&mut sandbox.bare()), "ada");
}

#[test]
fn no_roster_anywhere_exits_2_with_a_hint() {
    let sandbox = Sandbox::empty();
    if let Some(stray) = sandbox
        .work()
        .ancestors()
        .map(|d| d.join("roster.toml"))
        .find(|p| p.is_file())
    {
        eprintln!(
            "skipped: {} exists above the temporary folder",
            stray.display()
        );
        return;
    }
    let (stdout, stderr) = run_code(sandbox.bare().args(["--at", AT, "who"]), 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("no roster found"), "{stderr}");
    assert!(stderr.contains("--roster"), "{stderr}");
    assert!(stderr.contains("DW_ROSTER"), "{stderr}");
}

// ---------------------------------------------------------------------------
// Colour, pipes
// ---------------------------------------------------------------------------

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
        eprintln!("skipped: no /usr/bin/script");
        return;
    }
    let sandbox = Sandbox::with(BUNDLED);
    let dw = assert_cmd::cargo::cargo_bin("dw");
    let line = format!(
        "'{}' {} who --role 1",
        dw.display(),
        sandbox.globals().join(" ")
    );
    let run = |no_color_env: bool, flag: &str| {
        let mut c = std::process::Command::new(script);
        c.env_clear()
            .env("HOME", sandbox.home())
            .env("XDG_CONFIG_HOME", sandbox.config())
            .env("TZ", "UTC")
            .env("SHELL", "/bin/sh")
            .current_dir(sandbox.work())
            .args(["-qec", &format!("{line} {flag}"), "/dev/null"]);
        if no_color_env {
            c.env("NO_COLOR", "1");
        }
        let out = c.stdin(Stdio::null()).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let plain = run(false, "");
    if !plain.contains("Dreamwork on call") {
        eprintln!("skipped: script(1) gave no terminal here: {plain:?}");
        return;
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
            .dw_std(args)
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
fn moments_outside_the_computed_weeks_exit_2_in_every_command() {
    for at in ["2000-01-01", "4000-01-01"] {
        let (_, stderr) = run_code(&mut Sandbox::with(BUNDLED).at(at).dw(&["check"]), 2);
        assert!(stderr.contains("--at"), "{at}: {stderr}");
    }
    let sandbox = Sandbox::with(BUNDLED);
    for args in [
        &["schedule", "--from", "9999-12-25"][..],
        &["stats", "--to", "9999-12-31"],
        &["plan", "roster.toml", "roster.toml", "--from", "9999-01-01"],
    ] {
        let (_, stderr) = run_code(&mut sandbox.dw(args), 2);
        assert!(
            stderr.contains("before the rotation starts")
                || stderr.contains("dw computes the first"),
            "{args:?}: {stderr}"
        );
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

#[test]
fn bad_http_settings_are_usage_errors_not_panics() {
    let sandbox = Sandbox::with(BUNDLED);
    for (name, value) in [
        ("DW_HTTP_TIMEOUT", "1e20"),
        ("DW_HTTP_TIMEOUT", "abc"),
        ("DW_HTTP_RETRIES", "-1"),
        ("DW_HTTP_BACKOFF_MS", "18446744073709551615"),
    ] {
        let mut cmd = sandbox.dw(&["handoff"]);
        cmd.env(name, value);
        let (_, stderr) = run_code(&mut cmd, 2);
        assert!(stderr.contains(&format!("{name}={value}")), "{stderr}");
    }
}

#[test]
fn plan_git_refuses_a_revision_that_looks_like_an_option() {
    let sandbox = Sandbox::with(BUNDLED);
    let (_, stderr) = run_code(&mut sandbox.dw(&["plan", "--git=--output=/tmp/x"]), 2);
    assert!(stderr.contains("cannot start with '-'"), "{stderr}");
}

#[test]
fn check_json_answers_json_for_a_broken_roster_too() {
    let sandbox = Sandbox::empty().roster("bad.toml");
    let (stdout, stderr) = run_code(&mut sandbox.dw(&["--json", "check"]), 2);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(doc["ok"], false);
    let problems = doc["problems"].as_array().expect("problems");
    assert!(problems.len() > 1, "{doc}");
    assert!(problems
        .iter()
        .all(|p| p.as_str().is_some_and(|p| p.contains(": "))));
    assert!(stderr.contains("problems in bad.toml"), "{stderr}");
}

#[test]
fn field_does_not_combine_with_json() {
    let sandbox = Sandbox::with(BUNDLED);
    let (_, stderr) = run_code(&mut sandbox.dw(&["--json", "who", "--field", "email"]), 2);
    assert!(stderr.contains("--field prints bare lines"), "{stderr}");
}
