//! `dw who`: the current week's ranks as a table, bare field values,
//! shell assignments or tab-separated values.

use comfy_table::{Cell, CellAlignment};

use crate::roster::{Field, Rank, Roster};
use chrono::DateTime;
use chrono_tz::Tz;

use crate::rotation::{Holder, Rotation, Slot, Week, WeekIx};

use super::{bold, finish, human, rfc3339, table};

/// `week 8 (ISO 10)`: the rotation's week number and the ISO 8601 week of its first date.
pub fn week_label(rot: &Rotation<'_>, k: WeekIx) -> String {
    use chrono::Datelike;
    format!("week {k} (ISO {})", rot.dates(k).0.iso_week().week())
}

fn week_title(rot: &Rotation<'_>, k: WeekIx) -> String {
    let (start, end) = rot.bounds(k);
    format!(
        "{} on call, {}: {} → {}",
        rot.roster().team.name,
        week_label(rot, k),
        human(&start),
        human(&end)
    )
}

/// The member answering for `rank` (held by `slot` in `week`) at
/// `at`: the engine decides (a cover's member inside its span, else the
/// week's holder).
fn answering<'r>(
    rot: &Rotation<'r>,
    week: &Week,
    rank: Rank,
    slot: &Slot,
    at: &DateTime<Tz>,
) -> Holder<'r> {
    rot.holder_in(week, rank, at).unwrap_or(Holder {
        member: slot.member,
        cover: None,
    })
}

/// `dw who` as a table. `only_rank` limits the rows to that rank; `at` is
/// the instant asked about (covers in force then answer for their rank).
pub fn who_table(
    rot: &Rotation<'_>,
    week: &Week,
    only_rank: Option<Rank>,
    at: &DateTime<Tz>,
    color: bool,
) -> String {
    let roster = rot.roster();
    let mut out = bold(&week_title(rot, week.index), color) + "\n";
    if week.ranks.is_empty() {
        out.push_str("Nobody is available this week.\n");
    } else {
        let mut t = table(["rank", "role", "id", "name", "email"]);
        if let Some(rank) = only_rank.filter(|r| r.get() > week.ranks.len()) {
            out.push_str(&format!(
                "Nobody holds rank {rank} this week: {} available.\n",
                match week.ranks.len() {
                    1 => "only 1 member is".to_string(),
                    n => format!("only {n} members are"),
                }
            ));
            return out;
        }
        let mut notes = Vec::new();
        for (rank, slot) in Rank::up_to(week.ranks.len()).zip(&week.ranks) {
            if only_rank.is_some_and(|r| r != rank) {
                continue;
            }
            let Holder { member, cover } = answering(rot, week, rank, slot, at);
            let m = &roster.members[member];
            let mut role = roster.role_name(rank);
            if let Some(c) = cover {
                role.push_str(" (cover)");
                let why = if c.reason.is_empty() {
                    String::new()
                } else {
                    format!(": {}", c.reason)
                };
                notes.push(format!(
                    "cover: {} is {} until {}, for {}{why}\n",
                    m.id,
                    roster.role_name(rank),
                    human(&c.to),
                    roster.members[slot.member].id,
                ));
            } else if let Some(reason) = &slot.override_reason {
                role.push('*');
                let why = if reason.is_empty() {
                    String::new()
                } else {
                    format!(": {reason}")
                };
                notes.push(format!(
                    "* override: {} is {}{why}\n",
                    m.id,
                    roster.role_name(rank)
                ));
            }
            t.add_row(vec![
                Cell::new(rank).set_alignment(CellAlignment::Right),
                Cell::new(role),
                Cell::new(&m.id),
                Cell::new(&m.name),
                Cell::new(&m.email),
            ]);
        }
        out.push_str(&finish(&t));
        out.extend(notes);
    }
    if only_rank.is_none() && !week.away.is_empty() {
        out.push_str(&format!("Away: {}\n", away_list(roster, week)));
    }
    out
}

