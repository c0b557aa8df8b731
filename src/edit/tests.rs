use super::*;

use proptest::prelude::*;

use crate::rotation::{Rotation, WeekIx};
use crate::test_support::rank;
use crate::validate::parse;

const ROSTER: &str = include_str!("../../tests/fixtures/edit/roster.toml");

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Lines of `new` that are not in `old` and lines of `old` not in `new`, in order.
fn changed(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let diff = similar::TextDiff::from_lines(old, new);
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    for c in diff.iter_all_changes() {
        let line = c.value().trim_end_matches('\n').to_string();
        match c.tag() {
            similar::ChangeTag::Insert => added.push(line),
            similar::ChangeTag::Delete => removed.push(line),
            similar::ChangeTag::Equal => {}
        }
    }
    (added, removed)
}

#[test]
fn away_add_adds_one_line_or_one_element() {
    let out = away_add(
        ROSTER,
        "ada",
        d("2026-04-01"),
        d("2026-04-02"),
        Some("dentist"),
    )
    .unwrap();
    let (added, removed) = changed(ROSTER, &out);
    assert_eq!(
        added,
        ["away = [{ from = 2026-04-01, to = 2026-04-02, reason = \"dentist\" }]"]
    );
    assert!(removed.is_empty());
    // One per line: a new line, indented like the others, comments untouched.
    let out = away_add(ROSTER, "ken", d("2026-10-01"), d("2026-10-02"), None).unwrap();
    let (added, removed) = changed(ROSTER, &out);
    assert_eq!(added, ["    { from = 2026-10-01, to = 2026-10-02 },"]);
    assert!(removed.is_empty(), "{removed:?}");
    assert!(out.contains("    { from = 2026-08-03, to = 2026-08-14 },\n    { from = 2026-10-01"));
    // On one line: after the others, while the line stays short.
    let short = ROSTER.replace(", reason = \"PTO\"", "");
    let out = away_add(&short, "grace", d("2026-10-01"), d("2026-10-02"), None).unwrap();
    assert!(out.contains(
        "away = [{ from = 2026-02-12, to = 2026-02-20 }, { from = 2026-10-01, to = 2026-10-02 }]"
    ));
}

#[test]
fn away_remove_removes_the_range_and_an_emptied_list() {
    let out = away_remove(ROSTER, "grace", d("2026-02-12")).unwrap();
    let (added, removed) = changed(ROSTER, &out);
    assert!(added.is_empty(), "{added:?}");
    // The comment right above the emptied `away` goes with it.
    assert_eq!(
        removed,
        [
            "# two weeks off in February",
            "away = [{ from = 2026-02-12, to = 2026-02-20, reason = \"PTO\" }]"
        ]
    );
    let out = away_remove(ROSTER, "ken", d("2026-05-04")).unwrap();
    parse(&out, "t").unwrap();
    assert!(!out.contains("2026-05-04"));
    assert!(out.contains("2026-08-03"));
    let e = away_remove(ROSTER, "ken", d("2026-05-05")).unwrap_err();
    assert!(e.hint.contains("2026-05-04, 2026-08-03"), "{e:?}");
    let e = away_remove(ROSTER, "ada", d("2026-05-05")).unwrap_err();
    assert!(e.hint.contains("no away ranges"), "{e:?}");
}

#[test]
fn unknown_members_and_broken_toml_are_refused() {
    let e = away_add(ROSTER, "nobody", d("2026-04-01"), d("2026-04-02"), None).unwrap_err();
    assert!(e.message.contains("\"nobody\""), "{e:?}");
    assert!(e.hint.contains("ada, grace, linus, ken"), "{e:?}");
    assert!(leave("[team", "ada", d("2026-04-01")).is_err());
    let e = join(
        ROSTER,
        &NewMember {
            id: "ada".into(),
            name: "A".into(),
            email: "a@x".into(),
            slack: None,
            pagerduty: None,
            joined: None,
        },
    )
    .unwrap_err();
    assert!(e.message.contains("already"), "{e:?}");
}

#[test]
fn leave_replaces_a_left_date_in_place_keeping_its_comment() {
    let out = leave(ROSTER, "linus", d("2026-07-07")).unwrap();
    let (added, removed) = changed(ROSTER, &out);
    assert_eq!(added, ["left = 2026-07-07            # moving teams"]);
    assert_eq!(removed, ["left = 2027-01-05            # moving teams"]);
    let out = leave(ROSTER, "ada", d("2026-07-07")).unwrap();
    assert_eq!(changed(ROSTER, &out).0, ["left = 2026-07-07"]);
}

