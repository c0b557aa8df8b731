//! The team's handbook in the words dw says it: each role's duties, the
//! handoff routine and the analysis rules, from the roster's `[duties]`,
//! `[handoff]` and `[analysis]`, with dw's built-in handbook (the one of the
//! bundled Dreamwork roster) for whatever the roster leaves out.
//!
//! The built-in texts name no fixed role or weekday: they take the roster's
//! role names and handoff day. Pure: a roster in, texts out.

use chrono::Weekday;

use crate::roster::{Rank, Roster, SlackSettings};

/// The built-in `[handoff] prepare`: what the incoming people do the day before.
pub const PREPARE: &str =
    "find a stopping point in what you are working on, so you can put it down for the handoff";
/// The built-in `[handoff] meeting`: when, on the handoff day, the handoff meeting is.
pub const MEETING: &str = "after standup";
/// The built-in `[analysis] testing_phase_exempt`.
pub const TESTING_PHASE_EXEMPT: [&str; 2] = ["check", "documentation"];
/// The built-in `[analysis] questions`: the sections of the analysis template.
pub const QUESTIONS: [&str; 7] = [
    "Summary",
    "Customer impact",
    "Timeline",
    "Root cause",
    "What went well",
    "What went badly",
    "Action items",
];
/// The channel the built-in handbook names for incidents: used only when
/// the roster cannot be read at all.
pub const INCIDENT_CHANNEL: &str = "#org-reliability-ff";

/// `Tuesday`: the weekday in English, capitalised, as texts use it.
pub fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// `[handoff] prepare`, else the built-in one; no final full stop (texts add their own).
pub fn prepare(roster: &Roster) -> &str {
    roster
        .handbook
        .prepare
        .as_deref()
        .map_or(PREPARE, |p| p.trim().trim_end_matches('.'))
}

/// `[handoff] meeting`, else the built-in one; no final full stop.
pub fn meeting(roster: &Roster) -> &str {
    roster
        .handbook
        .meeting
        .as_deref()
        .map_or(MEETING, |m| m.trim().trim_end_matches('.'))
}

/// The duties of a rank: the roster's `[duties]` for a named role
/// (`beyond` past the named roles), else the built-in ones.
pub fn duties(roster: &Roster, rank: Rank) -> Vec<String> {
    let book = &roster.handbook;
    let given = if rank.get() <= roster.team.roles.len() {
        book.duties.get(&rank)
    } else {
        book.beyond.as_ref()
    };
    match given {
        Some(list) => list.clone(),
        None => vec![built_in_duties(roster, rank)],
    }
}

/// The duties of a rank as one text: one duty as it is; several joined into
/// one paragraph (`; ` between phrases, a space after a full sentence).
pub fn duties_text(duties: &[String]) -> String {
    let mut out = String::new();
    for (i, d) in duties.iter().enumerate() {
        let d = d.trim();
        if i > 0 {
            let sentence = out.ends_with(['.', '!', '?']);
            out.push_str(if sentence { " " } else { "; " });
        }
        out.push_str(d);
    }
    out
}

/// The built-in handbook's duties of a rank, in the roster's words: its
/// role names, handoff day, handoff meeting and Slack places.
fn built_in_duties(roster: &Roster, rank: Rank) -> String {
    let first = roster.role_name(Rank::PRIMARY);
    match rank.get() {
        1 => {
            let day = day_name(roster.team.handoff_day);
            let when = match &roster.handbook.meeting {
                None => format!("after {day} standup"),
                Some(_) => format!("on {day} {}", meeting(roster)),
            };
            format!(
                "On call through PagerDuty; triages customer issues and works active customer \
                 issues; otherwise picks small, droppable tickets. Meets the next in line {when} \
                 to hand over customer issues."
            )
        }
        2 => format!(
            "Backup on PagerDuty and help for the {first}; maintenance and docs; answers Slack \
             questions ({}); moderates standup, issue sweep and retro; reviews the {first}'s PRs. \
             May do project work, but switches when the {first} needs help.",
            slack_places(&roster.slack)
        ),
        _ => "Project or feature work, or technical debt chosen at the weekly issue sweep; \
              backup on call through PagerDuty."
            .into(),
    }
}

