//! `dw remind` decided without I/O, as `sync::apply` decides a sync: who is
//! due a reminder, and for each one what the DM that Slack showed means
//! (send, already sent, show the request). The command reads the roster and
//! Slack, asks this module, sends, and prints; the texts are in
//! `render::remind`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::handbook;
use crate::invocation::context::person;
use crate::render::remind::{reminder_text, Handoff, Reminder, Window};
use crate::roster::{Rank, Roster};
use crate::rotation::Rotation;

/// The ranks reminded: the first two (primary and secondary in the bundled roster).
pub const RANKS: usize = 2;

/// What the flags ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Print the messages (no `--post`; `--dry-run` alone previews too, as
    /// `dw handoff` and `dw announce` do).
    Preview,
    /// `--post --dry-run`: read Slack without changing it, show the posts.
    DryRun,
    /// `--post`: send.
    Post,
}

impl Mode {
    pub fn of(post: bool, dry_run: bool) -> Mode {
        match (post, dry_run) {
            (false, _) => Mode::Preview,
            (true, true) => Mode::DryRun,
            (true, false) => Mode::Post,
        }
    }
}

/// What became of one reminder (`status` in `--json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Printed, not sent (no `--post`).
    Preview,
    Sent,
    /// The DM holds this handoff's reminder already (an earlier run).
    AlreadySent,
    /// `--post --dry-run`: the post is shown, not sent.
    DryRun,
    /// The member has no Slack user ID in the roster.
    NoSlackId,
}

/// Where the moment stands, and who is reminded of which handoff.
#[derive(Debug, Clone)]
pub enum Due {
    /// Before the window: nothing to send until it opens.
    NotYet(Window),
    /// Inside the window: these reminders, in rank order.
    Open {
        window: Window,
        handoff: Box<Handoff>,
        reminders: Vec<Reminder>,
    },
}

/// The next handoff after `asked` (the moment as asked, not clamped to week
/// 0: before the rotation starts the next handoff is the first one) and its
/// reminders, in the roster's words.
pub fn due(roster: &Roster, rot: &Rotation<'_>, asked: DateTime<Utc>) -> Result<Due> {
    let k = rot.next_handoff(&asked);
    let window = Window::at(asked, rot.week_start(k));
    if let Window::NotYet { .. } = window {
        return Ok(Due::NotYet(window));
    }
    let Some((outgoing, incoming)) = rot.handoff(k) else {
        return Err(Error::usage(
            "the handoff is past the last week dw computes",
            "pass an earlier --at",
        ));
    };
    let (start, end) = rot.bounds(k);
    let handoff = Handoff {
        team: roster.team.name.clone(),
        start,
        end,
        outgoing_primary: outgoing
            .as_ref()
            .and_then(|w| w.ranks.first())
            .map(|s| person(roster, s.member)),
        incoming_primary: incoming.ranks.first().map(|s| person(roster, s.member)),
        channel: roster.slack.channel.clone(),
        roles: Rank::up_to(RANKS).map(|k| roster.role_name(k)).collect(),
        prepare: handbook::prepare(roster).to_string(),
        meeting: handbook::meeting(roster).to_string(),
    };
    let reminders = incoming
        .ranks
        .iter()
        .take(RANKS)
        .enumerate()
        .map(|(i, s)| Reminder {
            rank: Rank::from_index(i),
            role: roster.role_name(Rank::from_index(i)),
            person: person(roster, s.member),
            duties: handbook::duties(roster, Rank::from_index(i)),
        })
        .collect();
    Ok(Due::Open {
        window,
        handoff: Box::new(handoff),
        reminders,
    })
}

/// What a reminder comes to before Slack is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum First<'a> {
    /// Settled without Slack: a preview, or nobody to send it to.
    Settled(Status),
    /// Slack decides: read the DM with this user.
    Read { user: &'a str },
}

/// Whether a reminder needs Slack at all.
pub fn first(r: &Reminder, mode: Mode) -> First<'_> {
    match (r.person.slack.as_deref(), mode) {
        (None, _) => First::Settled(Status::NoSlackId),
        (Some(_), Mode::Preview) => First::Settled(Status::Preview),
        (Some(user), Mode::DryRun | Mode::Post) => First::Read { user },
    }
}

/// What Slack showed of the member's DM with dw's bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dm {
    /// The DM (`D…`), and whether it holds this handoff's reminder.
    Read { channel: String, reminded: bool },
    /// There is no DM yet (a dry run asks without opening one): so no
    /// reminder in it either.
    Missing,
    /// Not read: a dry run without `SLACK_TOKEN`.
    NotRead,
}

/// What to do for one reminder once its DM was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Nothing to send: already reminded.
    AlreadySent,
    /// Post in the DM `channel`; Slack documents posting to the opened `D…`.
    Post { channel: String },
    /// A dry run: show the post, to `channel` when the DM is known; `None`
    /// when it is not open yet (a real run opens it first).
    Show { channel: Option<String> },
}

/// Decide one reminder from its DM. A real run always opens the DM, so
/// reads it; a DM not read is never posted to.
pub fn step(dm: Dm, mode: Mode) -> Step {
    match (dm, mode) {
        (Dm::Read { reminded: true, .. }, _) => Step::AlreadySent,
        (Dm::Read { channel, .. }, Mode::Post) => Step::Post { channel },
        (Dm::Read { channel, .. }, _) => Step::Show {
            channel: Some(channel),
        },
        (Dm::Missing | Dm::NotRead, _) => Step::Show { channel: None },
    }
}

/// What looking in the DM again found after a post failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recheck {
    /// The reminder is there: Slack took the post before failing.
    Found,
    /// It is not there: the post failed.
    Missing,
    /// The lookup failed too: nobody can tell.
    Failed,
}

/// How a failed post ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// It arrived after all.
    Sent,
    /// Report the post's error.
    PostFailed,
    /// Report the post's error, saying the lookup failed as well.
    Unknown,
}

/// A failed post is never resent blindly (Slack may have taken it): what
/// the second look found settles it.
pub fn after_failed_post(recheck: Recheck) -> Settled {
    match recheck {
        Recheck::Found => Settled::Sent,
        Recheck::Missing => Settled::PostFailed,
        Recheck::Failed => Settled::Unknown,
    }
}

/// The status a step ends in when it goes as planned.
pub fn status_of(step: &Step) -> Status {
    match step {
        Step::AlreadySent => Status::AlreadySent,
        Step::Post { .. } => Status::Sent,
        Step::Show { .. } => Status::DryRun,
    }
}

/// One reminder's outcome, for `--json` and the summary.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome<'a> {
    pub rank: Rank,
    pub role: &'a str,
    pub id: &'a str,
    pub slack: Option<&'a str>,
    pub status: Status,
    pub text: String,
}

impl<'a> Outcome<'a> {
    pub fn new(h: &Handoff, r: &'a Reminder, status: Status) -> Self {
        Outcome {
            rank: r.rank,
            role: &r.role,
            id: &r.person.id,
            slack: r.person.slack.as_deref(),
            status,
            text: reminder_text(h, r),
        }
    }
}

#[cfg(test)]
#[path = "remind_tests.rs"]
mod tests;
