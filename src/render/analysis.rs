//! `dw incident analysis`: the decision with its rules, and the Markdown template.

use crate::analysis::{rule_text, Decision};
use crate::pagerduty::types::{Incident, LogEntry};

use super::{finish, table};

/// What PagerDuty knows about the incident, for the template.
#[derive(Debug, Clone)]
pub struct FromPagerDuty {
    pub incident: Incident,
    pub log: Vec<LogEntry>,
}

/// The decision, a table of every rule's answer, and where the template was written, if it was.
pub fn analysis_decision(decision: &Decision, written: Option<&str>) -> String {
    let mut out = match decision.decided_by {
        Some(rule) => format!("Analysis required: rule {rule}: {}.\n", rule_text(rule)),
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

/// The Markdown template of an incident analysis.
pub fn analysis_template(decision: &Decision, pd: Option<&FromPagerDuty>) -> String {
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
            rule_text(r.rule),
            r.why
        ));
    }
    out.push_str("\n## Summary\n\n\n## Customer impact\n\n\n## Timeline\n\n");
    match pd {
        Some(p) if !p.log.is_empty() => {
            for e in &p.log {
                out.push_str(&format!(
                    "- {}: {}\n",
                    e.created_at.clone().unwrap_or_default(),
                    e.summary.clone().unwrap_or_else(|| e.kind.clone())
                ));
            }
        }
        _ => out.push_str("- (time): (what happened)\n"),
    }
    out.push_str(
        "\n## Root cause\n\n\n## What went well\n\n\n## What went badly\n\n\n## Action items\n\n- [ ] \n",
    );
    out
}
