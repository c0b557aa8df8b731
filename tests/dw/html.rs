//! `dw schedule --html`: the calendar page, read back with an HTML parser
//! and held against `dw schedule --json` week by week (holders, covers,
//! away), for the bundled roster, a DST roster (Europe/Berlin, a handoff in
//! the spring gap) and Lord Howe (half-hour clock changes); hostile roster
//! text stays text; the page asks for nothing outside itself.

use std::collections::BTreeSet;

use chrono::DateTime;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::support::{Sandbox, BUNDLED};

pub(super) fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"))
}

pub(super) fn attr<'a>(e: &ElementRef<'a>, name: &str) -> &'a str {
    e.value()
        .attr(name)
        .unwrap_or_else(|| panic!("no {name} on {}", e.html()))
}

pub(super) fn text(e: &ElementRef<'_>) -> String {
    e.text().collect::<String>()
}

/// The text of the first `css` under `e`, if any.
pub(super) fn inner(e: &ElementRef<'_>, css: &str) -> Option<String> {
    e.select(&sel(css)).next().map(|x| text(&x))
}

/// The page and the JSON of the same command line.
pub(super) fn page_and_json(sandbox: &Sandbox, args: &[&str]) -> (Html, Value) {
    let mut html_args = vec!["schedule", "--html"];
    html_args.extend(args);
    let page = sandbox.dw(&html_args).ok();
    let mut json_args = vec!["--json", "schedule"];
    json_args.extend(args);
    let json = sandbox.dw(&json_args).json();
    let doc = Html::parse_document(&page);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    (doc, json)
}

