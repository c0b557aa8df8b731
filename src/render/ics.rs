//! `dw schedule --ics`: the rotation as an iCalendar (RFC 5545) file.

use chrono::{DateTime, TimeZone, Utc};
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

fn ics_local(t: &DateTime<Tz>) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
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

/// One VEVENT.
struct Event<'a> {
    uid: String,
    start: DateTime<Tz>,
    end: DateTime<Tz>,
    summary: String,
    description: String,
    tz: &'a Tz,
}

fn event(out: &mut String, e: &Event<'_>, dtstamp: &str) {
    ics_line(out, "BEGIN:VEVENT");
    ics_line(out, &format!("UID:{}", e.uid));
    ics_line(out, &format!("DTSTAMP:{dtstamp}"));
    ics_line(
        out,
        &format!("DTSTART;TZID={}:{}", e.tz.name(), ics_local(&e.start)),
    );
    ics_line(
        out,
        &format!("DTEND;TZID={}:{}", e.tz.name(), ics_local(&e.end)),
    );
    ics_line(out, &format!("SUMMARY:{}", ics_text(&e.summary)));
    ics_line(out, &format!("DESCRIPTION:{}", ics_text(&e.description)));
    ics_line(out, "TRANSP:TRANSPARENT");
    ics_line(out, "END:VEVENT");
}

/// `[start, end)` minus the spans of `covers` (sorted, not overlapping).
fn uncovered(
    start: DateTime<Tz>,
    end: DateTime<Tz>,
    covers: &[&CoverSpan<'_>],
) -> Vec<(DateTime<Tz>, DateTime<Tz>)> {
    let mut parts = Vec::new();
    let mut at = start;
    for c in covers {
        if c.from > at {
            parts.push((at, c.from.min(end)));
        }
        at = at.max(c.to);
    }
    if at < end {
        parts.push((at, end));
    }
    parts
}

/// `dw schedule --ics`: one event per member per rank per week shown, split
/// around the covers of that rank, and one event per cover (per week it
/// touches). `ranks` keeps only those ranks (`None`: every rank); `stamp` is
/// the DTSTAMP (the moment dw was asked, so output is repeatable).
pub fn ics(
    rot: &Rotation<'_>,
    weeks: &[Week],
    member: Option<usize>,
    ranks: Option<&[usize]>,
    stamp: DateTime<Utc>,
) -> String {
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
    let mut out = String::new();
    ics_line(&mut out, "BEGIN:VCALENDAR");
    ics_line(&mut out, "VERSION:2.0");
    ics_line(
        &mut out,
        &format!("PRODID:-//dw//dw {}//EN", env!("CARGO_PKG_VERSION")),
    );
    ics_line(&mut out, "CALSCALE:GREGORIAN");
    ics_line(
        &mut out,
        &format!(
            "X-WR-CALNAME:{}",
            ics_text(&format!("{} on-call", roster.team.name))
        ),
    );
    ics_line(&mut out, &format!("X-WR-TIMEZONE:{}", tz.name()));
    if let (Some(first), Some(last)) = (weeks.first(), weeks.last()) {
        let from = rot.bounds(first.index).0.with_timezone(&Utc);
        let to = rot.bounds(last.index).1.with_timezone(&Utc);
        vtimezone(&mut out, tz, from, to);
    }
    let dtstamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let shown = |rank: usize| ranks.is_none_or(|r| r.contains(&rank));
    for week in weeks {
        let (start, end) = rot.bounds(week.index);
        let covers = rot.covers_in(week.index);
        for (i, slot) in week.ranks.iter().enumerate() {
            let rank = i + 1;
            if !shown(rank) {
                continue;
            }
            let role = roster.role_name(rank);
            let of_rank: Vec<&CoverSpan<'_>> = covers.iter().filter(|c| c.rank == rank).collect();
            let m = &roster.members[slot.member];
            if member.is_none_or(|x| x == slot.member) {
                let mut description = format!(
                    "{} is {role} (rank {rank}) for week {}.",
                    m.name, week.index
                );
                if let Some(reason) = &slot.override_reason {
                    description.push_str(&format!(" Override: {reason}"));
                }
                for c in &of_rank {
                    description.push_str(&format!(
                        " Covered by {} from {} to {}.",
                        roster.members[c.member].name,
                        c.from.format("%a %Y-%m-%d %H:%M"),
                        c.to.format("%a %Y-%m-%d %H:%M")
                    ));
                }
                let uid = format!("{team_slug}-week{}-{rank}-{}", week.index, m.id);
                for (n, (from, to)) in uncovered(start, end, &of_rank).into_iter().enumerate() {
                    event(
                        &mut out,
                        &Event {
                            uid: if n == 0 {
                                format!("{uid}@dw")
                            } else {
                                format!("{uid}-part{}@dw", n + 1)
                            },
                            start: from,
                            end: to,
                            summary: format!("{role}: {} ({})", m.name, roster.team.name),
                            description: description.clone(),
                            tz,
                        },
                        &dtstamp,
                    );
                }
            }
            for c in &of_rank {
                if member.is_some_and(|x| x != c.member) {
                    continue;
                }
                let cm = &roster.members[c.member];
                let mut description = format!(
                    "{} covers {role} (rank {rank}) for {} in week {}.",
                    cm.name, m.name, week.index
                );
                if !c.reason.is_empty() {
                    description.push_str(&format!(" Cover: {}", c.reason));
                }
                event(
                    &mut out,
                    &Event {
                        uid: format!(
                            "{team_slug}-week{}-{rank}-cover{}-{}@dw",
                            week.index,
                            c.index + 1,
                            cm.id
                        ),
                        start: c.from,
                        end: c.to,
                        summary: format!("{role} (cover): {} ({})", cm.name, roster.team.name),
                        description,
                        tz,
                    },
                    &dtstamp,
                );
            }
        }
    }
    ics_line(&mut out, "END:VCALENDAR");
    out
}