/// Where the team's questions arrive: `pings for @team, messages in #channel`.
fn slack_places(slack: &SlackSettings) -> String {
    let mut places = Vec::new();
    if let Some(group) = &slack.group {
        places.push(format!("pings for @{}", group.trim_start_matches('@')));
    }
    if let Some(channel) = &slack.channel {
        places.push(format!("messages in {channel}"));
    }
    if places.is_empty() {
        places.push("the team's group and channel".into());
    }
    places.join(", ")
}

/// What `dw roles` says under its table about the ranks it does not show
/// (those past rank `shown`): that they share the last shown rank's duties
/// (`Ranks past these are "tertiary and beyond".`), or theirs. `shown` is
/// at least 1.
pub fn beyond_note(roster: &Roster, shown: usize) -> String {
    let last = Rank::from_index(shown.saturating_sub(1));
    let past = duties(roster, Rank::from_index(shown));
    if past == duties(roster, last) {
        format!(
            "Ranks past these are \"{} and beyond\".\n",
            roster.role_name(last)
        )
    } else {
        format!("Ranks past these: {}\n", duties_text(&past))
    }
}

/// The analysis rules of `[analysis]`, else the built-in ones: also for
/// `dw incident analysis` without a roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalysisRules {
    /// Services exempt when rolled back during their production testing phase.
    pub testing_phase_exempt: Vec<String>,
    /// The sections of the analysis template, in order.
    pub questions: Vec<String>,
}

impl Default for AnalysisRules {
    fn default() -> Self {
        AnalysisRules {
            testing_phase_exempt: TESTING_PHASE_EXEMPT.map(String::from).to_vec(),
            questions: QUESTIONS.map(String::from).to_vec(),
        }
    }
}

impl AnalysisRules {
    /// The roster's rules, the built-in ones where it gives none.
    pub fn of(roster: &Roster) -> Self {
        let book = &roster.handbook;
        let default = AnalysisRules::default();
        AnalysisRules {
            testing_phase_exempt: book
                .testing_phase_exempt
                .clone()
                .unwrap_or(default.testing_phase_exempt),
            questions: book.questions.clone().unwrap_or(default.questions),
        }
    }

    /// Whether `service` is exempt: compared without case, surrounding
    /// space, a ` service` suffix or a plural `s`; `docs` is `documentation`.
    pub fn exempts(&self, service: &str) -> bool {
        let s = normalise(service);
        !s.is_empty()
            && self.testing_phase_exempt.iter().any(|e| {
                let e = normalise(e);
                s == e || format!("{s}s") == e || format!("{e}s") == s
            })
    }

