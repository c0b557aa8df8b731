//! Pure rendering: data in, `String` out. Tables, JSON, shell lines, iCalendar.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};
use serde::Serialize;

use crate::cli::Field;
use crate::roster::{Member, Roster};
use crate::rotation::{Rotation, Week};

/// How wide tables may grow: a standard terminal.
pub const TABLE_WIDTH: u16 = 80;

/// Bold text when colour is on.
pub fn bold(s: &str, color: bool) -> String {
    if color {
        format!("\x1b[1m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// An empty table with upper-case headers, no borders, at most 80 columns.
pub fn table<H: AsRef<str>>(headers: impl IntoIterator<Item = H>) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(TABLE_WIDTH)
        .set_header(
            headers
                .into_iter()
                .map(|h| Cell::new(h.as_ref().to_uppercase())),
        );
    t
}

/// Render a table and trim the padding comfy-table leaves at line ends.
pub fn finish(t: &Table) -> String {
    let mut out: String = t
        .to_string()
        .lines()
        .map(|l| l.trim_end().to_string() + "\n")
        .collect();
    if out.is_empty() {
        out.push('\n');
    }
    out
}

/// `1 member`, `2 members`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// RFC 3339 with seconds and the zone's offset (`+00:00` for UTC).
pub fn rfc3339(t: &DateTime<Tz>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// `Tue 2026-03-03 10:00 CST`: how people read a handoff moment.
pub fn human(t: &DateTime<Tz>) -> String {
    // Zones without a letter abbreviation (Australia/Lord_Howe) get the offset.
    let zone = match t.offset().abbreviation() {
        Some(a) if a.chars().any(|c| c.is_ascii_alphabetic()) => a.to_string(),
        _ => t.format("%:z").to_string(),
    };
    format!("{} {zone}", t.format("%a %Y-%m-%d %H:%M"))
}

/// The JSON of one rank (SPEC §4).
#[derive(Debug, Serialize)]
pub struct RankJson<'a> {
    pub rank: usize,
    pub role: std::borrow::Cow<'a, str>,
    pub id: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub slack: Option<&'a str>,
    pub pagerduty: Option<&'a str>,
    #[serde(rename = "override")]
    pub override_reason: Option<&'a str>,
}

/// The JSON of a member away that week.
#[derive(Debug, Serialize)]
pub struct AwayJson<'a> {
    pub id: &'a str,
    pub reason: Option<&'a str>,
}

/// The JSON of one week: `dw who --json` and an element of `schedule --json`.
#[derive(Debug, Serialize)]
pub struct WeekJson<'a> {
    pub team: &'a str,
    pub week: usize,
    pub start: String,
    pub end: String,
    pub ranks: Vec<RankJson<'a>>,
    pub away: Vec<AwayJson<'a>>,
}

/// Build the JSON form of a week, keeping only `member`'s entries if given.
pub fn week_json<'a>(rot: &'a Rotation<'a>, week: &'a Week, member: Option<usize>) -> WeekJson<'a> {
    let roster = rot.roster();
    let (start, end) = rot.bounds(week.index);
    WeekJson {
        team: &roster.team.name,
        week: week.index,
        start: rfc3339(&start),
        end: rfc3339(&end),
        ranks: week
            .ranks
            .iter()
            .enumerate()
            .filter(|(_, s)| member.is_none_or(|m| m == s.member))
            .map(|(i, s)| {
                let m = &roster.members[s.member];
                RankJson {
                    rank: i + 1,
                    role: rot.role_name(i + 1),
                    id: &m.id,
                    name: &m.name,
                    email: &m.email,
                    slack: m.slack.as_deref(),
                    pagerduty: m.pagerduty.as_deref(),
                    override_reason: s.override_reason.as_deref(),
                }
            })
            .collect(),
        away: week
            .away
            .iter()
            .filter(|a| member.is_none_or(|m| m == a.member))
            .map(|a| AwayJson {
                id: &roster.members[a.member].id,
                reason: a.reason.as_deref(),
            })
            .collect(),
    }
}

/// JSON with a trailing newline: indented for people, one line for scripts.
pub fn json<T: Serialize>(value: &T, pretty: bool) -> String {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    let mut s = text.unwrap_or_else(|e| format!("{{\"error\": {}}}", quoted(&e.to_string())));
    s.push('\n');
    s
}

