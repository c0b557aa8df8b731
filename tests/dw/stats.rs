//! `dw stats`: weeks on call per member and role.

use crate::support::{json, snapshot, Sandbox, BUNDLED};

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
