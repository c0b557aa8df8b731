//! `dw handoff`: notes for the next handoff, optionally posted to the team channel.
//!
//! The decisions are in `crate::handoff`; this reads the roster, PagerDuty
//! and the customer issues, posts, and prints.

use crate::cli::HandoffArgs;
use crate::error::{Error, Result};
use crate::files;
use crate::handoff::{self, Delivery, Facts, Read, Services};
use crate::http::Request;
use crate::invocation::access;
use crate::invocation::Invocation;
use crate::pagerduty::PagerDuty;
use crate::render::notes::{handoff_markdown, handoff_slack, Handoff};

use super::Context;
use crate::clients;

/// Build the notes for the handoff that ends the current week; post them with `--post`.
pub fn run(ctx: &Context, args: &HandoffArgs) -> Result<()> {
    let delivery = Delivery::of(args.post, args.dry_run);
    let rot = ctx.rotation();
    let k = ctx.current_week(&rot)?;
    let (shift_start, handoff_at) = rot.bounds(k);
    let Some((Some(outgoing), incoming)) = rot.handoff(k + 1) else {
        return Err(Error::usage(
            "the handoff is past the last week dw computes",
            "pass an earlier --at",
        ));
    };
    let slack_target = match delivery {
        Delivery::Print => None,
        Delivery::DryRun | Delivery::Post => {
            let channel = ctx.team_channel()?;
            let token = ctx
                .inv
                .credentials
                .slack_for(delivery == Delivery::DryRun, &[&access::HANDOFF_POST])?;
            Some((channel, token))
        }
    };
    let issues = customer_issues(&ctx.inv, args)?;
    let http = clients::http(&ctx.inv)?;
    // Check DW_SLACK_URL before any request: a refused base URL sends nothing.
    let slack = match &slack_target {
        Some((channel, token)) => Some((channel, clients::slack(&ctx.inv, &http, token.clone())?)),
        None => None,
    };
    let (read, failure) = match ctx.inv.credentials.pagerduty_opt()? {
        None => (Read::NotFetched("PAGERDUTY_TOKEN is not set".into()), None),
        Some(token) => {
            let pd = clients::pagerduty(&ctx.inv, &http, token, None)?;
            match team_services(ctx, &pd) {
                Err(reason) => (Read::NotFetched(reason), None),
                Ok(ids) => read_incidents(ctx, &pd, ids, &shift_start),
            }
        }
    };
    let now = ctx.now;
    let notes = handoff::notes(Facts {
        roster: &ctx.roster,
        outgoing: &outgoing,
        incoming: &incoming,
        shift_start,
        handoff: handoff_at,
        incidents: handoff::incidents(read, shift_start.with_timezone(&chrono::Utc), now),
        issues,
    });
    let post = slack.as_ref().map(|(channel, slack)| {
        (
            *channel,
            slack,
            slack.post_message_request(channel, &handoff_slack(&notes)),
        )
    });
    let dry_requests: Vec<Request> = match &post {
        Some((_, _, req)) if delivery == Delivery::DryRun => vec![req.clone()],
        _ => Vec::new(),
    };
    let mut out = if ctx.inv.global.json {
        json(ctx, &notes, http.notices(), &dry_requests)
    } else {
        handoff_markdown(&notes)
    };
    if let Some((channel, slack, req)) = post {
        if delivery == Delivery::DryRun {
            if !ctx.inv.global.json {
                out.push_str(&format!("\n{}", clients::dry_run(&req)));
            }
        } else {
            // Post first: a closed stdout (`dw handoff --post | head`) must not skip it.
            slack.call(&req)?;
            ctx.note(&format!("dw: handoff notes posted in {channel}"));
        }
    }
    super::print(&out)?;
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// One document: the notes, and under --dry-run the request not sent.
fn json(ctx: &Context, notes: &Handoff, warnings: Vec<String>, requests: &[Request]) -> String {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        notes: &'a Handoff,
        /// What dw warned about on stderr too, e.g. a list cut short.
        warnings: Vec<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        requests: Vec<clients::Shown<'a>>,
    }
    super::json(
        &ctx.inv,
        &Out {
            notes,
            warnings,
            requests: clients::shown(requests),
        },
    )
}

/// The team's incidents: the open ones and the ending shift's candidates,
/// both lists at once (they do not depend on each other). A failure is
/// kept for the exit code, after the notes are printed.
fn read_incidents(
    ctx: &Context,
    pd: &PagerDuty<'_>,
    service_ids: Vec<String>,
    shift_start: &chrono::DateTime<chrono_tz::Tz>,
) -> (Read, Option<Error>) {
    let open_q = handoff::open_query(service_ids.clone());
    let now = ctx.now.with_timezone(&ctx.roster.team.timezone);
    let shift_q = handoff::shift_query(service_ids, shift_start, &now);
    match clients::both(|| pd.incidents(&open_q), || pd.incidents(&shift_q)) {
        (Ok(open), Ok(recent)) => (Read::Lists { open, recent }, None),
        (Err(e), _) | (_, Err(e)) => (Read::Failed(e.to_string()), Some(e)),
    }
}

/// Which services' incidents belong in the notes: `[pagerduty] service`, else
/// the services of `[pagerduty] escalation_policy`. Never the whole account.
fn team_services(ctx: &Context, pd: &PagerDuty<'_>) -> std::result::Result<Vec<String>, String> {
    match handoff::services(&ctx.roster) {
        Services::Service(id) => Ok(vec![id]),
        Services::Unknown => Err(handoff::NO_SERVICE.into()),
        Services::Policy(id) => {
            let read = pd.escalation_policy(&id).map_err(|e| e.to_string());
            handoff::policy_services(&id, read)
        }
    }
}

/// The customer issues: `--issue` flags; else, posting from a terminal, what
/// the user writes in `$VISUAL`/`$EDITOR` (lines starting with `#` dropped).
fn customer_issues(inv: &Invocation, args: &HandoffArgs) -> Result<Vec<String>> {
    let given: Vec<String> = args
        .issue
        .iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
        .collect();
    let terminal = inv.terminal.interactive();
    if !given.is_empty() || !args.post || args.dry_run || !terminal {
        return Ok(given);
    }
    let editor = inv.editor();
    let path = inv
        .temp_dir()
        .join(format!("dw-handoff-issues-{}.md", std::process::id()));
    let template = "\n# Customer issues to carry over, one per line.\n\
                    # Lines starting with # are dropped; an empty file means none.\n";
    let written = files::write_atomic(&path, template.as_bytes(), files::Overwrite::Never);
    if let Err(e) = written {
        return Err(Error::usage(
            format!("cannot write the customer issues file: {e}"),
            "pass the issues with --issue TEXT instead",
        ));
    }
    let text = edit(&editor, &path);
    let _ = std::fs::remove_file(&path);
    Ok(text?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// Run the editor on `path` (through the shell, as git does: `EDITOR="code -w"` works) and read the result.
fn edit(editor: &str, path: &std::path::Path) -> Result<String> {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status();
    match status {
        Ok(s) if s.success() => {}
        _ => {
            return Err(Error::usage(
                format!("the editor ({editor}) did not finish cleanly; nothing was posted"),
                "set EDITOR to a working editor, or pass the issues with --issue TEXT",
            ))
        }
    }
    let bytes = files::read_capped(path, 1024 * 1024).map_err(|e| {
        Error::usage(
            format!("cannot read the customer issues back: {e}"),
            "pass the issues with --issue TEXT instead",
        )
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
