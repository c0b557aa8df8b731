//! `dw next`: a member's next turns, from the argument or `DW_ME`.

use crate::support::{snapshot, stdout_ok, Sandbox, BUNDLED};

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
fn next_shows_handoff_times_and_the_covers_coming_in_each_turn() {
    let sandbox = Sandbox::with(BUNDLED);
    // grace is primary now; ken covers her Thursday evening (bundled roster).
    let out = stdout_ok(&mut sandbox.dw(&["next", "grace"]));
    assert!(out.contains("Tue 2026-03-10 10:00 CDT"), "{out}");
    assert!(out.contains("Tue 2026-04-14 10:00 CDT"), "{out}");
    assert!(
        out.contains("ken covers Thu 18:00 \u{2192} Fri 08:00"),
        "{out}"
    );
    let doc = crate::support::json(&mut sandbox.dw(&["--json", "next", "grace"]));
    let primary = &doc["members"][0]["primary"];
    assert_eq!(primary["start"], "2026-03-03T10:00:00-06:00");
    assert_eq!(
        primary["covers"],
        serde_json::json!([{
            "id": "ken",
            "from": "2026-03-05T18:00:00-06:00",
            "to": "2026-03-06T08:00:00-06:00",
            "reason": "grace at a school play"
        }])
    );
    assert_eq!(
        doc["members"][0]["secondary"]["covers"],
        serde_json::json!([])
    );
    // Once the cover is over it is no longer coming.
    let later = Sandbox::with(BUNDLED).at("2026-03-06T09:00");
    let doc = crate::support::json(&mut later.dw(&["--json", "next", "grace"]));
    assert_eq!(
        doc["members"][0]["primary"]["covers"],
        serde_json::json!([])
    );
    // A cover in a later turn: ada is next primary in week 18 (12 May).
    sandbox
        .run(&[
            "cover",
            "dennis",
            "--role",
            "primary",
            "--from",
            "2026-05-14T18:00",
            "--to",
            "2026-05-15T08:00",
            "--reason",
            "dentist",
        ])
        .success();
    let out = stdout_ok(&mut sandbox.dw(&["next", "ada"]));
    assert!(out.contains("Tue 2026-05-12 10:00 CDT"), "{out}");
    assert!(
        out.contains("dennis covers Thu 18:00 \u{2192} Fri 08:00"),
        "{out}"
    );
}
