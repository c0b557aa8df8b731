//! Reading `[[overrides]]`: a member given a rank for one week.

use toml::de::DeValue;

use super::lexical::closest;
use super::limits::{MAX_OVERRIDES, MAX_REASON_CHARS};
use super::model::{Member, Override, Team};
use super::parse::{type_name, Cx, Fields, Span};

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
            let rank = match f.values.get("role") {
                None => {
                    self.missing(&f, "role", "\"primary\" (a role name or a rank number)");
                    None
                }
                Some(v) => {
                    let rank = match v.get_ref() {
                        DeValue::String(s) => {
                            team.rank_named(s, members.len(), members.len().max(1))
                        }
                        DeValue::Integer(n) => n
                            .as_str()
                            .parse::<usize>()
                            .ok()
                            .filter(|&n| (1..=members.len().max(1)).contains(&n)),
                        _ => None,
                    };
                    if rank.is_none() {
                        let (value, suggestion) = match v.get_ref() {
                            DeValue::String(s) => {
                                let roles: Vec<&str> = team
                                    .roles
                                    .iter()
                                    .take(members.len().max(1))
                                    .map(String::as_str)
                                    .collect();
                                (
                                    format!(" \"{s}\""),
                                    closest(s.trim(), &roles)
                                        .map(|r| format!("did you mean \"{r}\"? "))
                                        .unwrap_or_default(),
                                )
                            }
                            DeValue::Integer(n) => (format!(" {}", n.as_str()), String::new()),
                            other => (format!(" ({})", type_name(other)), String::new()),
                        };
                        self.error(
                            v.span(),
                            format!("override #{} names an unknown role{value}", i + 1),
                            format!("{suggestion}use {}", team.role_choices(members.len())),
                        );
                    }
                    rank
                }
            };
            let member = match self.required_string(&f, "member", "\"ada\"") {
                Some((id, mspan)) => match members.iter().position(|m| m.id == id) {
                    Some(m) => Some(m),
                    None => {
                        let ids: Vec<&str> = members.iter().map(|m| m.id.as_str()).collect();
                        let suggestion = closest(&id, &ids)
                            .map(|s| format!("did you mean \"{s}\"? "))
                            .unwrap_or_default();
                        self.error(
                            mspan,
                            format!("override #{} names unknown member \"{id}\"", i + 1),
                            format!("{suggestion}use the id of a [[members]] entry"),
                        );
                        None
                    }
                },
                None => None,
            };
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
