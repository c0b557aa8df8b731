//! The commented roster `dw init` writes: one pure function from the
//! settings to TOML 1.0 text. The file is built from sections (`[team]`,
//! `[slack]`, `[pagerduty]`, the members), each with comments that explain
//! its settings, so that more sections can be added to [`sections`] later.

use chrono::Datelike;

use super::{NewMember, NewRoster};
use crate::roster::weekday_name;

/// The roster text for `roster`: TOML 1.0, every setting explained.
pub fn render(roster: &NewRoster) -> String {
    let mut text = String::new();
    for (i, section) in sections(roster).iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(section);
    }
    text
}

/// The parts of the file in order, each ending in a newline: the header,
/// `[team]`, `[slack]`, `[pagerduty]`, the members, and what comes later.
pub fn sections(roster: &NewRoster) -> Vec<String> {
    vec![
        header(roster),
        team(roster),
        slack(roster),
        pagerduty(roster),
        handbook(roster),
        members(&roster.members),
        later(),
    ]
}

/// A TOML basic string: `"…"` with `\` and `"` escaped, and any control
/// character as `\uXXXX` (the roster's rules refuse those anyway).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn header(roster: &NewRoster) -> String {
    // The team name goes into a comment: keep it on one line.
    let name: String = roster
        .team
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!(
        "# The on-call roster of {name}: the source of truth for dw.\n\
         # Written by `dw init`. Check it with `dw check` after every change; edit it\n\
         # by hand or with `dw away`, `dw swap`, `dw cover`, `dw join` and `dw leave`.\n\
         # No secrets here: the PagerDuty and Slack tokens come from the environment.\n"
    )
}

fn team(roster: &NewRoster) -> String {
    let roles: Vec<String> = roster.roles.iter().map(|r| quote(r)).collect();
    let day = weekday_name(roster.handoff_day);
    format!(
        "[team]\n\
         # The team's name, as announcements and calendars show it.\n\
         name = {name}\n\
         # The time zone every date and time of this file is read in (an IANA name).\n\
         timezone = {tz}\n\
         # Weeks run from one handoff to the next: this weekday, at this local time (HH:MM).\n\
         handoff_day = {day}\n\
         handoff_time = {time}\n\
         # Week 0 begins at the handoff on this date, which must be a {weekday}. From\n\
         # then on the members take the first rank in file order, one week each.\n\
         start = {start}\n\
         # The names of ranks 1, 2, 3 … Each week's {second} is next in line: the\n\
         # {first} of the week after. Ranks past this list are named {past}, {past2} …\n\
         roles = [{roles}]\n",
        name = quote(&roster.team),
        tz = quote(roster.timezone.name()),
        day = quote(day),
        weekday = day,
        time = quote(&roster.handoff_time.format("%H:%M").to_string()),
        start = format_date(roster.start),
        roles = roles.join(", "),
        first = role(roster, 1),
        second = role(roster, 2),
        past = crate::roster::ordinal(roster.roles.len() + 1),
        past2 = crate::roster::ordinal(roster.roles.len() + 2),
    )
}

/// The name of a 1-based rank for a comment: the team's role name (on one
/// line), or its ordinal past the list.
fn role(roster: &NewRoster, rank: usize) -> String {
    match roster.roles.get(rank - 1) {
        Some(name) => name
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect(),
        None => crate::roster::ordinal(rank),
    }
}

