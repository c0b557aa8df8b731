//! `dw schedule` as tables: the whole team, or one member week by week.

use chrono::DateTime;
use chrono_tz::Tz;
use comfy_table::{Cell, CellAlignment};

use crate::rotation::{Rotation, Week};

use super::{bold, finish, human, table};

fn short_date(t: &DateTime<Tz>) -> String {
    t.format("%a %Y-%m-%d").to_string()
}

/// `dw schedule` as a table: one row per week, a column per named role.
pub fn schedule_table(rot: &Rotation<'_>, weeks: &[Week], color: bool) -> String {
    let roster = rot.roster();
    let team = &roster.team;
    let mut out = bold(
        &format!(
            "{} schedule ({}, handoff {} {}; * = override)",
            team.name,
            team.timezone.name(),
            crate::roster::weekday_name(team.handoff_day),
            team.handoff_time.format("%H:%M")
        ),
        color,
    ) + "\n";
    let mut headers = vec!["week".to_string(), "starts".to_string()];
    headers.extend(team.roles.iter().cloned());
    headers.push("away".into());
    let mut t = table(headers);
    for week in weeks {
        let (start, _) = rot.bounds(week.index);
        let mut row = vec![
            Cell::new(week.index).set_alignment(CellAlignment::Right),
            Cell::new(short_date(&start)),
        ];
        for rank in 1..=team.roles.len() {
            row.push(Cell::new(match week.ranks.get(rank - 1) {
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
    }
    out.push_str(&finish(&t));
    out
}

/// `dw schedule --member ID`: that member's role week by week.
pub fn member_schedule_table(
    rot: &Rotation<'_>,
    weeks: &[Week],
    member: usize,
    color: bool,
) -> String {
    let roster = rot.roster();
    let m = &roster.members[member];
    let mut out = bold(
        &format!("{} ({}) on the {} schedule", m.name, m.id, roster.team.name),
        color,
    ) + "\n";
    let mut t = table(["week", "starts", "ends", "role"]);
    for week in weeks {
        let (start, end) = rot.bounds(week.index);
        let role = if let Some(rank) = week.rank_of(member) {
            let name = roster.role_name(rank);
            match &week.ranks[rank - 1].override_reason {
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
