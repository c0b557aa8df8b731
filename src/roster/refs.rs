//! Fields that refer to other parts of the roster, shared by every section
//! that names them (`[[overrides]]`, `[[covers]]`): a role and a member.
//! A value that names nothing gets the value in the message and, for a
//! typo, a suggestion.

use toml::de::DeValue;

use super::lexical::did_you_mean;
use super::model::{Member, MemberIx, Rank, Team};
use super::parse::{type_name, Cx, Fields};

impl Cx<'_> {
    /// The rank the required `role` field names: a role name, an
    /// ordinal or a number, at most the member count (no week has more ranks).
    pub(super) fn role_field(
        &mut self,
        f: &Fields<'_, '_>,
        team: &Team,
        members: &[Member],
    ) -> Option<Rank> {
        let Some(v) = f.values.get("role") else {
            self.missing(f, "role", "\"primary\" (a role name or a rank number)");
            return None;
        };
        let max = members.len().max(1);
        let rank = match v.get_ref() {
            DeValue::String(s) => team.rank_named(s, members.len(), max),
            DeValue::Integer(n) => n
                .as_str()
                .parse::<usize>()
                .ok()
                .filter(|&n| n <= max)
                .and_then(Rank::new),
            _ => None,
        };
        if rank.is_none() {
            let (value, suggestion) = match v.get_ref() {
                DeValue::String(s) => {
                    let roles: Vec<&str> =
                        team.roles.iter().take(max).map(String::as_str).collect();
                    (format!(" \"{s}\""), did_you_mean(s.trim(), &roles))
                }
                DeValue::Integer(n) => (format!(" {}", n.as_str()), String::new()),
                other => (format!(" ({})", type_name(other)), String::new()),
            };
            self.error(
                v.span(),
                format!("{} names an unknown role{value}", f.where_),
                format!("{suggestion}use {}", team.role_choices(max)),
            );
        }
        rank
    }

    /// The index of the member the required `member` field names (an id).
    pub(super) fn member_field(
        &mut self,
        f: &Fields<'_, '_>,
        members: &[Member],
    ) -> Option<MemberIx> {
        let (id, span) = self.required_string(f, "member", "\"ada\"")?;
        if let Some(m) = members.iter().position(|m| m.id == id).map(MemberIx) {
            return Some(m);
        }
        let ids: Vec<&str> = members.iter().map(|m| m.id.as_str()).collect();
        let suggestion = did_you_mean(&id, &ids);
        self.error(
            span,
            format!("{} names unknown member \"{id}\"", f.where_),
            format!("{suggestion}use the id of a [[members]] entry"),
        );
        None
    }
}
