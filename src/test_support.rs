//! Builders shared by the unit tests of the pure core.

use crate::roster::{MemberIx, Rank, Roster};
use crate::rotation::{AwaySlot, Slot, Week};
use crate::validate::parse;

/// Rank `n` (1-based), for tests.
pub fn rank(n: usize) -> Rank {
    Rank::new(n).expect("ranks start at 1")
}

/// A week with members (by index) holding ranks in order, and members away.
pub fn week(index: usize, ranks: &[usize], away: &[usize]) -> Week {
    Week {
        index: crate::rotation::WeekIx(index),
        ranks: ranks
            .iter()
            .map(|&member| Slot {
                member: MemberIx(member),
                override_reason: None,
            })
            .collect(),
        away: away
            .iter()
            .map(|&member| AwaySlot {
                member: MemberIx(member),
                reason: None,
            })
            .collect(),
    }
}

/// A roster handing off on Tuesdays at 10:00 in `tz` from `start`, with members
/// given as (id, extra TOML lines such as `away = [...]`), then `more` TOML.
pub fn roster(tz: &str, start: &str, members: &[(&str, &str)], more: &str) -> Roster {
    let mut text = format!(
        "[team]\nname = \"T\"\ntimezone = \"{tz}\"\nhandoff_day = \"tuesday\"\n\
         handoff_time = \"10:00\"\nstart = {start}\n"
    );
    for (id, extra) in members {
        text.push_str(&format!(
            "\n[[members]]\nid = \"{id}\"\nname = \"{id}\"\nemail = \"{id}@example.com\"\n{extra}\n"
        ));
    }
    text.push_str(more);
    parse(&text, "test.toml").unwrap_or_else(|e| panic!("roster does not parse:\n{e}\n---\n{text}"))
}
