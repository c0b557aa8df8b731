//! The team's incident-analysis rules (docs/commands.md, `dw incident analysis`) as a pure decision.

use serde::Serialize;

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

/// Check and Documentation services must be deployed to production to be
/// tested, so a roll back during that phase is expected, not an incident.
pub fn has_testing_exception(service: &str) -> bool {
    let s = service.trim().to_ascii_lowercase();
    let s = s.strip_suffix(" service").unwrap_or(&s);
    matches!(s, "check" | "checks" | "documentation" | "docs")
}

/// Apply the team's three rules (docs/commands.md, `dw incident analysis`).
pub fn decide(f: &Facts) -> Decision {
    let rolled = f.rolled_back || f.rolled_forward;
    // The rules except a Check or Documentation service *rolled back* during its
    // production testing phase; a roll forward always counts.
    let excepted = f.rolled_back
        && !f.rolled_forward
        && f.testing_phase
        && f.service.as_deref().is_some_and(has_testing_exception);
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
            // The testing-phase exception covers Check and Documentation only:
            // without the service it cannot apply, and the answer says why.
            match f.service.as_deref() {
                None => format!(
                    "it needed {what}; the testing-phase exception covers only a Check or Documentation service, and no service was named"
                ),
                Some(s) => format!(
                    "it needed {what}; the testing-phase exception covers only a Check or Documentation service, not {s}"
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

/// The rule texts, for people.
pub fn rule_text(rule: u8) -> &'static str {
    match rule {
        1 => "anything that needed a roll back or roll forward (except a Check or Documentation service rolled back during its production testing phase)",
        2 => "incidents the team started or got pulled into (did work for)",
        _ => "incidents where Support updated the external status page",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let d = decide(&facts(flags, *service));
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
        let d = decide(&facts("BT", Some("Check")));
        assert!(
            d.rules[0]
                .why
                .contains("exception for that roll back applies"),
            "{}",
            d.rules[0].why
        );
    }
}
