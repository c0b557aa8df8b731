//! iCalendar's own text (RFC 5545): escaped TEXT values, content lines
//! folded at 75 octets, UTC offsets, the VTIMEZONE block, and the DTSTART /
//! DTEND values (local, or UTC where local time is ambiguous or missing).

use std::io::{self, Write};

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// Escape TEXT values (RFC 5545 §3.3.11).
pub(super) fn ics_text(s: &str) -> String {
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
pub(super) fn ics_line(out: &mut String, line: &str) {
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

pub(super) fn ics_offset(seconds: i32) -> String {
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
pub(super) fn transitions(tz: &Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
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
pub(super) fn vtimezone(out: &mut String, tz: &Tz, from: DateTime<Utc>, to: DateTime<Utc>) {
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

pub(super) fn ics_local_naive(t: &chrono::NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

pub(super) trait FixSeconds {
    fn fix_seconds(&self) -> i32;
}

impl FixSeconds for chrono_tz::TzOffset {
    fn fix_seconds(&self) -> i32 {
        chrono::Offset::fix(self).local_minus_utc()
    }
}

/// A content-line writer: folds at 75 octets (RFC 5545 §3.1) on UTF-8
/// boundaries, byte by byte, as the pieces of a line arrive.
pub(super) struct Lines<W> {
    pub(super) out: W,
    /// Octets on the current physical line.
    pub(super) col: usize,
}

impl<W: Write> Lines<W> {
    /// Part of a content line, written as is.
    pub(super) fn put(&mut self, s: &str) -> io::Result<()> {
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
    pub(super) fn end(&mut self) -> io::Result<()> {
        self.col = 0;
        self.out.write_all(b"\r\n")
    }

    /// A whole content line.
    pub(super) fn line(&mut self, s: &str) -> io::Result<()> {
        self.put(s)?;
        self.end()
    }
}

/// `ics_text` into `out`, for text made once and written many times.
pub(super) fn push_text(out: &mut String, s: &str) {
    out.push_str(&ics_text(s));
}

/// `YYYYMMDDTHHMMSS` of a local time, written by hand (years 0–9999; chrono
/// for the rest, which writes a sign).
pub(super) fn local_stamp(t: &chrono::NaiveDateTime) -> String {
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
pub(super) struct Stamp {
    pub(super) text: String,
    pub(super) utc: bool,
}

/// Whether the wall-clock time `wall` names exactly one instant in `tz`.
pub(super) fn unique(tz: &Tz, wall: &NaiveDateTime) -> bool {
    tz.from_local_datetime(wall).single().is_some()
}

/// The value for instant `t`, given as `wall` in the roster (a handoff or a
/// cover's end, before any gap moved it).
pub(super) fn stamp_at(t: &DateTime<Tz>, wall: &NaiveDateTime) -> Stamp {
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
pub(super) struct Bound {
    pub(super) t: DateTime<Tz>,
    pub(super) stamp: Stamp,
}
