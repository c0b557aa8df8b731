//! Handoffs: the moment one week's holders hand over to the next week's.
//! Week `k`'s start is the handoff into week `k`; week 0's start is the
//! rotation's first handoff, which has nobody handing over.

use chrono::{DateTime, TimeZone};

use super::{Rotation, Week, WeekIx, MAX_WEEKS};

impl Rotation<'_> {
    /// The handoff into week `k`: the outgoing week `k - 1` (`None` for
    /// week 0, the first handoff) and the incoming week `k`, overrides
    /// applied. `None` past the weeks dw computes.
    pub fn handoff(&self, k: WeekIx) -> Option<(Option<Week>, Week)> {
        if k.get() >= MAX_WEEKS {
            return None;
        }
        let mut weeks = self.weeks(k.prev().unwrap_or(k)..k.next());
        let incoming = weeks.pop()?;
        let outgoing = match k.prev() {
            Some(_) => weeks.pop(),
            None => None,
        };
        Some((outgoing, incoming))
    }

    /// The week whose start is the next handoff after `instant`: the week
    /// after the one holding it, or week 0 before the rotation starts
    /// (its start is then the first handoff ahead).
    pub fn next_handoff<Z: TimeZone>(&self, instant: &DateTime<Z>) -> WeekIx {
        self.week_at(instant).map_or(WeekIx::FIRST, WeekIx::next)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use crate::rotation::{Rotation, WeekIx};
    use crate::validate::parse;

    const TEAM: &str = "[team]\nname = \"T\"\ntimezone = \"UTC\"\nstart = 2026-01-06\n\
        [[members]]\nid = \"ana\"\nname = \"Ana\"\nemail = \"ana@example.com\"\n\
        [[members]]\nid = \"bo\"\nname = \"Bo\"\nemail = \"bo@example.com\"\n";

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("an instant")
    }

    #[test]
    fn the_first_handoff_is_week_0s_start_and_has_no_outgoing_week() {
        let roster = parse(TEAM, "t.toml").expect("roster");
        let rot = Rotation::new(&roster);
        // Before the start, the next handoff is week 0's start.
        assert_eq!(rot.next_handoff(&at("2026-01-05T12:00:00Z")), WeekIx(0));
        // From the start on, the end of the week holding the instant.
        assert_eq!(rot.next_handoff(&at("2026-01-06T10:00:00Z")), WeekIx(1));
        assert_eq!(rot.next_handoff(&at("2026-01-13T09:59:59Z")), WeekIx(1));
        assert_eq!(rot.next_handoff(&at("2026-01-13T10:00:00Z")), WeekIx(2));

        let (outgoing, incoming) = rot.handoff(WeekIx(0)).expect("week 0");
        assert!(outgoing.is_none());
        assert_eq!(incoming, rot.week(WeekIx(0)));
        let (outgoing, incoming) = rot.handoff(WeekIx(3)).expect("week 3");
        assert_eq!(outgoing, Some(rot.week(WeekIx(2))));
        assert_eq!(incoming, rot.week(WeekIx(3)));
        assert!(rot.handoff(WeekIx::END).is_none());
    }
}
