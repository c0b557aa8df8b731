//! Unit tests of roster parsing and validation.

use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;

use super::lexical::{closest, next_weekday, parse_weekday};
use super::*;
use crate::validate::{parse, parse_bytes};

const MINIMAL: &str = r#"
[team]
name = "T"
timezone = "America/Chicago"
start = 2026-01-06

[[members]]
id = "ada"
name = "Ada"
email = "ada@example.com"
"#;

fn errors(text: &str) -> Vec<String> {
    match parse(text, "r.toml") {
        Ok(_) => vec![],
        Err(e) => e
            .diagnostics
            .iter()
            .map(|d| match d.position {
                Some((l, c)) => format!("{l}:{c}: {}", d.message),
                None => d.message.clone(),
            })
            .collect(),
    }
}

#[test]
fn minimal_roster_gets_defaults() {
    let r = parse(MINIMAL, "r.toml").unwrap();
    assert_eq!(r.team.handoff_day, Weekday::Tue);
    assert_eq!(
        r.team.handoff_time,
        NaiveTime::from_hms_opt(10, 0, 0).unwrap()
    );
    assert_eq!(r.team.roles, DEFAULT_ROLES);
    assert_eq!(r.members.len(), 1);
}

#[test]
fn timezone_defaults_to_utc() {
    let text = MINIMAL.replace("timezone = \"America/Chicago\"\n", "");
    assert_eq!(parse(&text, "r").unwrap().team.timezone, Tz::UTC);
}

#[test]
fn ordinals() {
    let cases = [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (111, "111th"),
    ];
    for (n, want) in cases {
        assert_eq!(ordinal(n), want);
    }
}

#[test]
fn every_error_is_reported_with_its_position() {
    let text = r#"
[team]
name = "T"
timezone = "Mars/Olympus"
handoff_day = "tuesday"
handoff_time = "25:00"
start = 2026-01-06
roles = []

[[members]]
id = "Ada!"
name = "Ada"
email = "ada.example.com"
emial = "x"

[[members]]
id = "bob"
name = "Bob"
email = "bob@example.com"
joined = 2026-03-01
left = 2026-02-01
away = [{ from = 2026-02-10, to = 2026-02-01 }]
"#;
    let errs = errors(text);
    let want = [
        "4:12: unknown time zone \"Mars/Olympus\" in [team]",
        "6:16: \"25:00\" in [team] handoff_time is not a time of day as HH:MM",
        "8:9: roles in [team] is empty",
        "11:6: member id \"Ada!\" is not of the form [a-z0-9._-]+",
        "13:9: email \"ada.example.com\" of member \"Ada!\" is not an email address",
        "14:1: unknown key `emial` in member \"Ada!\"",
        "21:8: member \"bob\" has left = 2026-02-01, which is not after joined = 2026-03-01",
        "22:35: away range of member \"bob\" ends (2026-02-01) before it starts (2026-02-10)",
    ];
    assert_eq!(errs, want);
}

#[test]
fn start_must_fall_on_the_handoff_day() {
    let errs = errors(&MINIMAL.replace("2026-01-06", "2026-01-07"));
    assert_eq!(
        errs,
        ["5:9: start 2026-01-07 is a wednesday, but handoff_day is tuesday"]
    );
}

#[test]
fn secret_looking_key_points_at_the_environment() {
    let err = parse(
        &MINIMAL.replace("[team]", "[team]\ntoken = \"xoxb-1\""),
        "r",
    )
    .unwrap_err();
    let d = &err.diagnostics[0];
    assert!(d.message.contains("looks like a secret"), "{}", d.message);
    assert!(d.hint.as_deref().unwrap_or("").contains("environment"));
}

#[test]
fn unknown_key_suggests_the_close_one() {
    let err = parse(&MINIMAL.replace("email =", "emali ="), "r").unwrap_err();
    let hints: Vec<_> = err
        .diagnostics
        .iter()
        .filter_map(|d| d.hint.clone())
        .collect();
    assert!(
        hints.iter().any(|h| h.contains("did you mean `email`")),
        "{hints:?}"
    );
}

