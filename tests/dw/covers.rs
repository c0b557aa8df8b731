//! Covers: `who --at` inside and outside the span, JSON `covers`, the
//! schedule tables, `explain`, ICS split around a cover, and the roster
//! errors of a cover that cannot apply.

use std::io::BufReader;

use serde_json::json;

use crate::support::shape::assert_week_shape;
use crate::support::{fixture_text, Sandbox};

const COVERS: &str = "covers.toml";

fn at(when: &str) -> Sandbox {
    Sandbox::empty().roster(COVERS).at(when)
}

#[test]
fn who_shows_the_covering_member_only_inside_the_span() {
    // (instant, who answers for the primary)
    for (when, primary) in [
        ("2026-01-22T17:59:00Z", "cy"),
        ("2026-01-22T18:00:00Z", "bo"),
        ("2026-01-23T07:59:00Z", "bo"),
        ("2026-01-23T08:00:00Z", "cy"),
    ] {
        let sandbox = at(when);
        let id = sandbox
            .dw(&["who", "--role", "primary", "--field", "id"])
            .ok();
        assert_eq!(id, format!("{primary}\n"), "at {when}");
        let env = sandbox.eval_env(&["who", "--format", "env"], &["DW_PRIMARY_ID"]);
        assert_eq!(env, vec![primary.to_string()], "at {when}");
    }
    let table = at("2026-01-22T18:00").dw(&["who"]).ok();
    assert!(table.contains("primary (cover)  bo"), "{table}");
    assert!(
        table.contains(
            "cover: bo is primary until Fri 2026-01-23 08:00 UTC, for cy: cy's evening out"
        ),
        "{table}"
    );
    let outside = at("2026-01-22T17:00").dw(&["who"]).ok();
    assert!(!outside.contains("cover"), "{outside}");
    let tsv = at("2026-01-22T18:00").dw(&["who", "--format", "tsv"]).ok();
    assert!(
        tsv.lines().nth(1).is_some_and(
            |l| l.starts_with("1\tprimary\tbo\t") && l.ends_with("\t2026-01-23T08:00:00+00:00")
        ),
        "{tsv}"
    );
}

#[test]
fn who_field_checks_the_covering_member_not_the_holder() {
    // cy holds the primary of week 2 and has no PagerDuty id; bo, covering
    // it from 18:00, has one.
    let inside = at("2026-01-22T18:00")
        .dw(&["who", "--role", "primary", "--field", "pagerduty"])
        .ok();
    assert_eq!(inside, "PUSERBO\n");
    let (_, err) = at("2026-01-22T17:00")
        .dw(&["who", "--role", "primary", "--field", "pagerduty"])
        .fails(2);
    assert!(err.contains("cy holds primary in week 2"), "{err}");
    // A covering member without the field is named as covering.
    let sandbox = at("2026-01-22T18:00");
    let path = sandbox.work().join(COVERS);
    let text = std::fs::read_to_string(&path)
        .expect("roster")
        .replace("pagerduty = \"PUSERBO\"\n", "");
    std::fs::write(&path, text).expect("write");
    let (out, err) = sandbox
        .dw(&["who", "--role", "primary", "--field", "pagerduty"])
        .fails(2);
    assert_eq!(out, "");
    assert!(err.contains("bo covers primary in week 2"), "{err}");
}

#[test]
fn who_json_keeps_the_weeks_ranks_and_lists_its_covers() {
    let doc = at("2026-01-22T18:00").dw(&["who", "--json"]).json();
    assert_week_shape(&doc);
    assert_eq!(doc["ranks"][0]["id"], "cy", "the ranks stay the week's");
    assert_eq!(
        doc["covers"],
        json!([
            {"rank": 1, "role": "primary", "id": "bo",
             "from": "2026-01-22T18:00:00+00:00", "to": "2026-01-23T08:00:00+00:00",
             "reason": "cy's evening out"},
            {"rank": 2, "role": "secondary", "id": "bo",
             "from": "2026-01-26T18:00:00+00:00", "to": "2026-01-27T10:00:00+00:00",
             "reason": ""}
        ])
    );
    let one = at("2026-01-22T18:00")
        .dw(&["who", "--json", "--role", "secondary"])
        .json();
    assert_eq!(one["covers"].as_array().map(Vec::len), Some(1));
    assert_eq!(one["covers"][0]["rank"], 2);
    let none = at("2026-01-14T12:00").dw(&["who", "--json"]).json();
    assert_eq!(none["covers"], json!([]));
}

#[test]
fn a_cover_crossing_a_handoff_appears_clipped_in_each_week() {
    let doc = at("2026-01-06T12:00")
        .dw(&["schedule", "--json", "--weeks", "5"])
        .json();
    let weeks = doc["weeks"].as_array().expect("weeks");
    for w in weeks {
        assert_week_shape(w);
    }
    let secondary = |k: usize| -> Vec<(String, String)> {
        weeks[k]["covers"]
            .as_array()
            .expect("covers")
            .iter()
            .filter(|c| c["rank"] == 2)
            .map(|c| (c["from"].to_string(), c["to"].to_string()))
            .collect()
    };
    assert_eq!(
        secondary(2),
        [(
            "\"2026-01-26T18:00:00+00:00\"".to_string(),
            "\"2026-01-27T10:00:00+00:00\"".to_string()
        )]
    );
    assert_eq!(
        secondary(3),
        [(
            "\"2026-01-27T10:00:00+00:00\"".to_string(),
            "\"2026-01-27T12:00:00+00:00\"".to_string()
        )]
    );
    assert_eq!(weeks[3]["ranks"][1]["id"], "ana", "bo covers ana in week 3");
    // At 11:00 on the handoff Tuesday, week 3, bo answers for the secondary.
    let id = at("2026-01-27T11:00")
        .dw(&["who", "--role", "secondary", "--field", "id"])
        .ok();
    assert_eq!(id, "bo\n");
    // The same weeks, one member: bo's covers, and those of cy's rank.
    let cy = at("2026-01-06T12:00")
        .dw(&["schedule", "--json", "--weeks", "5", "--member", "cy"])
        .json();
    assert_eq!(cy["weeks"][2]["covers"].as_array().map(Vec::len), Some(1));
    assert_eq!(cy["weeks"][3]["covers"], json!([]));
}

