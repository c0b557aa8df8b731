//! Why each member holds their rank in a week: the queue replayed with its
//! reasons. Pure, like `rotation`.

use crate::roster::{MemberIx, Rank};
use chrono::{DateTime, SecondsFormat};
use serde::Serialize;

use crate::rotation::{Rotation, WeekIx};

/// Why one member stands where they stand in a week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Why {
    /// Their `joined` date is after this week's first date.
    NotJoinedYet { joined: String, first_week: i64 },
    /// Their `left` date is on or before this week's last date.
    Left { left: String },
    /// Away for (part of) the week: no rank, queue place kept.
    Away {
        from: String,
        to: String,
        reason: Option<String>,
        queue_position: usize,
    },
    /// Holds a rank.
    Holds {
        /// Not serialized: `dw explain --json` prints it once, beside the role.
        #[serde(skip)]
        rank: Rank,
        /// The rank the queue gave before overrides.
        queue_rank: Rank,
        /// 1-based place in the queue at the start of the week.
        queue_position: usize,
        joined_this_week: bool,
        /// Primary again after being skipped while away since this week.
        make_up_since: Option<WeekIx>,
        /// Away members ahead in the queue, skipped this week (for the primary).
        skipped: Vec<MemberIx>,
        /// The reason of the override that placed them, if one did.
        override_reason: Option<String>,
    },
}

/// A cover in the week that concerns a member: one they give, or one of
/// the rank they hold. Covers change neither the queue nor the ranks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverWhy {
    pub rank: Rank,
    /// The covering member's id.
    pub by: String,
    /// The id of the member holding the rank that week.
    pub holder: String,
    /// RFC 3339, clipped to the week.
    pub from: String,
    pub to: String,
    pub reason: String,
}

/// One member's explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberWhy {
    pub member: MemberIx,
    pub why: Why,
    /// The covers of the week this member gives or receives.
    pub covers: Vec<CoverWhy>,
}

/// Replay the queue to week `k` and explain every member's place in it.
pub fn explain(rot: &Rotation<'_>, k: WeekIx) -> Vec<MemberWhy> {
    let roster = rot.roster();
    let n = roster.members.len();
    let mut weeks = rot.iter();
    let mut owed: Vec<Option<WeekIx>> = vec![None; n];
    for j in WeekIx::range_inclusive(WeekIx::FIRST, k) {
        let (queue, base) = weeks.next_base_with_queue();
        let primary = base.ranks.first().map(|s| s.member);
        let ahead: Vec<MemberIx> = match primary {
            Some(p) => queue.iter().copied().take_while(|&m| m != p).collect(),
            None => Vec::new(),
        };
        if j < k {
            for &m in &ahead {
                owed[m].get_or_insert(j);
            }
            if let Some(p) = primary {
                owed[p] = None;
            }
            continue;
        }
        let mut week = base.clone();
        rot.apply_overrides_to(&mut week);
        let covers = rot.covers_in(k);
        return (0..n)
            .map(MemberIx)
            .map(|m| {
                let member = &roster.members[m];
                let why = if !rot.member_takes_part(m, k) {
                    if rot.first_week(m) > k.signed() {
                        Why::NotJoinedYet {
                            joined: member.joined.map(|d| d.to_string()).unwrap_or_default(),
                            first_week: rot.first_week(m),
                        }
                    } else {
                        Why::Left {
                            left: member.left.map(|d| d.to_string()).unwrap_or_default(),
                        }
                    }
                } else if let Some(a) = rot.away_entry(m, k) {
                    let away = &member.away[a];
                    Why::Away {
                        from: away.from.to_string(),
                        to: away.to.to_string(),
                        reason: away.reason.clone(),
                        queue_position: queue.iter().position(|&q| q == m).map_or(0, |p| p + 1),
                    }
                } else {
                    // Taking part and not away: the member holds a rank
                    // in the week, before overrides and after.
                    let queue_rank = base.rank_of(m).unwrap_or(Rank::PRIMARY);
                    let rank = week.rank_of(m).unwrap_or(Rank::PRIMARY);
                    let is_primary = queue_rank == Rank::PRIMARY;
                    Why::Holds {
                        rank,
                        queue_rank,
                        queue_position: queue.iter().position(|&q| q == m).map_or(0, |p| p + 1),
                        // Week 0's members are the starting queue, in file order:
                        // none of them joined "at the back".
                        joined_this_week: k > WeekIx::FIRST && rot.first_week(m) == k.signed(),
                        make_up_since: if is_primary { owed[m] } else { None },
                        skipped: if is_primary {
                            ahead.clone()
                        } else {
                            Vec::new()
                        },
                        override_reason: week.slot(rank).and_then(|s| s.override_reason.clone()),
                    }
                };
                let id = |x: MemberIx| roster.members[x].id.clone();
                let covers = covers
                    .iter()
                    .filter_map(|c| {
                        let holder = week.slot(c.rank)?.member;
                        (c.member == m || holder == m).then(|| CoverWhy {
                            rank: c.rank,
                            by: id(c.member),
                            holder: id(holder),
                            from: c.from.to_rfc3339_opts(SecondsFormat::Secs, false),
                            to: c.to.to_rfc3339_opts(SecondsFormat::Secs, false),
                            reason: c.reason.to_string(),
                        })
                    })
                    .collect();
                MemberWhy {
                    member: m,
                    why,
                    covers,
                }
            })
            .collect();
    }
    Vec::new()
}

