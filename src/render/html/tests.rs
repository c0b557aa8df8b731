use chrono::TimeZone;

use super::week::{clock_changes, ClockChange};
use super::*;
use crate::roster::MemberIx;

fn roster(text: &str) -> crate::roster::Roster {
    crate::validate::parse(text, "t").expect("valid roster")
}

fn page(text: &str, weeks: std::ops::Range<usize>, member: Option<usize>, at: &str) -> String {
    let roster = roster(text);
    let rot = Rotation::new(&roster);
    let now = DateTime::parse_from_rfc3339(at)
        .expect("instant")
        .with_timezone(&Utc);
    let member = member.map(MemberIx);
    schedule_html(
        &rot,
        &rot.weeks(WeekIx(weeks.start)..WeekIx(weeks.end)),
        &HtmlPage {
            member,
            now,
            ranks: None,
        },
    )
}

const TEAM: &str = r#"
[team]
name = "Q"
timezone = "America/Chicago"
start = 2026-01-06
roles = ["lead", "backup"]

[[members]]
id = "ada"
name = "Ada Lovelace"
email = "a@x"

[[members]]
id = "bo"
name = "Bo"
email = "b@x"
away = [{ from = 2026-01-20, to = 2026-01-22, reason = "PTO" }]

[[members]]
id = "cy"
name = "Cy Young"
email = "c@x"

[[covers]]
role = "lead"
member = "cy"
from = 2026-01-08T18:00
to = 2026-01-09T08:00
reason = "ada's evening out"
"#;

#[test]
fn the_script_hash_in_the_policy_is_the_scripts() {
    use base64::Engine;
    let digest = ring::digest::digest(&ring::digest::SHA256, SCRIPT.as_bytes());
    let want = format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest.as_ref())
    );
    assert_eq!(
        SCRIPT_HASH, want,
        "update SCRIPT_HASH after changing page.js"
    );
}

#[test]
fn initials_come_from_the_first_and_last_words() {
    for (name, id, want) in [
        ("Grace Hopper", "grace", "GH"),
        ("Ada King Lovelace", "ada", "AL"),
        ("Linus", "linus", "LI"),
        ("   ", "bo", "BO"),
        ("émile zola", "ez", "ÉZ"),
        ("<b> x", "x", "<X"),
    ] {
        assert_eq!(initials(name, id), want, "{name:?}");
    }
}

#[test]
fn the_feed_is_named_for_the_team_or_the_member() {
    assert_eq!(ics_feed_name(None), "dw.ics");
    assert_eq!(ics_feed_name(Some("grace")), "dw-grace.ics");
}

#[test]
fn clock_changes_are_found_to_the_second() {
    let chicago: Tz = "America/Chicago".parse().expect("zone");
    let from = chicago.with_ymd_and_hms(2026, 3, 3, 10, 0, 0).unwrap();
    let to = chicago.with_ymd_and_hms(2026, 3, 10, 10, 0, 0).unwrap();
    assert_eq!(
        clock_changes(&from, &to),
        vec![ClockChange {
            at: chicago.with_ymd_and_hms(2026, 3, 8, 3, 0, 0).unwrap(),
            seconds: 3600
        }]
    );
    let fall_from = chicago.with_ymd_and_hms(2026, 10, 27, 10, 0, 0).unwrap();
    let fall_to = chicago.with_ymd_and_hms(2026, 11, 3, 10, 0, 0).unwrap();
    let changes = clock_changes(&fall_from, &fall_to);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].seconds, -3600);
    assert_eq!(changes[0].at.to_rfc3339(), "2026-11-01T01:00:00-06:00");
    // Lord Howe moves by half an hour: back on 5 April, forward on 4 October 2026.
    let lh: Tz = "Australia/Lord_Howe".parse().expect("zone");
    let april = clock_changes(
        &lh.with_ymd_and_hms(2026, 3, 31, 10, 0, 0).unwrap(),
        &lh.with_ymd_and_hms(2026, 4, 7, 10, 0, 0).unwrap(),
    );
    assert_eq!(april.len(), 1);
    assert_eq!(april[0].seconds, -1800);
    assert_eq!(april[0].at.to_rfc3339(), "2026-04-05T01:30:00+10:30");
    let october = clock_changes(
        &lh.with_ymd_and_hms(2026, 9, 29, 10, 0, 0).unwrap(),
        &lh.with_ymd_and_hms(2026, 10, 6, 10, 0, 0).unwrap(),
    );
    assert_eq!(october[0].seconds, 1800);
    assert_eq!(october[0].at.to_rfc3339(), "2026-10-04T02:30:00+11:00");
    // A week without a change, and UTC.
    assert!(clock_changes(&to, &(to + chrono::Duration::days(7))).is_empty());
    let utc: Tz = "UTC".parse().expect("zone");
    let t = utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
    assert!(clock_changes(&t, &(t + chrono::Duration::days(400))).is_empty());
}

