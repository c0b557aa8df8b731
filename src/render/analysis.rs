//! `dw incident analysis`: the decision with its rules, and the Markdown template.

use crate::analysis::{rule_text, Decision};
use crate::handbook::AnalysisRules;
use crate::pagerduty::types::{Incident, LogEntry};

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
/// is named so), "Action items" a checkbox.
pub fn analysis_template(
    decision: &Decision,
    rules: &AnalysisRules,
    pd: Option<&FromPagerDuty>,
) -> String {
    let title = pd.map_or("(title)".to_string(), |p| p.incident.title.clone());
    let mut out = format!("# Incident analysis: {title}\n\n");
    if let Some(p) = pd {
        let i = &p.incident;
        out.push_str(&format!(
            "- PagerDuty: {}\n- Service: {}\n- Status: {}\n- Opened: {}\n",
            i.html_url.clone().unwrap_or_else(|| i.id.clone()),
            i.service.as_ref().map_or_else(|| "-".into(), |s| s.label()),
            i.status,
            i.created_at.clone().unwrap_or_else(|| "-".into())
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
                responders.join(", ")
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
            rule_text(r.rule, rules),
            r.why
        ));
    }
    let log = match pd {
        Some(p) if !p.log.is_empty() => p
            .log
            .iter()
            .map(|e| {
                format!(
                    "- {}: {}\n",
                    e.created_at.clone().unwrap_or_default(),
                    e.summary.clone().unwrap_or_else(|| e.kind.clone())
                )
            })
            .collect(),
        _ => "- (time): (what happened)\n".to_string(),
    };
    let is = |q: &str, name: &str| q.trim().eq_ignore_ascii_case(name);
    let has_timeline = rules.questions.iter().any(|q| is(q, "timeline"));
    for q in &rules.questions {
        out.push_str(&format!("\n## {}\n\n", q.trim()));
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
