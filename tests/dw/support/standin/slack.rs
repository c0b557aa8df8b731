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

use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::{Answer, Fault, Faults, Seen, DEFAULT_NOW};

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

#[derive(Clone)]
struct Responder(Arc<Mutex<State>>);

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

    /// A public channel the bot is a member of.
    pub fn add_channel(&self, id: &str, name: &str) {
        self.state().channels.push(Channel {
            id: id.into(),
            name: name.into(),
            is_private: id.starts_with('G'),
            is_archived: false,
            is_member: true,
            topic: String::new(),
        });
    }

    pub fn set_member(&self, channel: &str, member: bool) {
        if let Some(c) = self.state().channels.iter_mut().find(|c| c.id == channel) {
            c.is_member = member;
        }
    }

    pub fn set_archived(&self, channel: &str, archived: bool) {
        if let Some(c) = self.state().channels.iter_mut().find(|c| c.id == channel) {
            c.is_archived = archived;
        }
    }

    /// A workspace user (`U…`) dw may DM or put in a group.
    pub fn add_user(&self, id: &str) {
        self.state().users.push(id.into());
    }

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

    /// A workspace member with a profile: `users.lookupByEmail` finds them
    /// by `email`, unless `deleted` (a deactivated account).
    pub fn add_person(&self, id: &str, email: &str, real_name: &str, deleted: bool) {
        let mut s = self.state();
        s.users.push(id.into());
        s.people
            .push((id.into(), email.into(), real_name.into(), deleted));
    }

    /// The token lacks `scope`: the methods that need it answer `missing_scope`.
    pub fn without_scope(&self, scope: &str) {
        self.state().missing_scopes.push(scope.into());
    }

    pub fn add_usergroup(&self, id: &str, handle: &str, name: &str, users: &[&str]) {
        self.state().groups.push(Group {
            id: id.into(),
            handle: handle.into(),
            name: name.into(),
            users: users.iter().map(|u| u.to_string()).collect(),
        });
    }

    /// Return at most `n` items per page whatever the `limit` (Slack may).
    pub fn set_max_page(&self, n: Option<usize>) {
        self.state().max_page = n;
    }

    /// Truncate text past 40,000 characters instead of `msg_too_long`.
    pub fn set_truncate_long_text(&self, on: bool) {
        self.state().truncate_long_text = on;
    }

    /// A message someone (not dw) wrote in `channel` now, with `metadata`
    /// (`Value::Null` for none, as people's messages have), as
    /// `conversations.history` then shows it; its `ts`.
    pub fn add_message(&self, channel: &str, text: &str, metadata: Value) -> String {
        let mut s = self.state();
        s.ts_counter += 1;
        let ts = format!("{}.{:06}", s.now.timestamp(), s.ts_counter);
        s.events.push(Post {
            channel: channel.into(),
            text: text.into(),
            blocks: Value::Null,
            metadata,
            ts: ts.clone(),
            args: json!({}),
        });
        ts
    }

    pub fn posts(&self) -> Vec<Post> {
        self.state().posts.clone()
    }

    pub fn channels(&self) -> Vec<Channel> {
        self.state().channels.clone()
    }

    pub fn topic(&self, channel: &str) -> Option<String> {
        self.state()
            .channels
            .iter()
            .find(|c| c.id == channel)
            .map(|c| c.topic.clone())
    }

    /// A channel's topic, as if a person had set it (no history message).
    pub fn set_topic(&self, channel: &str, topic: &str) {
        if let Some(c) = self.state().channels.iter_mut().find(|c| c.id == channel) {
            c.topic = topic.into();
        }
    }

    /// The requests that change something in Slack, in arrival order
    /// (whatever the HTTP method: Slack takes a POST or a GET for any method).
    pub fn write_calls(&self) -> Vec<Seen> {
        self.state()
            .seen
            .iter()
            .filter(|s| {
                let method = s.path.rsplit('/').next().unwrap_or_default();
                WRITE_METHODS.contains(&method)
            })
            .cloned()
            .collect()
    }

    pub fn usergroup_users(&self, id: &str) -> Option<Vec<String>> {
        self.state()
            .groups
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.users.clone())
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.state().seen.clone()
    }

    /// Answer 429 to the next `n` requests, with `Retry-After: retry_after`.
    pub fn rate_limit(&self, n: u32, retry_after: u64) {
        let mut s = self.state();
        s.rate_limited = n;
        s.retry_after = retry_after;
    }

    /// A one-shot fault for the next request matching `method` and `path`
    /// (the path as requested, e.g. `/api/chat.postMessage`).
    pub fn fault(&self, method: &str, path: &str, fault: Fault) {
        self.state().faults.push(method, path, fault);
    }
}

