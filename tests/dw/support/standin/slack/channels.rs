//! Channels in the Slack stand-in: their setters and read-backs,
//! `chat.postMessage` (with `metadata`), `conversations.list`,
//! `conversations.info`, `conversations.setTopic` and
//! `conversations.history`.

use serde_json::{json, Map, Value};

use super::super::Answer;
use super::http::{arg, fail, flag, missing_scope, ok};
use super::{Channel, Post, Slack, State, MAX_TEXT, MAX_TOPIC};

impl Slack {
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

impl State {
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

    pub(super) fn post_message(&mut self, args: &Map<String, Value>) -> Answer {
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

    pub(super) fn list_channels(&self, args: &Map<String, Value>) -> Answer {
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

    pub(super) fn set_topic(&mut self, args: &Map<String, Value>) -> Answer {
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

    /// `conversations.info`: a channel by ID, with its topic.
    pub(super) fn info(&self, args: &Map<String, Value>) -> Answer {
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

    pub(super) fn history(&self, args: &Map<String, Value>) -> Answer {
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