/// `Thu 2026-01-22 18:00` from an RFC 3339 time (as written by `explain`).
fn local_time(rfc3339: &str) -> String {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.format("%a %Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| rfc3339.to_string())
}

/// One line of plain English for a member's explanation, with the covers
/// they give or receive that week.
pub fn sentence(rot: &Rotation<'_>, w: &MemberWhy) -> String {
    let roster = rot.roster();
    let mut out = place_sentence(rot, w);
    for c in &w.covers {
        let reason = if c.reason.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.reason)
        };
        let role = roster.role_name(c.rank);
        let when = format!("{} to {}", local_time(&c.from), local_time(&c.to));
        let roster_id = &roster.members[w.member].id;
        if &c.by == roster_id {
            out.push_str(&format!(
                "; covers the {role} for {} from {when}{reason}, keeping their own rank",
                c.holder
            ));
        } else {
            out.push_str(&format!(
                "; covered by {} from {when}{reason}, and {role} the rest of the week",
                c.by
            ));
        }
    }
    out
}

fn place_sentence(rot: &Rotation<'_>, w: &MemberWhy) -> String {
    let roster = rot.roster();
    let ids = |ms: &[MemberIx]| {
        ms.iter()
            .map(|&m| roster.members[m].id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &w.why {
        Why::NotJoinedYet { joined, first_week } => {
            let (start, _) = rot.bounds(WeekIx((*first_week).max(0) as usize));
            format!(
                "not on the rotation yet: joined = {joined}; the first week whose dates all fall on or after it is week {first_week} ({})",
                start.format("%a %Y-%m-%d")
            )
        }
        Why::Left { left } => format!("no longer on the rotation: left = {left}"),
        Why::Away {
            from,
            to,
            reason,
            queue_position,
        } => {
            let reason = reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            format!(
                "away {from} to {to}{reason}: holds no rank and keeps place {queue_position} in the queue, so takes the first turn they are back for"
            )
        }
        Why::Holds {
            rank,
            queue_rank,
            queue_position,
            joined_this_week,
            make_up_since,
            skipped,
            override_reason,
        } => {
            let mut parts = Vec::new();
            if *queue_rank == Rank::PRIMARY {
                let first = rot.role_name(Rank::PRIMARY);
                parts.push(if skipped.is_empty() {
                    format!("first in the queue, so {first}; then moves to the back")
                } else {
                    format!(
                        "first in the queue who is not away ({} ahead {} away and {}), so {first}; then moves to the back",
                        ids(skipped),
                        if skipped.len() == 1 { "is" } else { "are" },
                        if skipped.len() == 1 {
                            "keeps their place"
                        } else {
                            "keep their places"
                        }
                    )
                });
            } else {
                // Ranks 2.. follow the queue past rank 1, skipping the away:
                // whoever is ahead and not counted is away.
                let away_ahead = queue_position.saturating_sub(queue_rank.get());
                let skipped = match away_ahead {
                    0 => String::new(),
                    1 => "; 1 member ahead is away".to_string(),
                    n => format!("; {n} members ahead are away"),
                };
                parts.push(format!(
                    "place {queue_position} in the queue{skipped}, so rank {queue_rank} ({})",
                    roster.role_name(*queue_rank)
                ));
            }
            if let Some(since) = make_up_since {
                parts.push(format!(
                    "make-up turn: skipped while away since week {since}"
                ));
            }
            if *joined_this_week {
                parts.push("joined this week, at the back of the queue".into());
            }
            if rank != queue_rank {
                match override_reason {
                    Some(reason) => {
                        let reason = if reason.is_empty() {
                            String::new()
                        } else {
                            format!(" \"{reason}\"")
                        };
                        parts.push(format!(
                            "override{reason}: moved from {} to {}",
                            roster.role_name(*queue_rank),
                            roster.role_name(*rank)
                        ));
                    }
                    None => parts.push(format!(
                        "swapped from {} to {} by an override",
                        roster.role_name(*queue_rank),
                        roster.role_name(*rank)
                    )),
                }
            }
            parts.join("; ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::Rank;
    use crate::validate::parse;

    const ROSTER: &str = r#"
[team]
name = "T"
timezone = "UTC"
start = 2026-01-06

[[members]]
id = "a"
name = "A"
email = "a@x"
away = [{ from = 2026-01-20, to = 2026-01-26, reason = "PTO" }]

[[members]]
id = "b"
name = "B"
email = "b@x"

[[members]]
id = "c"
name = "C"
email = "c@x"
joined = 2026-01-20

[[overrides]]
week = 2026-02-03
role = "primary"
member = "b"
reason = "trade"
"#;

    fn whys(k: usize) -> Vec<Why> {
        let roster = parse(ROSTER, "t").unwrap();
        let rot = Rotation::new(&roster);
        explain(&rot, WeekIx(k))
            .into_iter()
            .map(|w| w.why)
            .collect()
    }

    #[test]
    fn away_member_keeps_place_and_gets_a_make_up_turn() {
        // Week 0: a primary. Week 1: b primary, queue [a, b].
        assert!(matches!(
            whys(1)[2],
            Why::NotJoinedYet { first_week: 2, .. }
        ));
        // Week 2: a is first but away: skipped, keeps place 1; c joins at the back.
        let w2 = whys(2);
        assert!(
            matches!(
                w2[0],
                Why::Away {
                    queue_position: 1,
                    ..
                }
            ),
            "{w2:?}"
        );
        assert!(
            matches!(&w2[1], Why::Holds { rank: Rank::PRIMARY, skipped, .. } if skipped == &[MemberIx(0)]),
            "{w2:?}"
        );
        assert!(
            matches!(
                &w2[2],
                Why::Holds {
                    joined_this_week: true,
                    ..
                }
            ),
            "{w2:?}"
        );
        // Week 3: a is back and primary: a make-up turn for week 2.
        let w3 = whys(3);
        assert!(
            matches!(
                &w3[0],
                Why::Holds {
                    rank: Rank::PRIMARY,
                    make_up_since: Some(WeekIx(2)),
                    ..
                }
            ),
            "{w3:?}"
        );
    }

    #[test]
    fn override_is_explained_with_its_reason() {
        let roster = parse(ROSTER, "t").unwrap();
        let rot = Rotation::new(&roster);
        let w4 = explain(&rot, WeekIx(4));
        let c = w4.iter().find(|w| w.member == MemberIx(1)).unwrap();
        assert!(
            sentence(&rot, c).contains("override \"trade\""),
            "{}",
            sentence(&rot, c)
        );
        let swapped = w4
            .iter()
            .find(|w| matches!(w.why, Why::Holds { override_reason: None, rank, queue_rank, .. } if rank != queue_rank))
            .unwrap();
        assert!(
            sentence(&rot, swapped).contains("swapped from primary"),
            "{}",
            sentence(&rot, swapped)
        );
    }

    #[test]
    fn first_in_the_queue_is_named_with_the_rosters_role() {
        let roster = parse(
            &ROSTER
                .replace(
                    "start = 2026-01-06",
                    "start = 2026-01-06\nroles = [\"pager\", \"backup\"]",
                )
                .replace("role = \"primary\"", "role = \"pager\""),
            "t",
        )
        .unwrap();
        let rot = Rotation::new(&roster);
        let text: Vec<String> = (0..3)
            .flat_map(|k| {
                let rot = &rot;
                explain(rot, WeekIx(k))
                    .into_iter()
                    .map(move |w| sentence(rot, &w))
            })
            .collect();
        let text = text.join("\n");
        assert!(text.contains("first in the queue, so pager;"), "{text}");
        assert!(
            text.contains("first in the queue who is not away (a ahead is away and keeps their place), so pager;"),
            "{text}"
        );
        assert!(!text.contains("primary"), "{text}");
    }
}
