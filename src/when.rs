//! The words `--at` (and `dw cover --from/--to`) accept besides dates and
//! instants: `now`, `today`, `tomorrow`, `yesterday`, a weekday (`tuesday`,
//! `next tuesday`), a weekday with a time (`tuesday 10:00`), `next handoff`
//! and `next week` (both: the coming handoff, where the next week begins) and
//! offsets (`+3d`, `-1w`, `+12h`). Pure: the clock, the team's time zone and
//! its handoff are passed in.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use crate::rotation::{resolve_local, Rotation};

/// A moment named relative to the clock, resolved in the team's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    /// The clock.
    Now,
    /// 00:00 of today plus this many days (`today` 0, `tomorrow` 1, `yesterday` -1).
    Day(i64),
    /// 00:00 of the next such weekday after today (`tuesday`, `next tuesday`).
    Weekday(Weekday),
    /// That time of the next such weekday after today (`tuesday 10:00`):
    /// today's when the time is still ahead.
    WeekdayAt(Weekday, NaiveTime),
    /// The coming handoff (`next handoff`, `next week`): the first handoff
    /// after the clock, where the next week begins.
    NextHandoff,
    /// The clock moved by an amount: days and weeks keep the wall-clock time
    /// (across a DST change too), hours are exact.
    Offset { amount: i64, unit: Unit },
}

/// The unit of an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Hours,
    Days,
    Weeks,
}

/// The largest offset accepted, in any unit (about 27 years in weeks).
const MAX_AMOUNT: i64 = 10_000;

