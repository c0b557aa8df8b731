//! Property tests of the rotation engine (SPEC §2) over random rosters.
//!
//! Rosters are built directly as `dw::roster::Roster` values; the oracles
//! below read the spec's date rules literally (walking the 7 dates of a week)
//! rather than reusing the engine's week arithmetic.

use std::collections::{BTreeSet, HashSet, VecDeque};

use chrono::{Datelike, Duration, LocalResult, NaiveDate, NaiveTime, Offset, TimeZone, Weekday};
use chrono_tz::Tz;
use dw::roster::{
    Away, Cover, Handbook, Member, MemberIx, Override, PagerDutySettings, Rank, Roster,
    SlackSettings, Team,
};
use dw::rotation::{check_covers, check_overrides, resolve_local, Rotation, Week, WeekIx};
use proptest::prelude::*;

/// Weeks simulated per case.
const WEEKS: usize = 60;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 6).expect("valid date")
}

fn day(offset: i64) -> NaiveDate {
    start() + Duration::days(offset)
}

// ------------------------------------------------------------- generators

/// A member as day offsets from the start: joined, left, away ranges.
#[derive(Debug, Clone)]
struct Spec {
    joined: Option<i64>,
    left: Option<i64>,
    away: Vec<(i64, i64)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::option::weighted(0.3, -30i64..300),
        prop::option::weighted(0.2, 1i64..400),
        prop::collection::vec((-20i64..430, 0i64..30), 0..3),
    )
        .prop_map(|(joined, left_after, away)| Spec {
            joined,
            // left must come after joined (SPEC §3)
            left: left_after.map(|n| joined.unwrap_or(-40) + n),
            away: away
                .into_iter()
                .map(|(from, len)| (from, from + len))
                .collect(),
        })
}

fn member(id: &str, s: &Spec) -> Member {
    Member {
        id: id.to_string(),
        name: id.to_uppercase(),
        email: format!("{id}@example.com"),
        slack: None,
        pagerduty: None,
        joined: s.joined.map(day),
        left: s.left.map(day),
        away: s
            .away
            .iter()
            .enumerate()
            .map(|(i, &(from, to))| Away {
                from: day(from),
                to: day(to),
                reason: (i % 2 == 0).then(|| format!("away {i}")),
            })
            .collect(),
    }
}

fn team() -> Team {
    Team {
        name: "Dreamwork".into(),
        timezone: Tz::America__Chicago,
        handoff_day: Weekday::Tue,
        handoff_time: NaiveTime::from_hms_opt(10, 0, 0).expect("valid time"),
        start: start(),
        roles: vec!["primary".into(), "secondary".into(), "tertiary".into()],
    }
}

fn roster_of(specs: &[Spec]) -> Roster {
    Roster {
        team: team(),
        slack: SlackSettings::default(),
        pagerduty: PagerDutySettings::default(),
        members: specs
            .iter()
            .enumerate()
            .map(|(i, s)| member(&format!("m{i}"), s))
            .collect(),
        overrides: Vec::new(),
        covers: Vec::new(),
        handbook: Handbook::default(),
    }
}

/// Raw choices for a cover: start (minutes after the start date's 00:00),
/// length in minutes (up to 3 days), rank and member seeds.
fn cover_seeds() -> impl Strategy<Value = Vec<(i64, i64, usize, usize)>> {
    prop::collection::vec(
        (
            0i64..(WEEKS as i64 * 7 * 24 * 60),
            1i64..(3 * 24 * 60),
            1usize..=8,
            any::<usize>(),
        ),
        0..5,
    )
}

/// Covers from seeds, valid or not: the engine must not care for ranks.
fn covers_of(r: &Roster, seeds: &[(i64, i64, usize, usize)]) -> Vec<Cover> {
    let midnight = start().and_hms_opt(0, 0, 0).expect("valid time");
    seeds
        .iter()
        .enumerate()
        .map(|(n, &(at, len, rank, m))| Cover {
            rank: Rank::new(rank).expect("rank seeds start at 1"),
            member: MemberIx(m % r.members.len()),
            from: midnight + Duration::minutes(at),
            to: midnight + Duration::minutes(at + len),
            reason: format!("cover {n}"),
        })
        .collect()
}

fn specs(max: usize) -> impl Strategy<Value = Vec<Spec>> {
    prop::collection::vec(spec(), 1..=max)
}

/// Raw choices for an override: week, day in the week, rank and member seeds.
fn override_seeds() -> impl Strategy<Value = Vec<(usize, i64, usize, usize)>> {
    prop::collection::vec((0..WEEKS, 0i64..7, any::<usize>(), any::<usize>()), 0..6)
}

