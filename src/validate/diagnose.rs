//! The words of roster problems the rotation engine finds: it reports typed
//! override and cover conflicts, and this says what is wrong and how to fix it.

use crate::render::plural;
use crate::roster::Roster;
use crate::rotation::{ConflictKind, CoverConflict, CoverConflictKind, OverrideConflict, WeekIx};

/// What a user reads about one problem: what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    pub message: String,
    pub hint: String,
}

/// The message and hint of an override that cannot apply.
pub fn describe_conflict(roster: &Roster, conflict: &OverrideConflict) -> Wording {
    let i = conflict.index;
    let Some(o) = roster.overrides.get(i) else {
        return Wording {
            message: format!("override #{} cannot apply", i + 1),
            hint: "check the override's week, role and member".into(),
        };
    };
    let id = roster.members.get(o.member.0).map_or("", |m| m.id.as_str());
    match conflict.kind {
        ConflictKind::Repeated { first } => Wording {
            message: format!(
                "overrides #{} and #{} both set the {} of the week of {}",
                first + 1,
                i + 1,
                roster.role_name(o.rank),
                o.week
            ),
            hint: "keep one override per week and rank".into(),
        },
        ConflictKind::NoRank { away } => {
            let why = if away {
                "is away"
            } else {
                "is not on the rotation"
            };
            Wording {
                message: format!(
                    "override of the week of {} names \"{id}\", who {why} that week and holds no rank",
                    o.week
                ),
                hint: "pick a member who is on the rotation that week, or change their away dates"
                    .into(),
            }
        }
        ConflictKind::RankMissing { ranks } => Wording {
            message: format!(
                "override of the week of {} gives \"{id}\" the {} rank, but that week has only {}",
                o.week,
                roster.role_name(o.rank),
                plural(ranks, "rank"),
            ),
            hint: rank_hint(ranks),
        },
    }
}

/// The message and hint of a cover that cannot apply.
pub fn describe_cover_conflict(roster: &Roster, conflict: &CoverConflict) -> Wording {
    let i = conflict.index;
    let Some(c) = roster.covers.get(i) else {
        return Wording {
            message: format!("cover #{} cannot apply", i + 1),
            hint: "check the cover's role, member, from and to".into(),
        };
    };
    let id = roster.members.get(c.member.0).map_or("", |m| m.id.as_str());
    let role = roster.role_name(c.rank);
    let time = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M").to_string();
    let what = format!(
        "cover #{} ({id} as {role}, {} to {})",
        i + 1,
        time(c.from),
        time(c.to)
    );
    let week_of = |k: WeekIx| {
        let first = roster.team.start + chrono::Duration::days(7 * k.get() as i64);
        format!("week {k} (from {first})")
    };
    match &conflict.kind {
        CoverConflictKind::BeforeStart { start } => Wording {
            message: format!(
                "{what} starts before the rotation begins at {}",
                start.format("%Y-%m-%dT%H:%M")
            ),
            hint: "covers can only change the rotation from [team] start on".into(),
        },
        CoverConflictKind::Empty => Wording {
            message: format!(
                "{what} is empty: both times fall in the hour the clocks skip that day"
            ),
            hint: "move `from` or `to` out of the daylight-saving gap".into(),
        },
        CoverConflictKind::Away { date, away } => {
            let range = roster
                .members
                .get(c.member.0)
                .and_then(|m| m.away.get(*away))
                .map(|a| format!(" (away {} to {})", a.from, a.to))
                .unwrap_or_default();
            Wording {
                message: format!("{what}: \"{id}\" is away on {date}{range}"),
                hint: "pick a member who is not away then, or change their away dates".into(),
            }
        }
        CoverConflictKind::NotTakingPart { week } => Wording {
            message: format!(
                "{what}: \"{id}\" is not on the rotation in {}",
                week_of(*week)
            ),
            hint: "pick a member who is on the rotation then (see their joined and left dates)"
                .into(),
        },
        CoverConflictKind::HoldsRank { week } => Wording {
            message: format!(
                "{what}: \"{id}\" is already {role} in {}",
                week_of(*week)
            ),
            hint: format!(
                "{id} cannot cover a rank they hold: pick someone else for that span, or end the cover before that week"
            ),
        },
        CoverConflictKind::RankMissing { week, ranks } => Wording {
            message: format!(
                "{what}: {} has only {}, so nobody holds the {role}",
                week_of(*week),
                plural(*ranks, "rank"),
            ),
            hint: rank_hint(*ranks),
        },
        CoverConflictKind::Overlaps { other } => Wording {
            message: format!(
                "{what} overlaps cover #{} of the same rank",
                other + 1
            ),
            hint: "a rank has one cover at a time: shorten one of them, or merge them".into(),
        },
    }
}

