//! The team's incident-analysis rules (docs/commands.md, `dw incident analysis`) as a pure decision.

use serde::Serialize;

use crate::handbook::AnalysisRules;
use crate::pagerduty::types::LogEntry;

/// What is known about an incident.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub rolled_back: bool,
    pub rolled_forward: bool,
    /// The service that was rolled back or forward, if named.
    pub service: Option<String>,
    /// That service was in its production testing phase.
    pub testing_phase: bool,
    pub we_started: bool,
    pub pulled_in: bool,
    pub status_page: bool,
}

/// One rule and whether it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleResult {
    pub rule: u8,
    pub applies: bool,
    pub why: String,
}

/// The decision and every rule's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub required: bool,
    /// The first rule that made it required, if any.
    pub decided_by: Option<u8>,
    pub rules: Vec<RuleResult>,
}

/// Apply the team's three rules (docs/commands.md, `dw incident analysis`), with
/// the roster's testing-phase exemptions (`[analysis] testing_phase_exempt`:
/// services that must be deployed to production to be tested, so a roll
/// back during that phase is expected, not an incident).
pub fn decide(f: &Facts, rules: &AnalysisRules) -> Decision {
    let rolled = f.rolled_back || f.rolled_forward;
    // The rules except an exempt service *rolled back* during its
    // production testing phase; a roll forward always counts.
    let excepted = f.rolled_back
        && !f.rolled_forward
        && f.testing_phase
        && f.service.as_deref().is_some_and(|s| rules.exempts(s));
    let covered = rules
        .exempt_phrase()
        .map_or("no service (the roster exempts none)".to_string(), |p| {
            format!("only {p}")
        });
    let what = match (f.rolled_back, f.rolled_forward) {
        (true, true) => "a roll back and a roll forward",
        (true, false) => "a roll back",
        (false, true) => "a roll forward (hotfix or quick fix)",
        (false, false) => "",
    };
    let rule1 = RuleResult {
        rule: 1,
        applies: rolled && !excepted,
        why: if excepted {
            format!(
                "it needed {what}, but of the {} service during its production testing phase: the exception for that roll back applies",
                f.service.as_deref().unwrap_or_default()
            )
        } else if f.rolled_back && f.testing_phase && !f.rolled_forward {
            // The testing-phase exception covers the exempt services only:
            // without the service it cannot apply, and the answer says why.
            match f.service.as_deref() {
                None => format!(
                    "it needed {what}; the testing-phase exception covers {covered}, and no service was named"
                ),
                Some(s) => format!(
                    "it needed {what}; the testing-phase exception covers {covered}, not {s}"
                ),
            }
        } else if rolled {
            format!("it needed {what}")
        } else {
            "no roll back or roll forward".into()
        },
    };
    let rule2 = RuleResult {
        rule: 2,
        applies: f.we_started || f.pulled_in,
        why: match (f.we_started, f.pulled_in) {
            (true, true) => "the team started it and did work for it".into(),
            (true, false) => "the team started it".into(),
            (false, true) => "the team was pulled in and did work for it".into(),
            (false, false) => "the team neither started it nor was pulled in".into(),
        },
    };
    let rule3 = RuleResult {
        rule: 3,
        applies: f.status_page,
        why: if f.status_page {
            "Support updated the external status page".into()
        } else {
            "the external status page was not updated".into()
        },
    };
    let rules = vec![rule1, rule2, rule3];
    let decided_by = rules.iter().find(|r| r.applies).map(|r| r.rule);
    Decision {
        required: decided_by.is_some(),
        decided_by,
        rules,
    }
}

/// An incident's log in the order things happened: by `created_at` (as
/// instants, whatever their offsets), ties by id; entries without a
/// readable time last, by id too. PagerDuty documents no order for
/// `GET /incidents/{id}/log_entries`.
pub fn in_time_order(mut log: Vec<LogEntry>) -> Vec<LogEntry> {
    let at = |e: &LogEntry| {
        e.created_at
            .as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&chrono::Utc))
    };
    // A stable sort: entries alike in time and id keep the order received.
    log.sort_by(|a, b| {
        let (ta, tb) = (at(a), at(b));
        (ta.is_none(), ta)
            .cmp(&(tb.is_none(), tb))
            .then_with(|| a.id.cmp(&b.id))
    });
    log
}

