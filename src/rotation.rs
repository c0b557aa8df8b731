//! The rotation engine (see docs/rotation.md); covers in `rotation/covers.rs`. Pure: every function takes the instant it
//! needs as an argument and nothing here reads the clock, a file or the network.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::ops::Range;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::roster::model::{MemberIx, Override, Rank, Roster};

pub(crate) mod absence;
mod covers;
mod handoffs;
mod week_ix;

pub use covers::{check_covers, CoverConflict, CoverConflictKind, CoverSpan, Holder};
pub use week_ix::WeekIx;

/// The most weeks any command computes past week 0 (about 1,900 years):
/// bounds the work a mistyped `--weeks` or `--at` can ask for.
pub const MAX_WEEKS: usize = 100_000;

/// One member holding one rank in one week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub member: MemberIx,
    /// The override's reason when an override placed this member here.
    pub override_reason: Option<String>,
}

/// A member taking part in a week but away for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwaySlot {
    pub member: MemberIx,
    pub reason: Option<String>,
}

/// The assignments of one week. Rank `r` is `ranks[r - 1]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    pub index: WeekIx,
    pub ranks: Vec<Slot>,
    pub away: Vec<AwaySlot>,
}

impl Week {
    /// The rank a member holds this week, if any.
    pub fn rank_of(&self, member: MemberIx) -> Option<Rank> {
        self.ranks
            .iter()
            .position(|s| s.member == member)
            .map(Rank::from_index)
    }

    /// Who holds `rank` this week, if anyone.
    pub fn slot(&self, rank: Rank) -> Option<&Slot> {
        self.ranks.get(rank.index())
    }
}

/// An instant or date before week 0 begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BeforeStart {
    /// When week 0 begins.
    pub start: DateTime<Tz>,
}

/// An override that cannot apply, by its index in `Roster::overrides`.
/// The engine only says what is wrong; the roster module words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideConflict {
    pub index: usize,
    pub kind: ConflictKind,
}

/// Why an override cannot apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// An earlier override (index `first` in `Roster::overrides`) already
    /// sets the same rank of the same week.
    Repeated { first: usize },
    /// The member holds no rank that week: `away`, or not on the rotation.
    NoRank { away: bool },
    /// The override's rank is past the `ranks` the week has.
    RankMissing { ranks: usize },
}

/// The instant a local wall-clock time means in `tz` (see docs/rotation.md): a time in a
/// spring-forward gap moves forward by the length of the gap, and an
/// ambiguous time in a fall-back fold is the earlier instant.
pub fn resolve_local(tz: &Tz, local: NaiveDateTime) -> DateTime<Tz> {
    if let Some(t) = tz.from_local_datetime(&local).earliest() {
        return t;
    }
    // In a gap: read the wall time with the offset in force just before it,
    // which lands as far past the gap's end as the time was past its start.
    let mut probe = local;
    for _ in 0..96 {
        probe -= Duration::minutes(30);
        if let Some(before) = tz.offset_from_local_datetime(&probe).earliest() {
            let utc = local - Duration::seconds(i64::from(before.fix().local_minus_utc()));
            return tz.from_utc_datetime(&utc);
        }
    }
    tz.from_utc_datetime(&local)
}

/// Which weeks a member takes part in and is away for, as week indices.
#[derive(Debug, Clone)]
struct MemberWeeks {
    /// First week taken part in.
    first: i64,
    /// First week no longer taken part in.
    end: i64,
    /// Inclusive week ranges away, sorted by start, with the away entry's index.
    away: Vec<(i64, i64, usize)>,
}

/// The calendar of one roster.
#[derive(Debug, Clone)]
pub struct Rotation<'r> {
    roster: &'r Roster,
    /// The names of ranks 1..=members, made once: renderers ask per rank per week.
    role_names: Vec<String>,
    members: Vec<MemberWeeks>,
    overrides: BTreeMap<WeekIx, Vec<usize>>,
    /// The roster's covers resolved to instants, by first week.
    covers: Vec<covers::Resolved>,
    /// For each of `covers`, the last week it or any cover before it reaches.
    cover_reach: Vec<i64>,
}

fn days_since(start: NaiveDate, date: NaiveDate) -> i64 {
    (date - start).num_days()
}