/// Slack's answer to a token without `needed`.
fn missing_scope(needed: &str, missing: &[String]) -> Answer {
    let provided: Vec<&str> = SCOPES
        .iter()
        .copied()
        .filter(|s| !missing.iter().any(|m| m == s))
        .collect();
    Answer::json(
        200,
        json!({"ok": false, "error": "missing_scope", "needed": needed,
               "provided": provided.join(",")}),
    )
}

/// A channel as `conversations.list` and `conversations.info` show it.
fn channel_json(c: &Channel) -> Value {
    json!({"id": c.id, "name": c.name, "name_normalized": c.name,
        "is_channel": !c.is_private, "is_group": c.is_private, "is_im": false,
        "is_private": c.is_private, "is_archived": c.is_archived,
        "is_member": c.is_member,
        "topic": {"value": c.topic, "creator": "", "last_set": 0}})
}

/// `chat.postMessage`'s `metadata`: a JSON object, or the same as a JSON
/// string (a form body), with a string `event_type` and an object
/// `event_payload`; otherwise `invalid_metadata_format` /
/// `invalid_metadata_schema` (the method's documented errors).
fn metadata(given: Option<&Value>) -> Result<Value, &'static str> {
    let m = match given {
        None | Some(Value::Null) => return Ok(Value::Null),
        Some(Value::String(text)) => {
            serde_json::from_str::<Value>(text).map_err(|_| "invalid_metadata_format")?
        }
        Some(v) => v.clone(),
    };
    let typed = m
        .get("event_type")
        .and_then(Value::as_str)
        .is_some_and(|t| !t.is_empty());
    if !m.is_object() {
        return Err("invalid_metadata_format");
    }
    if !typed || !m.get("event_payload").is_some_and(Value::is_object) {
        return Err("invalid_metadata_schema");
    }
    Ok(m)
}

fn fail(error: &str) -> Answer {
    Answer::json(200, json!({"ok": false, "error": error}))
}

fn ok(mut body: Value) -> Answer {
    body["ok"] = json!(true);
    Answer::json(200, body)
}

/// Query, form and JSON arguments, merged.
fn args(seen: &Seen) -> Map<String, Value> {
    let mut out: Map<String, Value> = seen
        .query
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    if let Value::Object(body) = &seen.body {
        out.extend(body.clone());
    }
    out
}

fn arg<'a>(args: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    args.get(name).and_then(Value::as_str)
}

fn flag(args: &Map<String, Value>, name: &str) -> bool {
    matches!(args.get(name), Some(Value::Bool(true)))
        || matches!(arg(args, name), Some("true" | "1"))
}

impl Respond for Responder {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let seen = Seen::from_request(req);
        let mut state = lock(&self.0);
        state.seen.push(seen.clone());
        if state.rate_limited > 0 {
            state.rate_limited -= 1;
            return Answer::json(429, json!({"ok": false, "error": "ratelimited"}))
                .header("retry-after", state.retry_after)
                .template(None);
        }
        match state.faults.take(&seen.method, &seen.path) {
            Some(Fault::Reply(status, body)) => Answer::raw(status, body).template(None),
            Some(Fault::AppliedThen(status, body)) => {
                state.handle(&seen);
                Answer::raw(status, body).template(None)
            }
            Some(Fault::Delay(d)) => state.handle(&seen).template(Some(d)),
            Some(Fault::Hold(true)) => state.handle(&seen).template(Some(super::HOLD)),
            Some(Fault::Hold(false)) => {
                Answer::raw(504, "Gateway Timeout".into()).template(Some(super::HOLD))
            }
            None => state.handle(&seen).template(None),
        }
    }
}