/// The rule texts, for people, with the roster's exempt services.
pub fn rule_text(rule: u8, rules: &AnalysisRules) -> String {
    match rule {
        1 => match rules.exempt_phrase() {
            Some(p) => format!(
                "anything that needed a roll back or roll forward (except {p} rolled back during its production testing phase)"
            ),
            None => "anything that needed a roll back or roll forward".into(),
        },
        2 => "incidents the team started or got pulled into (did work for)".into(),
        _ => "incidents where Support updated the external status page".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_is_put_in_time_order_ties_by_id() {
        let entry = |id: &str, at: Option<&str>| LogEntry {
            id: id.into(),
            kind: "annotate_log_entry".into(),
            created_at: at.map(String::from),
            ..LogEntry::default()
        };
        for (received, want) in [
            // Newest first, as some servers list it.
            (
                vec![
                    entry("R3", Some("2026-03-02T12:00:00Z")),
                    entry("R2", Some("2026-03-02T11:00:00Z")),
                    entry("R1", Some("2026-03-02T10:00:00Z")),
                ],
                vec!["R1", "R2", "R3"],
            ),
            // Instants, not strings: 11:30+01:00 is 10:30Z, before 11:00Z.
            (
                vec![
                    entry("R1", Some("2026-03-02T11:00:00Z")),
                    entry("R2", Some("2026-03-02T11:30:00+01:00")),
                ],
                vec!["R2", "R1"],
            ),
            // The same moment: by id.
            (
                vec![
                    entry("RB", Some("2026-03-02T10:00:00Z")),
                    entry("RA", Some("2026-03-02T10:00:00Z")),
                ],
                vec!["RA", "RB"],
            ),
            // No readable time: last, by id.
            (
                vec![
                    entry("R9", None),
                    entry("R8", Some("yesterday")),
                    entry("R1", Some("2026-03-02T10:00:00Z")),
                ],
                vec!["R1", "R8", "R9"],
            ),
        ] {
            let got: Vec<String> = in_time_order(received.clone())
                .into_iter()
                .map(|e| e.id)
                .collect();
            assert_eq!(got, want, "{received:?}");
        }
    }

    fn facts(flags: &str, service: Option<&str>) -> Facts {
        Facts {
            rolled_back: flags.contains('B'),
            rolled_forward: flags.contains('F'),
            service: service.map(String::from),
            testing_phase: flags.contains('T'),
            we_started: flags.contains('S'),
            pulled_in: flags.contains('P'),
            status_page: flags.contains('U'),
        }
    }

    #[test]
    fn every_rule_and_the_exception() {
        // (flags, service, required, decided_by)
        let cases: &[(&str, Option<&str>, bool, Option<u8>)] = &[
            ("", None, false, None),
            ("B", None, true, Some(1)),
            ("F", None, true, Some(1)),
            ("BF", Some("api"), true, Some(1)),
            ("BT", Some("Check"), false, None),
            ("BT", Some("documentation"), false, None),
            ("BT", Some("Docs service"), false, None),
            ("FT", Some("check"), true, Some(1)),
            ("FT", Some("documentation"), true, Some(1)),
            ("BFT", Some("check"), true, Some(1)),
            ("B", Some("check"), true, Some(1)),
            ("BT", Some("billing"), true, Some(1)),
            ("T", Some("check"), false, None),
            ("S", None, true, Some(2)),
            ("P", None, true, Some(2)),
            ("U", None, true, Some(3)),
            ("BTU", Some("check"), true, Some(3)),
            ("BTP", Some("documentation"), true, Some(2)),
            ("BSU", None, true, Some(1)),
        ];
        for (flags, service, required, decided_by) in cases {
            let d = decide(&facts(flags, *service), &AnalysisRules::default());
            assert_eq!(
                d.required, *required,
                "flags {flags} service {service:?}: {d:?}"
            );
            assert_eq!(
                d.decided_by, *decided_by,
                "flags {flags} service {service:?}: {d:?}"
            );
        }
    }

    #[test]
    fn the_exception_is_explained() {
        let d = decide(&facts("BT", Some("Check")), &AnalysisRules::default());
        assert!(
            d.rules[0]
                .why
                .contains("exception for that roll back applies"),
            "{}",
            d.rules[0].why
        );
    }

    #[test]
    fn the_exemptions_come_from_the_rules() {
        let rules = AnalysisRules {
            testing_phase_exempt: vec!["edge".into()],
            ..AnalysisRules::default()
        };
        // (flags, service, required)
        let cases = [
            ("BT", Some("Edge service"), false),
            ("BT", Some("check"), true),
            ("BT", Some("documentation"), true),
            ("FT", Some("edge"), true),
        ];
        for (flags, service, required) in cases {
            let d = decide(&facts(flags, service), &rules);
            assert_eq!(d.required, required, "{flags} {service:?}: {d:?}");
        }
        let d = decide(&facts("BT", Some("check")), &rules);
        assert!(
            d.rules[0]
                .why
                .contains("covers only an Edge service, not check"),
            "{d:?}"
        );
        assert!(rule_text(1, &rules).contains("except an Edge service rolled back"));
        let none = AnalysisRules {
            testing_phase_exempt: Vec::new(),
            ..AnalysisRules::default()
        };
        let d = decide(&facts("BT", Some("check")), &none);
        assert!(d.required);
        assert!(
            d.rules[0]
                .why
                .contains("covers no service (the roster exempts none)"),
            "{d:?}"
        );
        assert_eq!(
            rule_text(1, &none),
            "anything that needed a roll back or roll forward"
        );
        assert_eq!(
            rule_text(1, &AnalysisRules::default()),
            "anything that needed a roll back or roll forward (except a Check or Documentation service rolled back during its production testing phase)"
        );
    }
}
