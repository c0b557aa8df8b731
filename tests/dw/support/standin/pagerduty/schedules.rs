//! Schedules and overrides in the PagerDuty stand-in: their setters,
//! `GET /schedules/{id}`, `GET`/`POST /schedules/{id}/overrides`,
//! `DELETE /schedules/{id}/overrides/{oid}` and `GET /oncalls`.

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

use super::super::{parse_instant, Answer, Seen};
use super::http::{error, invalid, is_true, not_found, render, zulu};
use super::{Base, Held, PagerDuty, Schedule, State};

impl PagerDuty {
    /// Refuse (400) to render a schedule over a window longer than `days`.
    pub fn set_max_render_days(&self, days: Option<i64>) {
        self.state().max_render_days = days;
    }

    /// Add (or replace) a schedule; the users of its layers become known users.
    pub fn add_schedule(&self, schedule: Schedule) {
        let mut s = self.state();
        let users: Vec<String> = match &schedule.base {
            Base::Spans(spans) => spans.iter().map(|s| s.user.clone()).collect(),
            Base::Rotation { users, .. } => users.clone(),
            Base::Layers(layers) => layers.iter().flat_map(|l| l.users.clone()).collect(),
        };
        for u in users {
            s.users.entry(u.clone()).or_insert(u);
        }
        s.schedules.retain(|x| x.id != schedule.id);
        s.schedules.push(schedule);
    }

    /// Replace the layers of a schedule.
    pub fn set_base(&self, schedule: &str, base: Base) {
        let mut s = self.state();
        if let Some(x) = s.schedules.iter_mut().find(|x| x.id == schedule) {
            x.base = base;
        }
    }

    /// Put an override in place as if created earlier (it counts as created
    /// now, after all the others).
    pub fn add_override(
        &self,
        schedule: &str,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        user: &str,
    ) -> String {
        let mut s = self.state();
        let id = s.new_id("Q");
        s.overrides.push(Held {
            schedule: schedule.into(),
            id: id.clone(),
            start,
            end,
            user: user.into(),
        });
        id
    }

    /// The final schedule as `GET /schedules/{id}` renders it over
    /// [since, until): (start, end, user ID), cut at the bounds.
    pub fn rendered(
        &self,
        schedule: &str,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>, String)> {
        let s = self.state();
        match s.schedules.iter().find(|x| x.id == schedule) {
            Some(x) => s.entries(x, since, until, false),
            None => Vec::new(),
        }
    }

    /// A person deleting an override in the web app.
    pub fn remove_override(&self, id: &str) {
        self.state().overrides.retain(|o| o.id != id);
    }

    /// The overrides held, in creation order.
    pub fn overrides(&self) -> Vec<Held> {
        self.state().overrides.clone()
    }
}

impl State {
    fn time_zone(&self, seen: &Seen, default: &str) -> Result<Option<Tz>, Answer> {
        let name = seen.param("time_zone").unwrap_or(default);
        match name.parse::<Tz>() {
            Ok(tz) => Ok(Some(tz)),
            Err(_) => Err(invalid(&format!("Time zone {name} is not recognized"))),
        }
    }