/// Turn seeds into overrides that can all apply: each names a member holding
/// a rank that week and a rank the week has, and no week and rank repeats.
fn valid_overrides(r: &Roster, seeds: &[(usize, i64, usize, usize)]) -> Vec<Override> {
    let weeks = Rotation::new(r).weeks(WeekIx(0)..WeekIx(WEEKS));
    let mut used = HashSet::new();
    let mut out = Vec::new();
    for (n, &(k, d, rank_seed, member_seed)) in seeds.iter().enumerate() {
        let ranks = &weeks[k].ranks;
        if ranks.is_empty() {
            continue;
        }
        let rank = 1 + rank_seed % ranks.len();
        if !used.insert((k, rank)) {
            continue;
        }
        out.push(Override {
            week: day(7 * k as i64 + d),
            rank: Rank::new(rank).expect("ranks start at 1"),
            member: ranks[member_seed % ranks.len()].member,
            reason: format!("override {n}"),
        });
    }
    out
}

// ---------------------------------------------------------------- oracles

/// The 7 dates of week k.
fn dates(k: usize) -> impl Iterator<Item = NaiveDate> {
    (0..7).map(move |i| day(7 * k as i64 + i))
}

/// SPEC §2: takes part in week k only if all its dates lie in [joined, left).
fn takes_part(m: &Member, k: usize) -> bool {
    dates(k).all(|d| m.joined.is_none_or(|j| j <= d) && m.left.is_none_or(|l| d < l))
}

/// SPEC §2: away when any away range overlaps the dates of week k.
fn is_away(m: &Member, k: usize) -> bool {
    dates(k).any(|d| m.away.iter().any(|a| a.from <= d && d <= a.to))
}

/// Ranks as member ids, and away as member ids: comparable across rosters
/// whose member indices differ.
fn by_id(r: &Roster, w: &Week) -> (Vec<String>, Vec<String>) {
    (
        w.ranks
            .iter()
            .map(|s| r.members[s.member].id.clone())
            .collect(),
        w.away
            .iter()
            .map(|a| r.members[a.member].id.clone())
            .collect(),
    )
}

/// The queue rules of SPEC §2, read literally, without overrides: ranks per week.
fn queue_model(r: &Roster, weeks: usize) -> Vec<Vec<usize>> {
    let mut queue: VecDeque<usize> = VecDeque::new();
    let mut seen = vec![false; r.members.len()];
    let mut out = Vec::new();
    for k in 0..weeks {
        queue.retain(|&m| takes_part(&r.members[m], k));
        for (m, member) in r.members.iter().enumerate() {
            if !seen[m] && takes_part(member, k) {
                seen[m] = true;
                queue.push_back(m);
            }
        }
        let away = |m: usize| is_away(&r.members[m], k);
        let mut ranks = Vec::new();
        if let Some(pos) = queue.iter().position(|&m| !away(m)) {
            let primary = queue.remove(pos).expect("position is in the queue");
            queue.push_back(primary);
            ranks.push(primary);
            ranks.extend(queue.iter().copied().filter(|&m| m != primary && !away(m)));
        }
        out.push(ranks);
    }
    out
}

// ------------------------------------------------------------- properties