    /// The exempt services for a sentence: `a Check or Documentation
    /// service`; `None` when no service is exempt.
    pub fn exempt_phrase(&self) -> Option<String> {
        let names: Vec<String> = self
            .testing_phase_exempt
            .iter()
            .map(|n| capitalised(n.trim()))
            .collect();
        let list = match names.as_slice() {
            [] => return None,
            [one] => one.clone(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        };
        let article = match list.chars().next() {
            Some(c) if "AEIOUaeiou".contains(c) => "an",
            _ => "a",
        };
        Some(format!("{article} {list} service"))
    }
}

fn normalise(service: &str) -> String {
    let s = service.trim().to_lowercase();
    let s = s.strip_suffix(" service").unwrap_or(&s).trim().to_string();
    match s.as_str() {
        "doc" | "docs" => "documentation".into(),
        _ => s,
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::rank;
    use crate::validate::parse;

    const BERLIN: &str = "[team]\nname = \"Relay\"\ntimezone = \"Europe/Berlin\"\n\
        handoff_day = \"wednesday\"\nstart = 2026-01-07\nroles = [\"pager\", \"backup\", \"shadow\"]\n\n\
        [slack]\nchannel = \"#relay\"\n\n";

    fn roster(more: &str) -> Roster {
        let mut text = BERLIN.to_string();
        text.push_str(more);
        for id in ["a", "b", "c", "d", "e"] {
            text.push_str(&format!(
                "\n[[members]]\nid = \"{id}\"\nname = \"{id}\"\nemail = \"{id}@example.com\"\n"
            ));
        }
        parse(&text, "t.toml").unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn built_in_duties_take_the_rosters_roles_and_day() {
        let r = roster("");
        let all: Vec<String> = (1..=5).map(|k| duties_text(&duties(&r, rank(k)))).collect();
        assert!(all[0].contains("after Wednesday standup"), "{}", all[0]);
        assert!(all[1].contains("help for the pager;"), "{}", all[1]);
        assert!(all[1].contains("messages in #relay"), "{}", all[1]);
        for text in &all {
            for word in ["Tuesday", "primary", "secondary", "tertiary"] {
                assert!(!text.contains(word), "{word} in {text}");
            }
        }
        assert_eq!(all[2], all[4]);
        assert_eq!(
            beyond_note(&r, 3),
            "Ranks past these are \"shadow and beyond\".\n"
        );
    }

    #[test]
    fn the_rosters_duties_and_routine_replace_the_built_in_ones() {
        let r = roster(
            "[duties]\npager = [\"Carry the pager\", \"Triage alerts\"]\n\
             beyond = [\"Roadmap work.\", \"Review PRs\"]\n\n\
             [handoff]\nprepare = \"wrap up by Tuesday.\"\nmeeting = \"at the 11:00 sync\"\n\n",
        );
        assert_eq!(duties(&r, rank(1)), ["Carry the pager", "Triage alerts"]);
        assert_eq!(
            duties_text(&duties(&r, rank(1))),
            "Carry the pager; Triage alerts"
        );
        // The backup has no [duties] entry: the built-in ones, in the roster's words.
        assert!(duties_text(&duties(&r, rank(2))).contains("help for the pager"));
        // `beyond` is for ranks past the named roles only.
        assert!(duties_text(&duties(&r, rank(3))).starts_with("Project or feature work"));
        assert_eq!(duties(&r, rank(4)), ["Roadmap work.", "Review PRs"]);
        assert_eq!(
            duties_text(&duties(&r, rank(5))),
            "Roadmap work. Review PRs"
        );
        assert_eq!(
            beyond_note(&r, 3),
            "Ranks past these: Roadmap work. Review PRs\n"
        );
        assert_eq!(prepare(&r), "wrap up by Tuesday");
        assert_eq!(meeting(&r), "at the 11:00 sync");
        // The built-in duty of rank 1 follows a custom meeting.
        let r = roster("[handoff]\nmeeting = \"at the 11:00 sync\"\n\n");
        assert!(duties_text(&duties(&r, rank(1)))
            .contains("Meets the next in line on Wednesday at the 11:00 sync to hand over"));
    }

    #[test]
    fn testing_phase_exemptions() {
        let default = AnalysisRules::default();
        // (service, exempt by default)
        let cases = [
            ("check", true),
            ("Check", true),
            ("checks", true),
            (" Check service ", true),
            ("documentation", true),
            ("Docs service", true),
            ("docs", true),
            ("billing", false),
            ("", false),
            ("checkout", false),
        ];
        for (service, exempt) in cases {
            assert_eq!(default.exempts(service), exempt, "{service}");
        }
        assert_eq!(
            default.exempt_phrase().as_deref(),
            Some("a Check or Documentation service")
        );
        let r = roster("[analysis]\ntesting_phase_exempt = [\"edge\", \"api\", \"ui\"]\n\n");
        let rules = AnalysisRules::of(&r);
        assert!(rules.exempts("Edge service") && rules.exempts("apis"));
        assert!(!rules.exempts("check"));
        assert_eq!(
            rules.exempt_phrase().as_deref(),
            Some("an Edge, Api or Ui service")
        );
        assert_eq!(rules.questions, QUESTIONS);
        let r =
            roster("[analysis]\ntesting_phase_exempt = []\nquestions = [\"What happened?\"]\n\n");
        let rules = AnalysisRules::of(&r);
        assert!(!rules.exempts("check"));
        assert_eq!(rules.exempt_phrase(), None);
        assert_eq!(rules.questions, ["What happened?"]);
    }
}