/// A cursor for `offset` (opaque to clients, like Slack's).
fn cursor(offset: usize) -> String {
    format!("bmV4dF9pZDo{offset:x}")
}

fn offset(cursor: &str) -> Option<usize> {
    usize::from_str_radix(cursor.strip_prefix("bmV4dF9pZDo")?, 16).ok()
}

impl State {
    fn handle(&mut self, seen: &Seen) -> Answer {
        let args = args(seen);
        let bearer = seen
            .header("authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::to_string)
            .or_else(|| arg(&args, "token").map(str::to_string));
        match bearer {
            None => return fail("not_authed"),
            Some(t) if t != self.token => return fail("invalid_auth"),
            Some(_) => {}
        }
        let method = seen.path.rsplit('/').next().unwrap_or_default();
        match method {
            "auth.test" => ok(json!({
                "url": "https://standin.slack.com/", "team": "Stand-in", "user": "dw",
                "team_id": "T0STANDIN", "user_id": "U0DWBOT", "bot_id": "B0DWBOT",
            })),
            "chat.postMessage" => self.post_message(&args),
            "conversations.list" => self.list_channels(&args),
            "conversations.setTopic" => self.set_topic(&args),
            "conversations.history" => self.history(&args),
            "conversations.info" => self.info(&args),
            "usergroups.users.list" => self.group_users(&args),
            "conversations.open" => self.open(&args),
            "users.lookupByEmail" => self.lookup_by_email(&args),
            "usergroups.list" => {
                if let Some(refused) = self.lacks("usergroups:read") {
                    return refused;
                }
                let with_users = flag(&args, "include_users");
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
            "usergroups.users.update" => {
                if let Some(refused) = self.lacks("usergroups:write") {
                    return refused;
                }
                let Some(id) = arg(&args, "usergroup") else {
                    return fail("invalid_arguments");
                };
                let users: Vec<String> = arg(&args, "users")
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
                ok(
                    json!({"usergroup": {"id": g.id, "handle": g.handle, "name": g.name, "users": g.users}}),
                )
            }
            _ => Answer::json(404, json!({"ok": false, "error": "unknown_method"})),
        }
    }

    /// The channel a `channel` argument names; user IDs open a DM.
    fn resolve(&mut self, target: &str) -> Result<Channel, &'static str> {
        let name = target.strip_prefix('#');
        let found = self.channels.iter().find(|c| match name {
            Some(n) => c.name == n,
            None => c.id == target || c.name == target,
        });
        if let Some(c) = found {
            return Ok(c.clone());
        }
        let dm = if target.starts_with('D') {
            self.open_dm_user(target)
        } else {
            // A user ID: Slack posts in the DM with the bot, opening it.
            self.dm_of(target).map(|_| target.to_string())
        };
        if let Some(user) = dm {
            if !self.dms.contains(&user) {
                self.dms.push(user.clone());
            }
            return Ok(Channel {
                id: self.dm_of(&user).unwrap_or_default(),
                name: String::new(),
                is_private: true,
                is_archived: false,
                is_member: true,
                topic: String::new(),
            });
        }
        Err("channel_not_found")
    }

    fn post_message(&mut self, args: &Map<String, Value>) -> Answer {
        let Some(target) = arg(args, "channel") else {
            return fail("channel_not_found");
        };
        let channel = match self.resolve(target) {
            Ok(c) => c,
            Err(e) => return fail(e),
        };
        if channel.is_archived {
            return fail("is_archived");
        }
        if !channel.is_member {
            return fail("not_in_channel");
        }
        let blocks = args.get("blocks").cloned().unwrap_or(Value::Null);
        let mut text = arg(args, "text").unwrap_or_default().to_string();
        if text.is_empty() && blocks.is_null() {
            return fail("no_text");
        }
        if text.chars().count() > MAX_TEXT {
            if !self.truncate_long_text {
                return fail("msg_too_long");
            }
            text = text.chars().take(MAX_TEXT).collect();
        }
        self.ts_counter += 1;
        let ts = format!("{}.{:06}", self.now.timestamp(), self.ts_counter);
        let metadata = match metadata(args.get("metadata")) {
            Ok(m) => m,
            Err(e) => return fail(e),
        };
        self.posts.push(Post {
            channel: channel.id.clone(),
            text: text.clone(),
            blocks: blocks.clone(),
            metadata: metadata.clone(),
            ts: ts.clone(),
            args: Value::Object(args.clone()),
        });
        let mut message = json!({"type": "message", "subtype": "bot_message", "text": text,
            "ts": ts, "bot_id": "B0DWBOT", "user": "U0DWBOT"});
        if !blocks.is_null() {
            message["blocks"] = blocks;
        }
        if !metadata.is_null() {
            message["metadata"] = metadata;
        }
        ok(json!({"channel": channel.id, "ts": ts, "message": message}))
    }

    /// Cursor pagination: (page, next_cursor) or a Slack error.
    fn paginate(
        &self,
        args: &Map<String, Value>,
        all: Vec<Value>,
    ) -> Result<(Vec<Value>, String), Answer> {
        let limit = match args.get("limit") {
            None => 100,
            Some(v) => match v
                .as_u64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            {
                Some(n) if (1..=1000).contains(&n) => n as usize,
                _ => return Err(fail("invalid_limit")),
            },
        };
        let start = match arg(args, "cursor").filter(|c| !c.is_empty()) {
            None => 0,
            Some(c) => match offset(c) {
                Some(n) if n <= all.len() => n,
                _ => return Err(fail("invalid_cursor")),
            },
        };
        let take = self.max_page.map_or(limit, |m| m.min(limit));
        let page: Vec<Value> = all.iter().skip(start).take(take).cloned().collect();
        let end = start + page.len();
        let next = if end < all.len() {
            cursor(end)
        } else {
            String::new()
        };
        Ok((page, next))
    }

    fn list_channels(&self, args: &Map<String, Value>) -> Answer {
        let types: Vec<&str> = arg(args, "types")
            .unwrap_or("public_channel")
            .split(',')
            .map(str::trim)
            .collect();
        let exclude_archived = flag(args, "exclude_archived");
        let all: Vec<Value> = self
            .channels
            .iter()
            .filter(|c| {
                types.contains(&if c.is_private {
                    "private_channel"
                } else {
                    "public_channel"
                })
            })
            .filter(|c| !(exclude_archived && c.is_archived))
            .map(channel_json)
            .collect();
        match self.paginate(args, all) {
            Ok((page, next)) => {
                ok(json!({"channels": page, "response_metadata": {"next_cursor": next}}))
            }
            Err(e) => e,
        }
    }

    fn set_topic(&mut self, args: &Map<String, Value>) -> Answer {
        let Some(id) = arg(args, "channel") else {
            return fail("channel_not_found");
        };
        let topic = arg(args, "topic").unwrap_or_default().to_string();
        let Some(c) = self.channels.iter_mut().find(|c| c.id == id) else {
            return fail("channel_not_found");
        };
        if c.is_archived {
            return fail("is_archived");
        }
        if !c.is_member {
            return fail("not_in_channel");
        }
        if topic.chars().count() > MAX_TOPIC {
            return fail("too_long");
        }
        let needed = if c.is_private {
            "groups:write"
        } else {
            "channels:manage"
        };
        if self.missing_scopes.iter().any(|s| s == needed) {
            return missing_scope(needed, &self.missing_scopes);
        }
        c.topic = topic.clone();
        let channel = json!({"id": c.id, "name": c.name, "topic": {"value": c.topic}});
        let id = c.id.clone();
        // Slack tells the channel, as a message of its own.
        self.ts_counter += 1;
        let ts = format!("{}.{:06}", self.now.timestamp(), self.ts_counter);
        self.events.push(Post {
            channel: id,
            text: format!("set the channel topic: {topic}"),
            blocks: Value::Null,
            metadata: Value::Null,
            ts,
            args: json!({"subtype": "channel_topic", "topic": topic}),
        });
        ok(json!({ "channel": channel }))
    }

    /// `missing_scope` when the token lacks `needed`.
    fn lacks(&self, needed: &str) -> Option<Answer> {
        self.missing_scopes
            .iter()
            .any(|s| s == needed)
            .then(|| missing_scope(needed, &self.missing_scopes))
    }

    /// `conversations.info`: a channel by ID, with its topic.
    fn info(&self, args: &Map<String, Value>) -> Answer {
        let Some(id) = arg(args, "channel") else {
            return fail("channel_not_found");
        };
        let Some(c) = self.channels.iter().find(|c| c.id == id) else {
            return fail("channel_not_found");
        };
        let needed = if c.is_private {
            "groups:read"
        } else {
            "channels:read"
        };
        if let Some(refused) = self.lacks(needed) {
            return refused;
        }
        ok(json!({"channel": channel_json(c)}))
    }

    /// `usergroups.users.list`: the members of a group by ID.
    fn group_users(&self, args: &Map<String, Value>) -> Answer {
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

    /// The DM of a user ID (`U…`/`W…`): `D` and the rest of the ID.
    fn lookup_by_email(&self, args: &Map<String, Value>) -> Answer {
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

    fn dm_of(&self, user: &str) -> Option<String> {
        let known = (user.starts_with('U') || user.starts_with('W'))
            && self.users.iter().any(|u| u == user);
        known.then(|| format!("D{}", &user[1..]))
    }

    /// The user whose open DM has the ID `dm`.
    fn open_dm_user(&self, dm: &str) -> Option<String> {
        self.dms
            .iter()
            .find(|u| self.dm_of(u).as_deref() == Some(dm))
            .cloned()
    }

    fn open(&mut self, args: &Map<String, Value>) -> Answer {
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

    fn history(&self, args: &Map<String, Value>) -> Answer {
        let Some(id) = arg(args, "channel") else {
            return fail("channel_not_found");
        };
        let known = self.channels.iter().any(|c| c.id == id) || self.open_dm_user(id).is_some();
        let bound = |name: &str| -> Option<f64> { arg(args, name).and_then(|v| v.parse().ok()) };
        let (oldest, latest, inclusive) =
            (bound("oldest"), bound("latest"), flag(args, "inclusive"));
        let in_range = |ts: &str| -> bool {
            let Ok(t) = ts.parse::<f64>() else {
                return false;
            };
            let after = oldest.is_none_or(|o| if inclusive { t >= o } else { t > o });
            let before = latest.is_none_or(|l| if inclusive { t <= l } else { t < l });
            after && before
        };
        if !known {
            return fail("channel_not_found");
        }
        // A bot reads only conversations it is a member of, with the
        // history scope of their kind.
        let channel = self.channels.iter().find(|c| c.id == id);
        let needed = match channel {
            Some(c) if c.is_private => "groups:history",
            Some(_) => "channels:history",
            None => "im:history",
        };
        if let Some(refused) = self.lacks(needed) {
            return refused;
        }
        if channel.is_some_and(|c| !c.is_member) {
            return fail("not_in_channel");
        }
        let with_metadata = flag(args, "include_all_metadata");
        let mut mine: Vec<&Post> = self
            .posts
            .iter()
            .chain(&self.events)
            .filter(|p| p.channel == id && in_range(&p.ts))
            .collect();
        // Newest first.
        mine.sort_by(|a, b| b.ts.cmp(&a.ts));
        let all: Vec<Value> = mine
            .into_iter()
            .map(|p| {
                if p.args["subtype"] == "channel_topic" {
                    return json!({"type": "message", "subtype": "channel_topic",
                        "text": p.text, "topic": p.args["topic"], "ts": p.ts, "user": "U0DWBOT"});
                }
                let mut m = json!({"type": "message", "subtype": "bot_message", "text": p.text,
                    "ts": p.ts, "bot_id": "B0DWBOT", "user": "U0DWBOT"});
                if !p.blocks.is_null() {
                    m["blocks"] = p.blocks.clone();
                }
                if with_metadata && !p.metadata.is_null() {
                    m["metadata"] = p.metadata.clone();
                }
                m
            })
            .collect();
        match self.paginate(args, all) {
            Ok((page, next)) => ok(json!({"messages": page, "has_more": !next.is_empty(),
                "pin_count": 0, "response_metadata": {"next_cursor": next}})),
            Err(e) => e,
        }
    }
}
