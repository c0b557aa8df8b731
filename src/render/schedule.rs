//! `dw schedule` as tables: the whole team, or one member week by week.

use crate::roster::{MemberIx, Rank};
use std::borrow::Borrow;

use chrono::DateTime;
use chrono_tz::Tz;
use comfy_table::{Cell, CellAlignment};

use crate::rotation::{CoverSpan, Rotation, Week};

use super::{bold, finish, human, table};

fn short_date(t: &DateTime<Tz>) -> String {
    t.format("%a %Y-%m-%d").to_string()
}

/// `Thu 18:00 → Fri 08:00`: a cover's span inside one week.
fn short_span(c: &CoverSpan<'_>) -> String {
    format!(
        "{} → {}",
        c.from.format("%a %H:%M"),
        c.to.format("%a %H:%M")
    )
}

/// `bo Thu 18:00 → Fri 08:00 (dentist)`.
fn cover_text(rot: &Rotation<'_>, c: &CoverSpan<'_>) -> String {
    let id = &rot.roster().members[c.member].id;
    let reason = if c.reason.is_empty() {
        String::new()
    } else {
        format!(" ({})", c.reason)
    };
    format!("{id} {}{reason}", short_span(c))
}

/// `dw schedule` as a table: one row per week, a column per rank of
/// `ranks` (`None`: the named roles). `weeks` may be the engine's iterator:
/// the table keeps each week's row text (its columns are as wide as their
/// widest cell), not the week.
pub fn schedule_table<W: Borrow<Week>>(
    rot: &Rotation<'_>,
    weeks: impl IntoIterator<Item = W>,
    ranks: Option<&[Rank]>,
    color: bool,
) -> String {
    let roster = rot.roster();
    let team = &roster.team;
    let named: Vec<Rank> = Rank::up_to(team.roles.len()).collect();
    let shown = ranks.unwrap_or(&named);
    let mut any_cover = false;
    let mut headers = vec!["week".to_string(), "starts".to_string()];
    headers.extend(shown.iter().map(|&r| rot.role_name(r).into_owned()));
    headers.push("away".into());
    let mut t = table(headers);
    for week in weeks {
        let week = week.borrow();
        let (start, _) = rot.bounds(week.index);
        let mut row = vec![
            Cell::new(week.index).set_alignment(CellAlignment::Right),
            Cell::new(short_date(&start)),
        ];
        for &rank in shown {
            row.push(Cell::new(match week.slot(rank) {
                Some(s) => {
                    let id = &roster.members[s.member].id;
                    if s.override_reason.is_some() {
                        format!("{id}*")
                    } else {
                        id.clone()
                    }
                }
                None => "-".into(),
            }));
        }
        let away: Vec<&str> = week
            .away
            .iter()
            .map(|a| roster.members[a.member].id.as_str())
            .collect();
        row.push(Cell::new(away.join(" ")));
        t.add_row(row);
        // A line under the week for the covers of the roles shown.
        let covers = rot.covers_in(week.index);
        if covers.iter().any(|c| shown.contains(&c.rank)) {
            any_cover = true;
            let mut row = vec![Cell::new(""), Cell::new("  cover")];
            for &rank in shown {
                let text: Vec<String> = covers
                    .iter()
                    .filter(|c| c.rank == rank)
                    .map(|c| cover_text(rot, c))
                    .collect();
                row.push(Cell::new(text.join("\n")));
            }
            row.push(Cell::new(""));
            t.add_row(row);
        }
    }
    let legend = if any_cover {
        "; * = override, cover = a role held for part of the week"
    } else {
        "; * = override"
    };
    let mut out = bold(
        &format!(
            "{} schedule ({}, handoff {} {}{legend})",
            team.name,
            team.timezone.name(),
            crate::roster::weekday_name(team.handoff_day),
            team.handoff_time.format("%H:%M")
        ),
        color,
    ) + "\n";
    out.push_str(&finish(&t));
    out
}

/// `dw schedule --member ID`: that member's role week by week; with
/// `ranks`, only the weeks they hold or cover one of those ranks.
pub fn member_schedule_table<W: Borrow<Week>>(
    rot: &Rotation<'_>,
    weeks: impl IntoIterator<Item = W>,
    member: MemberIx,
    ranks: Option<&[Rank]>,
    color: bool,
) -> String {
    let roster = rot.roster();
    let m = &roster.members[member];
    let mut out = bold(
        &format!("{} ({}) on the {} schedule", m.name, m.id, roster.team.name),
        color,
    ) + "\n";
    let mut t = table(["week", "starts", "ends", "role"]);
    let shown = |rank: Rank| ranks.is_none_or(|r| r.contains(&rank));
    for week in weeks {
        let week = week.borrow();
        let (start, end) = rot.bounds(week.index);
        let covers: Vec<CoverSpan<'_>> = rot
            .covers_in(week.index)
            .into_iter()
            .filter(|c| shown(c.rank))
            .collect();
        let holds = week.rank_of(member).is_some_and(shown);
        if !holds && ranks.is_some() && !covers.iter().any(|c| c.member == member) {
            continue;
        }
        let role = if let Some(rank) = week.rank_of(member) {
            let name = roster.role_name(rank);
            match &week.ranks[rank.index()].override_reason {
                Some(r) if !r.is_empty() => format!("{name} (override: {r})"),
                Some(_) => format!("{name} (override)"),
                None => name,
            }
        } else if let Some(a) = week.away.iter().find(|a| a.member == member) {
            match &a.reason {
                Some(r) => format!("away ({r})"),
                None => "away".into(),
            }
        } else {
            "not on the rotation".into()
        };
        let mut role = role;
        for c in covers {
            let holder = week.slot(c.rank).map(|s| s.member);
            if c.member == member {
                let of = holder
                    .map(|h| format!(" for {}", roster.members[h].id))
                    .unwrap_or_default();
                role.push_str(&format!(
                    "; covers {}{of} {}",
                    roster.role_name(c.rank),
                    short_span(&c)
                ));
            } else if holder == Some(member) {
                role.push_str(&format!("; covered by {}", cover_text(rot, &c)));
            }
            if c.member == member && !c.reason.is_empty() {
                role.push_str(&format!(" ({})", c.reason));
            }
        }
        t.add_row(vec![
            Cell::new(week.index).set_alignment(CellAlignment::Right),
            Cell::new(human(&start)),
            Cell::new(human(&end)),
            Cell::new(role),
        ]);
    }
    out.push_str(&finish(&t));
    out
}
