//! `dw who`: the table, `--role`, `--field`, `--format tsv|env|json`, `--at`.

use crate::support::shape::assert_week_shape;
use crate::support::truth::{rewrite_roster, TEAM};

use crate::support::{fixture_text, json, run_code, snapshot, stdout_ok, Sandbox, BUNDLED};

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
    // Bare output for scripts has no answer: an error on stderr and exit 2,
    // even with -q (an error is not a note).
    let (out, err) = sandbox.dw(&["who", "--field", "email"]).fails(2);
    assert!(out.is_empty());
    assert!(err.contains("nobody is available in week 4"), "{err}");
    // An override cannot help when nobody is available: the hint names what can.
    assert!(err.contains("fix the away dates"), "{err}");
    assert!(err.contains("dw cover"), "{err}");
    assert!(!err.contains("override"), "{err}");
    let (_, err) = sandbox.dw(&["-q", "who", "--field", "email"]).fails(2);
    assert!(err.contains("nobody is available in week 4"), "{err}");
}

#[test]
fn who_tsv() {
    // Week 14 of the bundled roster: ken is primary by the swap's override.
    let sandbox = Sandbox::with(BUNDLED).at("2026-04-14T12:00");
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
            "override",
            "cover_until"
        ]
    );
    assert_eq!(rows.len(), 9, "a header and 8 ranks");
    assert!(rows.iter().all(|r| r.len() == 9), "9 fields on every line");
    assert_eq!(rows[1][7], "swap: ken and ada exchange ranks");
    assert_eq!(rows[2][7], "", "no override: an empty field");
    // Tabs shown as ⇥ so that no editor strips them from the snapshot.
    crate::support::assert_snapshot("who_tsv", &out.replace('\t', "⇥"), None);
}

#[test]
fn who_env_quotes_for_the_shell() {
    let sandbox = Sandbox::empty()
        .roster("utc.toml")
        .at("2026-01-19T09:00:00Z");
    snapshot("who_env_utc", &sandbox, &["who", "--format", "env"]);
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
        ["grace", "linus", "margaret", "ken", "barbara", "dennis", "ada"]
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
            "rank": 1, "role": "primary", "id": "grace", "name": "Grace Hopper",
            "email": "grace@example.com", "slack": "U0000000B", "pagerduty": "PUSER0B",
            "override": null
        })
    );
    assert!(ranks.iter().all(|r| r["override"].is_null()));
    // Week 14: the swap's override placed ken; its reason is in "override".
    let week14 = Sandbox::with(BUNDLED).at("2026-04-14T12:00");
    let w14 = json(&mut week14.dw(&["who", "--json"]));
    assert_eq!(w14["ranks"][0]["id"], "ken");
    assert_eq!(
        w14["ranks"][0]["override"],
        "swap: ken and ada exchange ranks"
    );
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

