//! Reading `[[covers]]`: a rank handed to a member for a span of local time
//! (`from` up to, not including, `to`). Week-scoped checks (away, taking
//! part, holding the rank, overlaps) are the engine's: see `rotation::covers`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use toml::de::DeValue;

use super::limits::{MAX_COVERS, MAX_REASON_CHARS};
use super::model::{Cover, Member, Team};
use super::parse::{Cx, Fields, Span};

pub(super) const COVER_KEYS: &[&str] = &["role", "member", "from", "to", "reason"];

/// The forms a cover's `from`/`to` may take as a string (a TOML local
/// date-time is the first one without quotes).
const STRING_FORMS: &[&str] = &["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"];

impl Cx<'_> {
    /// A local date-time: a TOML local date-time (`2026-01-22T18:00`) or a
    /// string of that form.
    fn local_datetime(&mut self, f: &Fields<'_, '_>, key: &str) -> Option<(NaiveDateTime, Span)> {
        let Some(v) = f.values.get(key) else {
            self.missing(
                f,
                key,
                "2026-01-22T18:00 (local time in the team's time zone)",
            );
            return None;
        };
        let span = v.span();
        let example = format!("write a local date and time: {key} = 2026-01-22T18:00");
        let parsed = match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), Some(t), None) => {
                    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                        .and_then(|date| {
                            NaiveTime::from_hms_opt(
                                u32::from(t.hour),
                                u32::from(t.minute),
                                u32::from(t.second.unwrap_or(0)),
                            )
                            .map(|time| date.and_time(time))
                        })
                }
                (_, _, Some(_)) => {
                    self.error(
                        span,
                        format!(
                            "`{key}` in {} has a UTC offset, but is read in the team's time zone",
                            f.where_
                        ),
                        format!("drop the offset and write the team's local time: {key} = 2026-01-22T18:00"),
                    );
                    return None;
                }
                _ => {
                    self.error(
                        span,
                        format!("`{key}` in {} needs a date and a time of day", f.where_),
                        example,
                    );
                    return None;
                }
            },
            DeValue::String(s) => STRING_FORMS
                .iter()
                .find_map(|form| NaiveDateTime::parse_from_str(s.trim(), form).ok()),
            _ => {
                self.wrong_type(f, key, v, "a local date and time");
                return None;
            }
        };
        match parsed {
            Some(t) => Some((t, span)),
            None => {
                self.error(
                    span,
                    format!(
                        "`{key}` in {} is not a local date and time as YYYY-MM-DDTHH:MM",
                        f.where_
                    ),
                    example,
                );
                None
            }
        }
    }

    /// What can be checked of `[[covers]]` alone: keys and times.
    pub(super) fn cover_shapes(&mut self, top: &Fields<'_, '_>) {
        let Some(items) = self.array(top, "covers") else {
            return;
        };
        for (i, entry) in self.tables_in(items, "covers").into_iter().enumerate() {
            let Some((t, span)) = entry else { continue };
            let f = self.fields(t, span, &format!("cover #{}", i + 1), COVER_KEYS);
            self.local_datetime(&f, "from");
            self.local_datetime(&f, "to");
            self.string(&f, "member");
            self.string(&f, "reason");
        }
    }

    /// `[[covers]]`, resolved; with the span of each cover kept (for the
    /// week-scoped problems the engine finds later).
    pub(super) fn covers(
        &mut self,
        top: &Fields<'_, '_>,
        team: &Team,
        members: &[Member],
    ) -> (Vec<Cover>, Vec<Span>) {
        let mut covers = Vec::new();
        let mut spans = Vec::new();
        let Some(items) = self.array(top, "covers") else {
            return (covers, spans);
        };
        if !self.few_enough(top, "covers", items.len(), MAX_COVERS, "covers") {
            return (covers, spans);
        }
        for (i, entry) in self.tables_in(items, "covers").into_iter().enumerate() {
            let Some((t, span)) = entry else { continue };
            let where_ = format!("cover #{}", i + 1);
            let f = self.fields(t, span.clone(), &where_, COVER_KEYS);
            let rank = self.role_field(&f, team, members);
            let member = self.member_field(&f, members);
            let from = self.local_datetime(&f, "from");
            let to = self.local_datetime(&f, "to");
            let mut ordered = true;
            if let (Some((from, _)), Some((to, tspan))) = (&from, &to) {
                if to <= from {
                    ordered = false;
                    self.error(
                        tspan.clone(),
                        format!("{where_} ends ({to}) before or when it starts ({from})"),
                        "`to` is the first minute the cover no longer applies: it must come after `from`",
                    );
                }
            }
            let reason = self
                .string(&f, "reason")
                .filter(|v| self.fits(v, "the reason", MAX_REASON_CHARS))
                .map(|s| s.0)
                .unwrap_or_default();
            if let (Some(rank), Some(member), Some((from, _)), Some((to, _)), true) =
                (rank, member, from, to, ordered)
            {
                covers.push(Cover {
                    rank,
                    member,
                    from,
                    to,
                    reason,
                });
                spans.push(span);
            }
        }
        (covers, spans)
    }
}
