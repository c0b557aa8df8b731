//! `dw schedule --ics`: the rotation as an iCalendar (RFC 5545) file.

use crate::roster::MemberIx;
use std::borrow::Borrow;
use std::io::{self, Write};

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use crate::rotation::{CoverSpan, Rotation, Week};

/// Escape TEXT values (RFC 5545 §3.3.11).
fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Fold a content line at 75 octets (RFC 5545 §3.1) and end it with CRLF.
fn ics_line(out: &mut String, line: &str) {
    let mut count = 0;
    for c in line.chars() {
        if count + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            count = 1;
        }
        out.push(c);
        count += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn ics_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    if s % 60 == 0 {
        format!("{sign}{:02}{:02}", s / 3600, s / 60 % 60)
    } else {
        format!("{sign}{:02}{:02}{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

/// The offset changes of `tz` between two instants, each as the first
/// instant of the new offset, found by daily steps and bisection.
fn transitions(tz: &Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let offset = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc());
    let mut found = Vec::new();
    let mut t = from;
    while t < to {
        let next = (t + chrono::Duration::days(1)).min(to);
        if offset(t) != offset(next) {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > chrono::Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset(mid) == offset(lo) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            found.push(hi);
        }
        t = next;
    }
    found
}

/// The VTIMEZONE for the span of the calendar: one observance per offset in force.
fn vtimezone(out: &mut String, tz: &Tz, from: DateTime<Utc>, to: DateTime<Utc>) {
    let offset_at = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc());
    ics_line(out, "BEGIN:VTIMEZONE");
    ics_line(out, &format!("TZID:{}", tz.name()));
    let mut starts = vec![from];
    starts.extend(transitions(tz, from, to));
    let mut previous = offset_at(from - chrono::Duration::days(1));
    for start in starts {
        let offset = offset_at(start);
        let kind = if offset.dst_offset().num_seconds() != 0 {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        // The onset is a local time read with TZOFFSETFROM (RFC 5545 §3.6.5:
        // US daylight time starts at 02:00, not 03:00).
        let onset = start.naive_utc() + chrono::Duration::seconds(previous.fix_seconds().into());
        ics_line(out, &format!("BEGIN:{kind}"));
        ics_line(out, &format!("DTSTART:{}", ics_local_naive(&onset)));
        ics_line(
            out,
            &format!("TZOFFSETFROM:{}", ics_offset(previous.fix_seconds())),
        );
        ics_line(
            out,
            &format!("TZOFFSETTO:{}", ics_offset(offset.fix_seconds())),
        );
        if let Some(abbr) = offset.abbreviation() {
            ics_line(out, &format!("TZNAME:{}", ics_text(abbr)));
        }
        ics_line(out, &format!("END:{kind}"));
        previous = offset;
    }
    ics_line(out, "END:VTIMEZONE");
}

fn ics_local_naive(t: &chrono::NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

trait FixSeconds {
    fn fix_seconds(&self) -> i32;
}

impl FixSeconds for chrono_tz::TzOffset {
    fn fix_seconds(&self) -> i32 {
        chrono::Offset::fix(self).local_minus_utc()
    }
}

/// A content-line writer: folds at 75 octets (RFC 5545 §3.1) on UTF-8
/// boundaries, byte by byte, as the pieces of a line arrive.
struct Lines<W> {
    out: W,
    /// Octets on the current physical line.
    col: usize,
}

impl<W: Write> Lines<W> {
    /// Part of a content line, written as is.
    fn put(&mut self, s: &str) -> io::Result<()> {
        let mut s = s;
        while self.col + s.len() > 75 {
            let mut cut = 75 - self.col;
            while !s.is_char_boundary(cut) {
                cut -= 1;
            }
            self.out.write_all(&s.as_bytes()[..cut])?;
            self.out.write_all(b"\r\n ")?;
            self.col = 1;
            s = &s[cut..];
        }
        self.out.write_all(s.as_bytes())?;
        self.col += s.len();
        Ok(())
    }

    /// End the content line.
    fn end(&mut self) -> io::Result<()> {
        self.col = 0;
        self.out.write_all(b"\r\n")
    }

    /// A whole content line.
    fn line(&mut self, s: &str) -> io::Result<()> {
        self.put(s)?;
        self.end()
    }
}

/// `ics_text` into `out`, for text made once and written many times.
fn push_text(out: &mut String, s: &str) {
    out.push_str(&ics_text(s));
}

/// `YYYYMMDDTHHMMSS` of a local time, written by hand (years 0–9999; chrono
/// for the rest, which writes a sign).
fn local_stamp(t: &chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    let year = t.year();
    if !(0..=9999).contains(&year) {
        return ics_local_naive(t);
    }
    let mut b = [0u8; 15];
    let mut put2 = |at: usize, v: u32| {
        b[at] = b'0' + (v / 10) as u8;
        b[at + 1] = b'0' + (v % 10) as u8;
    };
    let y = year as u32;
    put2(0, y / 100);
    put2(2, y % 100);
    put2(4, t.month());
    put2(6, t.day());
    put2(9, t.hour());
    put2(11, t.minute());
    put2(13, t.second());
    b[8] = b'T';
    String::from_utf8_lossy(&b).into_owned()
}

/// One DTSTART or DTEND value: the local time, read with the calendar's
/// TZID, or the instant in UTC (`…Z`) when the local time the roster gave
/// for it is ambiguous (a fall-back fold) or does not exist (a
/// spring-forward gap). Readers resolve such local times their own way
/// (ical.js reads a folded time as the later instant); UTC has one reading.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    text: String,
    utc: bool,
}

/// Whether the wall-clock time `wall` names exactly one instant in `tz`.
fn unique(tz: &Tz, wall: &NaiveDateTime) -> bool {
    tz.from_local_datetime(wall).single().is_some()
}

/// The value for instant `t`, given as `wall` in the roster (a handoff or a
/// cover's end, before any gap moved it).
fn stamp_at(t: &DateTime<Tz>, wall: &NaiveDateTime) -> Stamp {
    let tz = t.timezone();
    if unique(&tz, wall) && unique(&tz, &t.naive_local()) {
        Stamp {
            text: local_stamp(&t.naive_local()),
            utc: false,
        }
    } else {
        let mut text = local_stamp(&t.naive_utc());
        text.push('Z');
        Stamp { text, utc: true }
    }
}

/// A bound of an event: the instant and its value.
#[derive(Debug, Clone)]
struct Bound {
    t: DateTime<Tz>,
    stamp: Stamp,
}

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
    fn role(&mut self, rank: usize) -> &str {
        while self.roles.len() < rank {
            let name = self.rot.role_name(self.roles.len() + 1);
            self.roles.push(ics_text(&name));
        }
        &self.roles[rank - 1]
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
    span: Option<(usize, usize)>,
    member: Option<MemberIx>,
    ranks: Option<&[usize]>,
    stamp: DateTime<Utc>,
) -> io::Result<()> {
    let roster = rot.roster();
    let tz = &roster.team.timezone;
    let team_slug: String = roster
        .team
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
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
    let mut out = Lines { out, col: 0 };
    out.out.write_all(head.as_bytes())?;
    let mut shared = Shared {
        dtstamp: stamp.format("%Y%m%dT%H%M%SZ").to_string(),
        dtstart: format!("DTSTART;TZID={}:", tz.name()),
        dtend: format!("DTEND;TZID={}:", tz.name()),
        team_slug,
        team_tail: ics_text(&format!(" ({})", roster.team.name)),
        names: roster.members.iter().map(|m| ics_text(&m.name)).collect(),
        roles: Vec::new(),
        rot,
    };
    let shown = |rank: usize| ranks.is_none_or(|r| r.contains(&rank));
    // Scratch text reused from event to event.
    let (mut uid, mut summary, mut description) = (String::new(), String::new(), String::new());
    let handoff = |k: usize| {
        let t = rot.week_start(k as i64);
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
            Some(b) if b.t == rot.week_start(week.index as i64) => b,
            _ => handoff(week.index),
        };
        let end = handoff(week.index + 1);
        next = Some(end.clone());
        let (start_s, end_s) = (&start.stamp, &end.stamp);
        let covers = rot.covers_in(week.index);
        let mut week_no = itoa::Buffer::new();
        let week_no = week_no.format(week.index);
        for (i, slot) in week.ranks.iter().enumerate() {
            let rank = i + 1;
            if !shown(rank) {
                continue;
            }
            let of_rank: Vec<&CoverSpan<'_>> = covers.iter().filter(|c| c.rank == rank).collect();
            if of_rank.is_empty() && member.is_some_and(|x| x != slot.member) {
                continue;
            }
            let mut rank_no = itoa::Buffer::new();
            let rank_no = rank_no.format(rank);
            let role = shared.role(rank).to_string();
            let m = &roster.members[slot.member];
            if member.is_none_or(|x| x == slot.member) {
                description.clear();
                description.push_str(&shared.names[slot.member]);
                description.push_str(" is ");
                description.push_str(&role);
                description.push_str(" (rank ");
                description.push_str(rank_no);
                description.push_str(") for week ");
                description.push_str(week_no);
                description.push('.');
                if let Some(reason) = &slot.override_reason {
                    description.push_str(" Override: ");
                    push_text(&mut description, reason);
                }
                for c in &of_rank {
                    push_text(
                        &mut description,
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
                    uid.push_str(week_no);
                    uid.push('-');
                    uid.push_str(rank_no);
                    uid.push('-');
                    uid.push_str(&m.id);
                    uid.push_str("@dw");
                    event(
                        &mut out,
                        &shared,
                        &uid,
                        start_s,
                        end_s,
                        &summary,
                        &description,
                    )?;
                } else {
                    let base = format!("{}-week{}-{rank}-{}", shared.team_slug, week.index, m.id);
                    let spans: Vec<(Bound, Bound)> = of_rank
                        .iter()
                        .map(|c| cover_bounds(rot, c, &start, &end))
                        .collect();
                    for (n, (from, to)) in uncovered(&start, &end, &spans).into_iter().enumerate() {
                        let uid = if n == 0 {
                            format!("{base}@dw")
                        } else {
                            format!("{base}-part{}@dw", n + 1)
                        };
                        event(
                            &mut out,
                            &shared,
                            &uid,
                            &from.stamp,
                            &to.stamp,
                            &summary,
                            &description,
                        )?;
                    }
                }
            }
            for c in &of_rank {
                if member.is_some_and(|x| x != c.member) {
                    continue;
                }
                let cm = &roster.members[c.member];
                let mut description = String::new();
                push_text(
                    &mut description,
                    &format!(
                        "{} covers {} (rank {rank}) for {} in week {}.",
                        cm.name,
                        rot.role_name(rank),
                        m.name,
                        week.index
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
                    week.index,
                    c.index + 1,
                    cm.id
                );
                let (from, to) = cover_bounds(rot, c, &start, &end);
                event(
                    &mut out,
                    &shared,
                    &uid,
                    &from.stamp,
                    &to.stamp,
                    &summary,
                    &description,
                )?;
            }
        }
    }
    out.line("END:VCALENDAR")
}

#[cfg(test)]
#[path = "ics_tests.rs"]
mod tests;
