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

/// Who gains and loses turns, one member after another:
/// `ada +1 primary (week 12), −1 primary (week 14); grace −1 primary (week 12), …`.
/// Empty when nobody does. `role` names a rank.
pub fn turns_summary(turns: &[crate::plan::Turns], role: impl Fn(usize) -> String) -> String {
    let weeks = |w: &[usize]| {
        // A long list ends with an ellipsis: the table above has them all.
        let mut list: Vec<String> = w.iter().take(5).map(usize::to_string).collect();
        if w.len() > 5 {
            list.push("…".into());
        }
        format!(
            "{} {}",
            if w.len() == 1 { "week" } else { "weeks" },
            list.join(", ")
        )
    };
    let mut members: Vec<(String, Vec<String>)> = Vec::new();
    for t in turns {
        let mut parts = Vec::new();
        if !t.gained.is_empty() {
            parts.push(format!(
                "+{} {} ({})",
                t.gained.len(),
                role(t.rank),
                weeks(&t.gained)
            ));
        }
        if !t.lost.is_empty() {
            parts.push(format!(
                "\u{2212}{} {} ({})",
                t.lost.len(),
                role(t.rank),
                weeks(&t.lost)
            ));
        }
        match members.last_mut() {
            Some((id, list)) if *id == t.member => list.extend(parts),
            _ => members.push((t.member.clone(), parts)),
        }
    }
    members
        .into_iter()
        .filter(|(_, parts)| !parts.is_empty())
        .map(|(id, parts)| format!("{id} {}", parts.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `dw plan` as a summary and a table; `label` names the rosters, `weeks` those
/// compared, `turns` is the closing line from [`turns_summary`] (may be empty).
pub fn plan_table(changes: &[Change], label: &str, weeks: Range<usize>, turns: &str) -> String {
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
    let mut out = format!("{summary}\n{}", finish(&t));
    if !turns.is_empty() {
        out.push_str(&format!("Turns: {turns}.\n"));
    }
    out
}

/// `dw plan --markdown`: a heading, the summary and a Markdown table (for a
/// pull request). Every text from the rosters or the command line (the
/// label, role names, ids) is escaped with `text::markdown::inline`.
pub fn plan_markdown(changes: &[Change], label: &str, weeks: Range<usize>, turns: &str) -> String {
    use crate::text::markdown::inline;
    let summary = summary(changes, &inline(label), &weeks);
    if changes.is_empty() {
        return summary + "\n";
    }
    let mut out = format!("### On-call changes\n\n{summary}\n\n| week | starts | role | before | after |\n| ---: | --- | --- | --- | --- |\n");
    for c in changes {
        // The new assignment in bold; nobody ("-") stays plain.
        let after = c
            .after
            .as_ref()
            .map_or_else(|| "-".to_string(), |m| format!("**{}**", inline(m)));
        let before = c
            .before
            .as_ref()
            .map_or_else(|| "-".to_string(), |m| inline(m));
        out.push_str(&format!(
            "| {} | {} | {} | {before} | {after} |\n",
            c.week,
            date(&c.start),
            inline(&c.role),
        ));
    }
    if !turns.is_empty() {
        out.push_str(&format!("\nTurns: {}.\n", inline(turns)));
    }
    out
}
