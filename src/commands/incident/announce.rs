//! `incident start`'s Slack side, thin: look in the incident channel for the
//! incident's announcement (its metadata) when an earlier run may have
//! posted it, post it when it is missing, look again when a post's answer
//! is lost. What to do is decided in `crate::incident_start`.

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::incident_start::{
    history_oldest, is_announcement, lost_post, metadata, step, Looked, LostPost, Settled, Step,
};
use crate::pagerduty::Incident;
use crate::slack::Slack;

/// The Slack half of `--json`.
#[derive(Serialize)]
pub(super) struct SlackOut {
    /// This run posted the announcement.
    pub posted: bool,
    /// The channel held the announcement already (an earlier run's): `ts` is its.
    pub already: bool,
    pub channel: Option<String>,
    /// The announcement's `ts`: the one posted, or the one found.
    pub ts: Option<String>,
    pub error: Option<String>,
}

/// What came of the Slack side: the JSON, a line for stderr, the failure.
pub(super) struct Announced {
    pub out: SlackOut,
    pub note: Option<String>,
    pub error: Option<Error>,
}

impl Announced {
    /// Nothing done yet (in `channel`).
    pub fn nothing(channel: Option<&str>) -> Self {
        Announced {
            out: SlackOut {
                posted: false,
                already: false,
                channel: channel.map(String::from),
                ts: None,
                error: None,
            },
            note: None,
            error: None,
        }
    }
}

/// The incident to announce, and where.
pub(super) struct Post<'a> {
    pub slack: &'a Slack<'a>,
    pub settled: &'a Settled,
    pub channel: Option<&'a str>,
    pub incident: &'a Incident,
    pub key: &'a str,
    /// The message, escaped.
    pub text: String,
    /// Why this channel (the roster's incident channel, …).
    pub why: &'a str,
    pub now: DateTime<Utc>,
}

/// Looks for the incident's announcement in a channel's history since
/// just before the incident opened; the channel's ID is looked up once.
struct Finder<'a> {
    post: &'a Post<'a>,
    channel_id: RefCell<Option<String>>,
}

impl Finder<'_> {
    fn find(&self, channel: &str) -> Result<Option<String>> {
        let slack = self.post.slack;
        let cached = self.channel_id.borrow().clone();
        let id = match cached {
            Some(id) => id,
            None => {
                let id = slack.channel_id(channel)?;
                *self.channel_id.borrow_mut() = Some(id.clone());
                id
            }
        };
        let incident = self.post.incident;
        let oldest = history_oldest(incident.created_at.as_deref(), self.post.now);
        let found = slack.find_message(&id, &oldest, |m| {
            is_announcement(m, &incident.id, self.post.key)
        })?;
        Ok(found.map(|m| ts_of(&m)))
    }

    /// What the channel holds, and the error when it could not be read.
    fn look(&self, channel: &str) -> (Looked, Option<Error>) {
        match self.find(channel) {
            Ok(Some(ts)) => (Looked::Found(ts), None),
            Ok(None) => (Looked::Missing, None),
            Err(e) => (Looked::Unreadable(e.one_line()), Some(e)),
        }
    }
}

/// Announce the incident if it needs it (see `crate::incident_start::step`).
pub(super) fn announce(post: &Post<'_>) -> Announced {
    let mut done = Announced::nothing(post.channel);
    let finder = Finder {
        post,
        channel_id: RefCell::default(),
    };
    let mut next = step(post.settled, post.channel, &Looked::NotYet);
    let mut look_error = None;
    if let Step::Look(channel) = &next {
        let (looked, e) = finder.look(channel);
        look_error = e;
        next = step(post.settled, post.channel, &looked);
    }
    match next {
        Step::NoPost | Step::Look(_) => {}
        Step::Already { channel, ts } => {
            done.note = Some(format!(
                "dw: already announced in {channel} (at {ts}): not posted again"
            ));
            done.out.already = true;
            done.out.ts = Some(ts);
        }
        Step::CannotTell { channel, why } => {
            let e = look_error.unwrap_or_else(|| Error::service(why));
            let hint = format!(
                "{}then run the same command again; meanwhile look in {channel} and, if the \
                 incident is not announced there, post its URL by hand",
                e.hint().map(|h| format!("{h}; ")).unwrap_or_default()
            );
            let e = e
                .context(&format!(
                    "the incident is open (URL above), but dw cannot tell whether it is \
                     announced in {channel}, so it posted nothing (rather than announce it \
                     twice): "
                ))
                .with_hint(hint);
            done.out.error = Some(e.one_line());
            done.error = Some(e);
        }
        Step::Post { channel, repair } => send(post, &finder, &channel, repair, &mut done),
    }
    done
}

/// Post the announcement with its metadata; after a lost answer, look again
/// instead of resending.
fn send(post: &Post<'_>, finder: &Finder<'_>, channel: &str, repair: bool, done: &mut Announced) {
    let req = post.slack.post_message_with_metadata_request(
        channel,
        &post.text,
        metadata(&post.incident.id, post.key),
    );
    let posted = |done: &mut Announced, ts: String, how: &str| {
        done.out.posted = true;
        done.out.ts = Some(ts);
        done.note = Some(format!("dw: posted in {channel} ({}){how}", post.why));
    };
    let repaired = if repair {
        ": the incident was open already, and no earlier run had announced it there"
    } else {
        ""
    };
    let failed = |done: &mut Announced, e: Error, suffix: String| {
        let e = e
            .context("the incident is open (URL above), but posting it in Slack failed: ")
            .suffixed(&suffix);
        done.out.error = Some(e.one_line());
        done.error = Some(e);
    };
    match post.slack.call(&req) {
        Ok(body) => posted(done, ts_of(&body), repaired),
        // Never resent blindly: Slack may have taken it before failing.
        Err(e) if e.is_ambiguous() => {
            let (looked, lookup) = finder.look(channel);
            match lost_post(&looked) {
                LostPost::Arrived(ts) => posted(
                    done,
                    ts,
                    &format!("{repaired}; Slack's answer was lost, and the post was found there"),
                ),
                LostPost::NotArrived => failed(
                    done,
                    Error::from(e),
                    format!(
                        " (dw looked in {channel} afterwards and the post is not there; it is \
                         not resent now, in case Slack shows it late: the same command again \
                         looks again and posts it only if it is still missing)"
                    ),
                ),
                LostPost::Unknown(why) => failed(
                    done,
                    Error::from(e),
                    format!(
                        " (and looking for the post in {channel} afterwards failed too: {}; so \
                         dw cannot tell whether it arrived: look in {channel} and, if it is \
                         missing, post the incident's URL there by hand)",
                        lookup.map(|l| l.to_string()).unwrap_or(why)
                    ),
                ),
            }
        }
        Err(e) => failed(
            done,
            Error::from(e),
            format!(
                " (the same command again looks in {channel} for the post and posts it if it is \
                 missing; or post the incident's URL there by hand)"
            ),
        ),
    }
}

/// A message's `ts` (from `chat.postMessage` or `conversations.history`).
fn ts_of(message: &Value) -> String {
    message
        .get("ts")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}
