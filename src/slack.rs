//! Typed client of the Slack Web API. Prints nothing.
//!
//! Slack answers HTTP 200 with `"ok": false` for most failures, so every
//! answer's `ok` is checked, not only its status.

use reqwest::{Method, Url};
use serde_json::{json, Value};

use crate::http::{decode_json, endpoint, incomplete, slack_headers, Http, ListBudget, Request};
use crate::http::{HttpError, Secret};
pub use crate::text::mrkdwn::{escape, mention};

/// The production API.
pub const DEFAULT_URL: &str = "https://slack.com/api";

/// A message Slack accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub channel: String,
    pub ts: String,
}

/// A channel as dw needs it: its ID and its topic (as Slack stores it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub id: String,
    pub topic: String,
}

/// The Slack Web API client.
pub struct Slack<'h> {
    http: &'h Http,
    base: Url,
    token: Secret,
}

/// Why a Slack answer (HTTP 2xx) is not a success.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("the answer is not JSON ({0})")]
    NotJson(String),
    /// `"ok": false` with Slack's error code (or a note that `ok` is missing).
    #[error("{0}")]
    NotOk(String),
}

/// Why a Slack call failed. Turned into the command's error (message and
/// hint unchanged) in `commands/`.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request failed (see [`HttpError`], e.g. `Ambiguous` for a post
    /// that may or may not have been made).
    #[error("Slack {method}: {source}")]
    Http {
        method: String,
        #[source]
        source: Box<HttpError>,
    },
    /// Slack answered, but not `"ok": true`.
    #[error("Slack {method}: {error}")]
    Answer {
        method: String,
        error: AnswerError,
        channel: Option<String>,
    },
    /// A channel or user group that the bot cannot see.
    #[error("Slack {message}")]
    NotFound { message: String, hint: &'static str },
}

impl ApiError {
    /// What the person at the keyboard can do about it, if dw knows.
    pub fn hint(&self) -> Option<String> {
        match self {
            ApiError::Http { .. }
            | ApiError::Answer {
                error: AnswerError::NotJson(_),
                ..
            } => None,
            ApiError::Answer {
                error: AnswerError::NotOk(code),
                channel,
                ..
            } => Some(hint(code, channel.as_deref())),
            ApiError::NotFound { hint, .. } => Some(hint.to_string()),
        }
    }

    /// The HTTP failure underneath, if that is what it was.
    pub fn http(&self) -> Option<&HttpError> {
        match self {
            ApiError::Http { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }

    /// Slack's error code (`"ok": false`), if that is what it was.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Answer {
                error: AnswerError::NotOk(code),
                ..
            } => Some(code),
            _ => None,
        }
    }

    /// A request that is not safe to repeat may or may not have taken effect.
    pub fn is_ambiguous(&self) -> bool {
        matches!(self.http(), Some(HttpError::Ambiguous { .. }))
    }
}

/// Results of the Slack client.
pub type Result<T, E = ApiError> = std::result::Result<T, E>;

/// Decode a Slack Web API answer: JSON with `"ok": true`, every string made
/// terminal-safe; otherwise the error code, cut to 200 characters.
pub fn decode_answer(body: &str) -> std::result::Result<Value, AnswerError> {
    let body = decode_json(body).map_err(|e| AnswerError::NotJson(e.to_string()))?;
    if body.get("ok").and_then(Value::as_bool) == Some(true) {
        return Ok(body);
    }
    let error = body
        .get("error")
        .and_then(Value::as_str)
        .unwrap_or("no `ok` in the answer");
    let mut error: String = error.chars().take(200).collect();
    // Slack names the scope a `missing_scope` call needs: say it.
    if error == "missing_scope" {
        if let Some(needed) = body.get("needed").and_then(Value::as_str) {
            let needed: String = needed.chars().take(100).collect();
            error = format!("missing_scope (needed: {needed})");
        }
    }
    Err(AnswerError::NotOk(error))
}

/// What to do about a Slack error code: a hint for the person at the keyboard.
fn hint(error: &str, channel: Option<&str>) -> String {
    let channel = channel.unwrap_or("the channel");
    if let Some(needed) = error
        .strip_prefix("missing_scope (needed: ")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        return format!(
            "add the scope {needed} to the Slack app (OAuth & Permissions → Bot Token Scopes), reinstall it, and set SLACK_TOKEN to its new bot token"
        );
    }
    match error {
        "channel_not_found" => format!("check the channel name {channel} in [slack] of the roster, and that the bot can see it"),
        "not_in_channel" => format!("invite the bot to {channel} (/invite @bot in the channel)"),
        "invalid_auth" | "not_authed" | "token_revoked" | "account_inactive" => {
            "SLACK_TOKEN is not accepted: set a valid bot token (xoxb-…)".into()
        }
        "user_not_found" | "users_not_found" => "check the member's slack = \"U…\" in the roster (Slack: profile → ⋮ → Copy member ID)".into(),
        "missing_scope" => "give the Slack app the scope the call needs (chat:write, channels:manage, channels:history, usergroups:write, im:write, im:history…)".into(),
        "ratelimited" | "rate_limited" => "Slack is rate limiting: try again in a minute".into(),
        _ => "see https://api.slack.com/methods for this error code".into(),
    }
}

