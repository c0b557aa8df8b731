//! `dw schedule --ics`: the rotation as an iCalendar (RFC 5545) file.

use crate::roster::{MemberIx, Rank};
use std::borrow::Borrow;
use std::io::{self, Write};

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::rotation::{CoverSpan, Rotation, Slot, Week, WeekIx};

mod format;

use format::*;

/// A cover's clipped span as bounds: a clipped end is the week's bound.
fn cover_bounds(
    rot: &Rotation<'_>,
    c: &CoverSpan<'_>,
    start: &Bound,
    end: &Bound,
) -> (Bound, Bound) {
    let cover = &rot.roster().covers[c.index];
    let bound = |t: DateTime<Tz>, wall: &NaiveDateTime| {
        if t == start.t {
            start.clone()
        } else if t == end.t {
            end.clone()
        } else {
            Bound {
                t,
                stamp: stamp_at(&t, wall),
            }
        }
    };
    (bound(c.from, &cover.from), bound(c.to, &cover.to))
}

/// `[start, end)` minus the spans of `covers` (sorted, not overlapping).
fn uncovered(start: &Bound, end: &Bound, covers: &[(Bound, Bound)]) -> Vec<(Bound, Bound)> {
    let mut parts = Vec::new();
    let mut at = start.clone();
    for (from, to) in covers {
        if from.t > at.t {
            let stop = if from.t < end.t { from } else { end };
            parts.push((at.clone(), stop.clone()));
        }
        if to.t > at.t {
            at = to.clone();
        }
    }
    if at.t < end.t {
        parts.push((at, end.clone()));
    }
    parts
}

/// What every event of one calendar shares, escaped once.
struct Shared<'a> {
    dtstamp: String,
    dtstart: String,
    dtend: String,
    team_slug: String,
    /// `" (TEAM)"`, escaped.
    team_tail: String,
    /// Each member's name, escaped.
    names: Vec<String>,
    /// Each rank's role name, escaped, by rank − 1 (made as asked for).
    roles: Vec<String>,
    rot: &'a Rotation<'a>,
}

impl Shared<'_> {
    fn role(&mut self, rank: Rank) -> &str {
        while self.roles.len() <= rank.index() {
            let name = self.rot.role_name(Rank::from_index(self.roles.len()));
            self.roles.push(ics_text(&name));
        }
        &self.roles[rank.index()]
    }
}

/// One VEVENT; `summary` and `description` are already escaped.
#[allow(clippy::too_many_arguments)]
fn event<W: Write>(
    out: &mut Lines<W>,
    shared: &Shared<'_>,
    uid: &str,
    start: &Stamp,
    end: &Stamp,
    summary: &str,
    description: &str,
) -> io::Result<()> {
    out.line("BEGIN:VEVENT")?;
    out.put("UID:")?;
    out.line(uid)?;
    out.put("DTSTAMP:")?;
    out.line(&shared.dtstamp)?;
    out.put(if start.utc {
        "DTSTART:"
    } else {
        &shared.dtstart
    })?;
    out.line(&start.text)?;
    out.put(if end.utc { "DTEND:" } else { &shared.dtend })?;
    out.line(&end.text)?;
    out.put("SUMMARY:")?;
    out.line(summary)?;
    out.put("DESCRIPTION:")?;
    out.line(description)?;
    out.line("TRANSP:TRANSPARENT")?;
    out.line("END:VEVENT")
}

