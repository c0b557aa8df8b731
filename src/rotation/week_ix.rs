//! Which week: week 0 is the week of `[team] start`. An index, not a count:
//! a number of weeks stays a `usize`.

/// Which week of the rotation (0-based; week 0 begins at `[team] start`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct WeekIx(pub usize);

impl WeekIx {
    /// Week 0, the week of `[team] start`.
    pub const FIRST: WeekIx = WeekIx(0);

    /// The first week past the weeks dw computes ([`super::MAX_WEEKS`]).
    pub const END: WeekIx = WeekIx(super::MAX_WEEKS);

    /// The 0-based number.
    pub const fn get(self) -> usize {
        self.0
    }

    /// The week after this one.
    pub const fn next(self) -> WeekIx {
        WeekIx(self.0.saturating_add(1))
    }

    /// The week before this one; `None` for week 0.
    pub const fn prev(self) -> Option<WeekIx> {
        match self.0.checked_sub(1) {
            Some(k) => Some(WeekIx(k)),
            None => None,
        }
    }

    /// The week `n` weeks after this one.
    pub const fn plus(self, n: usize) -> WeekIx {
        WeekIx(self.0.saturating_add(n))
    }

    /// How many weeks `earlier` is before this one (0 when it is not).
    pub const fn weeks_since(self, earlier: WeekIx) -> usize {
        self.0.saturating_sub(earlier.0)
    }

    /// The weeks `from .. to`, in order.
    pub fn range(
        from: WeekIx,
        to: WeekIx,
    ) -> impl DoubleEndedIterator<Item = WeekIx> + ExactSizeIterator + Clone {
        (from.0..to.0).map(WeekIx)
    }

    /// The weeks `from ..= to`, in order.
    pub fn range_inclusive(
        from: WeekIx,
        to: WeekIx,
    ) -> impl DoubleEndedIterator<Item = WeekIx> + Clone {
        (from.0..=to.0).map(WeekIx)
    }

    /// The week as a signed number, for arithmetic that may go before week 0.
    pub(crate) fn signed(self) -> i64 {
        i64::try_from(self.0).unwrap_or(i64::MAX)
    }
}

impl std::ops::Add<usize> for WeekIx {
    type Output = WeekIx;
    fn add(self, n: usize) -> WeekIx {
        self.plus(n)
    }
}

impl std::fmt::Display for WeekIx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::WeekIx;

    #[test]
    fn display_passes_width_and_padding_through() {
        assert_eq!(
            format!("{:>4}|{:<3}|{:03}", WeekIx(7), WeekIx(1), WeekIx(5)),
            "   7|1  |005"
        );
    }

    #[test]
    fn serialises_as_the_bare_number() {
        assert_eq!(
            serde_json::to_string(&WeekIx(42)).ok().as_deref(),
            Some("42")
        );
    }

    #[test]
    fn steps_and_ranges() {
        assert_eq!(WeekIx(3).next(), WeekIx(4));
        assert_eq!(WeekIx(3).prev(), Some(WeekIx(2)));
        assert_eq!(WeekIx(0).prev(), None);
        assert_eq!(WeekIx(3) + 2, WeekIx(5));
        assert_eq!(WeekIx(5).weeks_since(WeekIx(2)), 3);
        assert_eq!(WeekIx(2).weeks_since(WeekIx(5)), 0);
        let r: Vec<WeekIx> = WeekIx::range(WeekIx(1), WeekIx(4)).collect();
        assert_eq!(r, [WeekIx(1), WeekIx(2), WeekIx(3)]);
        assert_eq!(WeekIx::range_inclusive(WeekIx(1), WeekIx(1)).count(), 1);
    }
}