proptest! {
    #![proptest_config(config())]

    /// Every member taking part and not away holds exactly one rank, ranks
    /// run 1..n without gaps, and members taking part but away are listed away.
    #[test]
    fn every_available_member_holds_exactly_one_rank(
        specs in specs(7),
        seeds in override_seeds(),
    ) {
        let mut r = roster_of(&specs);
        r.overrides = valid_overrides(&r, &seeds);
        prop_assert!(check_overrides(&r).is_empty(), "{:?}", check_overrides(&r));
        let weeks = Rotation::new(&r).weeks(WeekIx(0)..WeekIx(WEEKS));
        prop_assert_eq!(weeks.len(), WEEKS);
        for (k, w) in weeks.iter().enumerate() {
            prop_assert_eq!(w.index.get(), k);
            let ranked: Vec<usize> = w.ranks.iter().map(|s| s.member.0).collect();
            let distinct: BTreeSet<usize> = ranked.iter().copied().collect();
            prop_assert_eq!(distinct.len(), ranked.len(), "week {}: a member holds two ranks", k);
            let available: BTreeSet<usize> = (0..r.members.len())
                .filter(|&m| takes_part(&r.members[m], k) && !is_away(&r.members[m], k))
                .collect();
            prop_assert_eq!(&distinct, &available, "week {}", k);
            for (i, s) in w.ranks.iter().enumerate() {
                prop_assert_eq!(w.rank_of(s.member), Rank::new(i + 1));
            }
            let away: Vec<usize> = w.away.iter().map(|a| a.member.0).collect();
            let want_away: Vec<usize> = (0..r.members.len())
                .filter(|&m| takes_part(&r.members[m], k) && is_away(&r.members[m], k))
                .collect();
            prop_assert_eq!(away, want_away, "week {}", k);
        }
    }

    /// Without overrides the engine gives exactly the ranks of the queue
    /// rules of SPEC §2 read literally.
    #[test]
    fn ranks_follow_the_queue_rules(specs in specs(7)) {
        let r = roster_of(&specs);
        let got: Vec<Vec<usize>> = Rotation::new(&r)
            .weeks(WeekIx(0)..WeekIx(WEEKS))
            .iter()
            .map(|w| w.ranks.iter().map(|s| s.member.0).collect())
            .collect();
        prop_assert_eq!(got, queue_model(&r, WEEKS));
    }

    /// With nobody away and no joiners or leavers, the secondary of week k
    /// is the primary of week k+1, and everyone moves up one rank a week.
    #[test]
    fn with_nobody_away_the_secondary_is_next_weeks_primary(
        n in 1usize..=8,
        joined_before in prop::collection::vec(prop::option::of(0i64..100), 8),
        left_after in prop::collection::vec(prop::option::of(0i64..100), 8),
    ) {
        // joined on or before start, left after the last week simulated:
        // on the rotation throughout.
        let specs: Vec<Spec> = (0..n)
            .map(|i| Spec {
                joined: joined_before[i].map(|b| -b),
                left: left_after[i].map(|a| 7 * (WEEKS as i64 + 1) + a),
                away: Vec::new(),
            })
            .collect();
        let r = roster_of(&specs);
        let weeks = Rotation::new(&r).weeks(WeekIx(0)..WeekIx(WEEKS));
        for k in 0..WEEKS - 1 {
            let this: Vec<usize> = weeks[k].ranks.iter().map(|s| s.member.0).collect();
            let next: Vec<usize> = weeks[k + 1].ranks.iter().map(|s| s.member.0).collect();
            prop_assert_eq!(this.len(), n);
            prop_assert_eq!(this[0], k % n, "plain rotation in file order");
            prop_assert_eq!(this[1 % n], next[0], "week {}", k);
            for i in 0..n {
                prop_assert_eq!(next[i], this[(i + 1) % n], "week {} rank {}", k, i + 1);
            }
        }
    }

    /// Adding a member with `joined = D` (anywhere in the file) changes no
    /// week that begins before D.
    #[test]
    fn adding_a_joiner_changes_no_week_before_they_join(
        specs in specs(6),
        seeds in override_seeds(),
        joiner in spec(),
        joined in 0i64..(7 * WEEKS as i64),
        left_after in prop::option::of(1i64..200),
        position in any::<prop::sample::Index>(),
    ) {
        let mut before = roster_of(&specs);
        before.overrides = valid_overrides(&before, &seeds);
        let mut after = before.clone();
        let new = Spec { joined: Some(joined), left: left_after.map(|a| joined + a), ..joiner };
        let at = position.index(before.members.len() + 1);
        after.members.insert(at, member("new", &new));
        for o in &mut after.overrides {
            if o.member.0 >= at {
                o.member.0 += 1;
            }
        }
        let d = day(joined);
        let old = Rotation::new(&before).weeks(WeekIx(0)..WeekIx(WEEKS));
        let new_weeks = Rotation::new(&after).weeks(WeekIx(0)..WeekIx(WEEKS));
        for k in (0..WEEKS).filter(|&k| day(7 * k as i64) < d) {
            prop_assert_eq!(by_id(&after, &new_weeks[k]), by_id(&before, &old[k]), "week {}", k);
        }
    }

    /// Setting `left = D` on a member changes no week whose dates all come
    /// before D.
    #[test]
    fn setting_left_changes_no_week_before_they_leave(
        specs in specs(6),
        seeds in override_seeds(),
        who in any::<prop::sample::Index>(),
        left in 1i64..(7 * WEEKS as i64),
    ) {
        let mut before = roster_of(&specs);
        for m in &mut before.members {
            m.left = None;
        }
        before.overrides = valid_overrides(&before, &seeds);
        let mut after = before.clone();
        let m = who.index(after.members.len());
        // left must come after joined (SPEC §3)
        let d = after.members[m]
            .joined
            .map_or(day(left), |j| day(left).max(j + Duration::days(1)));
        after.members[m].left = Some(d);
        let old = Rotation::new(&before).weeks(WeekIx(0)..WeekIx(WEEKS));
        let new = Rotation::new(&after).weeks(WeekIx(0)..WeekIx(WEEKS));
        for k in (0..WEEKS).filter(|&k| day(7 * k as i64 + 6) < d) {
            prop_assert_eq!(&new[k], &old[k], "week {}", k);
        }
    }

    /// An override changes only its own week there: it swaps the member
    /// into the rank and the rank's holder into the member's former rank.
    #[test]
    fn an_override_changes_only_its_own_week(
        specs in specs(7),
        seeds in override_seeds(),
        k in 0..WEEKS,
        d in 0i64..7,
        rank_seed in any::<usize>(),
        member_seed in any::<usize>(),
    ) {
        let mut base = roster_of(&specs);
        base.overrides = valid_overrides(&base, &seeds);
        let old = Rotation::new(&base).weeks(WeekIx(0)..WeekIx(WEEKS));
        // From week k on (wrapping), the first week with a rank no override
        // of the base roster sets already.
        let free = |k: usize| -> Vec<usize> {
            (1..=old[k].ranks.len())
                .filter(|&rank| {
                    !base.overrides.iter().any(|o| {
                        o.rank.get() == rank && (o.week - start()).num_days().div_euclid(7) == k as i64
                    })
                })
                .collect()
        };
        let Some((k, ranks)) = (0..WEEKS)
            .map(|i| (k + i) % WEEKS)
            .map(|k| (k, free(k)))
            .find(|(_, ranks)| !ranks.is_empty())
        else {
            // nobody holds a rank in any week: nothing to override
            return Ok(());
        };
        let rank = ranks[rank_seed % ranks.len()];
        let holders = &old[k].ranks;
        let who = holders[member_seed % holders.len()].member;
        let mut changed = base.clone();
        changed.overrides.push(Override {
            week: day(7 * k as i64 + d),
            rank: Rank::new(rank).expect("ranks start at 1"),
            member: who,
            reason: "the new one".into(),
        });
        prop_assert!(check_overrides(&changed).is_empty(), "{:?}", check_overrides(&changed));
        let new = Rotation::new(&changed).weeks(WeekIx(0)..WeekIx(WEEKS));
        for j in (0..WEEKS).filter(|&j| j != k) {
            prop_assert_eq!(&new[j], &old[j], "week {}", j);
        }
        let from = old[k].rank_of(who).expect("the member holds a rank");
        let mut want: Vec<usize> = old[k].ranks.iter().map(|s| s.member.0).collect();
        want.swap(from.index(), rank - 1);
        let got: Vec<usize> = new[k].ranks.iter().map(|s| s.member.0).collect();
        prop_assert_eq!(got, want);
        prop_assert_eq!(new[k].ranks[rank - 1].override_reason.as_deref(), Some("the new one"));
        prop_assert_eq!(&new[k].away, &old[k].away);
    }

    /// Week boundaries: the instant a week begins is in it, the instant
    /// before is in the one before, every week is 7 days give or take a DST
    /// change, each of its 7 dates maps back to it, and a week begins at the
    /// handoff time, read as SPEC §2 says when that time is in a gap or fold.
    /// Sundays and small hours are favoured, where DST changes happen.
    #[test]
    fn week_boundaries_agree_with_week_at_in_any_zone(
        tz in prop::sample::select(vec![
            "UTC",
            "America/Chicago",
            "America/St_Johns",
            "Australia/Lord_Howe",
            "Europe/Berlin",
            "Asia/Kolkata",
            "America/Santiago",
            "Pacific/Auckland",
        ]),
        hour in prop_oneof![Just(0u32), Just(1), Just(2), Just(3), 0u32..24],
        minute in prop::sample::select(vec![0u32, 15, 30, 45, 59]),
        first_week in 0i64..520,
        // 2020-01-01 is a Wednesday; offset 4 is a Sunday
        weekday in prop_oneof![Just(4i64), 0i64..7],
    ) {
        let tz: Tz = tz.parse().expect("known zone");
        let start = NaiveDate::from_ymd_opt(2020, 1, 1).expect("valid date")
            + Duration::days(7 * first_week + weekday);
        let time = NaiveTime::from_hms_opt(hour, minute, 0).expect("valid time");
        let mut r = roster_of(&[Spec { joined: None, left: None, away: Vec::new() }]);
        r.team.timezone = tz;
        r.team.handoff_day = start.weekday();
        r.team.handoff_time = time;
        r.team.start = start;
        let rot = Rotation::new(&r);
        let second = Duration::seconds(1);
        let err = rot.week_at(&(rot.week_start(WeekIx(0)) - second)).expect_err("before week 0");
        prop_assert_eq!(err.start, rot.week_start(WeekIx(0)));
        for k in 0..WEEKS {
            let (b, e) = rot.bounds(WeekIx(k));
            prop_assert!(b < e);
            prop_assert_eq!(rot.week_at(&b), Ok(WeekIx(k)));
            prop_assert_eq!(rot.week_at(&(e - second)), Ok(WeekIx(k)));
            let minutes = (e - b).num_minutes();
            prop_assert!(
                (7 * 24 * 60 - 180..=7 * 24 * 60 + 180).contains(&minutes),
                "week {} is {} minutes", k, minutes
            );
            let (d0, d6) = rot.dates(WeekIx(k));
            prop_assert_eq!(d0, start + Duration::days(7 * k as i64));
            prop_assert_eq!(d6, d0 + Duration::days(6));
            for i in 0..7 {
                prop_assert_eq!(rot.week_of_date(d0 + Duration::days(i)), Ok(WeekIx(k)));
            }
            let wall = d0.and_time(time);
            match tz.from_local_datetime(&wall) {
                LocalResult::Single(t) => prop_assert_eq!(b, t),
                LocalResult::Ambiguous(earlier, _) => prop_assert_eq!(b, earlier, "fold: the earlier instant"),
                LocalResult::None => {
                    // gap: forward by the gap's length
                    let gap = b.offset().fix().local_minus_utc()
                        - (b - Duration::hours(6)).offset().fix().local_minus_utc();
                    prop_assert!(gap > 0);
                    prop_assert_eq!(b.naive_local(), wall + Duration::seconds(i64::from(gap)), "gap of {}s", gap);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// Covers, valid or not, never change any week's ranks, away list or
    /// queue (the weeks after them are the same too), nor which overrides apply.
    #[test]
    fn covers_never_change_ranks_or_the_queue(
        specs in specs(7),
        seeds in override_seeds(),
        covers in cover_seeds(),
    ) {
        let mut base = roster_of(&specs);
        base.overrides = valid_overrides(&base, &seeds);
        let mut covered = base.clone();
        covered.covers = covers_of(&base, &covers);
        prop_assert_eq!(
            Rotation::new(&covered).weeks(WeekIx(0)..WeekIx(WEEKS)),
            Rotation::new(&base).weeks(WeekIx(0)..WeekIx(WEEKS))
        );
        prop_assert_eq!(check_overrides(&covered), check_overrides(&base));
    }

    /// A valid cover changes who answers for a rank only inside its span,
    /// and only for its rank; inside, its member answers.
    #[test]
    fn a_cover_changes_who_answers_only_inside_its_span(
        specs in specs(7),
        seeds in override_seeds(),
        cover in cover_seeds().prop_filter("one cover", |c| !c.is_empty()),
        probes in prop::collection::vec(0i64..(WEEKS as i64 * 7 * 24 * 60), 8),
    ) {
        let mut base = roster_of(&specs);
        base.overrides = valid_overrides(&base, &seeds);
        let mut covered = base.clone();
        covered.covers = covers_of(&base, &cover[..1]);
        prop_assume!(check_covers(&covered).is_empty());
        let c = covered.covers[0].clone();
        let tz = covered.team.timezone;
        let (from, to) = (resolve_local(&tz, c.from), resolve_local(&tz, c.to));
        let midnight = start().and_hms_opt(0, 0, 0).expect("valid time");
        let second = Duration::seconds(1);
        let mut instants = vec![from - second, from, to - second, to];
        instants.extend(probes.iter().map(|&p| resolve_local(&tz, midnight + Duration::minutes(p))));
        let (old, new) = (Rotation::new(&base), Rotation::new(&covered));
        for t in instants {
            for rank in Rank::up_to(8) {
                let (was, is) = (old.holder_at(rank, &t), new.holder_at(rank, &t));
                if rank == c.rank && from <= t && t < to {
                    let is = is.expect("a valid cover's rank is held");
                    prop_assert_eq!(is.member, c.member, "{} rank {}", t, rank);
                    prop_assert!(is.cover.is_some());
                    prop_assert!(was.is_some_and(|w| w.member != c.member));
                } else {
                    prop_assert_eq!(was, is, "{} rank {}", t, rank);
                }
            }
        }
    }
}
