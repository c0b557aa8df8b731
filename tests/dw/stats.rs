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

#[test]
fn stats_counts_the_hours_covered_and_covered_for() {
    // Bundled roster, week 8: ken covers grace's primary Thu 18:00 to Fri 08:00.
    let sandbox = Sandbox::with(BUNDLED);
    let stats = json(&mut sandbox.dw(&["stats", "--json"]));
    let member = |id: &str| {
        stats["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(member("ken")["covered_hours"], 14.0);
    assert_eq!(member("ken")["covered_for_hours"], 0.0);
    assert_eq!(member("grace")["covered_for_hours"], 14.0);
    assert_eq!(member("ada")["covered_hours"], 0.0);
    // Counted only in the weeks counted.
    let before = json(&mut sandbox.dw(&["stats", "--json", "--to", "2026-02-24"]));
    assert!(before["members"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["covered_hours"] == 0.0 && m["covered_for_hours"] == 0.0));
    // Real hours across DST: Lord Howe's clocks go back half an hour in
    // cal's 23:00–04:00 cover (5.5 hours) and forward half an hour in bea's
    // 01:00–06:00 (4.5 hours).
    let lh = Sandbox::empty()
        .roster("html-lord-howe.toml")
        .at("2026-12-01T12:00");
    let out = lh.dw(&["stats"]).ok();
    let row = |id: &str| -> Vec<String> {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("{id}: {out}"))
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    assert!(out.contains("COVERED  COVERED FOR"), "{out}");
    assert_eq!(row("cal")[6..], ["5.5", "0"], "{out}");
    assert_eq!(row("bea")[6..], ["4.5", "0"], "{out}");
    assert_eq!(row("ash")[6..], ["5", "5.5"], "{out}");
    assert_eq!(row("dev")[6..], ["0", "9.5"], "{out}");
}
