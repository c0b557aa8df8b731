//! Users and user groups in the Slack stand-in: their setters and
//! read-backs, `users.lookupByEmail`, `usergroups.list`,
//! `usergroups.users.list` and `usergroups.users.update`.

use serde_json::{json, Map, Value};

use super::super::Answer;
use super::http::{arg, fail, flag, ok};
use super::{Group, Slack, State};

impl Slack {
    /// A workspace user (`U…`) dw may DM or put in a group.
    pub fn add_user(&self, id: &str) {
        self.state().users.push(id.into());
    }

    /// A workspace member with a profile: `users.lookupByEmail` finds them
    /// by `email`, unless `deleted` (a deactivated account).
    pub fn add_person(&self, id: &str, email: &str, real_name: &str, deleted: bool) {
        let mut s = self.state();
        s.users.push(id.into());
        s.people
            .push((id.into(), email.into(), real_name.into(), deleted));
    }

    pub fn add_usergroup(&self, id: &str, handle: &str, name: &str, users: &[&str]) {
        self.state().groups.push(Group {
            id: id.into(),
            handle: handle.into(),
            name: name.into(),
            users: users.iter().map(|u| u.to_string()).collect(),
        });
    }

    pub fn usergroup_users(&self, id: &str) -> Option<Vec<String>> {
        self.state()
            .groups
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.users.clone())
    }
}

impl State {
    /// `usergroups.users.list`: the members of a group by ID.
    pub(super) fn group_users(&self, args: &Map<String, Value>) -> Answer {
        if let Some(refused) = self.lacks("usergroups:read") {
            return refused;
        }
        let Some(id) = arg(args, "usergroup") else {
            return fail("invalid_arguments");
        };
        match self.groups.iter().find(|g| g.id == id) {
            Some(g) => ok(json!({ "users": g.users })),
            None => fail("no_such_subteam"),
        }
    }

    pub(super) fn lookup_by_email(&self, args: &Map<String, Value>) -> Answer {
        let needed = "users:read.email";
        if self.missing_scopes.iter().any(|s| s == needed) {
            return Answer::json(
                200,
                json!({"ok": false, "error": "missing_scope", "needed": needed,
                       "provided": "chat:write,channels:read,groups:read,im:write,im:history"}),
            );
        }
        let Some(email) = arg(args, "email").filter(|e| !e.is_empty()) else {
            return fail("invalid_arguments");
        };
        let found = self
            .people
            .iter()
            .find(|(_, e, _, deleted)| !deleted && e.eq_ignore_ascii_case(email));
        match found {
            None => fail("users_not_found"),
            Some((id, email, real_name, _)) => {
                let handle = email.split('@').next().unwrap_or_default();
                ok(json!({"user": {
                    "id": id, "team_id": "T0STANDIN", "name": handle, "deleted": false,
                    "real_name": real_name, "is_bot": false, "is_admin": false,
                    "tz": "Europe/Berlin",
                    "profile": {"email": email, "real_name": real_name, "display_name": handle,
                                "team": "T0STANDIN"},
                }}))
            }
        }
    }

    /// `usergroups.list`: every group, with its members on `include_users`.
    pub(super) fn list_groups(&self, args: &Map<String, Value>) -> Answer {
        if let Some(refused) = self.lacks("usergroups:read") {
            return refused;
        }
        let with_users = flag(args, "include_users");
        let groups: Vec<Value> = self
            .groups
            .iter()
            .map(|g| {
                let mut v = json!({"id": g.id, "handle": g.handle, "name": g.name,
                    "is_usergroup": true, "user_count": g.users.len()});
                if with_users {
                    v["users"] = json!(g.users);
                }
                v
            })
            .collect();
        ok(json!({ "usergroups": groups }))
    }

    /// `usergroups.users.update`: replace the members of a group.
    pub(super) fn update_group(&mut self, args: &Map<String, Value>) -> Answer {
        if let Some(refused) = self.lacks("usergroups:write") {
            return refused;
        }
        let Some(id) = arg(args, "usergroup") else {
            return fail("invalid_arguments");
        };
        let users: Vec<String> = arg(args, "users")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(String::from)
            .collect();
        if users.is_empty() || users.iter().any(|u| !self.users.contains(u)) {
            return fail("invalid_users");
        }
        let Some(g) = self.groups.iter_mut().find(|g| g.id == id) else {
            return fail("no_such_subteam");
        };
        g.users = users;
        ok(json!({"usergroup": {"id": g.id, "handle": g.handle, "name": g.name, "users": g.users}}))
    }
}
