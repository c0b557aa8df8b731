//! The bot's direct messages in the Slack stand-in: which DMs exist, their
//! IDs, and `conversations.open`.

use serde_json::{json, Map, Value};

use super::super::Answer;
use super::http::{arg, fail, flag, ok};
use super::{Slack, State};

impl Slack {
    /// The bot's DM with `user` exists already (they wrote to the bot, or an
    /// earlier run opened it).
    pub fn open_dm(&self, user: &str) {
        let mut s = self.state();
        if !s.dms.iter().any(|u| u == user) {
            s.dms.push(user.into());
        }
    }

    /// The IDs (`D…`) of the DMs that exist, in the order they were opened.
    pub fn dms(&self) -> Vec<String> {
        let s = self.state();
        s.dms.iter().filter_map(|u| s.dm_of(u)).collect()
    }
}

impl State {
    /// The DM of a user ID (`U…`/`W…`): `D` and the rest of the ID.
    pub(super) fn dm_of(&self, user: &str) -> Option<String> {
        let known = (user.starts_with('U') || user.starts_with('W'))
            && self.users.iter().any(|u| u == user);
        known.then(|| format!("D{}", &user[1..]))
    }

    /// The user whose open DM has the ID `dm`.
    pub(super) fn open_dm_user(&self, dm: &str) -> Option<String> {
        self.dms
            .iter()
            .find(|u| self.dm_of(u).as_deref() == Some(dm))
            .cloned()
    }

    pub(super) fn open(&mut self, args: &Map<String, Value>) -> Answer {
        let Some(users) = arg(args, "users") else {
            return match arg(args, "channel") {
                Some(c) if self.open_dm_user(c).is_some() => ok(json!({"channel": {"id": c}})),
                Some(_) => fail("channel_not_found"),
                None => fail("invalid_arguments"),
            };
        };
        let users: Vec<&str> = users.split(',').map(str::trim).collect();
        if users.len() != 1 {
            // A group DM (mpim) is not modelled.
            return fail("invalid_arguments");
        }
        let user = users[0].to_string();
        let Some(id) = self.dm_of(&user) else {
            return fail("user_not_found");
        };
        if !self.dms.contains(&user) {
            if flag(args, "prevent_creation") {
                return fail("channel_not_found");
            }
            self.dms.push(user);
        }
        ok(json!({"channel": {"id": id}}))
    }
}
