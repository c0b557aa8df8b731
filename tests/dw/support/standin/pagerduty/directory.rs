//! Users, services and escalation policies in the PagerDuty stand-in: their
//! setters, `GET /users/{id}`, `GET /services`, `GET /services/{id}` and
//! `GET /escalation_policies/{id}`.

use serde_json::{json, Value};

use super::super::{Answer, Seen};
use super::http::not_found;
use super::{PagerDuty, State};

impl PagerDuty {
    pub fn add_user(&self, id: &str, name: &str) {
        self.state().users.insert(id.into(), name.into());
    }

    /// A user with a name and an email (`GET /users/{id}`). Users added
    /// otherwise get `<id in lower case>@example.com`.
    pub fn add_person(&self, id: &str, name: &str, email: &str) {
        let mut s = self.state();
        s.users.insert(id.into(), name.into());
        s.emails.insert(id.into(), email.into());
    }

    pub fn add_service(&self, id: &str, name: &str) {
        self.state().services.push((id.into(), name.into()));
    }

    /// An escalation policy used by `services` (ids of services added with
    /// [`PagerDuty::add_service`]).
    pub fn add_escalation_policy(&self, id: &str, name: &str, services: &[&str]) {
        let mut s = self.state();
        s.escalation_policies.retain(|(p, _, _)| p != id);
        s.escalation_policies.push((
            id.into(),
            name.into(),
            services.iter().map(|x| x.to_string()).collect(),
        ));
    }
}

impl State {
    pub(super) fn user_ref(&self, id: &str) -> Value {
        json!({
            "id": id,
            "type": "user_reference",
            "summary": self.users.get(id).cloned().unwrap_or_else(|| id.to_string()),
            "self": format!("https://api.pagerduty.com/users/{id}"),
        })
    }

    pub(super) fn list_services(&self, seen: &Seen) -> Answer {
        let query = seen.param("query").map(str::to_lowercase);
        let all: Vec<Value> = self
            .services
            .iter()
            .filter(|(_, name)| {
                query
                    .as_ref()
                    .is_none_or(|q| name.to_lowercase().contains(q.as_str()))
            })
            .map(|(id, name)| service_json(id, name))
            .collect();
        self.page(seen, "services", all)
    }

    pub(super) fn get_service(&self, id: &str) -> Answer {
        match self.services.iter().find(|(s, _)| s == id) {
            Some((id, name)) => Answer::json(200, json!({ "service": service_json(id, name) })),
            None => not_found(),
        }
    }

    pub(super) fn user(&self, id: &str) -> Answer {
        let Some(name) = self.users.get(id) else {
            return not_found();
        };
        let email = self
            .emails
            .get(id)
            .cloned()
            .unwrap_or_else(|| format!("{}@example.com", id.to_lowercase()));
        Answer::json(
            200,
            json!({"user": {
                "id": id, "type": "user", "summary": name, "name": name, "email": email,
                "time_zone": "Europe/Berlin", "color": "green", "role": "user",
                "description": null, "invitation_sent": false, "job_title": null,
                "self": format!("https://api.pagerduty.com/users/{id}"),
                "html_url": format!("https://standin.pagerduty.com/users/{id}"),
                "contact_methods": [], "notification_rules": [], "teams": [],
            }}),
        )
    }

    pub(super) fn escalation_policy(&self, id: &str) -> Answer {
        let Some((id, name, services)) = self.escalation_policies.iter().find(|(p, _, _)| p == id)
        else {
            return not_found();
        };
        let services: Vec<Value> = services
            .iter()
            .map(|s| {
                let summary = self
                    .services
                    .iter()
                    .find(|(x, _)| x == s)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_else(|| s.clone());
                json!({
                    "id": s, "type": "service_reference", "summary": summary,
                    "self": format!("https://api.pagerduty.com/services/{s}"),
                    "html_url": format!("https://standin.pagerduty.com/service-directory/{s}"),
                })
            })
            .collect();
        Answer::json(
            200,
            json!({"escalation_policy": {
                "id": id, "type": "escalation_policy", "summary": name, "name": name,
                "on_call_handoff_notifications": "if_has_services",
                "self": format!("https://api.pagerduty.com/escalation_policies/{id}"),
                "html_url": format!("https://standin.pagerduty.com/escalation_policies/{id}"),
                "escalation_rules": [], "services": services, "num_loops": 0, "teams": [],
            }}),
        )
    }
}

fn service_json(id: &str, name: &str) -> Value {
    json!({
        "id": id, "type": "service", "name": name, "summary": name, "status": "active",
        "self": format!("https://api.pagerduty.com/services/{id}"),
        "html_url": format!("https://standin.pagerduty.com/service-directory/{id}"),
    })
}