#[test]
fn who_role_field_prints_one_bare_line() {
    let sandbox = Sandbox::with(BUNDLED);
    let out = stdout_ok(&mut sandbox.dw(&["who", "--role", "primary", "--field", "email"]));
    assert_eq!(out, "grace@example.com\n");
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
fn who_field_of_a_missing_value_is_an_error() {
    // A script asking for the secondary's Slack ID must not DM nobody and go on.
    let sandbox = Sandbox::empty()
        .roster("utc.toml")
        .at("2026-01-19T09:00:00Z");
    let (out, err) = sandbox
        .dw(&["who", "--role", "secondary", "--field", "slack"])
        .fails(2);
    assert_eq!(out, "");
    assert!(err.contains("has no slack in the roster"), "{err}");
}

#[test]
fn who_format_env_evaluates_in_sh() {
    let sandbox = Sandbox::empty()
        .roster("utc.toml")
        .at("2026-01-19T09:00:00Z");
    let values = sandbox.eval_env(
        &["who", "--format", "env"],
        &[
            "DW_WEEK",
            "DW_START",
            "DW_PRIMARY_EMAIL",
            "DW_SECONDARY_NAME",
            "DW_SECONDARY_SLACK",
            "DW_TERTIARY_ID",
        ],
    );
    // Bob's apostrophe survives the quoting; his missing Slack id is set but empty.
    assert_eq!(
        values,
        [
            "2",
            "2026-01-19T09:00:00+00:00",
            "alice@example.com",
            "Bob O'Brien",
            "",
            "<unset>"
        ]
    );
}

#[test]
fn who_format_env_with_role_sets_that_role_only() {
    let sandbox = Sandbox::with(BUNDLED);
    let out = stdout_ok(&mut sandbox.dw(&["who", "--format", "env", "--role", "primary"]));
    assert!(
        out.contains("DW_PRIMARY_EMAIL='grace@example.com'\n"),
        "{out}"
    );
    assert!(!out.contains("DW_SECONDARY"), "{out}");
}

#[test]
fn format_other_than_json_does_not_combine_with_json() {
    let sandbox = Sandbox::with(BUNDLED);
    for format in ["table", "env", "tsv"] {
        let (out, err) = sandbox.dw(&["--json", "who", "--format", format]).fails(2);
        assert!(out.is_empty(), "{out}");
        assert!(
            err.contains(&format!("--format {format} does not combine with --json")),
            "{err}"
        );
    }
    let same = json(&mut sandbox.dw(&["--json", "who", "--format", "json"]));
    assert_eq!(same, json(&mut sandbox.dw(&["--json", "who"])));
}

#[test]
fn field_does_not_combine_with_json() {
    let sandbox = Sandbox::with(BUNDLED);
    let (_, stderr) = run_code(&mut sandbox.dw(&["--json", "who", "--field", "email"]), 2);
    assert!(stderr.contains("--field prints bare lines"), "{stderr}");
}

#[test]
fn who_env_evaluated_by_sh_sets_quoted_variables() {
    let sandbox = Sandbox::with(TEAM);
    let env = ["who", "--format", "env"];
    let values = sandbox.eval_env(
        &env,
        &[
            "DW_PRIMARY_ID",
            "DW_PRIMARY_EMAIL",
            "DW_PRIMARY_PAGERDUTY",
            "DW_SECONDARY_ID",
            "DW_SECONDARY_NAME",
            "DW_TERTIARY_ID",
            "DW_4TH_ID",
            "DW_WEEK",
            "DW_START",
            "DW_END",
        ],
    );
    assert_eq!(
        values,
        [
            "ada",
            "ada@example.com",
            "PUSERA1",
            "bob",
            "Bob O'Brien",
            "cy",
            "dee",
            "8",
            "2026-03-03T10:00:00-06:00",
            "2026-03-10T10:00:00-05:00",
        ]
    );

    // Nothing in a name runs: quotes, $(…), backticks and `;` stay text.
    let evil = "Ada $(touch pwned) `touch pwned2` \\\"x\\\" 'y' ; exit 7";
    rewrite_roster(
        &sandbox,
        TEAM,
        &fixture_text(TEAM).replace("\"Ada Lovelace\"", &format!("\"{evil}\"")),
    );
    let values = sandbox.eval_env(&env, &["DW_PRIMARY_NAME", "DW_PRIMARY_ID"]);
    assert_eq!(
        values,
        [
            "Ada $(touch pwned) `touch pwned2` \"x\" 'y' ; exit 7",
            "ada"
        ]
    );
    assert!(!sandbox.work().join("pwned").exists());
    assert!(!sandbox.work().join("pwned2").exists());
}

#[test]
fn who_tsv_has_a_header_and_tab_separated_rows() {
    let sandbox = Sandbox::with(TEAM);
    let out = stdout_ok(&mut sandbox.dw(&["who", "--format", "tsv"]));
    assert_eq!(
        out,
        "rank\trole\tid\tname\temail\tslack\tpagerduty\toverride\tcover_until\n\
         1\tprimary\tada\tAda Lovelace\tada@example.com\t\tPUSERA1\t\t\n\
         2\tsecondary\tbob\tBob O'Brien\tbob@example.com\t\tPUSERB1\t\t\n\
         3\ttertiary\tcy\tCy Young\tcy@example.com\t\tPUSERC1\t\t\n\
         4\t4th\tdee\tDee Dee\tdee@example.com\t\tPUSERD1\t\t\n"
    );
    let out = stdout_ok(&mut sandbox.dw(&["who", "--format", "tsv", "--role", "secondary"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[1].split('\t').nth(2), Some("bob"));
    assert!(lines.iter().all(|l| l.split('\t').count() == 9));
}