    pub(super) fn get_schedule(&self, seen: &Seen, id: &str) -> Answer {
        let Some(schedule) = self.schedules.iter().find(|s| s.id == id) else {
            return not_found();
        };
        let tz = match self.time_zone(seen, &schedule.time_zone) {
            Ok(tz) => tz,
            Err(e) => return e,
        };
        let two_weeks = TimeDelta::days(14);
        let since = seen.param("since").map(parse_instant);
        let until = seen.param("until").map(parse_instant);
        let window = match (since, until) {
            (Some(None), _) | (_, Some(None)) => {
                return invalid("since and until must be ISO 8601 date-times")
            }
            (Some(Some(s)), Some(Some(u))) => Some((s, u)),
            (Some(Some(s)), None) => Some((s, s + two_weeks)),
            (None, Some(Some(u))) => Some((u - two_weeks, u)),
            (None, None) => None,
        };
        let overflow = is_true(seen, "overflow");
        let (final_entries, override_entries) = match window {
            None => (Vec::new(), Vec::new()),
            Some((since, until)) => {
                if until < since {
                    return invalid("until must not be before since");
                }
                if let Some(days) = self.max_render_days {
                    if until - since > TimeDelta::days(days) {
                        return invalid(&format!(
                            "The date range must be at most {days} days (a limit of this stand-in)"
                        ));
                    }
                }
                let entry = |(a, b, user): &(DateTime<Utc>, DateTime<Utc>, String)| json!({"start": render(*a, tz), "end": render(*b, tz), "user": self.user_ref(user)});
                let finals: Vec<Value> = self
                    .entries(schedule, since, until, overflow)
                    .iter()
                    .map(entry)
                    .collect();
                let mut ovs: Vec<&Held> = self
                    .overrides
                    .iter()
                    .filter(|o| o.schedule == id && o.start < until && o.end > since)
                    .collect();
                ovs.sort_by_key(|o| o.start);
                let ovs: Vec<Value> = ovs
                    .iter()
                    .map(|o| {
                        let (a, b) = if overflow {
                            (o.start, o.end)
                        } else {
                            (o.start.max(since), o.end.min(until))
                        };
                        entry(&(a, b, o.user.clone()))
                    })
                    .collect();
                (finals, ovs)
            }
        };
        let layers = self.layers_json(schedule, window, tz, overflow);
        let escalation_policies: Vec<Value> = if schedule.on_escalation_policy {
            vec![
                json!({"id": format!("PEP{}", schedule.id), "type": "escalation_policy_reference"}),
            ]
        } else {
            Vec::new()
        };
        Answer::json(
            200,
            json!({"schedule": {
                "id": schedule.id,
                "type": "schedule",
                "summary": schedule.name,
                "name": schedule.name,
                "time_zone": schedule.time_zone,
                "escalation_policies": escalation_policies,
                "schedule_layers": layers,
                "overrides_subschedule": {"name": "Overrides", "rendered_schedule_entries": override_entries},
                "final_schedule": {"name": "Final Schedule", "rendered_schedule_entries": final_entries},
            }}),
        )
    }

    pub(super) fn list_overrides(&self, seen: &Seen, id: &str) -> Answer {
        if !self.schedules.iter().any(|s| s.id == id) {
            return not_found();
        }
        let since = seen.param("since").and_then(parse_instant);
        let until = seen.param("until").and_then(parse_instant);
        let (Some(since), Some(until)) = (since, until) else {
            return invalid("since and until are required ISO 8601 date-times");
        };
        let overflow = is_true(seen, "overflow");
        let editable = seen.param("editable").is_some_and(|v| v != "false");
        let mut list: Vec<&Held> = self
            .overrides
            .iter()
            .filter(|o| o.schedule == id && o.start < until && o.end > since)
            .filter(|o| !editable || o.start > self.now)
            .collect();
        list.sort_by_key(|o| o.start);
        let list: Vec<Value> = list
            .iter()
            .map(|o| {
                if editable {
                    return json!({"id": o.id});
                }
                let (a, b) = if overflow { (o.start, o.end) } else { (o.start.max(since), o.end.min(until)) };
                json!({"id": o.id, "start": zulu(a), "end": zulu(b), "user": self.user_ref(&o.user)})
            })
            .collect();
        Answer::json(200, json!({ "overrides": list }))
    }

    /// Validate and store one override; (status, errors, override JSON).
    fn create_one(&mut self, schedule: &str, item: &Value) -> (u16, Vec<String>, Value) {
        let start = item["start"].as_str().and_then(parse_instant);
        let end = item["end"].as_str().and_then(parse_instant);
        let user = item["user"]["id"].as_str().unwrap_or_default().to_string();
        let mut errors = Vec::new();
        match (start, end) {
            (Some(s), Some(e)) if e <= s => {
                errors.push("Override must end after its start".to_string())
            }
            (Some(_), Some(_)) => {}
            _ => errors.push("Start and end must be ISO 8601 date-times".to_string()),
        }
        if !self.users.contains_key(&user) {
            errors.push("User not found".to_string());
        }
        let mut shown = json!({"user": self.user_ref(&user)});
        if let (Some(s), Some(e)) = (start, end) {
            shown["start"] = json!(zulu(s));
            shown["end"] = json!(zulu(e));
        }
        if !errors.is_empty() {
            return (400, errors, shown);
        }
        let (Some(start), Some(end)) = (start, end) else {
            return (400, errors, shown);
        };
        let id = self.new_id("Q");
        self.overrides.push(Held {
            schedule: schedule.to_string(),
            id: id.clone(),
            start,
            end,
            user,
        });
        shown["id"] = json!(id);
        (201, errors, shown)
    }

