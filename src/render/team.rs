//! Per-member and per-role views of the rotation: `dw next`, `dw roles`,
//! `dw stats` and `dw explain`.

use comfy_table::{Cell, CellAlignment};
use serde::Serialize;

use crate::explain::Why;
use crate::roster::Rank;
use crate::rotation::{Rotation, WeekIx};

use super::{bold, finish, human, plural, table};

/// One turn at a rank: the week and its bounds, whether it is the current
/// one, and the covers of that rank still to come in it.
#[derive(Debug, Serialize)]
pub struct Turn {
    pub week: WeekIx,
    pub start: String,
    pub end: String,
    pub now: bool,
    /// Who holds the rank for part of the turn (`[]` when nobody does).
    pub covers: Vec<TurnCover>,
}

/// A cover inside a turn, clipped to the week.
#[derive(Debug, Serialize)]
pub struct TurnCover {
    pub id: String,
    pub from: String,
    pub to: String,
    pub reason: String,
    /// `Thu 18:00 → Fri 08:00`, for the table.
    #[serde(skip)]
    pub span: String,
}

/// A member's next primary and secondary turns (`dw next`).
#[derive(Debug, Serialize)]
pub struct MemberNext<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub primary: Option<Turn>,
    pub secondary: Option<Turn>,
    /// The roster's `left` date: the first date the member is off the rotation.
    pub left: Option<chrono::NaiveDate>,
    /// Whether `left` is on or before the date asked about.
    #[serde(skip)]
    pub has_left: bool,
}

fn describe(rot: &Rotation<'_>, row: &MemberNext<'_>, t: &Option<Turn>, horizon: usize) -> String {
    match t {
        None => match row.left {
            Some(left) if row.has_left => format!("left on {}", left.format("%a %Y-%m-%d")),
            Some(left) => format!("none: leaves {}", left.format("%a %Y-%m-%d")),
            None => format!("not in the next {horizon} weeks"),
        },
        Some(t) => {
            let (start, end) = rot.bounds(t.week);
            let mut text = if t.now {
                format!("now, until\n{}", human(&end))
            } else {
                format!("{}\n(week {})", human(&start), t.week)
            };
            for c in &t.covers {
                text.push_str(&format!("\n{} covers {}", c.id, c.span));
            }
            text
        }
    }
}

/// `dw next` as a table; `horizon` is how many weeks ahead were searched.
pub fn next_table(rot: &Rotation<'_>, rows: &[MemberNext<'_>], horizon: usize) -> String {
    let roster = rot.roster();
    let mut t = table([
        "id".to_string(),
        format!("next {}", roster.role_name(Rank::PRIMARY)),
        format!("next {}", roster.role_name(Rank::from_index(1))),
    ]);
    for row in rows {
        t.add_row(vec![
            row.id.to_string(),
            describe(rot, row, &row.primary, horizon),
            describe(rot, row, &row.secondary, horizon),
        ]);
    }
    finish(&t)
}

/// One role, its duties and who holds it now (`dw roles`).
#[derive(Debug, Serialize)]
pub struct RoleJson<'a> {
    pub rank: Rank,
    pub role: String,
    /// The duties as one paragraph.
    pub responsibilities: String,
    /// The duties as the roster lists them.
    pub duties: Vec<String>,
    pub holder: Option<&'a str>,
}

/// How many ranks `dw roles` shows for `named` roles: all of them, at least three.
pub fn roles_shown(named: usize) -> usize {
    named.max(3)
}

/// `dw roles` as a table of the first `shown` ranks, one duty per line, then
/// `past` (what the ranks past them do) if more exist.
pub fn roles_table(roles: &[RoleJson<'_>], shown: usize, past: &str) -> String {
    let mut t = table(["rank", "role", "now", "responsibilities"]);
    for r in roles.iter().filter(|r| r.rank.get() <= shown) {
        t.add_row(vec![
            Cell::new(r.rank).set_alignment(CellAlignment::Right),
            Cell::new(&r.role),
            Cell::new(r.holder.unwrap_or("-")),
            Cell::new(r.duties.join("\n")),
        ]);
    }
    let mut text = finish(&t);
    if roles.len() > shown {
        text.push_str(past);
    }
    text
}

/// Weeks held at one rank.
#[derive(Debug, Serialize)]
pub struct Count<'a> {
    pub rank: Rank,
    pub role: std::borrow::Cow<'a, str>,
    pub weeks: usize,
}