/// Every week of the JSON is a row group of the page with the same holder
/// in each of `roles` (the roles the page shows, by name), the same covers
/// of them and the same members away.
pub(super) fn assert_page_matches_json(doc: &Html, json: &Value, roles: &[&str]) {
    let weeks = json["weeks"].as_array().expect("weeks");
    let groups: Vec<ElementRef> = doc.select(&sel("table.grid > tbody")).collect();
    assert_eq!(groups.len(), weeks.len(), "one row group per week");
    // The columns: week, role, seven days, away.
    let heads: Vec<String> = doc
        .select(&sel("table.grid thead th"))
        .map(|h| text(&h))
        .collect();
    assert_eq!(heads.len(), 10, "{heads:?}");
    for (w, group) in weeks.iter().zip(&groups) {
        let k = w["week"].as_u64().expect("week").to_string();
        assert_eq!(attr(group, "data-week"), k);
        // Every cell of the group is of this week.
        for cell in group.select(&sel("[data-week]")) {
            assert_eq!(attr(&cell, "data-week"), k, "{}", cell.html());
        }
        // The handoffs.
        let times: Vec<&str> = group
            .select(&sel("th.wk time.handoff"))
            .map(|t| attr(&t, "datetime"))
            .collect();
        assert_eq!(
            times,
            [w["start"].as_str().unwrap(), w["end"].as_str().unwrap()],
            "week {k}"
        );
        // Seven dates, and the week is marked DST exactly when it ends at
        // another offset than it starts (not by its length: a handoff in
        // the spring gap makes a 168-hour week across a change).
        assert_eq!(group.select(&sel("td.day[data-date]")).count(), 7);
        let start = DateTime::parse_from_rfc3339(w["start"].as_str().unwrap()).unwrap();
        let end = DateTime::parse_from_rfc3339(w["end"].as_str().unwrap()).unwrap();
        let dst = attr(group, "class").split(' ').any(|c| c == "dst");
        assert_eq!(dst, start.offset() != end.offset(), "week {k} DST mark");
        assert_eq!(group.select(&sel("th.wk .dst")).count() > 0, dst);

        // One holder cell per named role.
        let ranks = w["ranks"].as_array().unwrap();
        for role in roles {
            let cells: Vec<ElementRef> = group
                .select(&sel(&format!("td.holder[data-role=\"{role}\"]")))
                .collect();
            assert_eq!(cells.len(), 1, "week {k} {role}");
            let cell = &cells[0];
            match ranks.iter().find(|r| r["role"] == *role) {
                Some(r) => {
                    assert_eq!(attr(cell, "data-member"), r["id"], "week {k} {role}");
                    assert_eq!(inner(cell, ".name").as_deref(), r["name"].as_str());
                    assert_eq!(inner(cell, ".id").as_deref(), r["id"].as_str());
                    let initials = inner(cell, ".chip").expect("initials");
                    assert!(!initials.trim().is_empty());
                    match r["override"].as_str() {
                        Some(reason) => {
                            let ovr = inner(cell, ".ovr").expect("override mark");
                            assert_eq!(ovr, format!("override{reason}"), "week {k}");
                        }
                        None => assert!(inner(cell, ".ovr").is_none()),
                    }
                    let label = attr(cell, "aria-label");
                    assert!(
                        label.starts_with(&format!("{role} in week {k}: ")),
                        "{label}"
                    );
                }
                None => assert_eq!(attr(cell, "data-member"), "", "week {k} {role}"),
            }
        }
        assert_eq!(
            group.select(&sel("td.holder")).count(),
            roles.len(),
            "only the named roles"
        );

        // Covers of the named roles, with their span and reason.
        let want: BTreeSet<(String, String, String, String, String)> = w["covers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| roles.contains(&c["role"].as_str().unwrap()))
            .map(|c| {
                (
                    c["role"].as_str().unwrap().to_string(),
                    c["id"].as_str().unwrap().to_string(),
                    c["from"].as_str().unwrap().to_string(),
                    c["to"].as_str().unwrap().to_string(),
                    c["reason"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let got: BTreeSet<(String, String, String, String, String)> = group
            .select(&sel(".cover"))
            .map(|c| {
                (
                    attr(&c, "data-role").to_string(),
                    attr(&c, "data-member").to_string(),
                    attr(&c, "data-from").to_string(),
                    attr(&c, "data-to").to_string(),
                    inner(&c, ".why").unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(got, want, "covers of week {k}");
        // A cover sits under its role's row, on the days it spans.
        for c in group.select(&sel(".cover")) {
            let row = c
                .ancestors()
                .filter_map(ElementRef::wrap)
                .find(|e| e.value().name() == "tr")
                .expect("a row");
            assert_eq!(attr(&row, "data-role"), attr(&c, "data-role"));
            assert!(attr(&row, "class").contains("covers"));
        }

        // Away.
        let want: BTreeSet<(String, Option<String>)> = w["away"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["id"].as_str().unwrap().to_string(),
                    a["reason"]
                        .as_str()
                        .filter(|r| !r.is_empty())
                        .map(str::to_string),
                )
            })
            .collect();
        let got: BTreeSet<(String, Option<String>)> = group
            .select(&sel("td.away li"))
            .map(|li| (attr(&li, "data-member").to_string(), inner(&li, ".why")))
            .collect();
        assert_eq!(got, want, "away in week {k}");
    }
}

/// The page asks for nothing outside itself: no `src`, links only to the
/// page itself, the feed and the members' feeds beside it (`dw-ID.ics`), a
/// policy that forbids loading anything.
pub(super) fn assert_self_contained(doc: &Html, feed: &str) {
    for e in doc.select(&sel("*")) {
        let el = e.value();
        assert!(el.attr("src").is_none(), "{}", e.html());
        for (name, _) in el.attrs() {
            assert!(
                !name.starts_with("on"),
                "event handler {name} in {}",
                e.html()
            );
        }
        if let Some(href) = el.attr("href") {
            let member_feed = href
                .strip_prefix("dw-")
                .and_then(|h| h.strip_suffix(".ics"))
                .is_some_and(|id| {
                    !id.is_empty()
                        && id.chars().all(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c)
                        })
                });
            assert!(
                href.starts_with('#') || href == feed || member_feed,
                "link {href}"
            );
        }
        assert!(
            !matches!(
                el.name(),
                "link" | "img" | "iframe" | "object" | "embed" | "svg" | "base"
            ),
            "{}",
            e.html()
        );
    }
    let style: String = doc.select(&sel("style")).map(|s| text(&s)).collect();
    assert!(
        !style.contains("url(") && !style.contains("@import"),
        "CSS loads nothing"
    );
    let policy = doc
        .select(&sel("meta[http-equiv=\"Content-Security-Policy\"]"))
        .next()
        .expect("a policy");
    assert!(attr(&policy, "content").starts_with("default-src 'none';"));
    assert_eq!(doc.select(&sel("script")).count(), 1);
    assert!(doc.select(&sel("script[src]")).next().is_none());
}

#[test]
fn bundled_roster_page_agrees_with_json() {
    let sandbox = Sandbox::with(BUNDLED);
    let (doc, json) = page_and_json(&sandbox, &["--from", "2026-01-06", "--weeks", "30"]);
    assert_page_matches_json(&doc, &json, &["primary", "secondary", "tertiary"]);
    assert_self_contained(&doc, "dw.ics");
    // The covers and the away week of the bundled roster are there.
    assert!(doc.select(&sel(".cover[data-member=\"ken\"]")).count() >= 1);
    assert!(
        doc.select(&sel("td.away li[data-member=\"grace\"]"))
            .count()
            >= 1
    );
    // Today (--at 2026-03-03T12:00) is one outlined cell, in the current week.
    let today: Vec<ElementRef> = doc.select(&sel("[aria-current=\"date\"]")).collect();
    assert_eq!(today.len(), 1);
    assert_eq!(attr(&today[0], "data-date"), "2026-03-03");
    assert_eq!(attr(&today[0], "id"), "today");
    let current: Vec<&str> = doc
        .select(&sel("tbody.current"))
        .map(|g| attr(&g, "data-week"))
        .collect();
    assert_eq!(current, ["8"]);
    // The page's words follow the roster: team, zone, role names.
    assert_eq!(
        text(&doc.select(&sel("h1")).next().unwrap()),
        "Dreamwork on call"
    );
    let caption = text(&doc.select(&sel("caption")).next().unwrap());
    assert!(
        caption.contains("America/Chicago") && caption.contains("weeks 0–29"),
        "{caption}"
    );
    // Generated at --at, in the team's zone.
    let footer = text(&doc.select(&sel("footer")).next().unwrap());
    assert!(footer.contains("Tue 3 Mar 2026 12:00 CST"), "{footer}");
    // The legend lists the whole team, each with their own feed.
    assert_eq!(doc.select(&sel(".team li[data-member]")).count(), 8);
    let feeds: Vec<&str> = doc
        .select(&sel(".team li a[href]"))
        .map(|a| attr(&a, "href"))
        .collect();
    assert_eq!(feeds.len(), 8);
    assert_eq!(feeds[0], "dw-ada.ics");
    // The subscribe link of the team page is the team's feed.
    let subscribe = doc
        .select(&sel("header a[type=\"text/calendar\"]"))
        .next()
        .unwrap();
    assert_eq!(attr(&subscribe, "href"), "dw.ics");
}

#[test]
fn default_weeks_are_the_schedules() {
    let sandbox = Sandbox::with(BUNDLED);
    let (doc, json) = page_and_json(&sandbox, &[]);
    assert_eq!(json["weeks"].as_array().unwrap().len(), 8);
    assert_page_matches_json(&doc, &json, &["primary", "secondary", "tertiary"]);
}

#[test]
fn dst_roster_page_agrees_with_json() {
    let sandbox = Sandbox::empty()
        .roster("html-dst.toml")
        .at("2026-03-25T12:00");
    let (doc, json) = page_and_json(&sandbox, &["--from", "2026-01-04", "--weeks", "52"]);
    assert_page_matches_json(&doc, &json, &["erste", "zweite"]);
    assert_self_contained(&doc, "dw.ics");
    let dst: Vec<&str> = doc
        .select(&sel("tbody.dst"))
        .map(|g| attr(&g, "data-week"))
        .collect();
    assert_eq!(dst, ["11", "42"]);
    // The handoff in the spring gap happens at 03:30 CEST.
    let week12 = doc
        .select(&sel("tbody[data-week=\"12\"] time.handoff"))
        .next()
        .unwrap();
    assert_eq!(attr(&week12, "datetime"), "2026-03-29T03:30:00+02:00");
    assert_eq!(text(&week12), "Sun 29 Mar 03:30 CEST");
    let mark = text(
        &doc.select(&sel("tbody[data-week=\"11\"] th.wk .dst"))
            .next()
            .unwrap(),
    );
    assert_eq!(
        mark,
        "DST Sun 29 Mar 2026, 02:00 → 03:00 (clocks go forward 1 h)"
    );
    let mark = text(
        &doc.select(&sel("tbody[data-week=\"42\"] th.wk .dst"))
            .next()
            .unwrap(),
    );
    assert_eq!(
        mark,
        "DST Sun 25 Oct 2026, 03:00 → 02:00 (clocks go back 1 h)"
    );
}

#[test]
fn lord_howe_page_agrees_with_json() {
    let sandbox = Sandbox::empty()
        .roster("html-lord-howe.toml")
        .at("2026-04-05T01:45");
    let (doc, json) = page_and_json(&sandbox, &["--from", "2026-01-03", "--weeks", "53"]);
    assert_page_matches_json(&doc, &json, &["primary", "secondary", "tertiary"]);
    let dst: Vec<&str> = doc
        .select(&sel("tbody.dst"))
        .map(|g| attr(&g, "data-week"))
        .collect();
    assert_eq!(dst, ["13", "39"]);
    let mark = text(
        &doc.select(&sel("tbody[data-week=\"13\"] th.wk .dst"))
            .next()
            .unwrap(),
    );
    assert_eq!(
        mark,
        "DST Sun 5 Apr 2026, 02:00 → 01:30 (clocks go back 30 min)"
    );
    let mark = text(
        &doc.select(&sel("tbody[data-week=\"39\"] th.wk .dst"))
            .next()
            .unwrap(),
    );
    assert_eq!(
        mark,
        "DST Sun 4 Oct 2026, 02:00 → 02:30 (clocks go forward 30 min)"
    );
    // No letter abbreviation: the offset.
    let start = doc
        .select(&sel("tbody[data-week=\"14\"] time.handoff"))
        .next()
        .unwrap();
    assert_eq!(text(&start), "Sat 11 Apr 10:00 +10:30");
    // Two covers on the same day of one role share a cell, in order.
    let cells: Vec<ElementRef> = doc
        .select(&sel(
            "tbody[data-week=\"39\"] tr.covers[data-role=\"secondary\"] td.cover-cell",
        ))
        .collect();
    assert_eq!(cells.len(), 1);
    let who: Vec<&str> = cells[0]
        .select(&sel(".cover"))
        .map(|c| attr(&c, "data-member"))
        .collect();
    assert_eq!(who, ["ash", "bea"]);
    assert_eq!(
        attr(&cells[0], "colspan"),
        "2",
        "Sat evening to Sun morning"
    );
    // Today is the day of the fold.
    let today = doc.select(&sel("[aria-current=\"date\"]")).next().unwrap();
    assert_eq!(attr(&today, "data-date"), "2026-04-05");
}

#[test]
fn a_week_nobody_holds_says_so() {
    // Week 4 of nobody.toml: both members away; weeks 3 and 5 have one.
    let sandbox = Sandbox::empty()
        .roster("nobody.toml")
        .at("2026-01-06T10:00");
    let (doc, json) = page_and_json(&sandbox, &["--weeks", "6"]);
    assert_page_matches_json(&doc, &json, &["primary", "secondary", "tertiary"]);
    let empty: Vec<ElementRef> = doc
        .select(&sel("tbody[data-week=\"4\"] td.holder"))
        .collect();
    assert_eq!(empty.len(), 3);
    for cell in empty {
        assert_eq!(attr(&cell, "data-member"), "");
        assert_eq!(text(&cell), "nobody available");
    }
}

#[test]
fn member_highlights_their_weeks_covers_and_feed() {
    let sandbox = Sandbox::with(BUNDLED);
    let page = sandbox
        .dw(&[
            "schedule",
            "--html",
            "--from",
            "2026-01-06",
            "--weeks",
            "20",
            "--member",
            "ken",
        ])
        .ok();
    let doc = Html::parse_document(&page);
    assert_self_contained(&doc, "dw-ken.ics");
    // Every highlighted cell is ken's, and every cell of ken's is highlighted.
    for e in doc.select(&sel("table.grid .me")) {
        assert_eq!(attr(&e, "data-member"), "ken", "{}", e.html());
    }
    for e in doc.select(&sel("table.grid [data-member=\"ken\"]")) {
        assert!(
            attr(&e, "class").split(' ').any(|c| c == "me"),
            "{}",
            e.html()
        );
    }
    // His cover of grace's primary is marked, and his week groups too.
    assert_eq!(
        doc.select(&sel(".cover.me[data-member=\"ken\"]")).count(),
        1
    );
    let json = sandbox
        .dw(&[
            "--json",
            "schedule",
            "--from",
            "2026-01-06",
            "--weeks",
            "20",
            "--member",
            "ken",
        ])
        .json();
    let his_weeks: BTreeSet<String> = json["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| {
            w["ranks"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["rank"].as_u64().unwrap() <= 3)
                || w["covers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c["id"] == "ken")
                || !w["away"].as_array().unwrap().is_empty()
        })
        .map(|w| w["week"].to_string())
        .collect();
    let marked: BTreeSet<String> = doc
        .select(&sel("tbody.mine"))
        .map(|g| attr(&g, "data-week").to_string())
        .collect();
    assert_eq!(marked, his_weeks);
    assert!(!marked.is_empty());
}

#[test]
fn html_conflicts_with_json_and_ics() {
    let sandbox = Sandbox::with(BUNDLED);
    for args in [
        vec!["schedule", "--html", "--ics"],
        vec!["schedule", "--ics", "--html"],
        vec!["schedule", "--html", "--json"],
        vec!["--json", "schedule", "--html"],
    ] {
        sandbox
            .run(&args)
            .code(2)
            .stderr_has("cannot be used with")
            .stdout_is("")
            .no_panic();
    }
    sandbox
        .run(&["schedule", "--html", "--member", "nobody"])
        .code(2)
        .stderr_has("--member");
}

const HOSTILE: &str = r#"# Roster text is untrusted: it must stay text on the page.
[team]
name = "<script>alert('team')</script> & co"
timezone = "UTC"
start = 2026-01-06
roles = ["lead", "backup"]

[[members]]
id = "a"
name = "</td></tr></table><script>alert(1)</script>"
email = "a@example.com"
away = [{ from = 2026-01-13, to = 2026-01-14, reason = "<iframe src=//evil.example>" }]

[[members]]
id = "b"
name = "\"><img src=x onerror=alert(2)>"
email = "b@example.com"

[[members]]
id = "c"
name = "C ' onmouseover='alert(3)"
email = "c@example.com"

[[overrides]]
week = 2026-01-20
role = "lead"
member = "c"
reason = "<b>bold</b> &amp; <!-- comment"

[[covers]]
role = "lead"
member = "b"
from = 2026-01-07T18:00:00
to = 2026-01-08T08:00:00
reason = "--><svg onload=alert(4)> ]]>"
"#;

#[test]
fn hostile_roster_text_is_shown_as_written() {
    let sandbox = Sandbox::empty().at("2026-01-07T12:00:00Z");
    sandbox.write("work/hostile.toml", HOSTILE);
    let page = sandbox
        .bare()
        .args(["--roster", "hostile.toml", "--at", "2026-01-07T12:00:00Z"])
        .args(["schedule", "--html", "--weeks", "4", "--member", "a"])
        .ok();
    let doc = Html::parse_document(&page);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert_self_contained(&doc, "dw-a.ics");
    // Nothing but the grid's own elements came out of the strings.
    for tag in ["b", "img", "iframe", "svg"] {
        assert_eq!(doc.select(&sel(tag)).count(), 0, "<{tag}>");
    }
    assert_eq!(doc.select(&sel("table")).count(), 1);
    // Each string reads back exactly as written.
    let h1 = text(&doc.select(&sel("h1")).next().unwrap());
    assert_eq!(h1, "<script>alert('team')</script> & co on call");
    let names: BTreeSet<String> = doc
        .select(&sel("td.holder .name"))
        .map(|n| text(&n))
        .collect();
    assert!(
        names.contains("</td></tr></table><script>alert(1)</script>"),
        "{names:?}"
    );
    assert!(
        names.contains("\"><img src=x onerror=alert(2)>"),
        "{names:?}"
    );
    assert!(names.contains("C ' onmouseover='alert(3)"), "{names:?}");
    let why = text(&doc.select(&sel(".cover .why")).next().unwrap());
    assert_eq!(why, "--><svg onload=alert(4)> ]]>");
    let ovr = text(&doc.select(&sel(".holder .ovr")).next().unwrap());
    assert_eq!(ovr, "override<b>bold</b> &amp; <!-- comment");
    let away = text(&doc.select(&sel("td.away .why")).next().unwrap());
    assert_eq!(away, "<iframe src=//evil.example>");
    // Attribute values too.
    let label = doc
        .select(&sel("td.holder[data-member=\"b\"]"))
        .next()
        .map(|c| attr(&c, "aria-label").to_string())
        .unwrap();
    assert!(
        label.ends_with(": \"><img src=x onerror=alert(2)> (b)"),
        "{label}"
    );
    // And the same page agrees with the JSON.
    let json = sandbox
        .bare()
        .args(["--roster", "hostile.toml", "--at", "2026-01-07T12:00:00Z"])
        .args(["--json", "schedule", "--weeks", "4"])
        .json();
    let (doc, _) = (
        Html::parse_document(
            &sandbox
                .bare()
                .args(["--roster", "hostile.toml", "--at", "2026-01-07T12:00:00Z"])
                .args(["schedule", "--html", "--weeks", "4"])
                .ok(),
        ),
        (),
    );
    assert_page_matches_json(&doc, &json, &["lead", "backup"]);
}