impl<'r> Rotation<'r> {
    /// Prepare the calendar of a validated roster.
    fn with_every_cover(roster: &'r Roster) -> Self {
        let start = roster.team.start;
        let members = roster
            .members
            .iter()
            .map(|m| {
                let first = m
                    .joined
                    .map_or(0, |j| {
                        days_since(start, j).div_euclid(7)
                            + i64::from(days_since(start, j).rem_euclid(7) != 0)
                    })
                    .max(0);
                let end = m
                    .left
                    .map_or(i64::MAX, |l| days_since(start, l).div_euclid(7));
                let mut away: Vec<(i64, i64, usize)> = m
                    .away
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let from = days_since(start, a.from) - 6;
                        let from = from.div_euclid(7) + i64::from(from.rem_euclid(7) != 0);
                        let to = days_since(start, a.to).div_euclid(7);
                        (from, to, i)
                    })
                    .filter(|(from, to, _)| to >= from && *to >= 0)
                    .collect();
                away.sort();
                MemberWeeks { first, end, away }
            })
            .collect();
        let mut overrides: BTreeMap<WeekIx, Vec<usize>> = BTreeMap::new();
        for (i, o) in roster.overrides.iter().enumerate() {
            if let Ok(k) = usize::try_from(days_since(start, o.week).div_euclid(7)) {
                overrides.entry(WeekIx(k)).or_default().push(i);
            }
        }
        let mut rotation = Rotation {
            roster,
            role_names: Rank::up_to(roster.members.len().max(roster.team.roles.len()))
                .map(|rank| roster.role_name(rank))
                .collect(),
            members,
            overrides,
            covers: Vec::new(),
            cover_reach: Vec::new(),
        };
        rotation.covers = covers::resolve(&rotation);
        rotation.cover_reach = covers::reach(&rotation.covers);
        rotation
    }

    /// The calendar of `roster`. A cover that cannot apply (see
    /// [`check_covers`]) is left out, as a broken override is: the roster
    /// reports it, and every other week and cover still answers.
    pub fn new(roster: &'r Roster) -> Self {
        let mut rotation = Rotation::with_every_cover(roster);
        if !roster.covers.is_empty() {
            let bad: std::collections::BTreeSet<usize> = covers::conflicts_of(&rotation)
                .into_iter()
                .map(|c| c.index)
                .collect();
            if !bad.is_empty() {
                rotation.covers.retain(|c| !bad.contains(&c.index));
                rotation.cover_reach = covers::reach(&rotation.covers);
            }
        }
        rotation
    }

    /// The name of a rank (see `Roster::role_name`), without allocating.
    pub fn role_name(&self, rank: Rank) -> std::borrow::Cow<'_, str> {
        match self.role_names.get(rank.index()) {
            Some(name) => std::borrow::Cow::Borrowed(name),
            None => std::borrow::Cow::Owned(self.roster.role_name(rank)),
        }
    }

    /// The roster this calendar was made from.
    pub fn roster(&self) -> &'r Roster {
        self.roster
    }

    /// When week `k` begins.
    pub fn week_start(&self, k: WeekIx) -> DateTime<Tz> {
        self.week_start_signed(k.signed())
    }

    /// When week `k` begins, `k` counted from week 0 (weeks before 0
    /// extrapolate backwards: week -1 begins a week before week 0).
    pub fn week_start_signed(&self, k: i64) -> DateTime<Tz> {
        let team = &self.roster.team;
        let date = team
            .start
            .checked_add_signed(Duration::days(k.saturating_mul(7)))
            .unwrap_or(if k < 0 {
                NaiveDate::MIN
            } else {
                NaiveDate::MAX
            });
        resolve_local(&team.timezone, date.and_time(team.handoff_time))
    }

    /// When week `k` begins and ends.
    pub fn bounds(&self, k: WeekIx) -> (DateTime<Tz>, DateTime<Tz>) {
        (self.week_start(k), self.week_start(k.next()))
    }

    /// The 7 local dates of week `k`: its first and last.
    pub fn dates(&self, k: WeekIx) -> (NaiveDate, NaiveDate) {
        let first = self.roster.team.start + Duration::days(7 * k.get() as i64);
        (first, first + Duration::days(6))
    }

    /// The week holding `instant`.
    pub fn week_at<Z: TimeZone>(&self, instant: &DateTime<Z>) -> Result<WeekIx, BeforeStart> {
        let instant = instant.with_timezone(&Utc);
        let tz = self.roster.team.timezone;
        let local = instant.with_timezone(&tz).date_naive();
        let mut k = days_since(self.roster.team.start, local).div_euclid(7);
        while self.week_start_signed(k) > instant {
            k -= 1;
        }
        while self.week_start_signed(k + 1) <= instant {
            k += 1;
        }
        usize::try_from(k)
            .map(WeekIx)
            .map_err(|_| self.before_start())
    }

    /// The week whose 7 dates include `date`.
    pub fn week_of_date(&self, date: NaiveDate) -> Result<WeekIx, BeforeStart> {
        usize::try_from(days_since(self.roster.team.start, date).div_euclid(7))
            .map(WeekIx)
            .map_err(|_| self.before_start())
    }

    fn before_start(&self) -> BeforeStart {
        BeforeStart {
            start: self.week_start(WeekIx::FIRST),
        }
    }

    /// Every week from week 0 on, overrides applied.
    pub fn iter(&self) -> Weeks<'_, 'r> {
        Weeks {
            rotation: self,
            k: WeekIx::FIRST,
            queue: VecDeque::new(),
            seen: vec![false; self.members.len()],
            cursors: vec![0; self.members.len()],
            away_of: vec![None; self.members.len()],
        }
    }

    /// Weeks `range.start .. range.end`, overrides applied.
    pub fn weeks(&self, range: Range<WeekIx>) -> Vec<Week> {
        let end = range.end.get().min(MAX_WEEKS);
        let start = range.start.get().min(end);
        self.iter().skip(start).take(end - start).collect()
    }

    /// One week, overrides applied.
    pub fn week(&self, k: WeekIx) -> Week {
        self.weeks(k..k.next()).pop().unwrap_or(Week {
            index: k,
            ranks: Vec::new(),
            away: Vec::new(),
        })
    }

    /// Whether member `m` takes part in week `k` (joined and not left).
    pub fn member_takes_part(&self, m: MemberIx, k: WeekIx) -> bool {
        self.takes_part(m, k.signed())
    }

    /// The first week member `m` takes part in.
    pub fn first_week(&self, m: MemberIx) -> i64 {
        self.members[m].first
    }

    /// The index in `Member::away` of the range that makes `m` away in week `k`.
    pub fn away_entry(&self, m: MemberIx, k: WeekIx) -> Option<usize> {
        let k = k.signed();
        self.members[m]
            .away
            .iter()
            .find(|r| r.0 <= k && k <= r.1)
            .map(|r| r.2)
    }

    /// Apply the roster's overrides for `week` to its base ranks.
    pub fn apply_overrides_to(&self, week: &mut Week) {
        self.apply_overrides(week);
    }

    fn takes_part(&self, m: MemberIx, k: i64) -> bool {
        let w = &self.members[m];
        w.first <= k && k < w.end
    }

    /// The away entry of member `m` covering week `k`, moving its cursor on.
    fn away_at(&self, m: MemberIx, k: i64, cursor: &mut usize) -> Option<usize> {
        let ranges = &self.members[m].away;
        while *cursor < ranges.len() && ranges[*cursor].1 < k {
            *cursor += 1;
        }
        ranges[*cursor..]
            .iter()
            .take_while(|r| r.0 <= k)
            .find(|r| r.1 >= k)
            .map(|r| r.2)
    }

    fn apply_overrides(&self, week: &mut Week) -> Vec<OverrideConflict> {
        let mut conflicts = Vec::new();
        let Some(indices) = self.overrides.get(&week.index) else {
            return conflicts;
        };
        let mut set: Vec<Rank> = Vec::new();
        for &i in indices {
            let o: &Override = &self.roster.overrides[i];
            // A second override of the same rank that week is a roster
            // problem (`check_overrides` reports it); the first one holds.
            if set.contains(&o.rank) {
                continue;
            }
            set.push(o.rank);
            if let Err(kind) = apply_one(week, o) {
                conflicts.push(OverrideConflict { index: i, kind });
            }
        }
        conflicts
    }
}

