//! JSON output: one week (`dw who --json`), many weeks streamed
//! (`dw schedule --json`), and any serialisable value.

use crate::roster::{MemberIx, Rank};
use serde::Serialize;

use crate::rotation::{CoverSpan, Rotation, Week, WeekIx};

use super::rfc3339;

/// The JSON of one rank (see docs/commands.md).
#[derive(Debug, Serialize)]
pub struct RankJson<'a> {
    pub rank: Rank,
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

/// The JSON of a cover, clipped to the week it is listed in.
#[derive(Debug, Serialize)]
pub struct CoverJson<'a> {
    pub rank: Rank,
    pub role: std::borrow::Cow<'a, str>,
    pub id: &'a str,
    pub from: String,
    pub to: String,
    pub reason: &'a str,
}

/// The JSON of one week: `dw who --json` and an element of `schedule --json`.
#[derive(Debug, Serialize)]
pub struct WeekJson<'a> {
    pub team: &'a str,
    pub week: WeekIx,
    pub start: String,
    pub end: String,
    pub ranks: Vec<RankJson<'a>>,
    pub away: Vec<AwayJson<'a>>,
    /// The covers touching the week, clipped to it; the ranks stay the week's.
    pub covers: Vec<CoverJson<'a>>,
}

/// One problem or warning of `dw check --json` (docs/commands.md): where
/// (`file`, and `line` and `column` when the file gives them), what is wrong,
/// how to fix it (`hint`), and the weeks it is in (`week` to `to_week`, week
/// indices as in `who --json`, both included). A field that does not apply
/// is `null`, as everywhere in dw's JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemJson {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    pub week: Option<WeekIx>,
    pub to_week: Option<WeekIx>,
}

impl ProblemJson {
    /// A problem of `file` at no position, in no particular week.
    pub fn new(file: &str, message: impl Into<String>, hint: Option<String>) -> Self {
        ProblemJson {
            file: file.to_string(),
            line: None,
            column: None,
            message: message.into(),
            hint,
            week: None,
            to_week: None,
        }
    }

    /// A roster diagnostic of `file`, at its position when it has one.
    pub fn diagnostic(file: &str, d: &crate::error::Diagnostic) -> Self {
        ProblemJson {
            line: d.position.map(|(line, _)| line),
            column: d.position.map(|(_, column)| column),
            ..Self::new(file, d.message.clone(), d.hint.clone())
        }
    }

    /// The same problem, in weeks `from` to `to` (both included).
    pub fn in_weeks(self, from: WeekIx, to: WeekIx) -> Self {
        ProblemJson {
            week: Some(from),
            to_week: Some(to.max(from)),
            ..self
        }
    }
}

/// The covers of `week` that concern `member` (all when `None`): those they
/// give, and those of a rank they hold that week.
pub fn week_covers<'r>(
    rot: &Rotation<'r>,
    week: &Week,
    member: Option<MemberIx>,
) -> Vec<CoverSpan<'r>> {
    let mut covers = rot.covers_in(week.index);
    if let Some(m) = member {
        covers.retain(|c| c.member == m || week.rank_of(m) == Some(c.rank));
    }
    covers
}

/// Build the JSON form of a week, keeping only `member`'s entries if given.
pub fn week_json<'a>(
    rot: &'a Rotation<'a>,
    week: &'a Week,
    member: Option<MemberIx>,
) -> WeekJson<'a> {
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
                    rank: Rank::from_index(i),
                    role: rot.role_name(Rank::from_index(i)),
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
        covers: week_covers(rot, week, member)
            .into_iter()
            .map(|c| CoverJson {
                rank: c.rank,
                role: rot.role_name(c.rank),
                id: &roster.members[c.member].id,
                from: rfc3339(&c.from),
                to: rfc3339(&c.to),
                reason: c.reason,
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

/// [`json`] written to `out` as it is serialised, not held whole.
pub fn write_json<W: std::io::Write, T: Serialize>(
    mut out: W,
    value: &T,
    pretty: bool,
) -> std::io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut out, value)?;
    } else {
        serde_json::to_writer(&mut out, value)?;
    }
    out.write_all(b"\n")
}

/// `{"team": …, "weeks": [ … ]}` for `dw schedule --json`, written to `out`
/// one week at a time: memory stays flat however many weeks are asked for
/// (a 200-member roster makes about 50 KB of pretty JSON a week). Compact
/// output, for scripts, takes a fast path that writes each member's fields
/// from a fragment serialised once; pretty output is for people and small.
/// `ranks` keeps only those ranks and their covers (`None`: every rank);
/// `away` stays whole, as in `dw who --role`.
pub fn write_schedule_json<W: std::io::Write>(
    out: W,
    rot: &Rotation<'_>,
    weeks: impl Iterator<Item = Week>,
    member: Option<MemberIx>,
    ranks: Option<&[Rank]>,
    pretty: bool,
) -> std::io::Result<()> {
    if pretty {
        serde_schedule_json(out, rot, weeks, member, ranks, true)
    } else {
        fast_schedule_json(out, rot, weeks, member, ranks)
    }
}