#[test]
fn new_entries_go_after_the_last_of_their_kind() {
    let out = join(
        ROSTER,
        &NewMember {
            id: "alan".into(),
            name: "Alan Turing".into(),
            email: "alan@example.com".into(),
            slack: None,
            pagerduty: Some("PUSER9".into()),
            joined: Some(d("2026-06-02")),
        },
    )
    .unwrap();
    let member = "\n[[members]]\nid = \"alan\"\nname = \"Alan Turing\"\nemail = \"alan@example.com\"\npagerduty = \"PUSER9\"\njoined = 2026-06-02\n\n# --- one-off changes ---";
    assert!(out.contains(member), "{out}");
    let swap = NewOverride {
        week: d("2026-03-10"),
        role: RoleRef::Name("secondary".into()),
        member: "ada".into(),
        reason: "swap".into(),
    };
    let out = add_overrides(ROSTER, &[swap]).unwrap();
    assert!(out.ends_with("reason = \"grace at a wedding\"\n\n[[overrides]]\nweek = 2026-03-10\nrole = \"secondary\"\nmember = \"ada\"\nreason = \"swap\"\n\n# end of roster\n"), "{out}");
    let cover = NewCover {
        role: RoleRef::Rank(rank(4)),
        member: "ken".into(),
        from: d("2026-03-11").and_hms_opt(18, 0, 0).unwrap(),
        to: d("2026-03-12").and_hms_opt(8, 30, 0).unwrap(),
        reason: None,
    };
    let out = add_cover(ROSTER, &cover).unwrap();
    assert!(out.contains("\n[[covers]]\nrole = 4\nmember = \"ken\"\nfrom = 2026-03-11T18:00:00\nto = 2026-03-12T08:30:00\n\n# end of roster\n"), "{out}");
}

#[test]
fn covers_are_toml_1_0_with_seconds_and_keep_the_seconds_given() {
    let cover = NewCover {
        role: RoleRef::Name("primary".into()),
        member: "ken".into(),
        from: d("2026-03-12").and_hms_opt(18, 0, 30).unwrap(),
        to: d("2026-03-13").and_hms_opt(8, 0, 0).unwrap(),
        reason: None,
    };
    let out = add_cover(ROSTER, &cover).unwrap();
    assert!(
        out.contains("from = 2026-03-12T18:00:30\nto = 2026-03-13T08:00:00\n"),
        "{out}"
    );
    let covers = parse(&out, "t").unwrap().covers;
    assert_eq!(covers.last().map(|c| c.from), Some(cover.from));
}

#[test]
fn a_crlf_roster_stays_crlf_after_every_edit() {
    let crlf = ROSTER.replace('\n', "\r\n");
    let cover = NewCover {
        role: RoleRef::Rank(rank(1)),
        member: "ken".into(),
        from: d("2026-03-11").and_hms_opt(18, 0, 0).unwrap(),
        to: d("2026-03-12").and_hms_opt(8, 0, 0).unwrap(),
        reason: None,
    };
    let outs = [
        away_add(&crlf, "ada", d("2026-04-01"), d("2026-04-02"), None).unwrap(),
        away_add(&crlf, "ken", d("2026-11-01"), d("2026-11-02"), None).unwrap(),
        away_remove(&crlf, "ken", d("2026-05-04")).unwrap(),
        add_cover(&crlf, &cover).unwrap(),
        leave(&crlf, "ada", d("2026-07-07")).unwrap(),
    ];
    for out in outs {
        assert_ne!(out, crlf);
        let lone = out.replace("\r\n", "").matches('\n').count();
        assert_eq!(lone, 0, "a line ending in LF alone:\n{out:?}");
        parse(&out, "t").unwrap();
    }
    // An LF roster gets no CR.
    let out = away_add(ROSTER, "ada", d("2026-04-01"), d("2026-04-02"), None).unwrap();
    assert!(!out.contains('\r'));
}

#[test]
fn a_comment_after_the_last_away_entry_stays_with_it() {
    let text = ROSTER.replace(
        "    { from = 2026-08-03, to = 2026-08-14 },\n",
        "    { from = 2026-08-03, to = 2026-08-14 }, # booked\n",
    );
    let out = away_add(&text, "ken", d("2026-12-01"), d("2026-12-02"), None).unwrap();
    assert!(
        out.contains(
            "    { from = 2026-08-03, to = 2026-08-14 }, # booked\n    { from = 2026-12-01, to = 2026-12-02 },\n]"
        ),
        "{out}"
    );
    let (added, removed) = changed(&text, &out);
    assert_eq!(added, ["    { from = 2026-12-01, to = 2026-12-02 },"]);
    assert!(removed.is_empty(), "{removed:?}");
    // Without a trailing comma too.
    let text = ROSTER.replace(
        "    { from = 2026-08-03, to = 2026-08-14 },\n",
        "    { from = 2026-08-03, to = 2026-08-14 } # booked\n",
    );
    let out = away_add(&text, "ken", d("2026-12-01"), d("2026-12-02"), None).unwrap();
    assert!(
        out.contains("2026-08-14 }, # booked\n    { from = 2026-12-01, to = 2026-12-02 }\n]"),
        "{out}"
    );
    parse(&out, "t").unwrap();
}