fn away_list(roster: &Roster, week: &Week) -> String {
    week.away
        .iter()
        .map(|a| {
            let id = &roster.members[a.member].id;
            match &a.reason {
                Some(r) => format!("{id} ({r})"),
                None => id.clone(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One bare line per rank shown: for `$(dw who --role primary --field email)`.
/// Inside a cover, the covering member: the person to page.
pub fn who_field(
    rot: &Rotation<'_>,
    week: &Week,
    only_rank: Option<Rank>,
    at: &DateTime<Tz>,
    f: Field,
) -> String {
    Rank::up_to(week.ranks.len())
        .zip(&week.ranks)
        .filter(|&(rank, _)| only_rank.is_none_or(|r| r == rank))
        .map(|(rank, s)| {
            let member = answering(rot, week, rank, s, at).member;
            // One line per rank, whatever the text (validation keeps line breaks out already).
            format!(
                "{}\n",
                crate::text::one_record(rot.roster().members[member].field(f))
            )
        })
        .collect()
}

/// Single-quote a value for POSIX shells.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn env_name(role: &str) -> String {
    role.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// `eval "$(dw who --format env)"`: `DW_PRIMARY_EMAIL='ada@example.com'` …
/// Inside a cover, the covering member's.
pub fn who_env(
    rot: &Rotation<'_>,
    week: &Week,
    only_rank: Option<Rank>,
    at: &DateTime<Tz>,
) -> String {
    let roster = rot.roster();
    let (start, end) = rot.bounds(week.index);
    let mut out = format!(
        "DW_WEEK={}\nDW_START={}\nDW_END={}\n",
        week.index,
        shell_quote(&rfc3339(&start)),
        shell_quote(&rfc3339(&end))
    );
    for (rank, slot) in Rank::up_to(week.ranks.len()).zip(&week.ranks) {
        if only_rank.is_some_and(|r| r != rank) {
            continue;
        }
        let m = &roster.members[answering(rot, week, rank, slot, at).member];
        let role = env_name(&roster.role_name(rank));
        for (name, value) in [
            ("ID", m.id.as_str()),
            ("NAME", &m.name),
            ("EMAIL", &m.email),
            ("SLACK", m.slack.as_deref().unwrap_or("")),
            ("PAGERDUTY", m.pagerduty.as_deref().unwrap_or("")),
        ] {
            out.push_str(&format!("DW_{role}_{name}={}\n", shell_quote(value)));
        }
    }
    out
}

fn tsv_cell(s: &str) -> String {
    crate::text::one_record(s)
}

/// Tab-separated ranks with a header line. Inside a cover, the covering
/// member, with the cover's end (RFC 3339) in `cover_until`.
pub fn who_tsv(
    rot: &Rotation<'_>,
    week: &Week,
    only_rank: Option<Rank>,
    at: &DateTime<Tz>,
) -> String {
    let roster = rot.roster();
    let mut out =
        String::from("rank\trole\tid\tname\temail\tslack\tpagerduty\toverride\tcover_until\n");
    for (rank, slot) in Rank::up_to(week.ranks.len()).zip(&week.ranks) {
        if only_rank.is_some_and(|r| r != rank) {
            continue;
        }
        let Holder { member, cover } = answering(rot, week, rank, slot, at);
        let m = &roster.members[member];
        let cells = [
            rank.to_string(),
            roster.role_name(rank),
            m.id.clone(),
            m.name.clone(),
            m.email.clone(),
            m.slack.clone().unwrap_or_default(),
            m.pagerduty.clone().unwrap_or_default(),
            if cover.is_some() {
                String::new()
            } else {
                slot.override_reason.clone().unwrap_or_default()
            },
            cover.map(|c| rfc3339(&c.to)).unwrap_or_default(),
        ];
        out.push_str(
            &cells
                .iter()
                .map(|c| tsv_cell(c))
                .collect::<Vec<_>>()
                .join("\t"),
        );
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_and_field_keep_one_record_per_line_whatever_the_text() {
        // Validation refuses these; the renderers must still not break a line.
        let mut roster =
            crate::test_support::roster("UTC", "2026-01-06", &[("ada", ""), ("bob", "")], "");
        roster.members[0].name = "Ada\nEve\r\u{2028}\u{85}\tX".into();
        roster.members[1].email = "b\n@x".into();
        let rot = Rotation::new(&roster);
        let week = rot.week(WeekIx(0));
        let (start, _) = rot.bounds(WeekIx(0));
        let names = who_field(&rot, &week, None, &start, Field::Name);
        assert_eq!(names.lines().count(), week.ranks.len(), "{names:?}");
        assert_eq!(names.lines().next(), Some("Ada Eve    X"));
        let emails = who_field(&rot, &week, None, &start, Field::Email);
        assert_eq!(emails.lines().count(), week.ranks.len(), "{emails:?}");
        let tsv = who_tsv(&rot, &week, None, &start);
        assert_eq!(tsv.lines().count(), 1 + week.ranks.len(), "{tsv:?}");
        for line in tsv.lines() {
            assert_eq!(line.matches('\t').count(), 8, "{line:?}");
        }
    }
}
