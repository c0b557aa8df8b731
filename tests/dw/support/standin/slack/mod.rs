//! A Slack Web API stand-in.
//!
//! What it models, and where the behaviour was read:
//! - Errors are HTTP 200 with `{"ok":false,"error":"…"}`; no token →
//!   `not_authed`, a wrong one → `invalid_auth` (Slack Web API docs; the
//!   openapi `default` answers in slack-web-openapi-v2.json).
//! - Arguments come from the query string, a form body or a JSON body, as
//!   Slack accepts all three.
//! - `chat.postMessage`: `channel` as `#name`, name, channel ID (`C…`/`G…`),
//!   the ID of an open DM (`D…`, from `conversations.open`, which Slack
//!   documents as the way to post to a user) or user ID (`U…`/`W…`: the
//!   message goes to the DM with the bot, which it opens); unknown, or a DM
//!   not open → `channel_not_found`; `not_in_channel` and `is_archived` per channel;
//!   no text and no blocks → `no_text`; text over 40,000 characters →
//!   `msg_too_long` (Slack has truncated such messages since 2018,
//!   api.slack.com/changelog/2018-04-truncating-really-long-messages; switch
//!   with [`Slack::set_truncate_long_text`]). Answer
//!   `{ok, channel, ts, message:{type, subtype, text, ts, bot_id, …}}`.
//! - Cursor pagination (`conversations.list`, `conversations.history`):
//!   `limit` default 100, at most 1000 (`invalid_limit` beyond), opaque
//!   `cursor` (`invalid_cursor` if unknown), `response_metadata.next_cursor`
//!   empty at the end; Slack may return fewer items than `limit` before the
//!   end (docs.slack.dev/apis/web-api/pagination): [`Slack::set_max_page`].
//! - `conversations.setTopic`: a channel ID (a name → `channel_not_found`);
//!   more than 250 characters → `too_long`; scope `channels:manage`
//!   (public) or `groups:write` (private). Slack puts a `channel_topic`
//!   message in the channel each time, also for the same topic, which is
//!   why a topic should be set only when it differs.
//! - `conversations.info`: one channel by ID, with `topic.value` (scope
//!   `channels:read` / `groups:read`), as in `conversations.list`.
//! - `usergroups.users.list` (scope `usergroups:read`): `usergroup` (an ID)
//!   → `{users: [...]}`, not paginated; unknown → `no_such_subteam`.
//!   `usergroups.list` needs `usergroups:read`, `usergroups.users.update`
//!   `usergroups:write`.
//! - `chat.postMessage` `metadata`: `{event_type, event_payload}` as JSON or
//!   a JSON string; kept with the message (docs.slack.dev messaging/message-metadata);
//!   anything else → `invalid_metadata_format` / `invalid_metadata_schema`.
//! - `conversations.history`: newest first; `metadata` only with
//!   `include_all_metadata=true`; `oldest`/`latest` bound the messages' `ts`,
//!   exclusive unless `inclusive=true`. A DM (`D…`) can be read once it is
//!   open; before, `channel_not_found`.
//!   A bot token reads only conversations the bot is a member of
//!   (`not_in_channel`), with the scope of their kind: `channels:history`,
//!   `groups:history`, `im:history` (docs.slack.dev conversations.history).
//! - Write calls are counted by method ([`WRITE_METHODS`], [`Slack::write_calls`]).
//! - `conversations.open` with `users` = one user ID: `{channel: {id: "D…"}}`,
//!   the same DM every time, opened (created) by the first call; with
//!   `prevent_creation=true` ("Do not create a direct message … used to see
//!   if there is an existing dm", docs.slack.dev/reference/methods/
//!   conversations.open) it creates none: the existing DM, else
//!   `channel_not_found` (the docs give no answer for this case; this is the
//!   stand-in's, and dw also takes an answer without a channel ID as "none").
//!   A user ID the workspace lacks → `user_not_found`; `channel` = an open
//!   DM → it; neither `users` nor `channel` → `invalid_arguments`.
//! - `users.lookupByEmail` (scope `users:read.email`): `email` required
//!   (`invalid_arguments` without it); the member with that email, matched
//!   without regard to case, as `{ok, user: {id, team_id, name, real_name,
//!   deleted, is_bot, profile: {email, real_name, display_name}}}`; no such
//!   member, or a deactivated one → `users_not_found` (the error code of the
//!   openapi's example and of the method's docs). A scope taken away with
//!   [`Slack::without_scope`] → `missing_scope` with `needed` and `provided`,
//!   as Slack answers a token that lacks it.
//! - Rate limit: HTTP 429, `Retry-After: <seconds>` and
//!   `{"ok":false,"error":"ratelimited"}` (docs.slack.dev rate limits).
//!
//! Set-up: [`Slack::add_channel`], [`Slack::add_user`], [`Slack::add_person`],
//! [`Slack::add_usergroup`], [`Slack::set_member`], [`Slack::set_archived`],
//! [`Slack::open_dm`]. Read back: [`Slack::posts`], [`Slack::dms`], [`Slack::topic`], [`Slack::usergroup_users`],
//! [`Slack::requests`].
//!
//! The parts: `http` (routing, auth, scopes, cursor pagination, rate limits
//! and faults), `channels` (channels, topics, posting with metadata,
//! history), `dms` (the bot's direct messages), `users` (users, profiles,
//! user groups). This file holds the constants, the public data, the shared
//! state and the stand-in itself.