fn format_date(d: chrono::NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `key = "value"`, or the same line commented out with `example` when unset.
fn setting(key: &str, value: Option<&str>, example: &str) -> String {
    match value {
        Some(v) => format!("{key} = {}\n", quote(v)),
        None => format!("# {key} = {}\n", quote(example)),
    }
}

fn slack(roster: &NewRoster) -> String {
    format!(
        "[slack]\n\
         # The team channel: handoff notes (`dw handoff --post`) and the week's\n\
         # ranks (`dw announce --post`, `--topic`) go here. The bot must be a member.\n\
         {channel}\
         # Where `dw incident start` announces a new incident (without it: the team\n\
         # channel above, and `dw check` warns).\n\
         {incident}\
         # The user group (its handle, without @) that `dw announce --group` keeps\n\
         # on this week's {first} and {second}.\n\
         # group = \"oncall\"\n",
        channel = setting("channel", roster.slack_channel.as_deref(), "#team"),
        incident = setting(
            "incident_channel",
            roster.incident_channel.as_deref(),
            "#incidents"
        ),
        first = role(roster, 1),
        second = role(roster, 2),
    )
}

fn pagerduty(roster: &NewRoster) -> String {
    let schedules = if roster.pagerduty_schedules.is_empty() {
        let first = roster.roles.first().map_or("primary", String::as_str);
        format!("# schedules = {{ {first} = \"PXXXXXX\" }}\n")
    } else {
        let pairs: Vec<String> = roster
            .pagerduty_schedules
            .iter()
            .map(|(role, id)| format!("{} = {}", table_key(role), quote(id)))
            .collect();
        format!("schedules = {{ {} }}\n", pairs.join(", "))
    };
    format!(
        "[pagerduty]\n\
         # The service `dw incident start` opens incidents on when --service is not\n\
         # given, and the escalation policy it pages.\n\
         # service = \"PXXXXXX\"\n\
         # escalation_policy = \"PXXXXXX\"\n\
         # The PagerDuty schedule of each role (role name = schedule ID):\n\
         # `dw sync pagerduty` writes this roster into them as overrides and\n\
         # `dw check --pagerduty` compares them with it.\n\
         {schedules}"
    )
}

/// The team's handbook, commented out: `[duties]`, `[handoff]` and
/// `[analysis]` with dw's built-in words, for the team to make its own.
/// Uncommented, it is a valid part of the roster.
pub fn handbook(roster: &NewRoster) -> String {
    let first = roster.roles.first().map_or("primary", String::as_str);
    let day = crate::handbook::day_name(roster.handoff_day);
    let questions: Vec<String> = crate::handbook::QUESTIONS
        .iter()
        .map(|q| quote(q))
        .collect();
    let exempt: Vec<String> = crate::handbook::TESTING_PHASE_EXEMPT
        .iter()
        .map(|q| quote(q))
        .collect();
    format!(
        "# The team's handbook (optional). Without these sections dw says its built-in\n\
         # one, in this roster's role names and handoff day. Uncomment to use your own.\n\
         # What each role does, one list per role name; `beyond` for the ranks past them:\n\
         # [duties]\n\
         # {key} = [\"On call through PagerDuty\", \"Triage customer issues\"]\n\
         # beyond = [\"Project work, as decided at the weekly planning\"]\n\
         #\n\
         # The day before the handoff, and the handoff meeting on {day}:\n\
         # [handoff]\n\
         # prepare = {prepare}\n\
         # meeting = {meeting}\n\
         #\n\
         # Services that need no incident analysis when rolled back while they are\n\
         # tested in production, and the sections of `dw incident analysis --write`:\n\
         # [analysis]\n\
         # testing_phase_exempt = [{exempt}]\n\
         # questions = [{questions}]\n",
        key = table_key(first),
        prepare = quote(crate::handbook::PREPARE),
        meeting = quote(crate::handbook::MEETING),
        exempt = exempt.join(", "),
        questions = questions.join(", "),
    )
}

/// A role name as a TOML key: bare when it can be (role names are letters,
/// digits, `-` and `_`), else quoted.
fn table_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        key.to_string()
    } else {
        quote(key)
    }
}

fn members(members: &[NewMember]) -> String {
    let mut text = String::from(
        "# The members, one [[members]] entry each, in rotation order:\n\
         #   id         unique, lower case a-z, 0-9, '.', '_', '-': what commands take\n\
         #   name, email\n\
         #   slack      the Slack member ID (U…), for mentions and reminders\n\
         #              (in Slack: the profile, ⋮, Copy member ID)\n\
         #   pagerduty  the PagerDuty user ID (P…), for `dw sync pagerduty`\n\
         #   joined     the first date on the rotation; `left` the first date off it\n\
         #              (or `dw join` and `dw leave`)\n\
         #   away       time off, inclusive dates, or `dw away add`:\n\
         #              away = [{ from = 2026-07-06, to = 2026-07-17, reason = \"holiday\" }]\n",
    );
    for m in members {
        text.push_str("\n[[members]]\n");
        text.push_str(&format!("id = {}\n", quote(&m.id)));
        text.push_str(&format!("name = {}\n", quote(&m.name)));
        text.push_str(&format!("email = {}\n", quote(&m.email)));
        if let Some(slack) = &m.slack {
            text.push_str(&format!("slack = {}\n", quote(slack)));
        }
        if let Some(pd) = &m.pagerduty {
            text.push_str(&format!("pagerduty = {}\n", quote(pd)));
        }
    }
    text
}

