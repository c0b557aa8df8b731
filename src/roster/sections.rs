//! Reading each section of the roster (`[team]`, `[slack]`, `[pagerduty]`,
//! `[[members]]`, `[[overrides]]`) with the walker of `parse.rs`: the whole
//! roster and `[team]`, `[slack]`, `[pagerduty]` here; `[[members]]` in
//! `members.rs`, `[[overrides]]` in `overrides.rs`, `[[covers]]` in
//! `covers.rs`, the size limits in `limits.rs`.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveTime, Weekday};
use chrono_tz::Tz;
use toml::de::{DeTable, DeValue};

use super::lexical::{
    closest_time_zone, did_you_mean, is_role_name, nearest_weekday, parse_hhmm, parse_weekday,
    weekday_name,
};
use super::limits::MAX_NAME_CHARS;
use super::model::{PagerDutySettings, Roster, SlackSettings, Team, DEFAULT_ROLES};
use super::parse::{type_name, Cx, Fields, Span, Value};

const TOP_KEYS: &[&str] = &[
    "team",
    "slack",
    "pagerduty",
    "members",
    "overrides",
    "covers",
    "duties",
    "handoff",
    "analysis",
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

impl Cx<'_> {
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
            // but their keys and dates can still be checked (docs/roster.md: every
            // error is reported, unknown keys anywhere).
            self.override_shapes(&top);
            self.cover_shapes(&top);
            self.handbook_shapes(&top);
            return None;
        };
        let (overrides, spans) = self.overrides(&top, &team, &members);
        let (covers, cover_spans) = self.covers(&top, &team, &members);
        let handbook = self.handbook(&top, &team);
        Some((
            Roster {
                team,
                slack: slack?,
                pagerduty: pagerduty?,
                members,
                overrides,
                covers,
                handbook: handbook?,
            },
            spans,
            cover_spans,
        ))
    }

    fn team(&mut self, t: &DeTable<'_>, span: Span) -> Option<Team> {
        let f = self.fields(t, span, "[team]", TEAM_KEYS);
        let name = self
            .required_string(&f, "name", "\"Payments\"")
            .filter(|v| self.fits(v, "the team name", MAX_NAME_CHARS));
        let timezone = match self.string(&f, "timezone") {
            Some((s, span)) => match s.parse::<Tz>() {
                Ok(tz) => Some(tz),
                Err(_) => {
                    let hint = match (s.to_ascii_lowercase().as_str(), closest_time_zone(&s)) {
                        ("cst" | "cdt" | "central", _) => "use an IANA name such as \"America/Chicago\"".to_string(),
                        (_, Some(near)) => format!("did you mean \"{near}\"? use an IANA time zone name"),
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
                let nearest = nearest_weekday(*start, day);
                self.error(
                    span.clone(),
                    format!(
                        "start {start} is a {}, but handoff_day is {}",
                        weekday_name(start.weekday()),
                        weekday_name(day)
                    ),
                    format!(
                        "move start to a {}, for example start = {nearest}",
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
                        let suggestion = did_you_mean(role_name, &roles);
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
}