#[test]
fn a_long_inline_away_list_turns_one_entry_per_line() {
    // grace's one-line list would pass MAX_INLINE_LINE with a second entry.
    let out = away_add(
        ROSTER,
        "grace",
        d("2026-10-01"),
        d("2026-10-02"),
        Some("a long weekend"),
    )
    .unwrap();
    assert!(
        out.contains(
            "away = [\n    { from = 2026-02-12, to = 2026-02-20, reason = \"PTO\" },\n    { from = 2026-10-01, to = 2026-10-02, reason = \"a long weekend\" },\n]\n"
        ),
        "{out}"
    );
    assert!(out.lines().all(|l| l.chars().count() <= MAX_INLINE_LINE));
    assert_eq!(parse(&out, "t").unwrap().members[1].away.len(), 2);
    // Then two more holidays each add their own line: they do not conflict.
    let a = away_add(&out, "grace", d("2026-11-02"), d("2026-11-03"), None).unwrap();
    let b = away_add(&out, "grace", d("2026-12-01"), d("2026-12-02"), None).unwrap();
    assert_eq!(changed(&out, &a).0.len(), 1);
    assert_eq!(changed(&out, &b).0.len(), 1);
}

#[test]
fn the_diff_is_unified() {
    let out = leave(ROSTER, "ada", d("2026-07-07")).unwrap();
    let diff = unified_diff("roster.toml", ROSTER, &out);
    assert!(
        diff.starts_with("--- a/roster.toml\n+++ b/roster.toml\n@@ "),
        "{diff}"
    );
    assert!(diff.contains("\n+left = 2026-07-07\n"), "{diff}");
}

/// Ranks of every week in `weeks`, as member ids.
fn ranks(text: &str, weeks: std::ops::Range<usize>) -> Vec<Vec<String>> {
    let roster = parse(text, "t").unwrap();
    let rot = Rotation::new(&roster);
    rot.weeks(WeekIx(weeks.start)..WeekIx(weeks.end))
        .iter()
        .map(|w| {
            w.ranks
                .iter()
                .map(|s| roster.members[s.member].id.clone())
                .collect()
        })
        .collect()
}

const TEAM: &str = "[team]\nname = \"T\"\ntimezone = \"UTC\"\nstart = 2026-01-06\n\n[[members]]\nid = \"a\"\nname = \"A\"\nemail = \"a@x\"\n\n[[members]]\nid = \"b\"\nname = \"B\"\nemail = \"b@x\"\n\n[[members]]\nid = \"c\"\nname = \"C\"\nemail = \"c@x\"\n\n[[members]]\nid = \"d\"\nname = \"D\"\nemail = \"d@x\"\naway = [{ from = 2026-02-03, to = 2026-02-05 }]\n\n[[members]]\nid = \"e\"\nname = \"E\"\nemail = \"e@x\"\n";

proptest! {
    /// A swap as `dw swap` writes it (ID1 at ID2's rank) changes exactly its
    /// week, and there only the two members' ranks, which they exchange.
    #[test]
    fn a_swap_changes_exactly_its_week_and_the_two_ranks(
        week in 0usize..12, first in 0usize..5, second in 0usize..5,
    ) {
        prop_assume!(first != second);
        let before = ranks(TEAM, 0..14);
        let roster = parse(TEAM, "t").unwrap();
        let ids = ["a", "b", "c", "d", "e"];
        let (p1, p2) = (
            before[week].iter().position(|m| m == ids[first]),
            before[week].iter().position(|m| m == ids[second]),
        );
        prop_assume!(p1.is_some() && p2.is_some());
        let (p1, p2) = (p1.unwrap(), p2.unwrap());
        let rot = Rotation::new(&roster);
        let entry = NewOverride {
            week: rot.dates(WeekIx(week)).0 + chrono::Duration::days(3),
            role: RoleRef::Rank(Rank::from_index(p2)),
            member: ids[first].into(),
            reason: "swap".into(),
        };
        let text = add_overrides(TEAM, &[entry]).unwrap();
        let after = ranks(&text, 0..14);
        for k in 0..14 {
            if k != week {
                prop_assert_eq!(&after[k], &before[k], "week {}", k);
            }
        }
        let mut want = before[week].clone();
        want.swap(p1, p2);
        prop_assert_eq!(&after[week], &want);
    }
}

#[test]
fn role_ref_names_a_rank_while_the_roster_names_it() {
    let r = parse(ROSTER, "roster.toml").expect("roster");
    assert_eq!(
        RoleRef::for_rank(&r, rank(1)),
        RoleRef::Name("primary".into())
    );
    assert_eq!(
        RoleRef::for_rank(&r, rank(3)),
        RoleRef::Name("tertiary".into())
    );
    assert_eq!(RoleRef::for_rank(&r, rank(4)), RoleRef::Rank(rank(4)));
}
