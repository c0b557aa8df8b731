//! `dw plan`: the assignments a roster change moves, as a table or Markdown.

use std::io::{self, Write};
use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use serde::Serialize;

use super::{finish, table};
use crate::roster::Rank;
use crate::rotation::WeekIx;

/// One assignment that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub week: WeekIx,
    pub start: String,
    pub rank: Rank,
    pub role: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

fn show(m: &Option<String>) -> String {
    m.clone().unwrap_or_else(|| "-".into())
}

fn date(s: &str) -> &str {
    s.get(..10).unwrap_or(s)
}

/// The sentence above the changes, or the whole answer when nothing moves.
fn summary(changes: &[Change], label: &str, weeks: &Range<WeekIx>) -> String {
    let mut shape = PlanShape::default();
    for c in changes {
        shape.add(c);
    }
    shape.summary(label, weeks)
}

/// What `dw plan` needs to know of all the changes before it prints the
/// first: how many, in how many weeks, and how wide the table's columns
/// are. Gathered in a first pass, so that the second can stream the rows.
#[derive(Debug, Default)]
pub struct PlanShape {
    changes: usize,
    weeks: usize,
    last_week: Option<WeekIx>,
    /// The widest cell of each column, headers included once set.
    widths: [usize; 5],
    /// A cell spans lines or holds a control character: only the table
    /// library lays that out.
    unusual: bool,
}

const PLAN_HEADERS: [&str; 5] = ["week", "starts", "role", "before", "after"];

impl PlanShape {
    /// Count one change (in order).
    pub fn add(&mut self, c: &Change) {
        self.changes += 1;
        if self.last_week != Some(c.week) {
            self.weeks += 1;
            self.last_week = Some(c.week);
        }
        let cells = [
            &c.week.to_string(),
            date(&c.start),
            c.role.as_str(),
            c.before.as_deref().unwrap_or("-"),
            c.after.as_deref().unwrap_or("-"),
        ];
        for (w, cell) in self.widths.iter_mut().zip(cells) {
            self.unusual |= cell.chars().any(char::is_control);
            *w = (*w).max(cell.width());
        }
    }

    fn summary(&self, label: &str, weeks: &Range<WeekIx>) -> String {
        let (first, last) = (weeks.start, weeks.end.prev().unwrap_or(WeekIx::FIRST));
        let n = self.changes;
        if n == 0 {
            return format!("No changes in weeks {first}–{last} ({label}).");
        }
        let weeks_changed = self.weeks;
        format!(
            "{n} assignment{} change{} in {weeks_changed} week{} ({label}, weeks {first}–{last}).",
            if n == 1 { "" } else { "s" },
            if n == 1 { "s" } else { "" },
            if weeks_changed == 1 { "" } else { "s" },
        )
    }

    /// The column widths when the table fits the terminal width unwrapped
    /// (then the table library pads every cell to its column's widest and
    /// wraps nothing); `None` when it would wrap.
    fn unwrapped(&self) -> Option<[usize; 5]> {
        let mut widths = self.widths;
        for (w, h) in widths.iter_mut().zip(PLAN_HEADERS) {
            *w = (*w).max(h.len()).max(1);
        }
        let total: usize = widths.iter().map(|w| w + 2).sum();
        (!self.unusual && total <= usize::from(super::TABLE_WIDTH)).then_some(widths)
    }
}

/// One unwrapped table line: each cell padded to its column, trailing blanks trimmed.
fn table_line<W: Write>(
    out: &mut W,
    line: &mut String,
    cells: [&str; 5],
    widths: &[usize; 5],
) -> io::Result<()> {
    line.clear();
    for (cell, w) in cells.iter().zip(widths) {
        line.push(' ');
        line.push_str(cell);
        for _ in cell.width()..*w + 1 {
            line.push(' ');
        }
    }
    out.write_all(line.trim_end().as_bytes())?;
    out.write_all(b"\n")
}

/// `dw plan` (a table, or Markdown) written as `changes` arrive, given the
/// [`PlanShape`] of the same changes. A table too wide for the terminal is
/// laid out whole, as the table library wraps it.
pub fn write_plan<W: Write>(
    mut out: W,
    shape: &PlanShape,
    changes: impl Iterator<Item = Change>,
    label: &str,
    weeks: Range<WeekIx>,
    turns: &str,
    markdown: bool,
) -> io::Result<()> {
    use crate::text::markdown::inline;
    // Markdown escapes every text from the rosters or the command line (the
    // label, role names, ids) with `text::markdown::inline`.
    let summary = if markdown {
        shape.summary(&inline(label), &weeks)
    } else {
        shape.summary(label, &weeks)
    };
    if shape.changes == 0 {
        return writeln!(out, "{summary}");
    }
    if markdown {
        write!(out, "### On-call changes\n\n{summary}\n\n| week | starts | role | before | after |\n| ---: | --- | --- | --- | --- |\n")?;
        for c in changes {
            markdown_row(&mut out, &c)?;
        }
        if !turns.is_empty() {
            write!(out, "\nTurns: {}.\n", inline(turns))?;
        }
        return Ok(());
    }
    let Some(widths) = shape.unwrapped() else {
        let all: Vec<Change> = changes.collect();
        return out.write_all(plan_table(&all, label, weeks, turns).as_bytes());
    };
    writeln!(out, "{summary}")?;
    let mut line = String::new();
    let headers = PLAN_HEADERS.map(str::to_uppercase);
    table_line(
        &mut out,
        &mut line,
        [
            &headers[0],
            &headers[1],
            &headers[2],
            &headers[3],
            &headers[4],
        ],
        &widths,
    )?;
    let mut week = itoa::Buffer::new();
    for c in changes {
        table_line(
            &mut out,
            &mut line,
            [
                week.format(c.week.get()),
                date(&c.start),
                &c.role,
                c.before.as_deref().unwrap_or("-"),
                c.after.as_deref().unwrap_or("-"),
            ],
            &widths,
        )?;
    }
    if !turns.is_empty() {
        writeln!(out, "Turns: {turns}.")?;
    }
    Ok(())
}