impl<'h> Slack<'h> {
    /// A client for `base` (see `DW_SLACK_URL`).
    pub fn new(http: &'h Http, base: Url, token: Secret) -> Self {
        Slack { http, base, token }
    }

    fn post(&self, method: &str, body: Value) -> Request {
        let mut req = Request::new(Method::POST, endpoint(&self.base, method)).json(body);
        req.headers = slack_headers(self.token.expose());
        req.service = "Slack";
        req
    }

    fn get(&self, method: &str, query: &[(&str, &str)]) -> Request {
        let mut url = endpoint(&self.base, method);
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let mut req = Request::new(Method::GET, url);
        req.headers = slack_headers(self.token.expose());
        req.service = "Slack";
        req
    }

    /// Send a request and check Slack's `ok`; returns the answer's JSON.
    pub fn call(&self, req: &Request) -> Result<Value> {
        self.call_sized(req).map(|(body, _)| body)
    }

    /// [`Slack::call`], and the size of the answer in bytes (for list budgets).
    fn call_sized(&self, req: &Request) -> Result<(Value, usize)> {
        let method = req.url.path().rsplit('/').next().unwrap_or("").to_string();
        let channel = req
            .body
            .as_ref()
            .and_then(|b| b.get("channel"))
            .and_then(Value::as_str)
            .map(String::from);
        let resp = self.http.send(req).map_err(|source| ApiError::Http {
            method: method.clone(),
            source: Box::new(source),
        })?;
        let size = resp.body.len();
        decode_answer(&resp.body)
            .map(|body| (body, size))
            .map_err(|error| ApiError::Answer {
                method,
                error,
                channel,
            })
    }

    /// One page of a cursor-paginated list (`cursor` empty for the first),
    /// counted against `budget`: its items under `key`, and the next cursor
    /// when Slack says there are more (and it is not the one just used).
    fn page(
        &self,
        method: &str,
        query: &[(&str, &str)],
        cursor: &str,
        key: &str,
        budget: &mut ListBudget,
    ) -> Result<(Vec<Value>, Option<String>)> {
        let mut query = query.to_vec();
        if !cursor.is_empty() {
            query.push(("cursor", cursor));
        }
        let (mut body, size) = self.call_sized(&self.get(method, &query))?;
        budget.read_page(size);
        let items = match body.get_mut(key).map(Value::take) {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        };
        budget.keep(items.len());
        let next = body
            .pointer("/response_metadata/next_cursor")
            .and_then(Value::as_str)
            .filter(|next| !next.is_empty() && *next != cursor)
            .map(String::from);
        Ok((items, next))
    }

    /// Read a cursor-paginated list page by page until `find` picks
    /// something from a page's items (under `key`): [`Search::Found`], or
    /// [`Search::End`] when the list ends, or [`Search::Cut`] when its
    /// budget is spent: then a notice says the list about `what` was read
    /// only in part.
    fn find_in_pages<T>(
        &self,
        method: &str,
        query: &[(&str, &str)],
        key: &str,
        what: &str,
        mut find: impl FnMut(Vec<Value>) -> Option<T>,
    ) -> Result<Search<T>> {
        let mut budget = ListBudget::new();
        let mut cursor = String::new();
        loop {
            let (items, next) = self.page(method, query, &cursor, key, &mut budget)?;
            if let Some(found) = find(items) {
                return Ok(Search::Found(found));
            }
            match next {
                Some(_) if budget.spent() => {
                    self.http.notice(incomplete("Slack", what, &budget));
                    return Ok(Search::Cut);
                }
                Some(next) => cursor = next,
                None => return Ok(Search::End),
            }
        }
    }

    /// `chat.postMessage` as it will be sent. `text` must already be escaped.
    pub fn post_message_request(&self, channel: &str, text: &str) -> Request {
        self.post(
            "chat.postMessage",
            json!({"channel": channel, "text": text, "unfurl_links": false}),
        )
    }

    /// Post a message.
    pub fn post_message(&self, channel: &str, text: &str) -> Result<Posted> {
        let body = self.call(&self.post_message_request(channel, text))?;
        Ok(Posted {
            channel: body
                .get("channel")
                .and_then(Value::as_str)
                .unwrap_or(channel)
                .to_string(),
            ts: body
                .get("ts")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        })
    }

