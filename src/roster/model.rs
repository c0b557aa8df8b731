//! The roster as dw works with it once it is read and validated: plain data,
//! with no file system, parsing or wording of errors.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use chrono_tz::Tz;

/// The default role names for ranks 1, 2, 3.
pub const DEFAULT_ROLES: [&str; 3] = ["primary", "secondary", "tertiary"];

/// A validated roster.
#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    pub team: Team,
    pub slack: SlackSettings,
    pub pagerduty: PagerDutySettings,
    pub members: Vec<Member>,
    pub overrides: Vec<Override>,
    pub covers: Vec<Cover>,
    /// `[duties]`, `[handoff]` and `[analysis]`: the team's own words.
    pub handbook: Handbook,
}

/// `[team]`: who we are and when weeks begin.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    pub name: String,
    pub timezone: Tz,
    pub handoff_day: Weekday,
    pub handoff_time: NaiveTime,
    pub start: NaiveDate,
    pub roles: Vec<String>,
}

/// `[slack]`: where dw talks to the team.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlackSettings {
    pub channel: Option<String>,
    pub incident_channel: Option<String>,
    pub group: Option<String>,
}

/// The team's handbook as the roster writes it: `[duties]`, `[handoff]`
/// and `[analysis]`. What is not given (`None`, no entry) takes the built-in
/// handbook's words (`crate::handbook`), so a roster without these sections
/// reads as before.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Handbook {
    /// `[duties]`: the duties of a named role, by its rank.
    pub duties: BTreeMap<Rank, Vec<String>>,
    /// `[duties] beyond`: the duties of every rank past the named roles.
    pub beyond: Option<Vec<String>>,
    /// `[handoff] prepare`: what the incoming people do the day before.
    pub prepare: Option<String>,
    /// `[handoff] meeting`: when on the handoff day the handoff meeting is.
    pub meeting: Option<String>,
    /// `[analysis] testing_phase_exempt`: services exempt from an analysis
    /// when rolled back during their production testing phase.
    pub testing_phase_exempt: Option<Vec<String>>,
    /// `[analysis] questions`: the sections of the analysis template.
    pub questions: Option<Vec<String>>,
}

/// `[pagerduty]`: the service, escalation policy and schedules dw works with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PagerDutySettings {
    pub service: Option<String>,
    pub escalation_policy: Option<String>,
    /// Role name → schedule ID.
    pub schedules: BTreeMap<String, String>,
}

/// One `[[members]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub email: String,
    pub slack: Option<String>,
    pub pagerduty: Option<String>,
    pub joined: Option<NaiveDate>,
    /// First date the member is no longer on the rotation.
    pub left: Option<NaiveDate>,
    pub away: Vec<Away>,
}

/// Which member: a place in `Roster::members` (not a count, not a rank).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct MemberIx(pub usize);

// Anything kept per member (the members themselves, counts, queues) is
// indexed by the member.
impl<T> std::ops::Index<MemberIx> for [T] {
    type Output = T;
    fn index(&self, m: MemberIx) -> &T {
        &self[m.0]
    }
}

impl<T> std::ops::IndexMut<MemberIx> for [T] {
    fn index_mut(&mut self, m: MemberIx) -> &mut T {
        &mut self[m.0]
    }
}

impl<T> std::ops::Index<MemberIx> for Vec<T> {
    type Output = T;
    fn index(&self, m: MemberIx) -> &T {
        &self[m.0]
    }
}

impl<T> std::ops::IndexMut<MemberIx> for Vec<T> {
    fn index_mut(&mut self, m: MemberIx) -> &mut T {
        &mut self[m.0]
    }
}

/// Which rank: 1 is the primary, 2 the secondary, and so on. Never 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Rank(NonZeroUsize);

impl Rank {
    /// Rank 1.
    pub const PRIMARY: Rank = Rank(NonZeroUsize::MIN);

    /// Rank `n` (1-based); `None` for 0.
    pub const fn new(n: usize) -> Option<Rank> {
        match NonZeroUsize::new(n) {
            Some(n) => Some(Rank(n)),
            None => None,
        }
    }

    /// The rank at a 0-based place, as in `Week::ranks`.
    pub const fn from_index(i: usize) -> Rank {
        Rank(NonZeroUsize::MIN.saturating_add(i))
    }