/// Which ranks a week that has `ranks` of them takes.
fn rank_hint(ranks: usize) -> String {
    match ranks {
        1 => "use rank 1".to_string(),
        n => format!("use a rank from 1 to {n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::parse;

    fn roster_with_override() -> Roster {
        let text = "[team]\nname = \"T\"\nstart = 2026-01-06\n\n\
                    [[members]]\nid = \"ada\"\nname = \"Ada\"\nemail = \"ada@example.com\"\n\n\
                    [[members]]\nid = \"bob\"\nname = \"Bob\"\nemail = \"bob@example.com\"\n\n\
                    [[overrides]]\nweek = 2026-01-13\nrole = \"secondary\"\nmember = \"bob\"\n";
        parse(text, "r.toml").expect("valid roster")
    }

    fn words(kind: ConflictKind) -> Wording {
        describe_conflict(
            &roster_with_override(),
            &OverrideConflict { index: 0, kind },
        )
    }

    #[test]
    fn repeated_week_and_rank() {
        let w = words(ConflictKind::Repeated { first: 0 });
        assert_eq!(
            w.message,
            "overrides #1 and #1 both set the secondary of the week of 2026-01-13"
        );
        assert_eq!(w.hint, "keep one override per week and rank");
    }

    #[test]
    fn member_with_no_rank() {
        let away = words(ConflictKind::NoRank { away: true });
        assert_eq!(
            away.message,
            "override of the week of 2026-01-13 names \"bob\", who is away that week and holds no rank"
        );
        assert_eq!(
            away.hint,
            "pick a member who is on the rotation that week, or change their away dates"
        );
        let gone = words(ConflictKind::NoRank { away: false });
        assert_eq!(
            gone.message,
            "override of the week of 2026-01-13 names \"bob\", who is not on the rotation that week and holds no rank"
        );
    }

    #[test]
    fn rank_the_week_does_not_have() {
        let w = words(ConflictKind::RankMissing { ranks: 1 });
        assert_eq!(
            w.message,
            "override of the week of 2026-01-13 gives \"bob\" the secondary rank, but that week has only 1 rank"
        );
        assert_eq!(w.hint, "use rank 1");
        let w = words(ConflictKind::RankMissing { ranks: 2 });
        assert!(
            w.message.ends_with("that week has only 2 ranks"),
            "{}",
            w.message
        );
        assert_eq!(w.hint, "use a rank from 1 to 2");
    }

    #[test]
    fn a_cover_of_a_rank_the_week_does_not_have_counts_its_ranks() {
        let text = "[team]\nname = \"T\"\ntimezone = \"UTC\"\nstart = 2026-01-06\n\n\
                    [[members]]\nid = \"ada\"\nname = \"Ada\"\nemail = \"ada@example.com\"\n\n\
                    [[members]]\nid = \"bob\"\nname = \"Bob\"\nemail = \"bob@example.com\"\n\n\
                    [[covers]]\nrole = \"secondary\"\nmember = \"bob\"\n\
                    from = 2026-01-14T18:00:00\nto = 2026-01-14T20:00:00\n";
        let roster = parse(text, "r.toml").expect("valid roster");
        let say = |ranks| {
            describe_cover_conflict(
                &roster,
                &CoverConflict {
                    index: 0,
                    kind: CoverConflictKind::RankMissing {
                        week: WeekIx(1),
                        ranks,
                    },
                },
            )
        };
        let one = say(1);
        assert!(
            one.message
                .ends_with("has only 1 rank, so nobody holds the secondary"),
            "{}",
            one.message
        );
        assert_eq!(one.hint, "use rank 1");
        let two = say(2);
        assert!(two.message.contains("has only 2 ranks,"), "{}", two.message);
        assert_eq!(two.hint, "use a rank from 1 to 2");
    }

    #[test]
    fn unknown_index_is_worded_not_a_panic() {
        let w = describe_conflict(
            &roster_with_override(),
            &OverrideConflict {
                index: 7,
                kind: ConflictKind::Repeated { first: 0 },
            },
        );
        assert_eq!(w.message, "override #8 cannot apply");
    }
}