/// Read a relative moment; `None` when `s` is not one.
pub fn parse_relative(s: &str) -> Option<Relative> {
    let s = s.trim().to_ascii_lowercase();
    match s.as_str() {
        "now" => return Some(Relative::Now),
        "today" => return Some(Relative::Day(0)),
        "tomorrow" => return Some(Relative::Day(1)),
        "yesterday" => return Some(Relative::Day(-1)),
        _ => {}
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    match words.as_slice() {
        ["next", "handoff"] | ["next", "week"] => return Some(Relative::NextHandoff),
        [day] | ["next", day] => {
            if let Some(w) = weekday(day) {
                return Some(Relative::Weekday(w));
            }
        }
        [day, time] | ["next", day, time] => {
            if let (Some(w), Some(t)) = (weekday(day), crate::roster::parse_hhmm(time)) {
                return Some(Relative::WeekdayAt(w, t));
            }
            return None;
        }
        _ => {}
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let unit = match rest.chars().last()? {
        'h' => Unit::Hours,
        'd' => Unit::Days,
        'w' => Unit::Weeks,
        _ => return None,
    };
    let digits = &rest[..rest.len() - 1];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let amount: i64 = digits.parse().ok().filter(|n| *n <= MAX_AMOUNT)?;
    Some(Relative::Offset {
        amount: sign * amount,
        unit,
    })
}

fn weekday(s: &str) -> Option<Weekday> {
    let days = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    days.iter()
        .find(|(name, _)| *name == s || (s.len() == 3 && name.starts_with(s)))
        .map(|(_, d)| *d)
}

/// When the team hands over: a weekday and a local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handoff {
    pub day: Weekday,
    pub time: NaiveTime,
}

impl Default for Handoff {
    /// The roster's defaults: Tuesday 10:00.
    fn default() -> Self {
        Handoff {
            day: Weekday::Tue,
            time: NaiveTime::from_hms_opt(10, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

impl Relative {
    /// A word naming a day (its 00:00): `today`, `tomorrow`, `tuesday`. On
    /// the handoff day that midnight still belongs to the week that is ending.
    pub fn is_day_word(self) -> bool {
        matches!(self, Relative::Day(_) | Relative::Weekday(_))
    }
}

/// The instant a relative moment means, given the clock, the team's zone
/// and its handoff.
pub fn resolve(rel: Relative, now: DateTime<Utc>, tz: &Tz, handoff: Handoff) -> DateTime<Tz> {
    let local_now = now.with_timezone(tz);
    let today = local_now.date_naive();
    let midnight = |d: NaiveDate| resolve_local(tz, d.and_time(NaiveTime::MIN));
    let add_days = |d: NaiveDate, n: i64| {
        d.checked_add_signed(Duration::days(n)).unwrap_or(if n < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
    };
    match rel {
        Relative::Now => local_now,
        Relative::Day(n) => midnight(add_days(today, n)),
        Relative::Weekday(w) => {
            let ahead = (i64::from(w.num_days_from_monday())
                - i64::from(today.weekday().num_days_from_monday()))
            .rem_euclid(7);
            midnight(add_days(today, if ahead == 0 { 7 } else { ahead }))
        }
        Relative::WeekdayAt(w, time) => {
            let ahead = (i64::from(w.num_days_from_monday())
                - i64::from(today.weekday().num_days_from_monday()))
            .rem_euclid(7);
            let at = resolve_local(tz, add_days(today, ahead).and_time(time));
            if at > local_now {
                at
            } else {
                resolve_local(tz, add_days(today, ahead + 7).and_time(time))
            }
        }
        Relative::NextHandoff => resolve(
            Relative::WeekdayAt(handoff.day, handoff.time),
            now,
            tz,
            handoff,
        ),
        Relative::Offset {
            amount,
            unit: Unit::Hours,
        } => tz.from_utc_datetime(&(now + Duration::hours(amount)).naive_utc()),
        Relative::Offset { amount, unit } => {
            let days = if unit == Unit::Weeks {
                amount * 7
            } else {
                amount
            };
            let date = add_days(today, days);
            resolve_local(tz, date.and_time(local_now.time()))
        }
    }
}

/// A note when a day word (`--at tuesday`, `today`) lands on the handoff day
/// before the handoff: its 00:00 still belongs to the week that is ending,
/// which is the week dw answers for; the note names it and the words that
/// mean the new week.
pub fn day_word_note(rot: &Rotation<'_>, rel: Relative, asked: DateTime<Utc>) -> Option<String> {
    if !rel.is_day_word() {
        return None;
    }
    let team = &rot.roster().team;
    let local = asked.with_timezone(&team.timezone);
    if local.weekday() != team.handoff_day || local.time() >= team.handoff_time {
        return None;
    }
    let k = rot.week_at(&local).ok()?;
    let (from, to) = rot.dates(k);
    Some(format!(
        "dw: note: --at means {}, before the {} handoff that day: answering for week {k} \
         ({from} to {to}), the week that is ending; for the week that begins that day, \
         write --at \"{} {}\" or --at \"next handoff\"",
        local.format("%a %Y-%m-%d %H:%M"),
        team.handoff_time.format("%H:%M"),
        crate::roster::weekday_name(team.handoff_day),
        team.handoff_time.format("%H:%M"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn parses_every_form_and_refuses_the_rest() {
        let cases = [
            ("now", Some(Relative::Now)),
            ("Today", Some(Relative::Day(0))),
            ("tomorrow", Some(Relative::Day(1))),
            ("yesterday", Some(Relative::Day(-1))),
            ("tuesday", Some(Relative::Weekday(Weekday::Tue))),
            ("next tuesday", Some(Relative::Weekday(Weekday::Tue))),
            ("fri", Some(Relative::Weekday(Weekday::Fri))),
            (
                "+3d",
                Some(Relative::Offset {
                    amount: 3,
                    unit: Unit::Days,
                }),
            ),
            (
                "-1w",
                Some(Relative::Offset {
                    amount: -1,
                    unit: Unit::Weeks,
                }),
            ),
            (
                "+12h",
                Some(Relative::Offset {
                    amount: 12,
                    unit: Unit::Hours,
                }),
            ),
            ("3d", None),
            ("+d", None),
            ("+3m", None),
            ("+99999999999999999999d", None),
            ("+10001w", None),
            ("next", None),
            ("next week", Some(Relative::NextHandoff)),
            ("next  handoff", Some(Relative::NextHandoff)),
            (
                "tuesday 10:00",
                Some(Relative::WeekdayAt(
                    Weekday::Tue,
                    NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
                )),
            ),
            (
                "next fri 9:30",
                Some(Relative::WeekdayAt(
                    Weekday::Fri,
                    NaiveTime::from_hms_opt(9, 30, 0).unwrap(),
                )),
            ),
            ("tuesday 25:00", None),
            ("tuesday noon", None),
            ("next month", None),
            ("", None),
            ("+", None),
            ("-", None),
            ("+3é", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_relative(text), want, "{text:?}");
        }
    }

    #[test]
    fn resolves_in_the_team_time_zone() {
        let tz: Tz = "America/Chicago".parse().unwrap();
        // Tuesday 2026-03-03 12:00 in Chicago.
        let now = utc("2026-03-03T18:00:00Z");
        let at = |rel| resolve(rel, now, &tz, Handoff::default()).to_rfc3339();
        let cases = [
            (Relative::Now, "2026-03-03T12:00:00-06:00"),
            (Relative::Day(0), "2026-03-03T00:00:00-06:00"),
            (Relative::Day(1), "2026-03-04T00:00:00-06:00"),
            (Relative::Day(-1), "2026-03-02T00:00:00-06:00"),
            // The next Tuesday after a Tuesday is a week later; Wednesday is tomorrow.
            (Relative::Weekday(Weekday::Tue), "2026-03-10T00:00:00-05:00"),
            (Relative::Weekday(Weekday::Wed), "2026-03-04T00:00:00-06:00"),
            (Relative::Weekday(Weekday::Mon), "2026-03-09T00:00:00-05:00"),
            // A weekday with a time: today's while it is ahead, else next week's.
            (
                Relative::WeekdayAt(Weekday::Tue, NaiveTime::from_hms_opt(13, 0, 0).unwrap()),
                "2026-03-03T13:00:00-06:00",
            ),
            (
                Relative::WeekdayAt(Weekday::Tue, NaiveTime::from_hms_opt(10, 0, 0).unwrap()),
                "2026-03-10T10:00:00-05:00",
            ),
            (
                Relative::WeekdayAt(Weekday::Thu, NaiveTime::from_hms_opt(9, 0, 0).unwrap()),
                "2026-03-05T09:00:00-06:00",
            ),
            // The handoff (Tuesday 10:00) is two hours past: the next is a week on.
            (Relative::NextHandoff, "2026-03-10T10:00:00-05:00"),
            // DST starts on 2026-03-08: days keep the wall-clock time, hours do not.
            (
                Relative::Offset {
                    amount: 5,
                    unit: Unit::Days,
                },
                "2026-03-08T12:00:00-05:00",
            ),
            (
                Relative::Offset {
                    amount: 1,
                    unit: Unit::Weeks,
                },
                "2026-03-10T12:00:00-05:00",
            ),
            (
                Relative::Offset {
                    amount: 120,
                    unit: Unit::Hours,
                },
                "2026-03-08T13:00:00-05:00",
            ),
            (
                Relative::Offset {
                    amount: -12,
                    unit: Unit::Hours,
                },
                "2026-03-03T00:00:00-06:00",
            ),
        ];
        for (rel, want) in cases {
            assert_eq!(at(rel), want, "{rel:?}");
        }
    }

    #[test]
    fn a_day_word_before_the_handoff_names_the_week_it_answers_for() {
        // Bundled-like team: Chicago, handoff Tuesday 10:00, start 2026-01-06.
        let r = crate::test_support::roster(
            "America/Chicago",
            "2026-01-06",
            &[("ada", ""), ("bob", "")],
            "",
        );
        let rot = Rotation::new(&r);
        // `tuesday` = Tue 2026-03-10 00:00 (05:00Z): still week 8.
        let midnight = utc("2026-03-10T05:00:00Z");
        let note = day_word_note(&rot, Relative::Weekday(Weekday::Tue), midnight).unwrap();
        assert!(
            note.contains("answering for week 8 (2026-03-03 to 2026-03-09)"),
            "{note}"
        );
        assert!(note.contains("--at \"tuesday 10:00\""), "{note}");
        assert!(day_word_note(&rot, Relative::Day(1), midnight).is_some());
        // Not a day word, another day, or after the handoff: no note.
        assert_eq!(day_word_note(&rot, Relative::Now, midnight), None);
        let wed = utc("2026-03-11T05:00:00Z");
        assert_eq!(day_word_note(&rot, Relative::Day(0), wed), None);
        let after = utc("2026-03-10T16:00:00Z");
        assert_eq!(day_word_note(&rot, Relative::Day(0), after), None);
    }

    #[test]
    fn one_day_across_a_dst_change_is_the_same_wall_clock_time() {
        // Europe/Berlin falls back on 2026-10-25 and springs forward on 2026-03-29.
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let plus_day = Relative::Offset {
            amount: 1,
            unit: Unit::Days,
        };
        let h = Handoff::default();
        let fall = resolve(plus_day, utc("2026-10-24T07:30:00Z"), &tz, h);
        assert_eq!(fall.to_rfc3339(), "2026-10-25T09:30:00+01:00");
        let spring = resolve(plus_day, utc("2026-03-28T08:30:00Z"), &tz, h);
        assert_eq!(spring.to_rfc3339(), "2026-03-29T09:30:00+02:00");
        // A wall-clock time that does not exist moves forward by the gap.
        let gap = resolve(plus_day, utc("2026-03-28T01:30:00Z"), &tz, h);
        // Monday 08:00 in Berlin: the next handoff is tomorrow at 10:00.
        let next = resolve(Relative::NextHandoff, utc("2026-03-30T06:00:00Z"), &tz, h);
        assert_eq!(next.to_rfc3339(), "2026-03-31T10:00:00+02:00");
        assert_eq!(gap.to_rfc3339(), "2026-03-29T03:30:00+02:00");
    }
}