/// A member's weeks per rank (`held[r - 1]` for rank `r`), serialised as a
/// list of [`Count`]s made one at a time: a large team has members × ranks
/// of them, too many to hold.
#[derive(Debug)]
pub struct Counts<'a> {
    pub held: &'a [usize],
    /// Weeks at ranks past `held` (counted together, not serialised).
    pub beyond: usize,
    pub rot: &'a Rotation<'a>,
}

impl Serialize for Counts<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.held.len()))?;
        for (i, &weeks) in self.held.iter().enumerate() {
            seq.serialize_element(&Count {
                rank: Rank::from_index(i),
                role: self.rot.role_name(Rank::from_index(i)),
                weeks,
            })?;
        }
        seq.end()
    }
}

/// One member's weeks per rank, on call and away.
#[derive(Debug, Serialize)]
pub struct MemberStats<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub roles: Counts<'a>,
    pub on_call: usize,
    pub away: usize,
    /// Hours this member held someone else's rank by a cover.
    pub covered_hours: f64,
    /// Hours someone else held this member's rank by a cover.
    pub covered_for_hours: f64,
}

/// `14`, `4.5`, `0.75`: hours without trailing zeros.
fn hours_text(h: f64) -> String {
    let text = format!("{h:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `dw stats`: the weeks counted and every member's numbers.
#[derive(Debug, Serialize)]
pub struct Stats<'a> {
    pub team: &'a str,
    pub from_week: WeekIx,
    pub to_week: WeekIx,
    pub from: String,
    pub to: String,
    pub members: Vec<MemberStats<'a>>,
}

/// `dw stats` as a title and a table; `ranks` past the named roles are summed under `beyond`.
pub fn stats_table(rot: &Rotation<'_>, stats: &Stats<'_>, ranks: usize, color: bool) -> String {
    let team = &rot.roster().team;
    let named = team.roles.len();
    let mut headers: Vec<String> = vec!["id".into()];
    headers.extend(team.roles.iter().cloned());
    if ranks > named {
        headers.push("beyond".into());
    }
    headers.extend(["away".into(), "covered".into(), "covered for".into()]);
    let mut t = table(headers);
    for m in &stats.members {
        let right = |n: usize| Cell::new(n).set_alignment(CellAlignment::Right);
        let mut row = vec![Cell::new(m.id)];
        row.extend(m.roles.held.iter().take(named).map(|&w| right(w)));
        if ranks > named {
            row.push(right(
                m.roles.held.iter().skip(named).sum::<usize>() + m.roles.beyond,
            ));
        }
        row.push(right(m.away));
        for h in [m.covered_hours, m.covered_for_hours] {
            row.push(Cell::new(hours_text(h)).set_alignment(CellAlignment::Right));
        }
        t.add_row(row);
    }
    let (first, last) = (stats.from_week, stats.to_week);
    let (start, _) = rot.bounds(first);
    let (_, end) = rot.bounds(last);
    let title = format!(
        "{}: weeks {first}–{last} ({}, {} → {})",
        team.name,
        plural(last.weeks_since(first) + 1, "week"),
        human(&start),
        human(&end)
    );
    bold(&title, color)
        + "\n"
        + &finish(&t)
        + "COVERED: hours covering for others; COVERED FOR: hours others covered for them.\n"
}

/// Why one member holds their rank, or none, in a week (`dw explain`).
#[derive(Debug, Serialize)]
pub struct ExplainEntry<'a> {
    pub id: &'a str,
    pub rank: Option<Rank>,
    pub role: Option<String>,
    pub explanation: String,
    #[serde(flatten)]
    pub why: Why,
    /// The covers of the week this member gives or receives.
    pub covers: Vec<crate::explain::CoverWhy>,
}

/// `dw explain` as a title and a table, members in rank order.
pub fn explain_table(
    rot: &Rotation<'_>,
    week: WeekIx,
    entries: &[ExplainEntry<'_>],
    color: bool,
) -> String {
    let (start, end) = rot.bounds(week);
    let mut out = bold(
        &format!("Week {week}: {} → {}", human(&start), human(&end)),
        color,
    ) + "\n";
    let mut sorted: Vec<&ExplainEntry> = entries.iter().collect();
    sorted.sort_by_key(|e| e.rank.map_or(usize::MAX, Rank::get));
    let mut t = table(["id", "role", "why"]);
    for e in sorted {
        t.add_row(vec![
            e.id.to_string(),
            e.role.clone().unwrap_or_else(|| "-".into()),
            e.explanation.clone(),
        ]);
    }
    out.push_str(&finish(&t));
    out
}