    /// `chat.postMessage` with message metadata (`{event_type, event_payload}`),
    /// which Slack keeps with the message and returns from `conversations.history`
    /// when asked with `include_all_metadata`.
    pub fn post_message_with_metadata_request(
        &self,
        channel: &str,
        text: &str,
        metadata: Value,
    ) -> Request {
        self.post(
            "chat.postMessage",
            json!({"channel": channel, "text": text, "unfurl_links": false, "metadata": metadata}),
        )
    }

    /// The ID (`D…`) of the bot's direct-message conversation with a user
    /// (`conversations.open`, scope `im:write`); Slack opens it if needed.
    pub fn open_dm(&self, user: &str) -> Result<String> {
        let body = self.call(&self.post("conversations.open", json!({"users": user})))?;
        dm_id(&body).ok_or_else(|| ApiError::Answer {
            method: "conversations.open".into(),
            error: AnswerError::NotOk("the answer has no channel id".into()),
            channel: None,
        })
    }

    /// The ID (`D…`) of the bot's DM with a user if there is one, without
    /// opening one (`conversations.open` with `prevent_creation`, which Slack
    /// has "to see if there is an existing dm"): `None` when Slack answers
    /// `channel_not_found` or names no channel.
    pub fn existing_dm(&self, user: &str) -> Result<Option<String>> {
        let req = self.post(
            "conversations.open",
            json!({"users": user, "prevent_creation": true}),
        );
        match self.call(&req) {
            Ok(body) => Ok(dm_id(&body)),
            Err(e) if e.code() == Some("channel_not_found") => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The first message of a conversation since `oldest` (a Slack ts, exclusive)
    /// that `wanted` accepts, reading `conversations.history` with its metadata
    /// (scope `im:history` for a DM), page by page.
    pub fn find_message(
        &self,
        channel_id: &str,
        oldest: &str,
        wanted: impl Fn(&Value) -> bool,
    ) -> Result<Option<Value>> {
        let query = [
            ("channel", channel_id),
            ("oldest", oldest),
            ("include_all_metadata", "true"),
            ("limit", "200"),
        ];
        match self.find_in_pages(
            "conversations.history",
            &query,
            "messages",
            "conversations.history",
            |messages| messages.into_iter().find(|m| wanted(m)),
        )? {
            Search::Found(m) => Ok(Some(m)),
            Search::End => Ok(None),
            // Not in the part read is not missing: a caller that sends when
            // it finds nothing would send twice.
            Search::Cut => Err(ApiError::NotFound {
                message: format!(
                    "conversations.history: {channel_id}'s history was read only in part, \
                     and dw's earlier message is not in that part, so dw cannot tell \
                     whether it was sent"
                ),
                hint: "look in the conversation: nothing more was sent, so that nothing \
                       is sent twice; if dw's message is missing, send it by hand",
            }),
        }
    }

    /// `conversations.setTopic` as it will be sent (`channel` is an ID).
    pub fn set_topic_request(&self, channel_id: &str, topic: &str) -> Request {
        let mut req = self.post(
            "conversations.setTopic",
            json!({"channel": channel_id, "topic": topic}),
        );
        // Setting the same topic twice leaves one topic: safe to resend.
        req.idempotent = true;
        req
    }

    /// `usergroups.users.update` as it will be sent (`group` is an ID).
    pub fn update_group_request(&self, group_id: &str, users: &[String]) -> Request {
        let mut req = self.post(
            "usergroups.users.update",
            json!({"usergroup": group_id, "users": users.join(",")}),
        );
        // The group ends as this list however often it is sent.
        req.idempotent = true;
        req
    }

    /// The user ID (`U…`/`W…`) of the workspace member with this email
    /// (`users.lookupByEmail`, scope `users:read.email`); `None` when Slack
    /// answers `users_not_found` (no such member, or a deactivated one).
    pub fn user_id_by_email(&self, email: &str) -> Result<Option<String>> {
        let req = self.get("users.lookupByEmail", &[("email", email)]);
        match self.call(&req) {
            Ok(body) => Ok(body
                .pointer("/user/id")
                .and_then(Value::as_str)
                .filter(|id| !id.is_empty())
                .map(String::from)),
            Err(ApiError::Answer {
                error: AnswerError::NotOk(code),
                ..
            }) if code == "users_not_found" => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The ID of a channel given as `#name`, `name` or an ID (`C…`, `G…`).
    pub fn channel_id(&self, channel: &str) -> Result<String> {
        if looks_like_id(channel, &['C', 'G', 'D']) {
            return Ok(channel.to_string());
        }
        self.channel(channel).map(|c| c.id)
    }

    /// The ID and topic of a channel given as `#name`, `name` or an ID:
    /// an ID is read with `conversations.info`, a name is looked up in
    /// `conversations.list` (scopes `channels:read`, `groups:read`).
    pub fn channel(&self, channel: &str) -> Result<Channel> {
        let of = |c: &Value| Channel {
            id: c
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            topic: c
                .pointer("/topic/value")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        };
        if looks_like_id(channel, &['C', 'G', 'D']) {
            let body = self.call(&self.get("conversations.info", &[("channel", channel)]))?;
            return match body.get("channel") {
                Some(c) if c.get("id").and_then(Value::as_str) == Some(channel) => Ok(of(c)),
                _ => Err(ApiError::Answer {
                    method: "conversations.info".into(),
                    error: AnswerError::NotOk(format!("the answer is not about {channel}")),
                    channel: Some(channel.to_string()),
                }),
            };
        }
        let name = channel.trim_start_matches('#');
        let query = [
            ("exclude_archived", "true"),
            ("types", "public_channel,private_channel"),
            ("limit", "200"),
        ];
        let found = self.find_in_pages(
            "conversations.list",
            &query,
            "channels",
            &format!("conversations.list (looking for {channel})"),
            |channels| {
                channels
                    .iter()
                    .find(|c| c.get("name").and_then(Value::as_str) == Some(name))
                    .map(of)
                    .filter(|c| !c.id.is_empty())
            },
        )?;
        let found = match found {
            Search::Found(c) => Some(c),
            Search::End | Search::Cut => None,
        };
        found.ok_or_else(|| ApiError::NotFound {
            message: format!(
                "conversations.list: no channel named {channel} is visible to the bot"
            ),
            hint: "check [slack] in the roster, or write the channel ID, C…",
        })
    }

    /// The members of a user group (`usergroups.users.list`, scope
    /// `usergroups:read`; `group` is an ID), in Slack's order.
    pub fn group_users(&self, group_id: &str) -> Result<Vec<String>> {
        let body = self.call(&self.get("usergroups.users.list", &[("usergroup", group_id)]))?;
        match body.get("users").and_then(Value::as_array) {
            Some(users) => Ok(users
                .iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()),
            None => Err(ApiError::Answer {
                method: "usergroups.users.list".into(),
                error: AnswerError::NotOk("the answer has no users".into()),
                channel: None,
            }),
        }
    }

    /// The ID of a user group given by handle (`dreamwork`, `@dreamwork`) or ID (`S…`).
    pub fn group_id(&self, group: &str) -> Result<String> {
        if looks_like_id(group, &['S']) {
            return Ok(group.to_string());
        }
        let handle = group.trim_start_matches('@');
        let body = self.call(&self.get("usergroups.list", &[]))?;
        body.get("usergroups")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|g| g.get("handle").and_then(Value::as_str) == Some(handle))
            .and_then(|g| g.get("id").and_then(Value::as_str))
            .map(String::from)
            .ok_or_else(|| ApiError::NotFound {
                message: format!("usergroups.list: no user group with handle @{handle}"),
                hint: "check [slack] group in the roster, or write its ID, S…",
            })
    }
}

/// What reading a list for one item came to.
enum Search<T> {
    Found(T),
    /// The list ended without it.
    End,
    /// The list's budget was spent before its end (a notice says so).
    Cut,
}

/// The channel ID in a `conversations.open` answer, if it names one.
fn dm_id(body: &Value) -> Option<String> {
    body.pointer("/channel/id")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty())
        .map(String::from)
}

/// Whether `channel` is a conversation ID (`C…`, `G…`, `D…`), not a name.
pub fn is_channel_id(channel: &str) -> bool {
    looks_like_id(channel, &['C', 'G', 'D'])
}

/// Slack IDs: an upper-case letter from `prefixes`, then upper-case letters and digits.
fn looks_like_id(s: &str, prefixes: &[char]) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| prefixes.contains(&c))
        && s.len() >= 9
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_told_from_names() {
        assert!(looks_like_id("C012AB3CD", &['C']));
        assert!(!looks_like_id("#org-dreamwork", &['C']));
        assert!(!looks_like_id("dreamwork", &['S']));
        assert!(looks_like_id("S0616NG6M", &['S']));
    }

    #[test]
    fn a_missing_scope_names_the_scope_slack_says_is_needed() {
        let body = r#"{"ok":false,"error":"missing_scope","needed":"channels:history","provided":"chat:write"}"#;
        let Err(AnswerError::NotOk(code)) = decode_answer(body) else {
            panic!("not ok")
        };
        assert_eq!(code, "missing_scope (needed: channels:history)");
        let h = hint(&code, None);
        assert!(
            h.starts_with("add the scope channels:history to the Slack app"),
            "{h}"
        );
        // Without `needed`, the general hint.
        let Err(AnswerError::NotOk(code)) =
            decode_answer(r#"{"ok":false,"error":"missing_scope"}"#)
        else {
            panic!("not ok")
        };
        assert!(hint(&code, None).starts_with("give the Slack app the scope"));
    }
}
