//! `dw remind`: in the 24 hours before a handoff, a Slack DM to each incoming
//! primary and secondary. Without `--post` the messages are printed.
//!
//! A rerun never sends a reminder twice: each message carries metadata
//! (`dw_remind`, the handoff and the role), and before posting dw opens the
//! DM (`conversations.open`) and reads it since the window opened
//! (`conversations.history` with `include_all_metadata`).

use serde::Serialize;

use crate::cli::RemindArgs;
use crate::error::{Error, Kind, Result};
use crate::http::Request;
use crate::invocation::access;
use crate::render;
use crate::render::remind::{
    is_reminder, metadata, not_yet_text, preview, reminder_text, slack_ts, Handoff, Reminder,
    Window,
};

use super::{person, Context};
use crate::clients;
use crate::handbook;

/// The ranks reminded: the first two (primary and secondary in the bundled roster).
const RANKS: usize = 2;

/// One reminder's outcome, for `--json` and the summary.
#[derive(Serialize)]
struct Outcome<'a> {
    rank: usize,
    role: &'a str,
    id: &'a str,
    slack: Option<&'a str>,
    /// `preview`, `sent`, `already_sent`, `dry_run`, or `no_slack_id`.
    status: &'static str,
    text: String,
}

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
    if args.dry_run && !args.post {
        return Err(Error::usage(
            "--dry-run shows the requests of --post, which was not given",
            "run dw remind --post --dry-run, or dw remind for a preview",
        ));
    }
    let rot = ctx.rotation();
    // The moment as asked, not clamped to week 0: before the rotation
    // starts, the next handoff is the first one, week 0's start.
    let k = rot.next_handoff(&ctx.asked);
    let window = Window::at(ctx.asked, rot.week_start(k as i64));
    if let Window::NotYet { .. } = window {
        if ctx.inv.global.json {
            return super::print(&super::json(
                &ctx.inv,
                &Out {
                    handoff: render::rfc3339(window.handoff()),
                    window_opens: render::rfc3339(window.opens()),
                    in_window: false,
                    reminders: Vec::new(),
                    requests: Vec::new(),
                },
            ));
        }
        return super::print(&not_yet_text(&window));
    }
    let Some((outgoing, incoming)) = rot.handoff(k) else {
        return Err(Error::usage(
            "the handoff is past the last week dw computes",
            "pass an earlier --at",
        ));
    };
    let (start, end) = rot.bounds(k);
    let h = Handoff {
        team: ctx.roster.team.name.clone(),
        start,
        end,
        outgoing_primary: outgoing
            .as_ref()
            .and_then(|w| w.ranks.first())
            .map(|s| person(&ctx.roster, s.member)),
        incoming_primary: incoming
            .ranks
            .first()
            .map(|s| person(&ctx.roster, s.member)),
        channel: ctx.roster.slack.channel.clone(),
        roles: (1..=RANKS).map(|k| ctx.roster.role_name(k)).collect(),
        prepare: handbook::prepare(&ctx.roster).to_string(),
        meeting: handbook::meeting(&ctx.roster).to_string(),
    };
    let reminders: Vec<Reminder> = incoming
        .ranks
        .iter()
        .take(RANKS)
        .enumerate()
        .map(|(i, s)| Reminder {
            rank: i + 1,
            role: ctx.roster.role_name(i + 1),
            person: person(&ctx.roster, s.member),
            duties: handbook::duties(&ctx.roster, i + 1),
        })
        .collect();
    for r in reminders.iter().filter(|r| r.person.slack.is_none()) {
        eprintln!(
            "dw: {} ({}, {}) has no Slack user ID in the roster, so gets no reminder\n  hint: add slack = \"U…\" to member \"{}\" (Slack: profile → ⋮ → Copy member ID)",
            r.person.id, r.person.name, r.role, r.person.id
        );
    }
    if !args.post {
        if ctx.inv.global.json {
            let outcomes = reminders
                .iter()
                .map(|r| {
                    outcome(
                        &h,
                        r,
                        if r.person.slack.is_some() {
                            "preview"
                        } else {
                            "no_slack_id"
                        },
                    )
                })
                .collect();
            return super::print(&super::json(
                &ctx.inv,
                &Out {
                    handoff: render::rfc3339(&h.start),
                    window_opens: render::rfc3339(window.opens()),
                    in_window: true,
                    reminders: outcomes,
                    requests: Vec::new(),
                },
            ));
        }
        ctx.note("dw: preview only; --post sends these as Slack direct messages");
        return super::print(&preview(&h, &reminders));
    }
    let token = ctx
        .inv
        .credentials
        .slack_for(args.dry_run, &[&access::REMIND_POST])?;
    let can_read = !token.is_empty();
    let http = clients::http(&ctx.inv)?;
    let slack = clients::slack(&ctx.inv, &http, token)?;
    let oldest = slack_ts(window.opens());
    let mut outcomes = Vec::new();
    let mut requests: Vec<Request> = Vec::new();
    let mut summary = String::new();
    for r in &reminders {
        let Some(user) = r.person.slack.as_deref() else {
            outcomes.push(outcome(&h, r, "no_slack_id"));
            continue;
        };
        // Already sent in this window (an earlier run, a retried job)?
        if can_read {
            let dm = slack.open_dm(user)?;
            if slack
                .find_message(&dm, &oldest, |m| is_reminder(m, &h.start, &r.role))?
                .is_some()
            {
                summary.push_str(&format!(
                    "{} ({}) was already reminded of this handoff.\n",
                    r.person.name, r.role
                ));
                outcomes.push(outcome(&h, r, "already_sent"));
                continue;
            }
        }
        let req = slack.post_message_with_metadata_request(
            user,
            &reminder_text(&h, r),
            metadata(&h.start, &r.role),
        );
        if args.dry_run {
            requests.push(req);
            outcomes.push(outcome(&h, r, "dry_run"));
            continue;
        }
        if let Err(e) = slack.call(&req) {
            // Never resent blindly: Slack may have taken it before failing.
            // Look again; if it is there, it was sent.
            let landed = slack.open_dm(user).and_then(|dm| {
                slack.find_message(&dm, &oldest, |m| is_reminder(m, &h.start, &r.role))
            });
            match landed {
                Ok(Some(_)) => {}
                Ok(None) => return Err(e.into()),
                // The post's failure is what matters; the lookup's is context.
                Err(lookup) => return Err(with_lookup_failure(e.into(), &lookup)),
            }
        }
        summary.push_str(&format!(
            "Reminded {} ({}) by Slack DM.\n",
            r.person.name, r.role
        ));
        outcomes.push(outcome(&h, r, "sent"));
    }
    if ctx.inv.global.json {
        return super::print(&super::json(
            &ctx.inv,
            &Out {
                handoff: render::rfc3339(&h.start),
                window_opens: render::rfc3339(window.opens()),
                in_window: true,
                reminders: outcomes,
                requests: clients::shown(&requests),
            },
        ));
    }
    if args.dry_run {
        summary.push_str(&clients::dry_run_all(false, false, &requests));
    }
    super::print(&summary)
}

fn outcome<'a>(h: &Handoff, r: &'a Reminder, status: &'static str) -> Outcome<'a> {
    Outcome {
        rank: r.rank,
        role: &r.role,
        id: &r.person.id,
        slack: r.person.slack.as_deref(),
        status,
        text: reminder_text(h, r),
    }
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
