//! `dw incident analysis`: the decision with its rules, and the Markdown template.

use crate::analysis::{rule_text, Decision};
use crate::handbook::AnalysisRules;
use crate::pagerduty::types::{Incident, LogEntry};
use crate::text::markdown as md;

use super::{finish, table};

/// What PagerDuty knows about the incident, for the template.
#[derive(Debug, Clone)]
pub struct FromPagerDuty {
    pub incident: Incident,
    pub log: Vec<LogEntry>,
}

/// The decision, a table of every rule's answer, and where the template was written, if it was.
pub fn analysis_decision(
    decision: &Decision,
    rules: &AnalysisRules,
    written: Option<&str>,
) -> String {
    let mut out = match decision.decided_by {
        Some(rule) => format!(
            "Analysis required: rule {rule}: {}.\n",
            rule_text(rule, rules)
        ),
        None => "Analysis not required: no rule applies.\n".to_string(),
    };
    let mut t = table(["rule", "applies", "why"]);
    for r in &decision.rules {
        t.add_row(vec![
            r.rule.to_string(),
            if r.applies { "yes" } else { "no" }.to_string(),
            r.why.clone(),
        ]);
    }
    out.push_str(&finish(&t));
    if let Some(path) = written {
        out.push_str(&format!("Template written to {path}.\n"));
    }
    out
}

/// The Markdown template of an incident analysis: the decision, then one
/// section per question of the rules (`[analysis] questions`). The section
/// named "Timeline" holds PagerDuty's log (a last section when no question
/// is named so), "Action items" a checkbox. Text from PagerDuty and the
/// roster (title, service, names, log, rules, questions) is escaped with
/// `text::markdown`, so it reads as itself and links or mentions nothing.
pub fn analysis_template(
    decision: &Decision,
    rules: &AnalysisRules,
    pd: Option<&FromPagerDuty>,
) -> String {
    let title = pd.map_or("(title)".to_string(), |p| md::inline(&p.incident.title));
    let mut out = format!("# Incident analysis: {title}\n\n");
    if let Some(p) = pd {
        let i = &p.incident;
        out.push_str(&format!(
            "- PagerDuty: {}\n- Service: {}\n- Status: {}\n- Opened: {}\n",
            match &i.html_url {
                Some(url) => md::link(&i.id, url),
                None => md::inline(&i.id),
            },
            i.service
                .as_ref()
                .map_or_else(|| "-".into(), |s| md::inline(&s.label())),
            md::inline(&i.status),
            i.created_at
                .as_deref()
                .map_or_else(|| "-".into(), md::inline)
        ));
        let mut responders = i.assignees();
        responders.extend(
            p.log
                .iter()
                .filter_map(|e| e.agent.as_ref().map(|a| a.label())),
        );
        responders.sort();
        responders.dedup();
        out.push_str(&format!(
            "- Responders: {}\n",
            if responders.is_empty() {
                "-".into()
            } else {
                let names: Vec<String> = responders.iter().map(|r| md::inline(r)).collect();
                names.join(", ")
            }
        ));
    }
    out.push_str(&format!(
        "\n## Is an analysis required?\n\n{}\n\n",
        if decision.required {
            "Yes."
        } else {
            "No: no rule applies."
        }
    ));
    for r in &decision.rules {
        out.push_str(&format!(
            "- [{}] Rule {}: {} ({})\n",
            if r.applies { "x" } else { " " },
            r.rule,
            md::inline(&rule_text(r.rule, rules)),
            md::inline(&r.why)
        ));
    }
    let log = match pd {
        Some(p) if !p.log.is_empty() => p
            .log
            .iter()
            .map(|e| {
                format!(
                    "- {}: {}\n",
                    md::inline(e.created_at.as_deref().unwrap_or_default()),
                    md::inline(e.summary.as_deref().unwrap_or(&e.kind))
                )
            })
            .collect(),
        _ => "- (time): (what happened)\n".to_string(),
    };
    let is = |q: &str, name: &str| q.trim().eq_ignore_ascii_case(name);
    let has_timeline = rules.questions.iter().any(|q| is(q, "timeline"));
    for q in &rules.questions {
        out.push_str(&format!("\n## {}\n\n", md::inline(q)));
        if is(q, "timeline") {
            out.push_str(&log);
        } else if is(q, "action items") {
            out.push_str("- [ ] \n");
        } else {
            out.push('\n');
        }
    }
    if !has_timeline && pd.is_some_and(|p| !p.log.is_empty()) {
        out.push_str(&format!("\n## Timeline (from PagerDuty)\n\n{log}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{decide, Facts};
    use crate::pagerduty::types::{Assignment, Reference};
    use pulldown_cmark::{Event, Parser, Tag};

    fn person(name: &str) -> Reference {
        Reference {
            id: "PUSER01".into(),
            summary: Some(name.into()),
            html_url: None,
        }
    }

    #[test]
    fn responders_names_are_escaped_and_link_nobody() {
        let ada = "Ada [x](http://e) @team";
        let bob = "Bob | `b` <i>";
        let pd = FromPagerDuty {
            incident: Incident {
                id: "PINC001".into(),
                title: "t".into(),
                html_url: Some("javascript:alert(1)".into()),
                assignments: vec![Assignment {
                    assignee: person(ada),
                }],
                ..Incident::default()
            },
            log: vec![LogEntry {
                id: "R1".into(),
                kind: "acknowledge_log_entry".into(),
                agent: Some(person(bob)),
                ..LogEntry::default()
            }],
        };
        let rules = AnalysisRules::default();
        let text = analysis_template(&decide(&Facts::default(), &rules), &rules, Some(&pd));
        assert!(
            text.contains(&format!(
                "- Responders: {}, {}\n",
                md::inline(ada),
                md::inline(bob)
            )),
            "{text}"
        );
        // Not a web address: the incident's id, unlinked.
        assert!(text.contains("- PagerDuty: PINC001\n"), "{text}");
        for event in Parser::new(&text) {
            assert!(
                !matches!(
                    event,
                    Event::Start(Tag::Link { .. }) | Event::Html(_) | Event::InlineHtml(_)
                ),
                "{event:?} in {text}"
            );
        }
    }
}
