//! Reading `[[members]]` and each member's `away` ranges.

use std::collections::HashMap;

use toml::de::DeValue;

use super::lexical::{is_email, is_member_id};
use super::limits::{
    MAX_AWAY, MAX_EMAIL_CHARS, MAX_ID_CHARS, MAX_MEMBERS, MAX_NAME_CHARS, MAX_REASON_CHARS,
};
use super::model::{Away, Member};
use super::parse::{Cx, Fields};

const MEMBER_KEYS: &[&str] = &[
    "id",
    "name",
    "email",
    "slack",
    "pagerduty",
    "joined",
    "left",
    "away",
];
const AWAY_KEYS: &[&str] = &["from", "to", "reason"];

impl Cx<'_> {
    pub(super) fn members(&mut self, top: &Fields<'_, '_>) -> Option<Vec<Member>> {
        let Some(items) = self.array(top, "members") else {
            if !top.values.contains_key("members") {
                self.error(
                    0..0,
                    "the roster has no members",
                    "add at least one [[members]] section with id, name and email",
                );
            }
            return None;
        };
        if items.is_empty() {
            self.error(
                top.values.get("members").map_or(0..0, |v| v.span()),
                "the roster has no members",
                "add at least one [[members]] section with id, name and email",
            );
            return None;
        }
        if !self.few_enough(top, "members", items.len(), MAX_MEMBERS, "members") {
            return None;
        }
        let before = self.diags.len();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut members = Vec::new();
        for (i, entry) in self.tables_in(items, "members").into_iter().enumerate() {
            let Some((t, span)) = entry else { continue };
            let where_ = match t.get("id").map(|v| v.get_ref()) {
                Some(DeValue::String(id)) => format!("member \"{id}\""),
                _ => format!("member #{}", i + 1),
            };
            let f = self.fields(t, span, &where_, MEMBER_KEYS);
            let id = self
                .required_string(&f, "id", "\"ada\"")
                .filter(|v| self.fits(v, "the member id", MAX_ID_CHARS));
            if let Some((id, span)) = &id {
                if !is_member_id(id) {
                    self.error(
                        span.clone(),
                        format!("member id \"{id}\" is not of the form [a-z0-9._-]+"),
                        "use lower-case letters, digits, '.', '_' or '-', for example \"ada\"",
                    );
                } else if let Some(first) = ids.get(id) {
                    self.error(
                        span.clone(),
                        format!("member id \"{id}\" is used twice (first by member #{first})"),
                        "give every member a unique id",
                    );
                } else {
                    ids.insert(id.clone(), i + 1);
                }
            }
            let name = self
                .required_string(&f, "name", "\"Ada Example\"")
                .filter(|v| self.fits(v, &format!("the name of {}", f.where_), MAX_NAME_CHARS));
            let email = self
                .required_string(&f, "email", "\"ada@example.com\"")
                .filter(|v| self.fits(v, &format!("the email of {}", f.where_), MAX_EMAIL_CHARS));
            if let Some((email, span)) = &email {
                if !is_email(email) {
                    self.error(
                        span.clone(),
                        format!("email \"{email}\" of {} is not an email address", f.where_),
                        "write the full address, for example \"ada@example.com\"",
                    );
                }
            }
            let slack = self
                .string(&f, "slack")
                .filter(|v| self.fits(v, &format!("the slack id of {}", f.where_), MAX_NAME_CHARS))
                .map(|s| s.0);
            let pagerduty = self
                .string(&f, "pagerduty")
                .filter(|v| {
                    self.fits(
                        v,
                        &format!("the pagerduty id of {}", f.where_),
                        MAX_NAME_CHARS,
                    )
                })
                .map(|s| s.0);
            let joined = self.date(&f, "joined");
            let left = self.date(&f, "left");
            if let (Some((j, _)), Some((l, lspan))) = (&joined, &left) {
                if l <= j {
                    self.error(
                        lspan.clone(),
                        format!("{} has left = {l}, which is not after joined = {j}", f.where_),
                        "left is the first date they are no longer on the rotation: it must come after joined",
                    );
                }
            }
            let away = self.away(&f);
            if let (Some((id, _)), Some((name, _)), Some((email, _)), Some(away)) =
                (id, name, email, away)
            {
                members.push(Member {
                    id,
                    name,
                    email,
                    slack,
                    pagerduty,
                    joined: joined.map(|d| d.0),
                    left: left.map(|d| d.0),
                    away,
                });
            }
        }
        (self.diags.len() == before).then_some(members)
    }

    fn away(&mut self, member: &Fields<'_, '_>) -> Option<Vec<Away>> {
        let Some(items) = self.array(member, "away") else {
            return (!member.values.contains_key("away")).then(Vec::new);
        };
        if !self.few_enough(member, "away", items.len(), MAX_AWAY, "away ranges") {
            return None;
        }
        let before = self.diags.len();
        let mut ranges = Vec::new();
        for (t, span) in self.tables_in(items, "away").into_iter().flatten() {
            let f = self.fields(
                t,
                span,
                &format!("an away range of {}", member.where_),
                AWAY_KEYS,
            );
            let from = if f.values.contains_key("from") {
                self.date(&f, "from")
            } else {
                self.missing(&f, "from", "2026-02-12");
                None
            };
            let to = if f.values.contains_key("to") {
                self.date(&f, "to")
            } else {
                self.missing(&f, "to", "2026-02-20");
                None
            };
            let reason = self
                .string(&f, "reason")
                .filter(|v| self.fits(v, "the reason", MAX_REASON_CHARS))
                .map(|s| s.0);
            if let (Some((from, _)), Some((to, span))) = (from, to) {
                if to < from {
                    self.error(
                        span,
                        format!(
                            "away range of {} ends ({to}) before it starts ({from})",
                            member.where_
                        ),
                        "swap from and to: both dates are inclusive",
                    );
                } else {
                    ranges.push(Away { from, to, reason });
                }
            }
        }
        (self.diags.len() == before).then_some(ranges)
    }
}
