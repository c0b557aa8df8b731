//! `dw schedule --html --roles`: the page keeps only those roles' rows and
//! their covers, as `dw schedule --json --roles` keeps only those ranks and
//! covers; the away column stays whole. Read back with an HTML parser and
//! held against the JSON of the same command line.

use std::collections::BTreeSet;

use scraper::Html;

use super::html::{
    assert_page_matches_json, assert_self_contained, attr, page_and_json, sel, text,
};
use crate::support::{Sandbox, BUNDLED};

/// The `data-role` of every role row (`tr.role`) and cover row
/// (`tr.covers`) of each week, in order.
fn rows(doc: &Html, class: &str) -> Vec<Vec<String>> {
    doc.select(&sel("table.grid > tbody"))
        .map(|g| {
            g.select(&sel(&format!("tr.{class}")))
                .map(|r| attr(&r, "data-role").to_string())
                .collect()
        })
        .collect()
}

/// The week header and the away column span the date row, the role rows
/// and the cover rows of the week, and nothing more.
fn assert_rowspans(doc: &Html) {
    for g in doc.select(&sel("table.grid > tbody")) {
        let n = g.select(&sel("tr")).count().to_string();
        let wk = g.select(&sel("th.wk")).next().expect("week header");
        assert_eq!(attr(&wk, "rowspan"), n, "{}", attr(&g, "data-week"));
        let away = g.select(&sel("td.away")).next().expect("away");
        assert_eq!(attr(&away, "rowspan"), n);
    }
}

#[test]
fn roles_keep_only_those_rows_as_json_keeps_those_ranks() {
    let sandbox = Sandbox::with(BUNDLED);
    for (roles, names) in [
        ("primary", &["primary"][..]),
        ("secondary", &["secondary"][..]),
        // Rank order, whatever the order asked, and no repeats; ordinals and
        // numbers as in the table and JSON.
        ("tertiary,1,primary", &["primary", "tertiary"][..]),
        // A rank past the named roles gets its row when asked for.
        ("2,4th", &["secondary", "4th"][..]),
    ] {
        let args = ["--from", "2026-01-06", "--weeks", "20", "--roles", roles];
        let (doc, json) = page_and_json(&sandbox, &args);
        assert_page_matches_json(&doc, &json, names);
        assert_self_contained(&doc, "dw.ics");
        assert_rowspans(&doc);
        for week in rows(&doc, "role") {
            assert_eq!(week, names, "--roles {roles}");
        }
        for week in rows(&doc, "covers") {
            assert!(week.iter().all(|r| names.contains(&r.as_str())), "{week:?}");
        }
        // The legend names the roles shown.
        let legend = text(&doc.select(&sel("#legend")).next().expect("legend"));
        assert!(
            legend.contains(&format!(
                "The rows under the dates are the roles: {}.",
                names.join(", ")
            )),
            "{legend}"
        );
    }
    // Ken's cover of primary (week 8) is on the primary page, not on the
    // secondary one; grace's time away is on both.
    for (roles, covers) in [("primary", 1), ("secondary", 0)] {
        let (doc, _) = page_and_json(
            &sandbox,
            &["--from", "2026-01-06", "--weeks", "20", "--roles", roles],
        );
        assert_eq!(
            doc.select(&sel(".cover[data-member=\"ken\"]")).count(),
            covers,
            "{roles}"
        );
        assert!(
            doc.select(&sel("td.away li[data-member=\"grace\"]"))
                .count()
                >= 1
        );
    }
}

#[test]
fn roles_keep_the_covers_of_those_roles_only() {
    // Lord Howe: a cover of primary in week 13, two of secondary in week 39.
    let sandbox = Sandbox::empty()
        .roster("html-lord-howe.toml")
        .at("2026-04-05T01:45");
    let args = |roles: &'static str| ["--from", "2026-01-03", "--weeks", "53", "--roles", roles];
    let (doc, json) = page_and_json(&sandbox, &args("secondary"));
    assert_page_matches_json(&doc, &json, &["secondary"]);
    let who: Vec<&str> = doc
        .select(&sel(".cover"))
        .map(|c| attr(&c, "data-member"))
        .collect();
    assert_eq!(who, ["ash", "bea"]);
    let (doc, json) = page_and_json(&sandbox, &args("primary"));
    assert_page_matches_json(&doc, &json, &["primary"]);
    let who: Vec<&str> = doc
        .select(&sel(".cover"))
        .map(|c| attr(&c, "data-member"))
        .collect();
    assert_eq!(who, ["cal"]);
    assert_rowspans(&doc);
}

#[test]
fn roles_with_member_mark_the_weeks_they_hold_those_roles() {
    // As `--json --member ken --roles primary` keeps ken's primary weeks and
    // covers (and the away list), the page marks those weeks as his.
    let sandbox = Sandbox::with(BUNDLED);
    let args = [
        "--from",
        "2026-01-06",
        "--weeks",
        "20",
        "--member",
        "ken",
        "--roles",
        "primary",
    ];
    let (doc, json) = page_and_json(&sandbox, &args);
    assert_self_contained(&doc, "dw-ken.ics");
    for week in rows(&doc, "role") {
        assert_eq!(week, ["primary"]);
    }
    for e in doc.select(&sel("table.grid [data-member=\"ken\"]")) {
        assert!(
            attr(&e, "class").split(' ').any(|c| c == "me"),
            "{}",
            e.html()
        );
    }
    let his_weeks: BTreeSet<String> = json["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| {
            !w["ranks"].as_array().unwrap().is_empty()
                || !w["covers"].as_array().unwrap().is_empty()
                || !w["away"].as_array().unwrap().is_empty()
        })
        .map(|w| w["week"].to_string())
        .collect();
    let marked: BTreeSet<String> = doc
        .select(&sel("tbody.mine"))
        .map(|g| attr(&g, "data-week").to_string())
        .collect();
    assert_eq!(marked, his_weeks);
    // His primary week 8 and his cover; not the weeks he holds only
    // secondary or tertiary.
    assert!(marked.contains("8"), "{marked:?}");
    let notes: Vec<String> = doc
        .select(&sel("th.wk .me-note"))
        .map(|n| text(&n))
        .filter(|n| n.contains("secondary") || n.contains("tertiary"))
        .collect();
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn an_unknown_role_is_refused_on_the_page_too() {
    let sandbox = Sandbox::with(BUNDLED);
    sandbox
        .run(&["schedule", "--html", "--roles", "pager"])
        .code(2)
        .stderr_has("unknown role \"pager\"")
        .stdout_is("")
        .no_panic();
}
