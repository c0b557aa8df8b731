//! `dw explain`: why each member holds their rank.

use serde_json::{json, Value};

use crate::support::{run_code, stdout_ok, Sandbox};

const EXPLAIN: &str = "truth-explain.toml";

/// Table cells wrap: compare text with its whitespace runs made single spaces.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn explain(at: &str, args: &[&str]) -> String {
    let sandbox = Sandbox::empty().roster(EXPLAIN).at(at);
    let mut cmd = sandbox.dw(&["explain"]);
    cmd.args(args);
    stdout_ok(&mut cmd)
}

#[test]
fn explain_week_0_is_the_queue_in_file_order() {
    let out = explain("2026-01-05T10:00", &[]);
    assert!(!words(&out).contains("joined this week"), "{out}");
    crate::support::assert_snapshot("explain_week0_queue", &out, None);
}

#[test]
fn explain_away_member_keeps_their_place() {
    let out = explain("2026-01-13", &[]);
    assert!(
        words(&out).contains("away 2026-01-14 to 2026-01-15 (conference)"),
        "{out}"
    );
    assert!(words(&out).contains("keeps place 1 in the queue"), "{out}");
    crate::support::assert_snapshot("explain_week1_away", &out, None);
}

#[test]
fn explain_make_up_turn_and_joiner() {
    let out = explain("2026-01-20", &[]);
    assert!(
        words(&out).contains("make-up turn: skipped while away since week 1"),
        "{out}"
    );
    crate::support::assert_snapshot("explain_week2_make_up_and_joined", &out, None);
}

#[test]
fn explain_override_swap_left_and_not_yet_joined() {
    let out = explain("2026-01-27", &[]);
    assert!(
        words(&out).contains("override \"trade for week 5\""),
        "{out}"
    );
    assert!(
        words(&out).contains("swapped from primary to tertiary"),
        "{out}"
    );
    assert!(words(&out).contains("left = 2026-01-26"), "{out}");
    crate::support::assert_snapshot("explain_week3_override_left", &out, None);
}

#[test]
fn explain_one_member() {
    let out = explain("2026-01-13", &["ben"]);
    let rows: Vec<&str> = out.lines().skip(2).filter(|l| l.starts_with(' ')).collect();
    assert!(rows[0].starts_with(" ben "), "{out}");
    assert!(!out.contains(" cat "), "{out}");
    crate::support::assert_snapshot("explain_week1_ben", &out, None);

    let sandbox = Sandbox::empty().roster(EXPLAIN).at("2026-01-13");
    let (_, stderr) = run_code(&mut sandbox.dw(&["explain", "nobody"]), 2);
    assert!(stderr.contains("\"nobody\""), "{stderr}");
}

#[test]
fn explain_json_has_a_reason_per_member() {
    let sandbox = Sandbox::empty().roster(EXPLAIN).at("2026-01-27");
    let out = crate::support::json(&mut sandbox.dw(&["--json", "explain"]));
    assert_eq!(out["team"], "Explained");
    assert_eq!(out["week"], 3);
    assert_eq!(out["start"], "2026-01-26T09:00:00+01:00");
    assert_eq!(out["end"], "2026-02-02T09:00:00+01:00");
    let members = out["members"].as_array().unwrap();
    let ids: Vec<&str> = members.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["ann", "ben", "cat", "dan", "eli", "fay"],
        "file order"
    );
    let by = |id: &str| members.iter().find(|m| m["id"] == id).unwrap().clone();
    assert_eq!(by("dan")["kind"], "holds");
    assert_eq!(by("dan")["rank"], 1);
    assert_eq!(by("dan")["role"], "primary");
    assert_eq!(by("dan")["queue_rank"], 3);
    assert_eq!(by("dan")["override_reason"], "trade for week 5");
    assert_eq!(by("ann")["rank"], 3);
    assert_eq!(by("ann")["queue_rank"], 1);
    assert_eq!(by("ann")["override_reason"], Value::Null);
    assert_eq!(by("eli")["kind"], "left");
    assert_eq!(by("eli")["left"], "2026-01-26");
    assert_eq!(by("eli")["rank"], Value::Null);
    assert_eq!(by("fay")["kind"], "not_joined_yet");
    assert_eq!(by("fay")["first_week"], 4);
    for m in members {
        assert!(
            m["explanation"].as_str().is_some_and(|s| !s.is_empty()),
            "{m}"
        );
    }
    let sandbox = Sandbox::empty().roster(EXPLAIN).at("2026-01-13");
    let out = crate::support::json(&mut sandbox.dw(&["--json", "explain", "ben"]));
    assert_eq!(
        out["members"],
        json!([{
            "id": "ben", "rank": null, "role": null, "kind": "away",
            "from": "2026-01-14", "to": "2026-01-15", "reason": "conference", "covers": [],
            "queue_position": 1,
            "explanation": "away 2026-01-14 to 2026-01-15 (conference): holds no rank and keeps place 1 in the queue, so takes the first turn they are back for",
        }])
    );
}