#[test]
fn the_page_has_the_weeks_roles_covers_and_away() {
    let html = page(TEAM, 0..4, None, "2026-01-08T12:00:00-06:00");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\""));
    assert!(html.ends_with("</html>\n"));
    for k in 0..4 {
        assert!(html.contains("<tbody class=\"week"), "{k}");
        assert!(html.contains(&format!("data-week=\"{k}\" id=\"week-{k}\"")));
        assert!(html.contains(&format!("data-week=\"{k}\" data-role=\"lead\"")));
        assert!(html.contains(&format!("data-week=\"{k}\" data-role=\"backup\"")));
    }
    assert!(html.contains("data-week=\"0\" data-role=\"lead\" data-member=\"cy\" data-from=\"2026-01-08T18:00:00-06:00\" data-to=\"2026-01-09T08:00:00-06:00\""));
    assert!(html.contains("<span class=\"why\">ada&#39;s evening out</span>"));
    assert!(
        html.contains("data-week=\"2\" data-member=\"bo\""),
        "bo is away in week 2"
    );
    assert!(html.contains("id=\"today\" aria-current=\"date\""));
    assert!(html.contains("data-date=\"2026-01-08\" id=\"today\""));
    assert!(html.contains("Week 0 <span class=\"badge\">this week</span>"));
    assert!(html.contains("href=\"dw.ics\""));
    assert!(html.contains("Made by dw"));
    assert!(html.contains("Thu 8 Jan 2026 12:00 CST"));
    assert_eq!(html.matches("<script").count(), 1);
}

#[test]
fn member_highlight_marks_only_their_cells() {
    let html = page(TEAM, 0..4, Some(2), "2026-01-08T12:00:00-06:00");
    assert!(html.contains("href=\"dw-cy.ics\""));
    assert!(html.contains("class=\"cover m2 me\""));
    assert!(!html.contains("class=\"holder m0 me\""));
    assert!(html.contains("◆</span>cy covers lead Thu 18:00"));
}

#[test]
fn dst_weeks_are_marked() {
    // Weeks 8 (2026-03-03) and 42 (2026-10-27) hold the clock changes.
    let html = page(TEAM, 7..44, None, "2026-03-03T12:00:00-06:00");
    let dst_weeks: Vec<&str> = html
        .match_indices("<tbody class=\"week")
        .map(|(i, _)| &html[i..i + 80])
        .filter(|s| s.split('"').nth(1).is_some_and(|c| c.contains("dst")))
        .collect();
    assert_eq!(dst_weeks.len(), 2, "{dst_weeks:?}");
    assert!(dst_weeks[0].contains("data-week=\"8\""));
    assert!(dst_weeks[1].contains("data-week=\"42\""));
    assert!(html.contains("<time datetime=\"2026-03-08T03:00:00-05:00\">Sun 8 Mar 2026, 02:00 → 03:00</time> (clocks go forward 1 h)"));
    assert!(html.contains("clocks go back 1 h"));
}

#[test]
fn hostile_roster_text_stays_text() {
    let text = r#"
[team]
name = "<script>alert('team')</script>"
timezone = "UTC"
start = 2026-01-06
roles = ["lead", "backup"]

[[members]]
id = "a"
name = "</td></tr></table><script>alert(3)</script>"
email = "a@x"
away = [{ from = 2026-01-13, to = 2026-01-14, reason = "<iframe src=//evil>" }]

[[members]]
id = "b"
name = "B & 'quote' \" onmouseover=\"alert(2)"
email = "b@x"

[[covers]]
role = 1
member = "b"
from = 2026-01-07T18:00
to = 2026-01-08T08:00
reason = "--><!-- \"><svg onload=alert(4)>"
"#;
    let html = page(text, 0..3, Some(0), "2026-01-07T12:00:00Z");
    assert_eq!(html.matches("<script").count(), 1, "only the page's script");
    for bad in [
        "<img",
        "<iframe",
        "<svg",
        "<!--",
        "onmouseover=\"",
        "</td></tr></table><",
    ] {
        assert!(!html.contains(bad), "{bad} in the page");
    }
    assert!(html.contains("&lt;script&gt;alert(&#39;team&#39;)&lt;/script&gt; on call"));
    assert!(html.contains("B &amp; &#39;quote&#39;"));
}
