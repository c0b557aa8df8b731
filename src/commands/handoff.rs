//! `dw handoff`: notes for the next handoff, optionally posted to the team channel.

use chrono::Utc;

use crate::cli::HandoffArgs;
use crate::error::{Error, Result};
use crate::files;
use crate::handbook::AnalysisRules;
use crate::http::Request;
use crate::invocation::access;
use crate::invocation::Invocation;
use crate::pagerduty::IncidentQuery;
use crate::render;
use crate::render::notes::{
    handoff_markdown, handoff_slack, Handoff, IncidentLine, Incidents, RoleChange,
};

use super::{person, Context};
use crate::clients;

/// Build the notes for the handoff that ends the current week; post them with `--post`.
pub fn run(ctx: &Context, args: &HandoffArgs) -> Result<()> {
    let rot = ctx.rotation();
    let k = ctx.current_week(&rot)?;
    let (shift_start, handoff_at) = rot.bounds(k);
    let Some((Some(outgoing), incoming)) = rot.handoff(k + 1) else {
        return Err(Error::usage(
            "the handoff is past the last week dw computes",
            "pass an earlier --at",
        ));
    };
    let slack_target = if args.post {
        let channel = ctx.team_channel()?;
        let token = ctx
            .inv
            .credentials
            .slack_for(args.dry_run, &[&access::HANDOFF_POST])?;
        Some((channel, token))
    } else {
        None
    };
    let issues = customer_issues(&ctx.inv, args)?;
    let roles = (1..=ctx.roster.team.roles.len())
        .map(|rank| RoleChange {
            rank,
            role: ctx.roster.role_name(rank),
            outgoing: outgoing
                .ranks
                .get(rank - 1)
                .map(|s| person(&ctx.roster, s.member)),
            incoming: incoming
                .ranks
                .get(rank - 1)
                .map(|s| person(&ctx.roster, s.member)),
        })
        // A rank nobody holds on either side (a small team) says nothing.
        .filter(|r: &RoleChange| r.outgoing.is_some() || r.incoming.is_some())
        .collect();
    let http = clients::http(&ctx.inv)?;
    // Check DW_SLACK_URL before any request: a refused base URL sends nothing.
    let slack = match &slack_target {
        Some((_, token)) => Some(clients::slack(&ctx.inv, &http, token.clone())?),
        None => None,
    };
    let mut failure = None;
    let incidents = match ctx.inv.credentials.pagerduty_opt()? {
        None => Incidents::not_fetched("PAGERDUTY_TOKEN is not set"),
        Some(token) => {
            let pd = clients::pagerduty(&ctx.inv, &http, token, None)?;
            match team_services(ctx, &pd) {
                Err(reason) => Incidents::not_fetched(reason),
                Ok(service_ids) => fetch(ctx, &pd, service_ids, shift_start, &mut failure),
            }
        }
    };
    let notes = Handoff {
        team: ctx.roster.team.name.clone(),
        handoff: handoff_at,
        outgoing_week: outgoing.index,
        incoming_week: incoming.index,
        shift_start,
        roles,
        away_next: incoming
            .away
            .iter()
            .map(|a| person(&ctx.roster, a.member))
            .collect(),
        incidents,
        issues,
        exempt: AnalysisRules::of(&ctx.roster).exempt_phrase(),
    };
    let post = match (&slack_target, &slack) {
        (Some((channel, _)), Some(slack)) => Some((
            channel,
            slack,
            slack.post_message_request(channel, &handoff_slack(&notes)),
        )),
        _ => None,
    };
    let dry_requests: Vec<Request> = match &post {
        Some((_, _, req)) if args.dry_run => vec![req.clone()],
        _ => Vec::new(),
    };
    let mut out = if ctx.inv.global.json {
        // One document: the notes, and under --dry-run the request not sent.
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
                notes: &notes,
                warnings: http.notices(),
                requests: clients::shown(&dry_requests),
            },
        )
    } else {
        handoff_markdown(&notes)
    };
    if let Some((channel, slack, req)) = post {
        if args.dry_run {
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

/// The team's incidents: open ones, and those of the ending shift.
fn fetch(
    ctx: &Context,
    pd: &crate::pagerduty::PagerDuty<'_>,
    service_ids: Vec<String>,
    shift_start: chrono::DateTime<chrono_tz::Tz>,
    failure: &mut Option<Error>,
) -> Incidents {
    let open_q = IncidentQuery {
        statuses: vec!["triggered", "acknowledged"],
        service_ids: service_ids.clone(),
        all_dates: true,
        ..IncidentQuery::default()
    };
    let shift_q = IncidentQuery {
        service_ids,
        since: Some(render::rfc3339(&shift_start)),
        until: Some(render::rfc3339(
            &ctx.now.with_timezone(&ctx.roster.team.timezone),
        )),
        ..IncidentQuery::default()
    };
    // The two lists do not depend on each other: fetch them at once.
    let (open, shift) = clients::both(|| pd.incidents(&open_q), || pd.incidents(&shift_q));
    match (open, shift) {
        (Ok(open), Ok(shift)) => {
            let now = ctx.now.with_timezone(&Utc);
            Incidents {
                fetched: true,
                reason: None,
                // Each list is consumed as it is turned into lines: long
                // lists are not held twice.
                open: open
                    .into_iter()
                    // A server that ignores statuses[] must not list resolved ones as open.
                    .filter(|i| i.status == "triggered" || i.status == "acknowledged")
                    .map(|i| IncidentLine::from_incident(&i, now))
                    .collect(),
                ending_shift: shift
                    .into_iter()
                    .map(|i| IncidentLine::from_incident(&i, now))
                    .collect(),
            }
        }
        (Err(e), _) | (_, Err(e)) => {
            let reason = e.to_string();
            *failure = Some(e);
            Incidents::not_fetched(reason)
        }
    }
}

/// Which services' incidents belong in the notes: `[pagerduty] service`, else
/// the services of `[pagerduty] escalation_policy`. Never the whole account.
fn team_services(
    ctx: &Context,
    pd: &crate::pagerduty::PagerDuty<'_>,
) -> std::result::Result<Vec<String>, String> {
    if let Some(service) = &ctx.roster.pagerduty.service {
        return Ok(vec![service.clone()]);
    }
    let Some(policy) = &ctx.roster.pagerduty.escalation_policy else {
        return Err(
            "the roster names no [pagerduty] service or escalation_policy, and dw lists \
                    only the team's incidents: add service = \"PXXXXXX\" under [pagerduty]"
                .into(),
        );
    };
    match pd.escalation_policy(policy) {
        Ok(p) if !p.services.is_empty() => Ok(p.services.into_iter().map(|s| s.id).collect()),
        Ok(_) => Err(format!(
            "escalation policy {policy} is used by no service; add service = \"PXXXXXX\" under [pagerduty]"
        )),
        Err(e) => Err(format!(
            "could not read the services of escalation policy {policy} ({e}); add service = \"PXXXXXX\" under [pagerduty]"
        )),
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