fn markdown_row<W: Write>(out: &mut W, c: &Change) -> io::Result<()> {
    use crate::text::markdown::inline;
    // The new assignment in bold; nobody ("-") stays plain.
    let after = c
        .after
        .as_ref()
        .map_or_else(|| "-".to_string(), |m| format!("**{}**", inline(m)));
    let before = c
        .before
        .as_ref()
        .map_or_else(|| "-".to_string(), |m| inline(m));
    writeln!(
        out,
        "| {} | {} | {} | {before} | {after} |",
        c.week,
        date(&c.start),
        inline(&c.role),
    )
}

/// Who gains and loses turns, one member after another:
/// `ada +1 primary (week 12), −1 primary (week 14); grace −1 primary (week 12), …`.
/// Empty when nobody does. `role` names a rank.
pub fn turns_summary(turns: &[crate::plan::Turns], role: impl Fn(Rank) -> String) -> String {
    let weeks = |w: &[WeekIx]| {
        // A long list ends with an ellipsis: the table above has them all.
        let mut list: Vec<String> = w.iter().take(5).map(WeekIx::to_string).collect();
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

/// The most members the net summary of an editing command names; the
/// others are counted (the table above lists every change).
pub const NET_MEMBERS: usize = 8;

/// Who ends up with more or fewer turns, per member and role, net: a gain and
/// a loss of the same role cancel out and are left out.
/// `ada +1 primary, −1 secondary; grace −1 primary; and 3 more members`.
/// Empty when every change evens out.
pub fn net_turns_summary(turns: &[crate::plan::Turns], role: impl Fn(Rank) -> String) -> String {
    let mut members: Vec<(String, Vec<String>)> = Vec::new();
    for t in turns {
        let net = t.gained.len() as i64 - t.lost.len() as i64;
        let part = match net {
            0 => None,
            n if n > 0 => Some(format!("+{n} {}", role(t.rank))),
            n => Some(format!("\u{2212}{} {}", -n, role(t.rank))),
        };
        match members.last_mut() {
            Some((id, list)) if *id == t.member => list.extend(part),
            _ => members.push((t.member.clone(), part.into_iter().collect())),
        }
    }
    let named: Vec<String> = members
        .into_iter()
        .filter(|(_, parts)| !parts.is_empty())
        .map(|(id, parts)| format!("{id} {}", parts.join(", ")))
        .collect();
    let mut out = named
        .iter()
        .take(NET_MEMBERS)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if named.len() > NET_MEMBERS {
        out.push_str(&format!("; and {} more members", named.len() - NET_MEMBERS));
    }
    out
}

/// `dw plan` as a summary and a table; `label` names the rosters, `weeks` those
/// compared, `turns` is the closing line from [`turns_summary`] (may be empty).
pub fn plan_table(changes: &[Change], label: &str, weeks: Range<WeekIx>, turns: &str) -> String {
    let summary = summary(changes, label, &weeks);
    if changes.is_empty() {
        return summary + "\n";
    }
    let mut t = table(["week", "starts", "role", "before", "after"]);
    for c in changes {
        t.add_row(vec![
            c.week.to_string(),
            date(&c.start).to_string(),
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

/// The closing line of an editing command's table when the turns even out.
pub const EVEN: &str = "Turns: every member keeps as many turns in each role as before.\n";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Turns;

    fn t(member: &str, rank: usize, gained: &[usize], lost: &[usize]) -> Turns {
        Turns {
            member: member.into(),
            rank: Rank::new(rank).expect("a rank"),
            gained: gained.iter().copied().map(WeekIx).collect(),
            lost: lost.iter().copied().map(WeekIx).collect(),
        }
    }

    #[test]
    fn the_net_summary_leaves_out_what_cancels_and_stays_short() {
        let role = |r: Rank| ["primary", "secondary"][r.index()].to_string();
        let turns = [
            t("ada", 1, &[12], &[14]),
            t("ada", 2, &[14], &[]),
            t("bob", 1, &[14], &[12]),
            t("cy", 2, &[], &[14, 20]),
        ];
        assert_eq!(
            net_turns_summary(&turns, role),
            "ada +1 secondary; cy \u{2212}2 secondary"
        );
        assert_eq!(net_turns_summary(&turns[..1], role), "");
        // A change moving a hundred members names eight and counts the rest.
        let many: Vec<Turns> = (0..100)
            .map(|i| t(&format!("member{i:03}"), 1, &[i, i + 100], &[]))
            .collect();
        let line = net_turns_summary(&many, role);
        assert!(line.ends_with("; and 92 more members"), "{line}");
        assert!(line.chars().count() < 300, "{line}");
    }
}