    pub(super) fn create_overrides(&mut self, seen: &Seen, id: &str) -> Answer {
        if !self.schedules.iter().any(|s| s.id == id) {
            return not_found();
        }
        if let Some(items) = seen.body.get("overrides").and_then(Value::as_array) {
            if items.is_empty() {
                return invalid("overrides must not be empty");
            }
            let answers: Vec<Value> = items
                .clone()
                .iter()
                .map(|item| {
                    let (status, errors, o) = self.create_one(id, item);
                    if errors.is_empty() {
                        json!({"status": status, "override": o})
                    } else {
                        json!({"status": status, "errors": errors, "override": o})
                    }
                })
                .collect();
            return Answer::json(201, Value::Array(answers));
        }
        if let Some(item) = seen.body.get("override").cloned() {
            let (status, errors, o) = self.create_one(id, &item);
            if status == 201 {
                return Answer::json(201, json!({ "override": o }));
            }
            let errors: Vec<&str> = errors.iter().map(String::as_str).collect();
            return error(400, "Invalid Input Provided", 2001, &errors);
        }
        invalid("overrides is required")
    }

    pub(super) fn delete_override(&mut self, schedule: &str, oid: &str) -> Answer {
        let now = self.now;
        let Some(i) = self
            .overrides
            .iter()
            .position(|o| o.schedule == schedule && o.id == oid)
        else {
            return not_found();
        };
        let o = &mut self.overrides[i];
        if o.end <= now {
            return invalid("You cannot remove a past override");
        }
        if o.start < now {
            o.end = now;
            let shown = json!({"id": o.id, "start": zulu(o.start), "end": zulu(o.end)});
            return Answer::json(200, json!({ "override": shown }));
        }
        self.overrides.remove(i);
        Answer::empty(204)
    }

    pub(super) fn oncalls(&self, seen: &Seen) -> Answer {
        let tz = match self.time_zone(seen, &self.account_time_zone) {
            Ok(tz) => tz,
            Err(e) => return e,
        };
        let instant = |name: &str| match seen.param(name) {
            None => Ok(self.now),
            Some(v) => parse_instant(v)
                .ok_or_else(|| invalid(&format!("{name} must be an ISO 8601 date-time"))),
        };
        let (since, until) = match (instant("since"), instant("until")) {
            (Ok(s), Ok(u)) => (s, u),
            (Err(e), _) | (_, Err(e)) => return e,
        };
        if until < since {
            return invalid("until cannot be before since");
        }
        if until > self.now + TimeDelta::days(90) {
            // The 90 days are documented; these words are this stand-in's.
            return invalid("On-call shifts are limited to 90 days in the future");
        }
        let wanted = seen.params("schedule_ids[]");
        let mut all = Vec::new();
        for schedule in &self.schedules {
            if !schedule.on_escalation_policy
                || !(wanted.is_empty() || wanted.contains(&schedule.id.as_str()))
            {
                continue;
            }
            // Whole on-call spans that touch the window (an instant window
            // still finds the span that holds it).
            let hi = if until == since {
                until + TimeDelta::seconds(1)
            } else {
                until
            };
            for (a, b, user) in self.entries(schedule, since, hi, true) {
                all.push(json!({
                    "escalation_policy": {"id": format!("PEP{}", schedule.id), "type": "escalation_policy_reference"},
                    "escalation_level": 1,
                    "schedule": {"id": schedule.id, "type": "schedule_reference", "summary": schedule.name},
                    "user": self.user_ref(&user),
                    "start": render(a, tz),
                    "end": render(b, tz),
                }));
            }
        }
        self.page(seen, "oncalls", all)
    }
}
