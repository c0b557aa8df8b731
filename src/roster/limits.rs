//! The roster's documented limits, and the checks that report a value or
//! an array past them.

use super::parse::{Cx, Fields, Span};

/// The roster's documented limits: far beyond any team, small enough that
/// every command stays fast on whatever a file holds.
pub const MAX_MEMBERS: usize = 1_000;
/// Overrides in the whole roster.
pub const MAX_OVERRIDES: usize = 10_000;
/// Covers in the whole roster.
pub const MAX_COVERS: usize = 10_000;
/// Away ranges of one member.
pub const MAX_AWAY: usize = 1_000;
/// Characters of a member id.
pub const MAX_ID_CHARS: usize = 64;
/// Characters of a name (member or team), a role, a Slack or PagerDuty id.
pub const MAX_NAME_CHARS: usize = 200;
/// Characters of an email address (RFC 5321's limit).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Characters of a reason (away ranges, overrides, covers).
pub const MAX_REASON_CHARS: usize = 500;
/// Characters of one text of the handbook sections (a duty, the handoff
/// routine, an analysis question, an exempt service).
pub const MAX_TEXT_CHARS: usize = 500;
/// Entries of one list of the handbook sections (a role's duties, …).
pub const MAX_TEXT_ITEMS: usize = 50;

impl Cx<'_> {
    /// An error if `value` is longer than `max` characters; true when it fits.
    pub(super) fn fits(&mut self, value: &(String, Span), what: &str, max: usize) -> bool {
        let (text, span) = value;
        let n = text.chars().count();
        if n <= max {
            return true;
        }
        self.error(
            span.clone(),
            format!("{what} is {n} characters long, more than the {max} dw accepts"),
            format!("shorten it to at most {max} characters"),
        );
        false
    }

    /// An error if the array at `key` has more than `max` entries; true when it fits.
    pub(super) fn few_enough(
        &mut self,
        f: &Fields<'_, '_>,
        key: &str,
        n: usize,
        max: usize,
        what: &str,
    ) -> bool {
        if n <= max {
            return true;
        }
        self.error(
            f.values.get(key).map_or(0..0, |v| v.span()),
            format!(
                "{} has {n} {what}, more than the {max} dw accepts",
                f.where_
            ),
            format!("keep at most {max} {what}; remove old ones"),
        );
        false
    }
}
