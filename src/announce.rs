//! What `dw announce` writes to Slack, decided over what was read there
//! first. Pure: the command (`commands/announce.rs`) reads, calls
//! [`decide`], sends the writes it says, and prints the [`Report`].
//!
//! Every step is idempotent on a rerun: the post carries metadata
//! ([`EVENT_TYPE`], the team and the week's start) that the next run finds
//! in the channel's history; the topic is set only when it differs from the
//! channel's (see [`same_topic`]); the user group is updated only when its
//! members differ (as a set).

use std::collections::BTreeSet;

use chrono::{DateTime, Duration};
use chrono_tz::Tz;
use serde::Serialize;
use serde_json::{json, Value};

use crate::render::rfc3339;
use crate::rotation::WeekIx;

/// The `event_type` of the metadata dw attaches to an announcement.
pub const EVENT_TYPE: &str = "dw_announce";

/// How early before its week an announcement may have been posted and
/// still be found: the history is read from this long before the week starts.
pub const EARLY_DAYS: i64 = 7;

/// The metadata of the announcement of `team`'s week starting at `week_start`.
pub fn metadata(team: &str, week_start: &DateTime<Tz>) -> Value {
    json!({
        "event_type": EVENT_TYPE,
        "event_payload": {"team": team, "week_start": rfc3339(week_start)},
    })
}

/// Whether a message from `conversations.history` is the announcement of
/// this team's week (its metadata, as [`metadata`] wrote it).
pub fn is_announcement(message: &Value, team: &str, week_start: &DateTime<Tz>) -> bool {
    let Some(m) = message.get("metadata") else {
        return false;
    };
    m.get("event_type").and_then(Value::as_str) == Some(EVENT_TYPE)
        && m.pointer("/event_payload/team").and_then(Value::as_str) == Some(team)
        && m.pointer("/event_payload/week_start")
            .and_then(Value::as_str)
            == Some(rfc3339(week_start).as_str())
}

/// Slack's `oldest` for the history search: [`EARLY_DAYS`] before the week starts.
pub fn history_oldest(week_start: &DateTime<Tz>) -> String {
    let t = *week_start - Duration::days(EARLY_DAYS);
    format!("{}.000000", t.timestamp())
}

/// Slack's three escapes undone, surrounding space trimmed: a topic as people read it.
fn plain(topic: &str) -> String {
    topic
        .trim()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Whether the channel's topic already says `wanted`: equal once Slack's
/// escapes (`&amp;`, `&lt;`, `&gt;`) are undone and surrounding space is
/// trimmed, so a topic Slack hands back unescaped is not set again.
pub fn same_topic(current: &str, wanted: &str) -> bool {
    plain(current) == plain(wanted)
}

/// Whether the group already holds exactly `wanted` (order and repeats aside).
pub fn same_members(current: &[String], wanted: &[String]) -> bool {
    let set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<_>>();
    set(current) == set(wanted)
}

/// What dw wants Slack to hold, for the flags given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wanted {
    /// `--post`: the announcement's text.
    pub post: Option<String>,
    /// `--topic`: the channel topic, escaped and cut.
    pub topic: Option<String>,
    /// `--group`: the user group's members (Slack user IDs).
    pub group: Option<Vec<String>>,
}

/// What dw read of one thing in Slack.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Read<T> {
    /// Not read: a dry run without a token, so dw cannot tell.
    #[default]
    Unknown,
    /// Slack holds this.
    Is(T),
}

/// What Slack holds now, for the flags given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The `ts` of this week's announcement in the channel, if there is one.
    pub post: Read<Option<String>>,
    /// The channel's topic.
    pub topic: Read<String>,
    /// The user group's members.
    pub group: Read<Vec<String>>,
}

/// The post's step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostAction {
    Send,
    /// The week is announced in the channel already (the message's `ts`).
    AlreadyPosted(String),
}

/// The topic's step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicAction {
    Set,
    AlreadySet,
}

/// The user group's step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupAction {
    Update,
    AlreadyHolds,
}

/// What to send: one action per flag given, `None` for the others.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decision {
    pub post: Option<PostAction>,
    pub topic: Option<TopicAction>,
    pub group: Option<GroupAction>,
}

#[cfg(test)]
impl Decision {
    /// How many writes it sends.
    pub fn writes(&self) -> usize {
        usize::from(self.post == Some(PostAction::Send))
            + usize::from(self.topic == Some(TopicAction::Set))
            + usize::from(self.group == Some(GroupAction::Update))
    }
}

/// Decide each step from what was read. What dw could not read is written
/// (only a dry run without a token cannot read: it sends nothing anyway).
pub fn decide(wanted: &Wanted, found: &Found) -> Decision {
    Decision {
        post: wanted.post.as_ref().map(|_| match &found.post {
            Read::Is(Some(ts)) => PostAction::AlreadyPosted(ts.clone()),
            Read::Is(None) | Read::Unknown => PostAction::Send,
        }),
        topic: wanted.topic.as_ref().map(|t| match &found.topic {
            Read::Is(current) if same_topic(current, t) => TopicAction::AlreadySet,
            _ => TopicAction::Set,
        }),
        group: wanted.group.as_ref().map(|users| match &found.group {
            Read::Is(current) if same_members(current, users) => GroupAction::AlreadyHolds,
            _ => GroupAction::Update,
        }),
    }
}

/// One of `announce`'s writes, in the order they are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Post,
    Topic,
    Group,
}