/// `dw schedule --ics`: one event per member per rank per week shown, split
/// around the covers of that rank, and one event per cover (per week it
/// touches). `ranks` keeps only those ranks (`None`: every rank); `stamp` is
/// the DTSTAMP (the moment dw was asked, so output is repeatable). Times are
/// local with the team's TZID, except those whose local time is ambiguous
/// or missing, which are written in UTC (see `Stamp`).
///
/// Written to `out` as the weeks arrive: nothing is kept per week,
/// so memory stays flat however many weeks are asked for. `span` is the
/// first and last week index `weeks` yields (the time zone block, written
/// first, covers them), `None` when it yields none.
pub fn write_ics<W: Write, K: Borrow<Week>>(
    out: W,
    rot: &Rotation<'_>,
    weeks: impl IntoIterator<Item = K>,
    span: Option<(WeekIx, WeekIx)>,
    member: Option<MemberIx>,
    ranks: Option<&[Rank]>,
    stamp: DateTime<Utc>,
) -> io::Result<()> {
    let roster = rot.roster();
    let tz = &roster.team.timezone;
    let mut out = Lines { out, col: 0 };
    out.out.write_all(head(rot, span).as_bytes())?;
    let mut shared = Shared {
        dtstamp: stamp.format("%Y%m%dT%H%M%SZ").to_string(),
        dtstart: format!("DTSTART;TZID={}:", tz.name()),
        dtend: format!("DTEND;TZID={}:", tz.name()),
        team_slug: slug(&roster.team.name),
        team_tail: ics_text(&format!(" ({})", roster.team.name)),
        names: roster.members.iter().map(|m| ics_text(&m.name)).collect(),
        roles: Vec::new(),
        rot,
    };
    let shown = |rank: Rank| ranks.is_none_or(|r| r.contains(&rank));
    let mut scratch = Scratch::default();
    let handoff = |k: WeekIx| {
        let t = rot.week_start(k);
        let wall = rot.dates(k).0.and_time(roster.team.handoff_time);
        Bound {
            stamp: stamp_at(&t, &wall),
            t,
        }
    };
    let mut next: Option<Bound> = None;
    for week in weeks {
        let week = week.borrow();
        let start = match next.take() {
            Some(b) if b.t == rot.week_start(week.index) => b,
            _ => handoff(week.index),
        };
        let end = handoff(week.index.next());
        next = Some(end.clone());
        let covers = rot.covers_in(week.index);
        let mut week_no = itoa::Buffer::new();
        let at = At {
            week,
            week_no: week_no.format(week.index.get()),
            start: &start,
            end: &end,
        };
        for (i, slot) in week.ranks.iter().enumerate() {
            let rank = Rank::from_index(i);
            if !shown(rank) {
                continue;
            }
            let of_rank: Vec<&CoverSpan<'_>> = covers.iter().filter(|c| c.rank == rank).collect();
            if of_rank.is_empty() && member.is_some_and(|x| x != slot.member) {
                continue;
            }
            if member.is_none_or(|x| x == slot.member) {
                holder_events(
                    &mut out,
                    &mut shared,
                    &mut scratch,
                    &at,
                    (rank, slot),
                    &of_rank,
                )?;
            }
            for c in of_rank
                .iter()
                .filter(|c| member.is_none_or(|x| x == c.member))
            {
                cover_event(&mut out, &mut shared, &at, (rank, slot), c)?;
            }
        }
    }
    out.line("END:VCALENDAR")
}

/// The team's name as the start of every UID: ASCII letters and digits,
/// lower case, anything else a `-`.
fn slug(team: &str) -> String {
    team.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The calendar's head: its names, and the time zone block for the weeks
/// `span` (first, last) when there are any.
fn head(rot: &Rotation<'_>, span: Option<(WeekIx, WeekIx)>) -> String {
    let roster = rot.roster();
    let tz = &roster.team.timezone;
    let mut head = String::new();
    ics_line(&mut head, "BEGIN:VCALENDAR");
    ics_line(&mut head, "VERSION:2.0");
    ics_line(
        &mut head,
        &format!("PRODID:-//dw//dw {}//EN", env!("CARGO_PKG_VERSION")),
    );
    ics_line(&mut head, "CALSCALE:GREGORIAN");
    ics_line(
        &mut head,
        &format!(
            "X-WR-CALNAME:{}",
            ics_text(&format!("{} on-call", roster.team.name))
        ),
    );
    ics_line(&mut head, &format!("X-WR-TIMEZONE:{}", tz.name()));
    if let Some((first, last)) = span {
        let from = rot.bounds(first).0.with_timezone(&Utc);
        let to = rot.bounds(last).1.with_timezone(&Utc);
        vtimezone(&mut head, tz, from, to);
    }
    head
}

/// Text reused from event to event, so a long calendar allocates little.
#[derive(Default)]
struct Scratch {
    uid: String,
    summary: String,
    description: String,
}

/// The week being written: its number as text and its bounds.
struct At<'w> {
    week: &'w Week,
    week_no: &'w str,
    start: &'w Bound,
    end: &'w Bound,
}