#[test]
fn empty_and_binary_input_are_errors_not_panics() {
    assert_eq!(errors("  \n"), ["the roster is empty"]);
    let err = parse_bytes(b"[team]\nname = \"\xff\"", "r").unwrap_err();
    assert_eq!(err.diagnostics[0].position, Some((2, 9)));
    assert!(!errors("\u{0}\u{1}[[[").is_empty());
}

#[test]
fn deeply_nested_input_is_an_error_not_a_stack_overflow() {
    let text = format!("x = {}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(!errors(&text).is_empty());
    let text = format!("x = {}1{}", "{a=".repeat(50_000), "}".repeat(50_000));
    assert!(!errors(&text).is_empty());
}

#[test]
fn duplicate_ids_and_missing_keys() {
    let text = format!("{MINIMAL}\n[[members]]\nid = \"ada\"\nname = \"A2\"\n");
    let errs = errors(&text);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs.iter().any(|e| e.contains("used twice")), "{errs:?}");
    assert!(
        errs.iter()
            .any(|e| e.contains("missing the required key `email`")),
        "{errs:?}"
    );
}

#[test]
fn a_missing_team_name_is_hinted_with_a_neutral_example() {
    let err = parse(&MINIMAL.replace("name = \"T\"\n", ""), "r.toml").unwrap_err();
    let hints: Vec<&str> = err
        .diagnostics
        .iter()
        .filter_map(|d| d.hint.as_deref())
        .collect();
    assert_eq!(
        hints,
        ["add it, for example: name = \"Payments\""],
        "{err:?}"
    );
}

#[test]
fn repeated_role_name() {
    let errs = errors(&MINIMAL.replace("start =", "roles = [\"a\", \"A\"]\nstart ="));
    assert_eq!(errs, ["5:15: role \"A\" is named twice in [team] roles"]);
}

#[test]
fn quoted_date_gets_a_hint() {
    let err = parse(&MINIMAL.replace("2026-01-06", "\"2026-01-06\""), "r").unwrap_err();
    assert_eq!(
        err.diagnostics[0].hint.as_deref(),
        Some("remove the quotes: start = 2026-01-06")
    );
}

#[test]
fn every_override_error_is_reported_together() {
    let text = format!(
        "{MINIMAL}
[[members]]
id = \"bob\"
name = \"Bob\"
email = \"bob@example.com\"
away = [{{ from = 2026-01-06, to = 2026-01-08 }}]

[[overrides]]
week = 2026-01-06
role = \"secondary\"
member = \"bob\"

[[overrides]]
week = 2026-01-13
role = \"primary\"
member = \"ada\"

[[overrides]]
week = 2026-01-14
role = \"primary\"
member = \"bob\"

[[overrides]]
week = 2026-01-20
role = \"boss\"
member = \"ada\"
"
    );
    let errs = errors(&text);
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(
        errs[0].contains("\"bob\", who is away that week"),
        "{errs:?}"
    );
    assert!(
        errs[1].contains("overrides #2 and #3 both set the primary"),
        "{errs:?}"
    );
    assert!(
        errs[2].contains("override #4 names an unknown role"),
        "{errs:?}"
    );
}

#[test]
fn rank_of_accepts_names_numbers_and_ordinals() {
    let r = parse(MINIMAL, "r").unwrap();
    assert_eq!(r.rank_of("Secondary"), Rank::new(2));
    assert_eq!(r.rank_of("2"), Rank::new(2));
    assert_eq!(r.rank_of("0"), None);
    assert_eq!(r.rank_of("nope"), None);
    assert_eq!(r.role_name(crate::test_support::rank(4)), "4th");
}

#[test]
fn weekdays_are_english_names_or_their_first_three_letters() {
    for (s, want) in [
        ("tuesday", Some(Weekday::Tue)),
        ("Tue", Some(Weekday::Tue)),
        (" SUNDAY ", Some(Weekday::Sun)),
        ("wed", Some(Weekday::Wed)),
        ("tues", None),
        ("tuesdays", None),
        ("t", None),
        ("", None),
        ("dienstag", None),
    ] {
        assert_eq!(parse_weekday(s), want, "{s:?}");
    }
    assert_eq!(weekday_name(Weekday::Thu), "thursday");
    let wed = NaiveDate::from_ymd_opt(2026, 1, 7).expect("date");
    assert_eq!(
        next_weekday(wed, Weekday::Tue),
        NaiveDate::from_ymd_opt(2026, 1, 13).expect("date")
    );
}