    /// The 1-based number.
    pub const fn get(self) -> usize {
        self.0.get()
    }

    /// The 0-based place in `Week::ranks`.
    pub const fn index(self) -> usize {
        self.0.get() - 1
    }

    /// Ranks 1 to `n`.
    pub fn up_to(n: usize) -> impl DoubleEndedIterator<Item = Rank> + ExactSizeIterator {
        (0..n).map(Rank::from_index)
    }
}

impl std::fmt::Display for Rank {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A field of a member, as `dw who --field` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Field {
    Id,
    Name,
    Email,
    Slack,
    Pagerduty,
}

impl Member {
    /// The value of one field, empty when the roster has none.
    pub fn field(&self, field: Field) -> &str {
        match field {
            Field::Id => &self.id,
            Field::Name => &self.name,
            Field::Email => &self.email,
            Field::Slack => self.slack.as_deref().unwrap_or(""),
            Field::Pagerduty => self.pagerduty.as_deref().unwrap_or(""),
        }
    }
}

/// An inclusive range of local dates a member is away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Away {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: Option<String>,
}

/// One `[[overrides]]` entry, resolved to a rank and a member index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// Any date of the week the override applies to.
    pub week: NaiveDate,
    pub rank: Rank,
    pub member: MemberIx,
    pub reason: String,
}

/// One `[[covers]]` entry: `member` holds `rank` for the local instants
/// `[from, to)` in the team's time zone, resolved to a rank and a member index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    pub rank: Rank,
    pub member: MemberIx,
    /// Local wall-clock start, included.
    pub from: NaiveDateTime,
    /// Local wall-clock end, not included; after `from`.
    pub to: NaiveDateTime,
    /// The reason given, `""` when none.
    pub reason: String,
}

impl Roster {
    /// The name of a rank: the roster's role name, else an ordinal (`4th`).
    pub fn role_name(&self, rank: Rank) -> String {
        match self.team.roles.get(rank.index()) {
            Some(name) => name.clone(),
            None => ordinal(rank.get()),
        }
    }

    /// The rank a role is given by: a role name, an ordinal (`4th`) or a number.
    pub fn rank_of(&self, role: &str) -> Option<Rank> {
        let ordinals = self.members.len().max(self.team.roles.len());
        self.team.rank_named(role, ordinals, usize::MAX)
    }

    /// Every member with the index the engine knows them by.
    pub fn each_member(&self) -> impl Iterator<Item = (MemberIx, &Member)> {
        self.members
            .iter()
            .enumerate()
            .map(|(m, member)| (MemberIx(m), member))
    }

    /// The index of the member with this id.
    pub fn member_index(&self, id: &str) -> Option<MemberIx> {
        self.members.iter().position(|m| m.id == id).map(MemberIx)
    }
}

impl Team {
    /// The rank `role` names: one of the team's role names (any rank), else
    /// a number or an ordinal (`4th`, looked for up to `ordinals`) from 1 to `max`.
    pub fn rank_named(&self, role: &str, ordinals: usize, max: usize) -> Option<Rank> {
        let role = role.trim();
        if let Some(i) = self.roles.iter().position(|r| r.eq_ignore_ascii_case(role)) {
            return Some(Rank::from_index(i));
        }
        let n = role
            .parse::<usize>()
            .ok()
            .or_else(|| (1..=ordinals).find(|&n| ordinal(n).eq_ignore_ascii_case(role)))?;
        if n > max {
            return None;
        }
        Rank::new(n)
    }
}

impl Team {
    /// How a rank can be named, for hints, with ranks from 1 to `max`: "a role
    /// name (primary, secondary, tertiary), an ordinal (4th to 8th) or a rank
    /// number from 1 to 8". Only the names and ordinals of ranks up to `max`.
    pub fn role_choices(&self, max: usize) -> String {
        let max = max.max(1);
        let named = self.roles.len().min(max);
        let names = self.roles[..named].join(", ");
        let ordinals = match max - named {
            0 => String::new(),
            1 => format!(", an ordinal ({})", ordinal(max)),
            _ => format!(", an ordinal ({} to {})", ordinal(named + 1), ordinal(max)),
        };
        format!("a role name ({names}){ordinals} or a rank number from 1 to {max}")
    }
}

/// `1st`, `2nd`, `3rd`, `4th`, … `11th`, `12th`, `13th`, `21st`.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
