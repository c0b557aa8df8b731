//! Reading each section of the roster (`[team]`, `[slack]`, `[pagerduty]`,
//! `[[members]]`, `[[overrides]]`) with the walker of `parse.rs`; `[[covers]]`
//! are read in `covers.rs`.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveTime, Weekday};
use chrono_tz::Tz;
use toml::de::{DeTable, DeValue};

use super::lexical::{
    closest, is_email, is_member_id, is_role_name, next_weekday, parse_hhmm, parse_weekday,
    weekday_name,
};
use super::model::{
    Away, Member, Override, PagerDutySettings, Roster, SlackSettings, Team, DEFAULT_ROLES,
};
use super::parse::{type_name, Cx, Fields, Span, Value};

const TOP_KEYS: &[&str] = &[
    "team",
    "slack",
    "pagerduty",
    "members",
    "overrides",
    "covers",
];
const TEAM_KEYS: &[&str] = &[
    "name",
    "timezone",
    "handoff_day",
    "handoff_time",
    "start",
    "roles",
];
const SLACK_KEYS: &[&str] = &["channel", "incident_channel", "group"];
const PAGERDUTY_KEYS: &[&str] = &["service", "escalation_policy", "schedules"];
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
const OVERRIDE_KEYS: &[&str] = &["week", "role", "member", "reason"];

/// The roster's documented limits: far beyond any team, small enough that
/// every command stays fast on whatever a file holds.
pub const MAX_MEMBERS: usize = 1_000;
/// Overrides in the whole roster.
pub const MAX_OVERRIDES: usize = 10_000;
/// Away ranges of one member.
pub const MAX_AWAY: usize = 1_000;
/// Characters of a member id.
pub const MAX_ID_CHARS: usize = 64;
/// Characters of a name (member or team), a role, a Slack or PagerDuty id.
pub const MAX_NAME_CHARS: usize = 200;
/// Characters of an email address (RFC 5321's limit).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Characters of a reason (away ranges, overrides).
pub const MAX_REASON_CHARS: usize = 500;