#[test]
fn unknown_weekday_keeps_its_message() {
    let errs = errors(&MINIMAL.replace("start =", "handoff_day = \"tues\"\nstart ="));
    assert_eq!(
        errs,
        ["5:15: \"tues\" in [team] handoff_day is not a weekday"]
    );
}

#[test]
fn closest_suggests_within_a_third_of_the_length() {
    assert_eq!(closest("emial", &["email", "name"]), Some("email"));
    assert_eq!(closest("xyz", &["email", "name"]), None);
    assert_eq!(closest("handof_dya", &["handoff_day"]), Some("handoff_day"));
}

#[test]
fn rank_named_bounds_numbers_but_not_role_names() {
    let r = parse(MINIMAL, "r").unwrap();
    // Overrides: numbers and ordinals up to the member count; names always.
    assert_eq!(r.team.rank_named("tertiary", 1, 1), Rank::new(3));
    assert_eq!(r.team.rank_named("2", 1, 1), None);
    assert_eq!(r.team.rank_named("1st", 1, 1), Rank::new(1));
    assert_eq!(r.team.rank_named("2nd", 1, 1), None);
    // `rank_of`: any number from 1, ordinals up to members or roles.
    assert_eq!(r.rank_of("7"), Rank::new(7));
    assert_eq!(r.rank_of("3rd"), Rank::new(3));
    assert_eq!(r.rank_of("4th"), None);
}

#[test]
fn closest_suggests_a_unique_prefix_then_the_nearest_name() {
    let roles = ["primary", "secondary", "tertiary"];
    assert_eq!(closest("prim", &roles), Some("primary"));
    assert_eq!(closest("Sec", &roles), Some("secondary"));
    assert_eq!(closest("primray", &roles), Some("primary"));
    assert_eq!(closest("p", &roles), None);
    assert_eq!(closest("zzz", &roles), None);
    // Two names starting alike: no prefix guess.
    assert_eq!(closest("ad", &["ada", "adam"]), Some("ada"));
}

#[test]
fn role_choices_names_only_ranks_up_to_the_maximum() {
    let r = parse(MINIMAL, "r").unwrap();
    assert_eq!(
        r.team.role_choices(2),
        "a role name (primary, secondary) or a rank number from 1 to 2"
    );
    assert_eq!(
        r.team.role_choices(4),
        "a role name (primary, secondary, tertiary), an ordinal (4th) or a rank number from 1 to 4"
    );
    assert_eq!(
        r.team.role_choices(8),
        "a role name (primary, secondary, tertiary), an ordinal (4th to 8th) or a rank number from 1 to 8"
    );
}

/// Every (message, hint) of a roster that does not parse.
fn messages(text: &str) -> Vec<(String, String)> {
    match parse(text, "r.toml") {
        Ok(_) => vec![],
        Err(e) => e
            .diagnostics
            .into_iter()
            .map(|d| (d.message, d.hint.unwrap_or_default()))
            .collect(),
    }
}

#[test]
fn overrides_and_covers_name_roles_and_members_alike() {
    let long = "x".repeat(501);
    for (section, when) in [
        ("overrides", "week = 2026-01-13"),
        ("covers", "from = 2026-01-14T09:00\nto = 2026-01-14T17:00"),
    ] {
        let what = if section == "overrides" {
            "override"
        } else {
            "cover"
        };
        let text = format!(
            "{MINIMAL}
[[{section}]]
{when}
role = \" primray \"
member = \"ada\"

[[{section}]]
{when}
role = true
member = \"aad\"

[[{section}]]
{when}
role = 1
member = \"ada\"
reason = \"{long}\"
"
        );
        let got = messages(&text);
        let has = |message: &str, hint: &str| {
            got.iter()
                .any(|(m, h)| m.contains(message) && h.contains(hint))
        };
        assert!(
            has(
                &format!("{what} #1 names an unknown role \" primray \""),
                "did you mean \"primary\"?"
            ),
            "{section}: {got:?}"
        );
        assert!(
            has(
                &format!("{what} #2 names an unknown role (a boolean)"),
                "use "
            ),
            "{section}: {got:?}"
        );
        assert!(
            has(
                &format!("{what} #2 names unknown member \"aad\""),
                "did you mean \"ada\"?"
            ),
            "{section}: {got:?}"
        );
        assert!(
            has("the reason is 501 characters long", "at most 500"),
            "{section}: {got:?}"
        );
    }
}