#[test]
fn schedule_tables_show_the_covers() {
    let table = at("2026-01-06T12:00")
        .dw(&["schedule", "--weeks", "5"])
        .ok();
    assert!(table.contains("cover"), "{table}");
    assert!(table.contains("bo Thu 18:00 → Fri"), "{table}");
    assert!(table.contains("bo Tue 10:00 → Tue"), "{table}");
    let bo = at("2026-01-06T12:00")
        .dw(&["schedule", "--weeks", "5", "--member", "bo"])
        .ok();
    assert!(bo.contains("covers primary"), "{bo}");
    let cy = at("2026-01-06T12:00")
        .dw(&["schedule", "--weeks", "5", "--member", "cy"])
        .ok();
    assert!(cy.contains("covered by bo"), "{cy}");
}

#[test]
fn explain_names_the_cover() {
    let out = at("2026-01-22T18:00").dw(&["explain"]).ok();
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("covers the primary for cy from Thu 2026-01-22 18:00 to Fri 2026-01-23 08:00 (cy's evening out), keeping their own rank"),
        "{out}"
    );
    assert!(
        flat.contains("covered by bo from Thu 2026-01-22 18:00"),
        "{out}"
    );
    let doc = at("2026-01-22T18:00")
        .dw(&["--json", "explain", "bo"])
        .json();
    assert_eq!(doc["members"][0]["covers"][0]["holder"], "cy");
}

#[test]
fn ics_splits_the_holders_event_around_the_cover_and_adds_one_for_it() {
    let text = at("2026-01-20T12:00")
        .dw(&[
            "schedule",
            "--ics",
            "--weeks",
            "2",
            "--roles",
            "primary,secondary",
        ])
        .ok();
    let cal = ical::IcalParser::new(BufReader::new(text.as_bytes()))
        .next()
        .expect("a VCALENDAR")
        .expect("the ical crate reads dw's output");
    let events: Vec<(String, String, String)> = cal
        .events
        .iter()
        .map(|e| {
            let get = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_default()
            };
            (get("DTSTART"), get("DTEND"), get("SUMMARY"))
        })
        .collect();
    let want = [
        (
            "20260120T100000",
            "20260122T180000",
            "primary: Cy (Example)",
        ),
        (
            "20260123T080000",
            "20260127T100000",
            "primary: Cy (Example)",
        ),
        (
            "20260122T180000",
            "20260123T080000",
            "primary (cover): Bo (Example)",
        ),
        (
            "20260120T100000",
            "20260126T180000",
            "secondary: Di (Example)",
        ),
        (
            "20260126T180000",
            "20260127T100000",
            "secondary (cover): Bo (Example)",
        ),
        (
            "20260127T100000",
            "20260203T100000",
            "primary: Di (Example)",
        ),
        (
            "20260127T120000",
            "20260203T100000",
            "secondary: Ana (Example)",
        ),
        (
            "20260127T100000",
            "20260127T120000",
            "secondary (cover): Bo (Example)",
        ),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(events, want);
}

#[test]
fn a_cover_that_cannot_apply_is_a_roster_error_with_its_position() {
    // (replacement of the first cover's member, words of the error)
    let text = fixture_text(COVERS);
    for (member, words) in [
        ("\"cy\"", "covers.toml:29:1: cover #1 (cy as primary, 2026-01-22T18:00 to 2026-01-23T08:00): \"cy\" is already primary in week 2"),
        ("\"boo\"", "cover #1 names unknown member \"boo\""),
    ] {
        let sandbox = Sandbox::empty();
        let bad = text.replacen("member = \"bo\"", &format!("member = {member}"), 1);
        sandbox.write("work/covers.toml", bad);
        sandbox
            .dw(&["--roster", "covers.toml", "--at", "2026-01-22T18:00", "check"])
            .run()
            .code(2)
            .stderr_has(words);
    }
    let sandbox = Sandbox::empty();
    let late = text.replacen("to = 2026-01-23T08:00", "to = 2026-01-22T08:00", 1);
    sandbox.write("work/covers.toml", late);
    sandbox
        .dw(&["--roster", "covers.toml", "--at", "2026-01-22T18:00", "who"])
        .run()
        .code(2)
        .stderr_has("cover #1 ends (2026-01-22 08:00:00) before or when it starts")
        .stderr_has("it must come after `from`");
    at("2026-01-22T18:00").dw(&["check"]).ok();
}

#[test]
fn roles_must_name_roles_and_filter_every_format() {
    for format in [&["--ics"][..], &["--json"], &[]] {
        let mut args = vec!["schedule", "--roles", "primary,pager"];
        args.extend_from_slice(format);
        at("2026-01-22T18:00")
            .dw(&args)
            .run()
            .code(2)
            .stderr_has("--roles: unknown role \"pager\"");
    }
    // Without --ics too (it once needed --ics): the table keeps the role's
    // column and its covers.
    let run = at("2026-01-22T18:00")
        .dw(&["schedule", "--roles", "secondary"])
        .run();
    run.code(0).stdout_has("SECONDARY").stdout_lacks("PRIMARY");
}
