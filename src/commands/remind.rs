//! `dw remind`: in the 24 hours before a handoff, a Slack DM to each incoming
//! primary and secondary. Without `--post` the messages are printed.
//!
//! The decisions are in `crate::remind`; this reads Slack, sends, and prints.
//! A rerun never sends a reminder twice: each message carries metadata
//! (`dw_remind`, the handoff and the role), and before posting dw opens the
//! DM (`conversations.open`) and reads it since the window opened
//! (`conversations.history` with `include_all_metadata`). A dry run looks
//! for the DM without opening one (`prevent_creation`).

use serde::Serialize;

use crate::cli::RemindArgs;
use crate::error::{Error, Kind, Result};
use crate::http::Request;
use crate::invocation::access;
use crate::remind::{self, Dm, Due, First, Mode, Outcome, Recheck, Settled, Status, Step};
use crate::render;
use crate::render::remind::{
    is_reminder, metadata, no_dm_yet_line, no_slack_id_warning, not_yet_text, preview,
    reminder_text, slack_ts, summary_line, unopened_dm, Handoff, Reminder, Window,
};
use crate::slack::Slack;

use super::Context;
use crate::clients;

#[derive(Serialize)]
struct Out<'a> {
    handoff: String,
    window_opens: String,
    in_window: bool,
    reminders: Vec<Outcome<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    requests: Vec<clients::Shown<'a>>,
}

/// Remind the incoming primary and secondary, or say when the window opens.
pub fn run(ctx: &Context, args: &RemindArgs) -> Result<()> {
    let mode = Mode::of(args.post, args.dry_run);
    let (window, h, reminders) = match remind::due(&ctx.roster, &ctx.rotation(), ctx.asked)? {
        Due::NotYet(window) => {
            if ctx.inv.global.json {
                return print_json(ctx, &window, window.handoff(), false, Vec::new(), &[]);
            }
            return super::print(&not_yet_text(&window));
        }
        Due::Open {
            window,
            handoff,
            reminders,
        } => (window, handoff, reminders),
    };
    for r in reminders.iter().filter(|r| r.person.slack.is_none()) {
        eprintln!("{}", no_slack_id_warning(r));
    }
    if mode == Mode::Preview {
        if ctx.inv.global.json {
            let outcomes = reminders
                .iter()
                .map(|r| match remind::first(r, mode) {
                    First::Settled(status) => Outcome::new(&h, r, status),
                    First::Read { .. } => Outcome::new(&h, r, Status::Preview),
                })
                .collect();
            return print_json(ctx, &window, &h.start, true, outcomes, &[]);
        }
        ctx.note("dw: preview only; --post sends these as Slack direct messages");
        return super::print(&preview(&h, &reminders));
    }
    let token = ctx
        .inv
        .credentials
        .slack_for(mode == Mode::DryRun, &[&access::REMIND_POST])?;
    let can_read = !token.is_empty();
    let http = clients::http(&ctx.inv)?;
    let slack = clients::slack(&ctx.inv, &http, token)?;
    let oldest = slack_ts(window.opens());
    let mut outcomes = Vec::new();
    let mut requests: Vec<Request> = Vec::new();
    let mut summary = String::new();
    for r in &reminders {
        let user = match remind::first(r, mode) {
            First::Settled(status) => {
                outcomes.push(Outcome::new(&h, r, status));
                continue;
            }
            First::Read { user } => user,
        };
        let reminded =
            |dm: &str| slack.find_message(dm, &oldest, |m| is_reminder(m, &h.start, &r.role));
        let dm = match (mode, can_read) {
            (Mode::DryRun, false) => Dm::NotRead,
            (Mode::DryRun, true) => match slack.existing_dm(user)? {
                None => Dm::Missing,
                Some(channel) => Dm::Read {
                    reminded: reminded(&channel)?.is_some(),
                    channel,
                },
            },
            _ => {
                let channel = slack.open_dm(user)?;
                Dm::Read {
                    reminded: reminded(&channel)?.is_some(),
                    channel,
                }
            }
        };
        if dm == Dm::Missing {
            summary.push_str(&no_dm_yet_line(r, user));
        }
        let step = remind::step(dm, mode);
        let mut status = remind::status_of(&step);
        match &step {
            Step::AlreadySent => {}
            Step::Show { channel } => {
                let to = channel.clone().unwrap_or_else(|| unopened_dm(user));
                requests.push(post_request(&slack, &to, &h, r));
            }
            Step::Post { channel } => {
                if let Err(e) = slack.call(&post_request(&slack, channel, &h, r)) {
                    // Never resent blindly: Slack may have taken it before
                    // failing. Look again (opening the DM anew, as a retried
                    // job would); if it is there, it was sent.
                    let again = slack.open_dm(user).and_then(|dm| reminded(&dm));
                    let (recheck, lookup) = match again {
                        Ok(Some(_)) => (Recheck::Found, None),
                        Ok(None) => (Recheck::Missing, None),
                        Err(lookup) => (Recheck::Failed, Some(lookup)),
                    };
                    match (remind::after_failed_post(recheck), lookup) {
                        (Settled::Sent, _) => status = Status::Sent,
                        (Settled::Unknown, Some(lookup)) => {
                            return Err(with_lookup_failure(e.into(), &lookup))
                        }
                        _ => return Err(e.into()),
                    }
                }
            }
        }
        summary.extend(summary_line(r, status));
        outcomes.push(Outcome::new(&h, r, status));
    }
    if ctx.inv.global.json {
        return print_json(ctx, &window, &h.start, true, outcomes, &requests);
    }
    if mode == Mode::DryRun {
        summary.push_str(&clients::dry_run_all(false, false, &requests));
    }
    super::print(&summary)
}

fn post_request(slack: &Slack<'_>, channel: &str, h: &Handoff, r: &Reminder) -> Request {
    slack.post_message_with_metadata_request(
        channel,
        &reminder_text(h, r),
        metadata(&h.start, &r.role),
    )
}

fn print_json(
    ctx: &Context,
    window: &Window,
    handoff: &chrono::DateTime<chrono_tz::Tz>,
    in_window: bool,
    reminders: Vec<Outcome<'_>>,
    requests: &[Request],
) -> Result<()> {
    super::print(&super::json(
        &ctx.inv,
        &Out {
            handoff: render::rfc3339(handoff),
            window_opens: render::rfc3339(window.opens()),
            in_window,
            reminders,
            requests: clients::shown(requests),
        },
    ))
}

/// The post's error, saying that looking for the message afterwards failed too.
fn with_lookup_failure(post: Error, lookup: &crate::slack::ApiError) -> Error {
    if post.kind() != Kind::Service {
        return post;
    }
    post.suffixed(&format!(
        " (and looking for the DM afterwards failed too: {lookup}; so dw cannot tell whether it arrived)"
    ))
}