#[test]
fn covers_past_the_limit_are_one_error() {
    let one =
        "[[covers]]\nrole = 1\nmember = \"ada\"\nfrom = 2026-01-14T09:00\nto = 2026-01-14T10:00\n";
    let text = format!("{MINIMAL}\n{}", one.repeat(limits::MAX_COVERS + 1));
    let got = messages(&text);
    assert!(
        got.iter()
            .any(|(m, _)| m.contains("10001 covers, more than the 10000 dw accepts")),
        "{:?}",
        got.first()
    );
}

fn hints(text: &str) -> Vec<String> {
    match parse(text, "r.toml") {
        Ok(_) => vec![],
        Err(e) => e
            .diagnostics
            .iter()
            .map(|d| d.hint.clone().unwrap_or_default())
            .collect(),
    }
}

#[test]
fn a_misspelt_time_zone_gets_a_did_you_mean() {
    for (typo, near) in [
        ("Europe/Berln", "Europe/Berlin"),
        ("america/chicgo", "America/Chicago"),
        ("America/NewYork", "America/New_York"),
    ] {
        let text = MINIMAL.replace("America/Chicago", typo);
        let hint = hints(&text).join("\n");
        assert!(
            hint.contains(&format!("did you mean \"{near}\"?")),
            "{typo}: {hint}"
        );
    }
    let far = hints(&MINIMAL.replace("America/Chicago", "Mars/Olympus")).join("\n");
    assert!(!far.contains("did you mean"), "{far}");
}

#[test]
fn a_handoff_time_may_have_a_one_digit_hour() {
    let r = parse(
        &MINIMAL.replace("start =", "handoff_time = \"9:00\"\nstart ="),
        "r.toml",
    )
    .unwrap();
    assert_eq!(
        r.team.handoff_time,
        NaiveTime::from_hms_opt(9, 0, 0).unwrap()
    );
    for bad in ["9:0", ":00", "123:00", "9:000", "24:00"] {
        let text = MINIMAL.replace("start =", &format!("handoff_time = \"{bad}\"\nstart ="));
        assert_eq!(errors(&text).len(), 1, "{bad}");
    }
}

#[test]
fn a_start_on_the_wrong_weekday_suggests_the_nearest_handoff_day() {
    // Wednesday 2026-01-07 → Tuesday 2026-01-06 (the day before), not the 13th;
    // Sunday 2026-01-04 → Tuesday 2026-01-06 (two days after).
    for (start, nearest) in [
        ("2026-01-07", "2026-01-06"),
        ("2026-01-04", "2026-01-06"),
        ("2026-01-09", "2026-01-06"),
        ("2026-01-10", "2026-01-13"),
    ] {
        let hint = hints(&MINIMAL.replace("2026-01-06", start)).join("\n");
        assert!(
            hint.contains(&format!("start = {nearest}")),
            "{start}: {hint}"
        );
    }
}

#[test]
fn a_rank_is_one_based_and_serialises_as_its_number() {
    assert_eq!(Rank::new(0), None);
    let third = Rank::new(3).expect("rank 3");
    assert_eq!((third.get(), third.index()), (3, 2));
    assert_eq!(Rank::from_index(2), third);
    assert_eq!(Rank::PRIMARY, Rank::from_index(0));
    assert_eq!(Rank::PRIMARY.get(), 1);
    assert!(Rank::PRIMARY < third);
    assert_eq!(third.to_string(), "3");
    assert_eq!(serde_json::to_string(&third).expect("json"), "3");
    assert_eq!(Rank::up_to(3).map(Rank::get).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(Rank::up_to(0).count(), 0);
    // Past the last index there is still a rank: never 0, never a panic.
    assert_eq!(Rank::from_index(usize::MAX).get(), usize::MAX);
}