/// What came of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Sent, and Slack said `ok`.
    Done,
    /// Slack already held it: nothing sent.
    Already,
    /// `--dry-run`: shown, not sent.
    DryRun,
    /// Sent, and it failed (see `error`).
    Failed,
    /// To be sent, but not sent.
    NotSent,
}

/// The post's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostReport {
    pub status: Status,
    pub channel: String,
    /// The message's `ts`: the one posted, or the one found.
    pub ts: Option<String>,
    pub error: Option<String>,
}

/// The topic's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicReport {
    pub status: Status,
    pub channel: String,
    pub topic: String,
    pub error: Option<String>,
}

/// The user group's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupReport {
    pub status: Status,
    /// As the roster names it (handle or ID).
    pub group: String,
    pub users: Vec<String>,
    pub error: Option<String>,
}

/// Every step's outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub post: Option<PostReport>,
    pub topic: Option<TopicReport>,
    pub group: Option<GroupReport>,
}

impl Report {
    /// The outcomes before anything is sent: `already` for what Slack holds,
    /// `dry_run` or `not_sent` for the writes. `group` is the roster's.
    pub fn planned(
        decision: &Decision,
        wanted: &Wanted,
        channel: &str,
        group: &str,
        dry_run: bool,
    ) -> Report {
        let write = if dry_run {
            Status::DryRun
        } else {
            Status::NotSent
        };
        Report {
            post: decision.post.as_ref().map(|a| {
                let (status, ts) = match a {
                    PostAction::Send => (write, None),
                    PostAction::AlreadyPosted(ts) => (Status::Already, Some(ts.clone())),
                };
                PostReport {
                    status,
                    channel: channel.to_string(),
                    ts,
                    error: None,
                }
            }),
            topic: decision.topic.map(|a| TopicReport {
                status: match a {
                    TopicAction::Set => write,
                    TopicAction::AlreadySet => Status::Already,
                },
                channel: channel.to_string(),
                topic: wanted.topic.clone().unwrap_or_default(),
                error: None,
            }),
            group: decision.group.map(|a| GroupReport {
                status: match a {
                    GroupAction::Update => write,
                    GroupAction::AlreadyHolds => Status::Already,
                },
                group: group.to_string(),
                users: wanted.group.clone().unwrap_or_default(),
                error: None,
            }),
        }
    }

    /// Record the answer to `step`'s write: done (a post with its `ts`),
    /// or failed with this error.
    pub fn record(&mut self, step: Step, answer: Result<Option<String>, String>) {
        let (status, error) = match &answer {
            Ok(_) => (Status::Done, None),
            Err(e) => (Status::Failed, Some(e.clone())),
        };
        match step {
            Step::Post => {
                if let Some(p) = self.post.as_mut() {
                    p.status = status;
                    p.error = error;
                    if let Ok(Some(ts)) = answer {
                        p.ts = Some(ts);
                    }
                }
            }
            Step::Topic => {
                if let Some(t) = self.topic.as_mut() {
                    t.status = status;
                    t.error = error;
                }
            }
            Step::Group => {
                if let Some(g) = self.group.as_mut() {
                    g.status = status;
                    g.error = error;
                }
            }
        }
    }

    fn statuses(&self) -> [Option<Status>; 3] {
        [
            self.post.as_ref().map(|p| p.status),
            self.topic.as_ref().map(|t| t.status),
            self.group.as_ref().map(|g| g.status),
        ]
    }

    /// Whether some step is done or was in place (so a failure is partial).
    pub fn partly_done(&self) -> bool {
        self.statuses()
            .iter()
            .flatten()
            .any(|s| matches!(s, Status::Done | Status::Already))
    }

    /// Whether every step found its result already in place.
    pub fn all_already(&self) -> bool {
        let statuses = self.statuses();
        statuses.iter().any(Option::is_some)
            && statuses.iter().flatten().all(|s| *s == Status::Already)
    }
}

/// What `announce` prints: each step done or already in place (failed
/// steps are the error on stderr), then a line when nothing was sent.
pub fn summary(report: &Report, week: WeekIx) -> String {
    let mut out = String::new();
    if let Some(p) = &report.post {
        match p.status {
            Status::Done => {
                out.push_str(&format!("Posted week {week}'s ranks in {}.\n", p.channel))
            }
            Status::Already => out.push_str(&format!(
                "Week {week}'s ranks are already posted in {} (at {}): not posted again.\n",
                p.channel,
                p.ts.as_deref().unwrap_or("?")
            )),
            _ => {}
        }
    }
    if let Some(t) = &report.topic {
        match t.status {
            Status::Done => {
                out.push_str(&format!("Topic of {} set to \"{}\".\n", t.channel, t.topic))
            }
            Status::Already => out.push_str(&format!(
                "Topic of {} already set to \"{}\".\n",
                t.channel, t.topic
            )),
            _ => {}
        }
    }
    if let Some(g) = &report.group {
        let handle = g.group.trim_start_matches('@');
        let users = g.users.join(", ");
        match g.status {
            Status::Done => out.push_str(&format!("@{handle} is now {users}.\n")),
            Status::Already => out.push_str(&format!("@{handle} already holds {users}.\n")),
            _ => {}
        }
    }
    if report.all_already() {
        out.push_str("Nothing sent: Slack already shows all of it.\n");
    }
    out
}

#[cfg(test)]
#[path = "announce_tests.rs"]
mod tests;