fn apply_one(week: &mut Week, o: &Override) -> Result<(), ConflictKind> {
    let Some(from) = week.rank_of(o.member) else {
        let away = week.away.iter().any(|a| a.member == o.member);
        return Err(ConflictKind::NoRank { away });
    };
    if o.rank.get() > week.ranks.len() {
        return Err(ConflictKind::RankMissing {
            ranks: week.ranks.len(),
        });
    }
    week.ranks.swap(from.index(), o.rank.index());
    week.ranks[o.rank.index()].override_reason = Some(o.reason.clone());
    Ok(())
}

/// Iterator over weeks from week 0: the queue of docs/rotation.md, simulated.
pub struct Weeks<'a, 'r> {
    rotation: &'a Rotation<'r>,
    k: WeekIx,
    queue: VecDeque<MemberIx>,
    seen: Vec<bool>,
    cursors: Vec<usize>,
    /// Scratch for `select`: each member's away entry in the week at hand.
    away_of: Vec<Option<usize>>,
}

impl Weeks<'_, '_> {
    /// The next week before overrides, with the queue (front first) as it
    /// stood after leavers left and joiners were appended (docs/rotation.md, "The queue", step 1),
    /// before the primary moved to the back: what `explain` explains.
    pub fn next_base_with_queue(&mut self) -> (Vec<MemberIx>, Week) {
        self.update_membership();
        let queue = self.queue.iter().copied().collect();
        (queue, self.select())
    }