fn later() -> String {
    "# Swaps and covers come later, with `dw swap` ([[overrides]]: one week's\n\
     # ranks exchanged) and `dw cover` ([[covers]]: a rank handed over for a few\n\
     # hours or days). `dw plan` shows what a change moves before you commit it.\n"
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::init::NewMember;
    use chrono::{NaiveTime, Weekday};

    fn team() -> NewRoster {
        NewRoster {
            team: "Payments".into(),
            timezone: chrono_tz::Europe::Berlin,
            handoff_day: Weekday::Mon,
            handoff_time: NaiveTime::from_hms_opt(9, 30, 0).unwrap(),
            start: "2026-03-02".parse().unwrap(),
            roles: vec!["primary".into(), "secondary".into()],
            slack_channel: Some("#payments".into()),
            incident_channel: None,
            pagerduty_schedules: Vec::new(),
            members: vec![
                NewMember {
                    id: "ada".into(),
                    name: "Ada \"the Countess\" Lovelace".into(),
                    email: "ada@example.com".into(),
                    slack: Some("U0000000A".into()),
                    pagerduty: None,
                },
                NewMember {
                    id: "grace".into(),
                    name: "Grace Hopper".into(),
                    email: "grace@example.com".into(),
                    slack: None,
                    pagerduty: Some("PUSER0B".into()),
                },
            ],
        }
    }

    #[test]
    fn the_template_is_a_roster_dw_accepts_with_every_setting() {
        let text = render(&team());
        let roster =
            crate::validate::parse(&text, "roster.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(roster.team.name, "Payments");
        assert_eq!(roster.team.timezone, chrono_tz::Europe::Berlin);
        assert_eq!(roster.team.handoff_day, Weekday::Mon);
        assert_eq!(roster.team.handoff_time.to_string(), "09:30:00");
        assert_eq!(roster.team.start.to_string(), "2026-03-02");
        assert_eq!(roster.team.roles, ["primary", "secondary"]);
        assert_eq!(roster.slack.channel.as_deref(), Some("#payments"));
        assert_eq!(roster.slack.incident_channel, None);
        assert!(roster.pagerduty.schedules.is_empty());
        let members: Vec<(&str, &str, Option<&str>, Option<&str>)> = roster
            .members
            .iter()
            .map(|m| {
                (
                    m.id.as_str(),
                    m.name.as_str(),
                    m.slack.as_deref(),
                    m.pagerduty.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            members,
            [
                (
                    "ada",
                    "Ada \"the Countess\" Lovelace",
                    Some("U0000000A"),
                    None
                ),
                ("grace", "Grace Hopper", None, Some("PUSER0B")),
            ]
        );
        // Unset settings are shown, commented out, with what they are for.
        assert!(
            text.contains("# incident_channel = \"#incidents\"\n"),
            "{text}"
        );
        assert!(
            text.contains("# schedules = { primary = \"PXXXXXX\" }\n"),
            "{text}"
        );
        assert!(text.contains("must be a monday."), "{text}");
    }

    #[test]
    fn schedules_are_written_per_role() {
        let mut t = team();
        t.pagerduty_schedules = vec![
            ("primary".into(), "PSCHED1".into()),
            ("secondary".into(), "PSCHED2".into()),
        ];
        let text = render(&t);
        assert!(text.contains("\nschedules = { primary = \"PSCHED1\", secondary = \"PSCHED2\" }\n"));
        let roster = crate::validate::parse(&text, "roster.toml").unwrap();
        assert_eq!(roster.pagerduty.schedules["secondary"], "PSCHED2");
    }

    #[test]
    fn comments_name_the_teams_roles() {
        let mut r = team();
        r.roles = vec!["pager".into(), "backup".into()];
        let text = render(&r);
        assert!(
            text.contains("# The names of ranks 1, 2, 3 … Each week's backup is next in line: the\n# pager of the week after. Ranks past this list are named 3rd, 4th …\n"),
            "{text}"
        );
        assert!(
            text.contains("# on this week's pager and backup.\n"),
            "{text}"
        );
        let comments: String = text.lines().filter(|l| l.starts_with('#')).collect();
        assert!(!comments.contains("primary"), "{text}");
        assert!(!comments.contains("secondary"), "{text}");
        // One role: rank 2 is named by its ordinal.
        r.roles = vec!["pager".into()];
        let text = render(&r);
        assert!(text.contains("# on this week's pager and 2nd.\n"), "{text}");
        assert!(text.contains("are named 2nd, 3rd …\n"), "{text}");
    }

    #[test]
    fn strings_are_toml_basic_strings() {
        assert_eq!(quote("plain"), "\"plain\"");
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("tab\there"), "\"tab\\u0009here\"");
        assert_eq!(quote("Zoë"), "\"Zoë\"");
    }

    #[test]
    fn a_control_character_in_the_team_name_cannot_end_the_header_comment() {
        let mut t = team();
        t.team = "A\nB = 1".into();
        let header = &sections(&t)[0];
        assert_eq!(header.lines().count(), 4, "{header}");
    }

    #[test]
    fn the_handbook_sections_are_commented_and_valid_when_uncommented() {
        let mut r = team();
        r.roles = vec!["pager".into(), "backup".into()];
        r.handoff_day = Weekday::Wed;
        r.start = "2026-03-04".parse().unwrap();
        let text = render(&r);
        let roster = crate::validate::parse(&text, "roster.toml").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(roster.handbook, crate::roster::Handbook::default());
        let book = handbook(&r);
        assert!(book.contains("# pager = ["), "{book}");
        assert!(book.contains("handoff meeting on Wednesday"), "{book}");
        let uncommented: String = book
            .lines()
            .map(|l| l.strip_prefix("# ").or(l.strip_prefix('#')).unwrap_or(l))
            .filter(|l| l.starts_with('[') || l.contains(" = "))
            .map(|l| format!("{l}\n"))
            .collect();
        let text = text.replace(&book, &uncommented);
        let roster =
            crate::validate::parse(&text, "roster.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(
            roster.handbook.duties[&crate::roster::Rank::PRIMARY].len(),
            2
        );
        assert_eq!(
            roster.handbook.meeting.as_deref(),
            Some(crate::handbook::MEETING)
        );
        assert_eq!(
            roster
                .handbook
                .testing_phase_exempt
                .as_deref()
                .map(<[String]>::len),
            Some(2)
        );
    }
}