fn serde_schedule_json<W: std::io::Write>(
    mut out: W,
    rot: &Rotation<'_>,
    weeks: impl Iterator<Item = Week>,
    member: Option<MemberIx>,
    ranks: Option<&[Rank]>,
    pretty: bool,
) -> std::io::Result<()> {
    struct Weeks<'a, 'r, I> {
        rot: &'a Rotation<'r>,
        weeks: std::cell::RefCell<Option<I>>,
        member: Option<MemberIx>,
        ranks: Option<&'a [Rank]>,
    }
    impl<I: Iterator<Item = Week>> Serialize for Weeks<'_, '_, I> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeSeq;
            let mut seq = s.serialize_seq(None)?;
            for week in self.weeks.borrow_mut().take().into_iter().flatten() {
                let mut json = week_json(self.rot, &week, self.member);
                if let Some(ranks) = self.ranks {
                    json.ranks.retain(|r| ranks.contains(&r.rank));
                    json.covers.retain(|c| ranks.contains(&c.rank));
                }
                seq.serialize_element(&json)?;
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
            ranks,
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

/// A JSON string literal appended to `out`.
fn push_quoted(out: &mut Vec<u8>, s: &str) {
    // Serialising a string into memory cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// Byte for byte what `serde_schedule_json(.., false)` writes, from pieces
/// made once per run: each rank's `{"rank":N,"role":"…",` and each member's
/// fields. A rank then costs three copies, and nothing is allocated per rank.
fn fast_schedule_json<W: std::io::Write>(
    mut out: W,
    rot: &Rotation<'_>,
    weeks: impl Iterator<Item = Week>,
    member: Option<MemberIx>,
    ranks: Option<&[Rank]>,
) -> std::io::Result<()> {
    let shown = |rank: Rank| ranks.is_none_or(|r| r.contains(&rank));
    let roster = rot.roster();
    let team = quoted(&roster.team.name);
    let fields: Vec<Vec<u8>> = roster
        .members
        .iter()
        .map(|m| {
            let mut f = Vec::with_capacity(128);
            f.extend_from_slice(b"\"id\":");
            push_quoted(&mut f, &m.id);
            f.extend_from_slice(b",\"name\":");
            push_quoted(&mut f, &m.name);
            f.extend_from_slice(b",\"email\":");
            push_quoted(&mut f, &m.email);
            f.extend_from_slice(b",\"slack\":");
            match &m.slack {
                Some(s) => push_quoted(&mut f, s),
                None => f.extend_from_slice(b"null"),
            }
            f.extend_from_slice(b",\"pagerduty\":");
            match &m.pagerduty {
                Some(s) => push_quoted(&mut f, s),
                None => f.extend_from_slice(b"null"),
            }
            f
        })
        .collect();
    let ids: Vec<String> = roster.members.iter().map(|m| quoted(&m.id)).collect();
    // `{"rank":N,"role":"…",` by rank − 1, made as weeks first need them.
    let mut heads: Vec<Vec<u8>> = Vec::new();
    let head = |heads: &mut Vec<Vec<u8>>, r: usize| {
        while heads.len() <= r {
            let rank = Rank::from_index(heads.len());
            let mut h = Vec::with_capacity(32);
            h.extend_from_slice(b"{\"rank\":");
            h.extend_from_slice(itoa::Buffer::new().format(rank.get()).as_bytes());
            h.extend_from_slice(b",\"role\":");
            push_quoted(&mut h, &rot.role_name(rank));
            h.push(b',');
            heads.push(h);
        }
    };
    write!(out, "{{\"team\":{team},\"weeks\":[")?;
    let mut reason = Vec::new();
    for (i, week) in weeks.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let (start, end) = rot.bounds(week.index);
        out.write_all(b"{\"team\":")?;
        out.write_all(team.as_bytes())?;
        out.write_all(b",\"week\":")?;
        out.write_all(itoa::Buffer::new().format(week.index.get()).as_bytes())?;
        out.write_all(b",\"start\":\"")?;
        out.write_all(rfc3339(&start).as_bytes())?;
        out.write_all(b"\",\"end\":\"")?;
        out.write_all(rfc3339(&end).as_bytes())?;
        out.write_all(b"\",\"ranks\":[")?;
        head(&mut heads, week.ranks.len());
        let mut first = true;
        for (r, slot) in week.ranks.iter().enumerate() {
            if member.is_some_and(|m| m != slot.member) || !shown(Rank::from_index(r)) {
                continue;
            }
            if !first {
                out.write_all(b",")?;
            }
            first = false;
            out.write_all(&heads[r])?;
            out.write_all(&fields[slot.member])?;
            match &slot.override_reason {
                None => out.write_all(b",\"override\":null}")?,
                Some(why) => {
                    reason.clear();
                    reason.extend_from_slice(b",\"override\":");
                    push_quoted(&mut reason, why);
                    reason.push(b'}');
                    out.write_all(&reason)?;
                }
            }
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
            out.write_all(b"{\"id\":")?;
            out.write_all(ids[a.member].as_bytes())?;
            out.write_all(b",\"reason\":")?;
            match &a.reason {
                None => out.write_all(b"null}")?,
                Some(why) => {
                    reason.clear();
                    push_quoted(&mut reason, why);
                    reason.push(b'}');
                    out.write_all(&reason)?;
                }
            }
        }
        out.write_all(b"],\"covers\":[")?;
        let covers = week_covers(rot, &week, member);
        for (i, c) in covers.iter().filter(|c| shown(c.rank)).enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            write!(
                out,
                "{{\"rank\":{},\"role\":{},\"id\":{},\"from\":\"{}\",\"to\":\"{}\",\"reason\":{}}}",
                c.rank,
                quoted(&rot.role_name(c.rank)),
                ids[c.member],
                rfc3339(&c.from),
                rfc3339(&c.to),
                quoted(c.reason)
            )?;
        }
        out.write_all(b"]}")?;
    }
    out.write_all(b"]}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str, weeks: std::ops::Range<usize>, member: Option<usize>) -> (String, String) {
        both_of(text, weeks, member.map(MemberIx), None)
    }

    fn both_of(
        text: &str,
        weeks: std::ops::Range<usize>,
        member: Option<MemberIx>,
        ranks: Option<&[Rank]>,
    ) -> (String, String) {
        let roster = crate::validate::parse(text, "t").expect("valid roster");
        let rot = Rotation::new(&roster);
        let mut fast = Vec::new();
        fast_schedule_json(
            &mut fast,
            &rot,
            rot.weeks(WeekIx(weeks.start)..WeekIx(weeks.end))
                .into_iter(),
            member,
            ranks,
        )
        .expect("write");
        let mut slow = Vec::new();
        serde_schedule_json(
            &mut slow,
            &rot,
            rot.weeks(WeekIx(weeks.start)..WeekIx(weeks.end))
                .into_iter(),
            member,
            ranks,
            false,
        )
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
name = "Ä \\ \u00e9 \u200b"
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
reason = "trade / night"

[[covers]]
role = "lead"
member = "b"
from = 2026-03-09T18:00
to = "2026-03-10T12:00"
reason = "dentist \"x\""

[[covers]]
role = 2
member = "a"
from = 2026-03-16T09:00
to = 2026-03-16T11:00
"#;
        for member in [None, Some(0), Some(1), Some(2)] {
            let (fast, slow) = both(text, 0..12, member);
            assert_eq!(fast, slow, "member {member:?}");
            for ranks in [&[1][..], &[2], &[2, 3], &[]] {
                let ranks: Vec<Rank> = ranks.iter().filter_map(|&r| Rank::new(r)).collect();
                let (fast, slow) = both_of(text, 0..12, member.map(MemberIx), Some(&ranks));
                assert_eq!(fast, slow, "member {member:?}, ranks {ranks:?}");
            }
        }
        // Only the ranks asked for, and their covers.
        let (fast, _) = both_of(text, 0..12, None, Some(&[Rank::from_index(1)]));
        assert!(!fast.contains(r#""rank":1"#), "{fast}");
        assert!(fast.contains(r#""rank":2,"role":"2nd""#), "{fast}");
        assert!(!fast.contains("dentist"), "{fast}");
        let (fast, _) = both(text, 0..12, None);
        // The cover crossing the handoff of 2026-03-10 is listed in both weeks.
        assert!(
            fast.contains(r#""covers":[{"rank":1,"role":"lead","id":"b","from":"2026-03-09T18:00:00-05:00","to":"2026-03-10T10:00:00-05:00","reason":"dentist \"x\""}]"#),
            "{fast}"
        );
        assert!(
            fast.contains(r#""from":"2026-03-10T10:00:00-05:00","to":"2026-03-10T12:00:00-05:00""#),
            "{fast}"
        );
        assert!(fast.contains(r#""reason":""}]"#), "{fast}");
        let (fast, slow) = both(text, 3..3, None);
        assert_eq!(fast, slow);
    }
}