    /// The next week before overrides: the queue's own answer.
    pub fn next_base(&mut self) -> Week {
        self.update_membership();
        self.select()
    }

    /// docs/rotation.md, "The queue", step 1: drop members who no longer take part, append newcomers in file order.
    fn update_membership(&mut self) {
        let rot = self.rotation;
        let k = self.k.signed();
        self.queue.retain(|&m| rot.takes_part(m, k));
        for m in (0..self.seen.len()).map(MemberIx) {
            if !self.seen[m] && rot.takes_part(m, k) {
                self.seen[m] = true;
                self.queue.push_back(m);
            }
        }
    }

    /// docs/rotation.md, "The queue", steps 2–4 on the updated queue: primary, ranks, away.
    fn select(&mut self) -> Week {
        let rot = self.rotation;
        let k = self.k.signed();
        // Every queued member's away entry this week (`away_of[m]` is
        // written for each member in the queue before it is read).
        let away_of = &mut self.away_of;
        let mut any_away = false;
        for &m in &self.queue {
            away_of[m] = rot.away_at(m, k, &mut self.cursors[m]);
            any_away |= away_of[m].is_some();
        }
        let slot = |member| Slot {
            member,
            override_reason: None,
        };
        let mut ranks = Vec::with_capacity(self.queue.len());
        if let Some(pos) = self.queue.iter().position(|&m| away_of[m].is_none()) {
            if let Some(primary) = self.queue.remove(pos) {
                ranks.push(slot(primary));
                ranks.extend(
                    self.queue
                        .iter()
                        .filter(|&&m| away_of[m].is_none())
                        .map(|&m| slot(m)),
                );
                self.queue.push_back(primary);
            }
        }
        let mut away: Vec<AwaySlot> = Vec::new();
        if any_away {
            away.extend(self.queue.iter().filter_map(|&m| {
                away_of[m].map(|a| AwaySlot {
                    member: m,
                    reason: rot.roster.members[m].away[a].reason.clone(),
                })
            }));
            away.sort_by_key(|a| a.member);
        }
        let week = Week {
            index: self.k,
            ranks,
            away,
        };
        self.k = self.k.next();
        week
    }
}

impl Iterator for Weeks<'_, '_> {
    type Item = Week;

    fn next(&mut self) -> Option<Week> {
        if self.k.get() >= MAX_WEEKS {
            return None;
        }
        let mut week = self.next_base();
        self.rotation.apply_overrides(&mut week);
        Some(week)
    }
}

/// Every override that cannot apply: repeated week and rank, a member with
/// no rank that week, a rank the week does not have (docs/rotation.md, "Overrides").
pub fn check_overrides(roster: &Roster) -> Vec<OverrideConflict> {
    let rotation = Rotation::new(roster);
    let mut conflicts = Vec::new();
    let mut seen: HashMap<(WeekIx, Rank), usize> = HashMap::new();
    for (&k, indices) in &rotation.overrides {
        for &i in indices {
            let o = &roster.overrides[i];
            if let Some(first) = seen.insert((k, o.rank), i) {
                conflicts.push(OverrideConflict {
                    index: i,
                    kind: ConflictKind::Repeated { first },
                });
            }
        }
    }
    let Some(&last) = rotation.overrides.keys().next_back() else {
        return conflicts;
    };
    let mut weeks = rotation.iter();
    for _ in 0..=last.get().min(MAX_WEEKS) {
        let mut week = weeks.next_base();
        conflicts.extend(rotation.apply_overrides(&mut week));
    }
    conflicts.sort_by_key(|c| c.index);
    conflicts
}

#[cfg(test)]
#[path = "rotation_tests.rs"]
mod tests;