/// The events of the member holding `rank` in the week: the whole week,
/// or the parts of it the rank's covers (`of_rank`) leave them.
fn holder_events<W: Write>(
    out: &mut Lines<W>,
    shared: &mut Shared<'_>,
    scratch: &mut Scratch,
    at: &At<'_>,
    (rank, slot): (Rank, &Slot),
    of_rank: &[&CoverSpan<'_>],
) -> io::Result<()> {
    let rot = shared.rot;
    let roster = rot.roster();
    let mut rank_no = itoa::Buffer::new();
    let rank_no = rank_no.format(rank.get());
    let role = shared.role(rank).to_string();
    let m = &roster.members[slot.member];
    let Scratch {
        uid,
        summary,
        description,
    } = scratch;
    description.clear();
    description.push_str(&shared.names[slot.member]);
    description.push_str(" is ");
    description.push_str(&role);
    description.push_str(" (rank ");
    description.push_str(rank_no);
    description.push_str(") for week ");
    description.push_str(at.week_no);
    description.push('.');
    if let Some(reason) = &slot.override_reason {
        description.push_str(" Override: ");
        push_text(description, reason);
    }
    for c in of_rank {
        push_text(
            description,
            &format!(
                " Covered by {} from {} to {}.",
                roster.members[c.member].name,
                c.from.format("%a %Y-%m-%d %H:%M"),
                c.to.format("%a %Y-%m-%d %H:%M")
            ),
        );
    }
    summary.clear();
    summary.push_str(&role);
    summary.push_str(": ");
    summary.push_str(&shared.names[slot.member]);
    summary.push_str(&shared.team_tail);
    if of_rank.is_empty() {
        uid.clear();
        uid.push_str(&shared.team_slug);
        uid.push_str("-week");
        uid.push_str(at.week_no);
        uid.push('-');
        uid.push_str(rank_no);
        uid.push('-');
        uid.push_str(&m.id);
        uid.push_str("@dw");
        return event(
            out,
            shared,
            uid,
            &at.start.stamp,
            &at.end.stamp,
            summary,
            description,
        );
    }
    let base = format!("{}-week{}-{rank}-{}", shared.team_slug, at.week.index, m.id);
    let spans: Vec<(Bound, Bound)> = of_rank
        .iter()
        .map(|c| cover_bounds(rot, c, at.start, at.end))
        .collect();
    for (n, (from, to)) in uncovered(at.start, at.end, &spans).into_iter().enumerate() {
        let uid = if n == 0 {
            format!("{base}@dw")
        } else {
            format!("{base}-part{}@dw", n + 1)
        };
        event(
            out,
            shared,
            &uid,
            &from.stamp,
            &to.stamp,
            summary,
            description,
        )?;
    }
    Ok(())
}

/// The event of cover `c` of `rank`, held that week by `slot`'s member.
fn cover_event<W: Write>(
    out: &mut Lines<W>,
    shared: &mut Shared<'_>,
    at: &At<'_>,
    (rank, slot): (Rank, &Slot),
    c: &CoverSpan<'_>,
) -> io::Result<()> {
    let rot = shared.rot;
    let roster = rot.roster();
    let role = shared.role(rank).to_string();
    let m = &roster.members[slot.member];
    let cm = &roster.members[c.member];
    let mut description = String::new();
    push_text(
        &mut description,
        &format!(
            "{} covers {} (rank {rank}) for {} in week {}.",
            cm.name,
            rot.role_name(rank),
            m.name,
            at.week.index
        ),
    );
    if !c.reason.is_empty() {
        push_text(&mut description, &format!(" Cover: {}", c.reason));
    }
    let summary = format!(
        "{role}{}{}",
        ics_text(" (cover): "),
        ics_text(&format!("{} ({})", cm.name, roster.team.name))
    );
    let uid = format!(
        "{}-week{}-{rank}-cover{}-{}@dw",
        shared.team_slug,
        at.week.index,
        c.index + 1,
        cm.id
    );
    let (from, to) = cover_bounds(rot, c, at.start, at.end);
    event(
        out,
        shared,
        &uid,
        &from.stamp,
        &to.stamp,
        &summary,
        &description,
    )
}

#[cfg(test)]
mod tests;