use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use serde_json::Value;
use wiremock::{Mock, MockServer};

use super::{Faults, Seen, DEFAULT_NOW};

mod channels;
mod dms;
mod http;
mod users;

use http::Responder;

/// The token the stand-in accepts until a test sets another.
pub const TOKEN: &str = "xoxb-standin";
/// The longest text `chat.postMessage` takes.
pub const MAX_TEXT: usize = 40_000;
/// The longest topic `conversations.setTopic` takes.
pub const MAX_TOPIC: usize = 250;
/// The methods of those modelled that change something.
pub const WRITE_METHODS: [&str; 4] = [
    "chat.postMessage",
    "conversations.setTopic",
    "usergroups.users.update",
    "conversations.open",
];
/// Every scope a token has unless a test takes one away ([`Slack::without_scope`]).
pub const SCOPES: [&str; 14] = [
    "chat:write",
    "channels:read",
    "groups:read",
    "channels:manage",
    "groups:write",
    "channels:history",
    "groups:history",
    "im:write",
    "im:history",
    "usergroups:read",
    "usergroups:write",
    "users:read",
    "users:read.email",
    "team:read",
];

/// A channel.
#[derive(Debug, Clone)]
pub struct Channel {
    pub id: String,
    pub name: String,
    pub is_private: bool,
    pub is_archived: bool,
    /// Whether the bot is in it (else posts get `not_in_channel`).
    pub is_member: bool,
    pub topic: String,
}

/// A message posted through the stand-in.
#[derive(Debug, Clone)]
pub struct Post {
    /// The channel ID it went to (`D…` for a DM).
    pub channel: String,
    pub text: String,
    pub blocks: Value,
    pub metadata: Value,
    pub ts: String,
    /// Every argument as sent.
    pub args: Value,
}

#[derive(Debug, Clone)]
struct Group {
    id: String,
    handle: String,
    name: String,
    users: Vec<String>,
}

#[derive(Debug)]
struct State {
    token: String,
    now: DateTime<Utc>,
    channels: Vec<Channel>,
    users: Vec<String>,
    /// The users whose DM with the bot is open (created).
    dms: Vec<String>,
    /// (user ID, email, real name, deleted) of the members with a profile.
    people: Vec<(String, String, String, bool)>,
    /// Scopes the token lacks.
    missing_scopes: Vec<String>,
    groups: Vec<Group>,
    posts: Vec<Post>,
    /// Messages Slack itself puts in a channel (`channel_topic` on a
    /// `conversations.setTopic`), shown by `conversations.history`.
    events: Vec<Post>,
    seen: Vec<Seen>,
    ts_counter: u64,
    max_page: Option<usize>,
    truncate_long_text: bool,
    rate_limited: u32,
    retry_after: u64,
    faults: Faults,
}

/// The Slack stand-in.
pub struct Slack {
    server: MockServer,
    state: Arc<Mutex<State>>,
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

impl Slack {
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let state = Arc::new(Mutex::new(State {
            token: TOKEN.into(),
            now: super::at(DEFAULT_NOW),
            channels: Vec::new(),
            users: Vec::new(),
            dms: Vec::new(),
            people: Vec::new(),
            missing_scopes: Vec::new(),
            groups: Vec::new(),
            posts: Vec::new(),
            events: Vec::new(),
            seen: Vec::new(),
            ts_counter: 0,
            max_page: None,
            truncate_long_text: false,
            rate_limited: 0,
            retry_after: 0,
            faults: Faults::default(),
        }));
        Mock::given(wiremock::matchers::any())
            .respond_with(Responder(state.clone()))
            .mount(&server)
            .await;
        Slack { server, state }
    }

    /// The base URL: methods are `{url}/api/chat.postMessage` (any path
    /// ending in the method name is served).
    pub fn url(&self) -> String {
        format!("{}/api", self.server.uri())
    }

    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    pub fn set_token(&self, token: &str) {
        self.state().token = token.into();
    }

    /// The clock the `ts` of new messages come from.
    pub fn set_now(&self, now: DateTime<Utc>) {
        self.state().now = now;
    }
}