impl Cx<'_> {
    /// An error if `value` is longer than `max` characters; true when it fits.
    fn fits(&mut self, value: &(String, Span), what: &str, max: usize) -> bool {
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
    fn few_enough(
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

    pub(super) fn roster(&mut self, doc: &DeTable<'_>) -> Option<(Roster, Vec<Span>, Vec<Span>)> {
        let top = self.fields(doc, 0..0, "the roster", TOP_KEYS);
        let team = match self.table(&top, "team") {
            Some((t, span)) => self.team(t, span),
            None => {
                if !top.values.contains_key("team") {
                    self.error(
                        0..0,
                        "the roster has no [team] section",
                        "add [team] with at least name = \"…\" and start = YYYY-MM-DD (a handoff day)",
                    );
                }
                None
            }
        };
        let slack = self.slack(&top);
        let pagerduty = self.pagerduty(&top, team.as_ref());
        let members = self.members(&top);
        let (Some(team), Some(members)) = (team, members) else {
            // The overrides cannot be resolved without a team and members,
            // but their keys and dates can still be checked (README.md, "The roster": every
            // error is reported, unknown keys anywhere).
            self.override_shapes(&top);
            self.cover_shapes(&top);
            return None;
        };
        let (overrides, spans) = self.overrides(&top, &team, &members);
        let (covers, cover_spans) = self.covers(&top, &team, &members);
        Some((
            Roster {
                team,
                slack: slack?,
                pagerduty: pagerduty?,
                members,
                overrides,
                covers,
            },
            spans,
            cover_spans,
        ))
    }

    fn team(&mut self, t: &DeTable<'_>, span: Span) -> Option<Team> {
        let f = self.fields(t, span, "[team]", TEAM_KEYS);
        let name = self
            .required_string(&f, "name", "\"Dreamwork\"")
            .filter(|v| self.fits(v, "the team name", MAX_NAME_CHARS));
        let timezone = match self.string(&f, "timezone") {
            Some((s, span)) => match s.parse::<Tz>() {
                Ok(tz) => Some(tz),
                Err(_) => {
                    let hint = match s.to_ascii_lowercase().as_str() {
                        "cst" | "cdt" | "central" => "use an IANA name such as \"America/Chicago\"".to_string(),
                        _ => "use an IANA time zone name such as \"America/Chicago\", \"Europe/Berlin\" or \"UTC\"".to_string(),
                    };
                    self.error(span, format!("unknown time zone \"{s}\" in [team]"), hint);
                    None
                }
            },
            None => (!f.values.contains_key("timezone")).then_some(Tz::UTC),
        };
        let handoff_day = match self.string(&f, "handoff_day") {
            Some((s, span)) => match parse_weekday(&s) {
                Some(d) => Some(d),
                None => {
                    self.error(
                        span,
                        format!("\"{s}\" in [team] handoff_day is not a weekday"),
                        "write a weekday in English, for example \"tuesday\"",
                    );
                    None
                }
            },
            None => (!f.values.contains_key("handoff_day")).then_some(Weekday::Tue),
        };
        let handoff_time = match self.string(&f, "handoff_time") {
            Some((s, span)) => match parse_hhmm(&s) {
                Some(t) => Some(t),
                None => {
                    self.error(
                        span,
                        format!("\"{s}\" in [team] handoff_time is not a time of day as HH:MM"),
                        "write a 24-hour local time, for example \"10:00\"",
                    );
                    None
                }
            },
            None => (!f.values.contains_key("handoff_time"))
                .then(|| NaiveTime::from_hms_opt(10, 0, 0))
                .flatten(),
        };
        let start = if f.values.contains_key("start") {
            self.date(&f, "start")
        } else {
            self.missing(&f, "start", "2026-01-06 (a date on the handoff day)");
            None
        };
        if let (Some((start, span)), Some(day)) = (&start, handoff_day) {
            if start.weekday() != day {
                let next = next_weekday(*start, day);
                self.error(
                    span.clone(),
                    format!(
                        "start {start} is a {}, but handoff_day is {}",
                        weekday_name(start.weekday()),
                        weekday_name(day)
                    ),
                    format!(
                        "move start to a {}, for example start = {next}",
                        weekday_name(day)
                    ),
                );
            }
        }
        let roles = match f.values.get("roles") {
            None => Some(DEFAULT_ROLES.iter().map(|s| s.to_string()).collect()),
            Some(v) => self.roles(&f, v),
        };
        let (start_date, _) = start?;
        let handoff_day = handoff_day?;
        if start_date.weekday() != handoff_day {
            return None;
        }
        Some(Team {
            name: name?.0,
            timezone: timezone?,
            handoff_day,
            handoff_time: handoff_time?,
            start: start_date,
            roles: roles?,
        })
    }

    fn roles(&mut self, f: &Fields<'_, '_>, v: &Value<'_>) -> Option<Vec<String>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(f, "roles", v, "an array of role names");
            return None;
        };
        if items.is_empty() {
            self.error(
                v.span(),
                "roles in [team] is empty",
                "name at least one role, or remove the key for [\"primary\", \"secondary\", \"tertiary\"]",
            );
            return None;
        }
        let mut roles = Vec::new();
        let mut ok = true;
        let mut seen = HashSet::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) if is_role_name(s) => {
                    if !seen.insert(s.to_ascii_lowercase()) {
                        self.error(
                            item.span(),
                            format!("role \"{s}\" is named twice in [team] roles"),
                            "give every rank its own name",
                        );
                        ok = false;
                    }
                    roles.push(s.to_string());
                }
                DeValue::String(s) => {
                    self.error(
                        item.span(),
                        format!("\"{s}\" is not a usable role name"),
                        "use letters, digits, '-' or '_' and start with a letter, for example \"primary\"",
                    );
                    ok = false;
                }
                other => {
                    self.error(
                        item.span(),
                        format!(
                            "roles in [team] must hold strings, not {}",
                            type_name(other)
                        ),
                        "write roles = [\"primary\", \"secondary\", \"tertiary\"]",
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(roles)
    }

    fn slack(&mut self, top: &Fields<'_, '_>) -> Option<SlackSettings> {
        let Some((t, span)) = self.table(top, "slack") else {
            return (!top.values.contains_key("slack")).then(SlackSettings::default);
        };
        let f = self.fields(t, span, "[slack]", SLACK_KEYS);
        let before = self.diags.len();
        let s = SlackSettings {
            channel: self.string(&f, "channel").map(|s| s.0),
            incident_channel: self.string(&f, "incident_channel").map(|s| s.0),
            group: self.string(&f, "group").map(|s| s.0),
        };
        (self.diags.len() == before).then_some(s)
    }

    fn pagerduty(
        &mut self,
        top: &Fields<'_, '_>,
        team: Option<&Team>,
    ) -> Option<PagerDutySettings> {
        let Some((t, span)) = self.table(top, "pagerduty") else {
            return (!top.values.contains_key("pagerduty")).then(PagerDutySettings::default);
        };
        let f = self.fields(t, span, "[pagerduty]", PAGERDUTY_KEYS);
        let before = self.diags.len();
        let mut settings = PagerDutySettings {
            service: self.string(&f, "service").map(|s| s.0),
            escalation_policy: self.string(&f, "escalation_policy").map(|s| s.0),
            schedules: BTreeMap::new(),
        };
        if let Some((schedules, _)) = self.table(&f, "schedules") {
            for (role, id) in schedules.iter() {
                let role_name: &str = role.get_ref();
                if let Some(team) = team {
                    if !team.roles.iter().any(|r| r == role_name) {
                        let roles: Vec<&str> = team.roles.iter().map(String::as_str).collect();
                        let suggestion = closest(role_name, &roles)
                            .map(|s| format!("did you mean \"{s}\"? "))
                            .unwrap_or_default();
                        self.error(
                            role.span(),
                            format!(
                                "schedule for unknown role `{role_name}` in [pagerduty] schedules"
                            ),
                            format!(
                                "{suggestion}use one of the roles in [team]: {}",
                                team.roles.join(", ")
                            ),
                        );
                    }
                }
                match id.get_ref() {
                    DeValue::String(s) => {
                        // Two roles on one schedule would make sync write both ranks' wishes
                        // into the same schedule, each undoing the other.
                        if let Some((other, _)) = settings.schedules.iter().find(|(_, v)| *v == s) {
                            self.error(
                                id.span(),
                                format!(
                                    "roles `{other}` and `{role_name}` both map to PagerDuty schedule {s} in [pagerduty] schedules"
                                ),
                                format!("give each role its own schedule, or remove `{role_name}` from [pagerduty] schedules"),
                            );
                        }
                        settings.schedules.insert(role_name.to_string(), s.to_string());
                    }
                    other => self.error(
                        id.span(),
                        format!("schedule ID for `{role_name}` must be a string, not {}", type_name(other)),
                        "write the PagerDuty schedule ID in quotes, for example primary = \"PSCHED1\"",
                    ),
                }
            }
        }
        (self.diags.len() == before).then_some(settings)
    }

    fn members(&mut self, top: &Fields<'_, '_>) -> Option<Vec<Member>> {
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

    /// What can be checked of `[[overrides]]` alone: keys, and `week` as a date.
    fn override_shapes(&mut self, top: &Fields<'_, '_>) {
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

    fn overrides(
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
                                let roles: Vec<&str> =
                                    team.roles.iter().map(String::as_str).collect();
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
                            format!(
                                "{suggestion}use a role name ({}) or a rank number from 1 to {}",
                                team.roles.join(", "),
                                members.len().max(1)
                            ),
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