fn week_title(rot: &Rotation<'_>, k: usize) -> String {
    let (start, end) = rot.bounds(k);
    format!(
        "{} on call, week {k}: {} → {}",
        rot.roster().team.name,
        human(&start),
        human(&end)
    )
}

/// `dw who` as a table. `ranks` limits the rows to those ranks.
pub fn who_table(rot: &Rotation<'_>, week: &Week, only_rank: Option<usize>, color: bool) -> String {
    let roster = rot.roster();
    let mut out = bold(&week_title(rot, week.index), color) + "\n";
    if week.ranks.is_empty() {
        out.push_str("Nobody is available this week.\n");
    } else {
        let mut t = table(["rank", "role", "id", "name", "email"]);
        if only_rank.is_some_and(|r| r > week.ranks.len()) {
            out.push_str(&format!(
                "Nobody holds rank {} this week: {} available.\n",
                only_rank.unwrap_or(0),
                match week.ranks.len() {
                    1 => "only 1 member is".to_string(),
                    n => format!("only {n} members are"),
                }
            ));
            return out;
        }
        let mut notes = Vec::new();
        for (i, slot) in week.ranks.iter().enumerate() {
            if only_rank.is_some_and(|r| r != i + 1) {
                continue;
            }
            let m = &roster.members[slot.member];
            let mut role = roster.role_name(i + 1);
            if let Some(reason) = &slot.override_reason {
                role.push('*');
                let why = if reason.is_empty() {
                    String::new()
                } else {
                    format!(": {reason}")
                };
                notes.push(format!(
                    "* override: {} is {}{why}\n",
                    m.id,
                    roster.role_name(i + 1)
                ));
            }
            t.add_row(vec![
                Cell::new(i + 1).set_alignment(CellAlignment::Right),
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

/// The value of one field of a member, empty when the roster has none.
pub fn field(member: &Member, field: Field) -> &str {
    match field {
        Field::Id => &member.id,
        Field::Name => &member.name,
        Field::Email => &member.email,
        Field::Slack => member.slack.as_deref().unwrap_or(""),
        Field::Pagerduty => member.pagerduty.as_deref().unwrap_or(""),
    }
}

/// One bare line per rank shown: for `$(dw who --role primary --field email)`.
pub fn who_field(roster: &Roster, week: &Week, only_rank: Option<usize>, f: Field) -> String {
    week.ranks
        .iter()
        .enumerate()
        .filter(|(i, _)| only_rank.is_none_or(|r| r == i + 1))
        .map(|(_, s)| format!("{}\n", field(&roster.members[s.member], f)))
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
pub fn who_env(rot: &Rotation<'_>, week: &Week, only_rank: Option<usize>) -> String {
    let roster = rot.roster();
    let (start, end) = rot.bounds(week.index);
    let mut out = format!(
        "DW_WEEK={}\nDW_START={}\nDW_END={}\n",
        week.index,
        shell_quote(&rfc3339(&start)),
        shell_quote(&rfc3339(&end))
    );
    for (i, slot) in week.ranks.iter().enumerate() {
        if only_rank.is_some_and(|r| r != i + 1) {
            continue;
        }
        let m = &roster.members[slot.member];
        let role = env_name(&roster.role_name(i + 1));
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
    s.replace(['\t', '\n', '\r'], " ")
}

/// Tab-separated ranks with a header line.
pub fn who_tsv(roster: &Roster, week: &Week, only_rank: Option<usize>) -> String {
    let mut out = String::from("rank\trole\tid\tname\temail\tslack\tpagerduty\toverride\n");
    for (i, slot) in week.ranks.iter().enumerate() {
        if only_rank.is_some_and(|r| r != i + 1) {
            continue;
        }
        let m = &roster.members[slot.member];
        let cells = [
            (i + 1).to_string(),
            roster.role_name(i + 1),
            m.id.clone(),
            m.name.clone(),
            m.email.clone(),
            m.slack.clone().unwrap_or_default(),
            m.pagerduty.clone().unwrap_or_default(),
            slot.override_reason.clone().unwrap_or_default(),
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

/// `{"team": …, "weeks": [ … ]}` for `dw schedule --json`, written to `out`
/// one week at a time: memory stays flat however many weeks are asked for
/// (a 200-member roster makes about 50 KB of pretty JSON a week). Compact
/// output, for scripts, takes a fast path that writes each member's fields
/// from a fragment serialised once; pretty output is for people and small.
pub fn write_schedule_json<W: std::io::Write>(
    out: W,
    rot: &Rotation<'_>,
    weeks: impl Iterator<Item = Week>,
    member: Option<usize>,
    pretty: bool,
) -> std::io::Result<()> {
    if pretty {
        serde_schedule_json(out, rot, weeks, member, true)
    } else {
        fast_schedule_json(out, rot, weeks, member)
    }
}

fn serde_schedule_json<W: std::io::Write>(
    mut out: W,
    rot: &Rotation<'_>,
    weeks: impl Iterator<Item = Week>,
    member: Option<usize>,
    pretty: bool,
) -> std::io::Result<()> {
    struct Weeks<'a, 'r, I> {
        rot: &'a Rotation<'r>,
        weeks: std::cell::RefCell<Option<I>>,
        member: Option<usize>,
    }
    impl<I: Iterator<Item = Week>> Serialize for Weeks<'_, '_, I> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeSeq;
            let mut seq = s.serialize_seq(None)?;
            for week in self.weeks.borrow_mut().take().into_iter().flatten() {
                seq.serialize_element(&week_json(self.rot, &week, self.member))?;
            }
            seq.end()
        }
    }
    #[derive(Serialize)]
    #[serde(bound = "")]
    struct Schedule<'a, 'r, I: Iterator<Item = Week>> {
        team: &'a str,
        weeks: Weeks<'a, 'r, I>,
    }
    let schedule = Schedule {
        team: &rot.roster().team.name,
        weeks: Weeks {
            rot,
            weeks: std::cell::RefCell::new(Some(weeks)),
            member,
        },
    };
    if pretty {
        serde_json::to_writer_pretty(&mut out, &schedule)?;
    } else {
        serde_json::to_writer(&mut out, &schedule)?;
    }
    out.write_all(b"\n")
}

/// A JSON string literal.
fn quoted(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

fn quoted_or_null(s: Option<&str>) -> String {
    s.map_or_else(|| "null".to_string(), quoted)
}

/// Byte for byte what `serde_schedule_json(.., false)` writes.
fn fast_schedule_json<W: std::io::Write>(
    mut out: W,
    rot: &Rotation<'_>,
    weeks: impl Iterator<Item = Week>,
    member: Option<usize>,
) -> std::io::Result<()> {
    let roster = rot.roster();
    let team = quoted(&roster.team.name);
    let fields: Vec<String> = roster
        .members
        .iter()
        .map(|m| {
            format!(
                "\"id\":{},\"name\":{},\"email\":{},\"slack\":{},\"pagerduty\":{}",
                quoted(&m.id),
                quoted(&m.name),
                quoted(&m.email),
                quoted_or_null(m.slack.as_deref()),
                quoted_or_null(m.pagerduty.as_deref())
            )
        })
        .collect();
    let ids: Vec<String> = roster.members.iter().map(|m| quoted(&m.id)).collect();
    let roles: Vec<String> = (1..=roster.members.len())
        .map(|r| quoted(&rot.role_name(r)))
        .collect();
    write!(out, "{{\"team\":{team},\"weeks\":[")?;
    for (i, week) in weeks.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let (start, end) = rot.bounds(week.index);
        write!(
            out,
            "{{\"team\":{team},\"week\":{},\"start\":\"{}\",\"end\":\"{}\",\"ranks\":[",
            week.index,
            rfc3339(&start),
            rfc3339(&end)
        )?;
        let mut first = true;
        for (r, slot) in week.ranks.iter().enumerate() {
            if member.is_some_and(|m| m != slot.member) {
                continue;
            }
            if !first {
                out.write_all(b",")?;
            }
            first = false;
            let role = roles
                .get(r)
                .cloned()
                .unwrap_or_else(|| quoted(&rot.role_name(r + 1)));
            write!(
                out,
                "{{\"rank\":{},\"role\":{role},{},\"override\":{}}}",
                r + 1,
                fields[slot.member],
                quoted_or_null(slot.override_reason.as_deref())
            )?;
        }
        out.write_all(b"],\"away\":[")?;
        let mut first = true;
        for a in week
            .away
            .iter()
            .filter(|a| member.is_none_or(|m| m == a.member))
        {
            if !first {
                out.write_all(b",")?;
            }
            first = false;
            write!(
                out,
                "{{\"id\":{},\"reason\":{}}}",
                ids[a.member],
                quoted_or_null(a.reason.as_deref())
            )?;
        }
        out.write_all(b"]}")?;
    }
    out.write_all(b"]}\n")
}

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

/// `dw schedule --ics`: one event per member per rank per week shown.
/// `stamp` is the DTSTAMP (the moment dw was asked, so output is repeatable).
pub fn ics(
    rot: &Rotation<'_>,
    weeks: &[Week],
    member: Option<usize>,
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
    for week in weeks {
        let (start, end) = rot.bounds(week.index);
        for (i, slot) in week.ranks.iter().enumerate() {
            if member.is_some_and(|m| m != slot.member) {
                continue;
            }
            let m = &roster.members[slot.member];
            let role = roster.role_name(i + 1);
            ics_line(&mut out, "BEGIN:VEVENT");
            ics_line(
                &mut out,
                &format!("UID:{team_slug}-week{}-{}-{}@dw", week.index, i + 1, m.id),
            );
            ics_line(&mut out, &format!("DTSTAMP:{dtstamp}"));
            ics_line(
                &mut out,
                &format!("DTSTART;TZID={}:{}", tz.name(), ics_local(&start)),
            );
            ics_line(
                &mut out,
                &format!("DTEND;TZID={}:{}", tz.name(), ics_local(&end)),
            );
            ics_line(
                &mut out,
                &format!(
                    "SUMMARY:{}",
                    ics_text(&format!("{role}: {} ({})", m.name, roster.team.name))
                ),
            );
            let mut description = format!(
                "{} is {role} (rank {}) for week {}.",
                m.name,
                i + 1,
                week.index
            );
            if let Some(reason) = &slot.override_reason {
                description.push_str(&format!(" Override: {reason}"));
            }
            ics_line(&mut out, &format!("DESCRIPTION:{}", ics_text(&description)));
            ics_line(&mut out, "TRANSP:TRANSPARENT");
            ics_line(&mut out, "END:VEVENT");
        }
    }
    ics_line(&mut out, "END:VCALENDAR");
    out
}

mod analysis;
pub mod notes;
mod pagerduty;
mod plan;
mod team;

pub use analysis::{analysis_decision, analysis_template, FromPagerDuty};
pub use pagerduty::{drift_table, sync_report, PagerDutyReport};
pub use plan::{plan_markdown, plan_table, Change};
pub use team::{
    explain_table, next_table, roles_table, stats_table, Count, ExplainEntry, MemberNext,
    MemberStats, RoleJson, Stats, Turn,
};

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str, weeks: std::ops::Range<usize>, member: Option<usize>) -> (String, String) {
        let roster = crate::roster::parse(text, "t").expect("valid roster");
        let rot = Rotation::new(&roster);
        let mut fast = Vec::new();
        fast_schedule_json(
            &mut fast,
            &rot,
            rot.weeks(weeks.clone()).into_iter(),
            member,
        )
        .expect("write");
        let mut slow = Vec::new();
        serde_schedule_json(&mut slow, &rot, rot.weeks(weeks).into_iter(), member, false)
            .expect("write");
        (
            String::from_utf8(fast).expect("utf8"),
            String::from_utf8(slow).expect("utf8"),
        )
    }

    #[test]
    fn fast_schedule_json_is_byte_for_byte_serde() {
        let text = r#"
[team]
name = "Team \"Q\" <&>"
timezone = "America/Chicago"
start = 2026-01-06
roles = ["lead"]

[[members]]
id = "a"
name = "Ä \\ \u0001"
email = "a@x"
slack = "U1"
away = [{ from = 2026-01-20, to = 2026-01-22, reason = "PTO \"x\"" }, { from = 2026-02-10, to = 2026-02-11 }]

[[members]]
id = "b"
name = "B"
email = "b@x"
pagerduty = "P1"

[[members]]
id = "c"
name = "C"
email = "c@x"
joined = 2026-02-01

[[overrides]]
week = 2026-01-13
role = 2
member = "a"

[[overrides]]
week = 2026-01-27
role = "lead"
member = "b"
reason = "trade\nnight"
"#;
        for member in [None, Some(0), Some(2)] {
            let (fast, slow) = both(text, 0..12, member);
            assert_eq!(fast, slow, "member {member:?}");
        }
        let (fast, slow) = both(text, 3..3, None);
        assert_eq!(fast, slow);
    }
}
