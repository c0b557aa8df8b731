//! Reading `[[overrides]]`: a member given a rank for one week.

use super::limits::{MAX_OVERRIDES, MAX_REASON_CHARS};
use super::model::{Member, Override, Team};
use super::parse::{Cx, Fields, Span};

const OVERRIDE_KEYS: &[&str] = &["week", "role", "member", "reason"];

impl Cx<'_> {
    /// What can be checked of `[[overrides]]` alone: keys, and `week` as a date.
    pub(super) fn override_shapes(&mut self, top: &Fields<'_, '_>) {
        let Some(items) = self.array(top, "overrides") else {
            return;
        };
        for (i, entry) in self.tables_in(items, "overrides").into_iter().enumerate() {
            let Some((t, span)) = entry else { continue };
            let f = self.fields(t, span, &format!("override #{}", i + 1), OVERRIDE_KEYS);
            self.date(&f, "week");
            self.string(&f, "member");
            self.string(&f, "reason");
        }
    }

    pub(super) fn overrides(
        &mut self,
        top: &Fields<'_, '_>,
        team: &Team,
        members: &[Member],
    ) -> (Vec<Override>, Vec<Span>) {
        let mut overrides = Vec::new();
        let mut spans = Vec::new();
        let Some(items) = self.array(top, "overrides") else {
            return (overrides, spans);
        };
        if !self.few_enough(top, "overrides", items.len(), MAX_OVERRIDES, "overrides") {
            return (overrides, spans);
        }
        for (i, entry) in self.tables_in(items, "overrides").into_iter().enumerate() {
            let Some((t, span)) = entry else { continue };
            let f = self.fields(
                t,
                span.clone(),
                &format!("override #{}", i + 1),
                OVERRIDE_KEYS,
            );
            let week = if f.values.contains_key("week") {
                self.date(&f, "week")
            } else {
                self.missing(&f, "week", "2026-03-03 (any date of that week)");
                None
            };
            if let Some((week, wspan)) = &week {
                if *week < team.start {
                    self.error(
                        wspan.clone(),
                        format!(
                            "override #{} is for {week}, before the rotation starts on {}",
                            i + 1,
                            team.start
                        ),
                        "overrides can only change weeks from [team] start on",
                    );
                }
            }
            let rank = self.role_field(&f, team, members);
            let member = self.member_field(&f, members);
            let reason = self
                .string(&f, "reason")
                .filter(|v| self.fits(v, "the reason", MAX_REASON_CHARS))
                .map(|s| s.0)
                .unwrap_or_default();
            if let (Some((week, _)), Some(rank), Some(member)) = (week, rank, member) {
                overrides.push(Override {
                    week,
                    rank,
                    member,
                    reason,
                });
                spans.push(span);
            }
        }
        (overrides, spans)
    }
}
