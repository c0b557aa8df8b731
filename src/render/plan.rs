//! `dw plan`: the assignments a roster change moves, as a table or Markdown.

use std::ops::Range;

use serde::Serialize;

use super::{finish, table};

/// One assignment that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub week: usize,
    pub start: String,
    pub rank: usize,
    pub role: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

fn show(m: &Option<String>) -> String {
    m.clone().unwrap_or_else(|| "-".into())
}

fn date(s: &str) -> String {
    s.get(..10).unwrap_or(s).to_string()
}

/// The sentence above the changes, or the whole answer when nothing moves.
fn summary(changes: &[Change], label: &str, weeks: &Range<usize>) -> String {
    let (first, last) = (weeks.start, weeks.end - 1);
    if changes.is_empty() {
        return format!("No changes in weeks {first}–{last} ({label}).");
    }
    let weeks_changed = {
        let mut w: Vec<usize> = changes.iter().map(|c| c.week).collect();
        w.dedup();
        w.len()
    };
    format!(
        "{} assignment{} change{} in {weeks_changed} week{} ({label}, weeks {first}–{last}).",
        changes.len(),
        if changes.len() == 1 { "" } else { "s" },
        if changes.len() == 1 { "s" } else { "" },
        if weeks_changed == 1 { "" } else { "s" },
    )
}

/// `dw plan` as a summary and a table; `label` names the rosters, `weeks` those compared.
pub fn plan_table(changes: &[Change], label: &str, weeks: Range<usize>) -> String {
    let summary = summary(changes, label, &weeks);
    if changes.is_empty() {
        return summary + "\n";
    }
    let mut t = table(["week", "starts", "role", "before", "after"]);
    for c in changes {
        t.add_row(vec![
            c.week.to_string(),
            date(&c.start),
            c.role.clone(),
            show(&c.before),
            show(&c.after),
        ]);
    }
    format!("{summary}\n{}", finish(&t))
}

/// `dw plan --markdown`: a heading, the summary and a Markdown table (for a pull request).
pub fn plan_markdown(changes: &[Change], label: &str, weeks: Range<usize>) -> String {
    let summary = summary(changes, label, &weeks);
    if changes.is_empty() {
        return summary + "\n";
    }
    let mut out = format!("### On-call changes\n\n{summary}\n\n| week | starts | role | before | after |\n| ---: | --- | --- | --- | --- |\n");
    for c in changes {
        // The new assignment in bold; nobody ("-") stays plain.
        let after = c
            .after
            .as_ref()
            .map_or_else(|| "-".to_string(), |m| format!("**{m}**"));
        out.push_str(&format!(
            "| {} | {} | {} | {} | {after} |\n",
            c.week,
            date(&c.start),
            c.role,
            show(&c.before),
        ));
    }
    out
}
