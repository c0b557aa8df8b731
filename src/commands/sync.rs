//! `dw sync pagerduty`: make the PagerDuty schedules say what the roster says,
//! around the overrides people made. The decisions are in `sync::apply`;
//! this sends the requests and reads PagerDuty again when an answer proves nothing.

use chrono::{DateTime, Utc};

use crate::cli::SyncArgs;
use crate::error::{Error, Result};
use crate::http::Request;
use crate::invocation::access;
use crate::pagerduty::{Deleted, ItemOutcome, PagerDuty, Reference, ScheduleOverride};
use crate::render;
use crate::sync::apply::{Batch, CreateAnswer, DeleteAnswer, Outcome, RowOutcome};
use crate::sync::{store, Row, Status};

use super::Context;
use crate::clients;
use crate::sync::observe::{self as state, join_all, read_overrides};

/// Plan, print, and (unless --dry-run) apply the overrides.
pub fn run(ctx: &Context, args: &SyncArgs) -> Result<()> {
    let first = ctx.current_week(&ctx.rotation())?;
    let spans = state::wishes(&ctx.roster, first, args.weeks as usize)?;
    let token = ctx.inv.credentials.pagerduty(&access::SYNC_PAGERDUTY)?;
    let http = clients::http(&ctx.inv)?;
    let pd = clients::pagerduty(&ctx.inv, &http, token, None)?;
    if spans.is_empty() {
        return super::print("Nothing to sync: no week has a rank with a schedule.\n");
    }
    let path = state::ledger_file(&ctx.inv.state_dir()?, &pd);
    // This run, as the lock and the ledger's intents name it.
    let run = crate::files::lock::record(&ctx.inv.clock.to_rfc3339());
    // A dry run changes nothing, so it needs no lock.
    let _lock = if args.dry_run {
        None
    } else {
        crate::interrupt::install();
        crate::interrupt::set_note(format!(
            "what PagerDuty answered so far is recorded in {}; run `dw sync pagerduty` again to finish",
            path.display()
        ));
        // A warning, shown even with --quiet.
        Some(store::lock(&path, &run, &|w| eprintln!("{w}"))?)
    };
    let mut ledger = store::load(&path)?;
    let state::Compared {
        ids,
        observed,
        mut rows,
        notes,
    } = state::compare(&ctx.roster, &pd, &spans, &mut ledger, ctx.now)?;
    if !args.dry_run {
        for n in &notes {
            ctx.note(n);
        }
    }
    let tz = ctx.roster.team.timezone;
    let batches: Vec<Batch> = ids
        .iter()
        .zip(&observed)
        .map(|(id, seen)| Batch::new(id, seen, &rows))
        .collect();
    if args.dry_run {
        let shown: Vec<Request> = batches.iter().flat_map(|b| requests(&pd, b, tz)).collect();
        let mut out = report(ctx, &rows, true, &shown);
        // With --json the requests are in the JSON: stdout stays one document.
        if !ctx.inv.global.json {
            out.extend(shown.iter().map(clients::dry_run));
        }
        return super::print(&out);
    }
    let now = state::now_s(ctx.now);
    let until = state::until(&spans, now);
    // Every change of the ledger is saved as it happens: intents before a
    // POST, answers as they come.
    let journal = store::Journal::new(path.clone(), ledger, run);
    // Each schedule on its own thread: its deletes, then its one POST.
    let results = std::thread::scope(|s| {
        let handles = batches
            .iter()
            .map(|b| s.spawn(|| apply(&pd, b, tz, now, until, &journal)))
            .collect();
        join_all(handles)
    });
    for (batch, outcome) in batches.iter().zip(results) {
        // A batch whose thread failed changed who knows what: its rows failed
        // (its intents stay, for the next run to adopt or forget).
        let outcome = outcome.unwrap_or_else(|why| batch.failed(why));
        outcome.update(&mut rows);
    }
    // What the reads taught the ledger, also when nothing was written.
    journal.update(|_, _| {})?;
    super::print(&report(ctx, &rows, false, &[]))?;
    let failed = rows.iter().filter(|r| r.status == Status::Failed).count();
    if let Some(status) = pd.refused() {
        // A bad or read-only key is a credentials problem (exit 3), not an outage.
        return Err(clients::pagerduty_refused(
            status,
            &format!("PagerDuty answered HTTP {status} to the changes; the table above says which"),
        ));
    }
    if failed > 0 {
        return Err(Error::service(format!(
            "PagerDuty did not take {failed} change(s); the table above says which and why"
        ))
        .with_hint("run `dw sync pagerduty` again: it only does what is still missing"));
    }
    Ok(())
}

/// The requests of a batch as a dry run shows them: its deletes, then its POST.
fn requests(pd: &PagerDuty<'_>, batch: &Batch, tz: chrono_tz::Tz) -> Vec<Request> {
    let mut out: Vec<Request> = batch
        .deletes
        .iter()
        .map(|d| pd.delete_override_request(&batch.schedule, &d.id))
        .collect();
    let all: Vec<usize> = (0..batch.creates.len()).collect();
    out.extend(post(pd, batch, &all, tz));
    out
}

/// The one batched POST of the creates `send` (indices in `batch.creates`), if any.
fn post(pd: &PagerDuty<'_>, batch: &Batch, send: &[usize], tz: chrono_tz::Tz) -> Option<Request> {
    let items: Vec<ScheduleOverride> = send
        .iter()
        .filter_map(|&c| batch.creates.get(c))
        .map(|c| ScheduleOverride {
            id: None,
            start: render::rfc3339(&c.wish.start.with_timezone(&tz)),
            end: render::rfc3339(&c.wish.end.with_timezone(&tz)),
            user: Reference {
                id: c.wish.user.clone(),
                ..Reference::default()
            },
        })
        .collect();
    (!items.is_empty()).then(|| pd.create_overrides_request(&batch.schedule, &items, tz.name()))
}

/// Send a batch: the deletes, then the creates whose deletes all went
/// through; after an answer that proves nothing, read the overrides again
/// (never send a POST or a DELETE twice). The ledger (`journal`) hears of
/// each step before it is sent (overrides being deleted, overrides about to
/// be created) and of each answer as it comes, so a run killed at any
/// instant is repaired by the next.
fn apply(
    pd: &PagerDuty<'_>,
    batch: &Batch,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
    journal: &store::Journal,
) -> Outcome {
    let reread = || read_overrides(pd, &batch.schedule, now, until).map_err(|e| e.to_string());
    let unrecorded = |e: Error| {
        format!(
            "not sent: dw could not first record it in its ledger ({})",
            e.one_line()
        )
    };
    if !batch.deletes.is_empty() {
        let marked = journal.update(|l, _| {
            for d in &batch.deletes {
                l.deleting(&d.id, true);
            }
        });
        if let Err(e) = marked {
            return batch.failed(&unrecorded(e));
        }
    }
    let answers = batch
        .deletes
        .iter()
        .map(
            |d| match pd.delete_override(&pd.delete_override_request(&batch.schedule, &d.id)) {
                Deleted::Done | Deleted::Gone => DeleteAnswer::Done,
                Deleted::Unknown(why) => DeleteAnswer::Unsure(why),
                Deleted::Failed(why) => DeleteAnswer::Failed(why),
            },
        )
        .collect();
    let mut after = batch.deletes_answered(answers);
    if after.needs_reread() {
        let again = reread();
        after.reread(batch, again.as_deref().map_err(String::as_str));
    }
    let (mut out, send) = after.finish(batch);
    let Some(req) = post(pd, batch, &send, tz) else {
        // A failure to save shows again in the final save.
        let _ = journal.update(|l, _| out.record(l, &batch.schedule, now));
        return out;
    };
    // The intents, before the POST: a run killed while PagerDuty holds the
    // answer leaves overrides the next run can prove are dw's.
    let intended = journal.update(|l, run| {
        out.record(l, &batch.schedule, now);
        for c in send.iter().filter_map(|&c| batch.creates.get(c)) {
            l.intend(&batch.schedule, &c.wish, run, now);
        }
    });
    if let Err(e) = intended {
        let why = unrecorded(e);
        for c in send.iter().filter_map(|&c| batch.creates.get(c)) {
            out.rows.push(RowOutcome::failed(c.row, why.clone()));
        }
        return out;
    }
    let answers = pd
        .create_overrides(&req, send.len())
        .into_iter()
        .map(|o| match o {
            ItemOutcome::Created(o) => CreateAnswer::Created {
                copy: state::override_of(&o),
                id: o.id.unwrap_or_default(),
            },
            ItemOutcome::Rejected(why) => CreateAnswer::Rejected(why),
            ItemOutcome::Unknown(why) => CreateAnswer::Unsure(why),
        })
        .collect();
    let unsure = batch.created(&mut out, &send, answers);
    // The answer, recorded at once (before any reread).
    let _ = journal.update(|l, _| out.record(l, &batch.schedule, now));
    if !unsure.is_empty() {
        let again = reread();
        batch.adopt(&mut out, unsure, again.as_deref().map_err(String::as_str));
        let _ = journal.update(|l, _| out.record(l, &batch.schedule, now));
    }
    out
}

fn report(ctx: &Context, rows: &[Row], dry_run: bool, requests: &[Request]) -> String {
    if ctx.inv.global.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            dry_run: bool,
            rows: Vec<render::SyncRowJson<'a>>,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            requests: Vec<clients::Shown<'a>>,
        }
        let requests = clients::shown(requests);
        // A dry run's rows say what would happen (`would_create`), never what did.
        let rows = rows
            .iter()
            .map(|r| render::SyncRowJson::new(r, dry_run))
            .collect();
        return super::json(
            &ctx.inv,
            &Out {
                dry_run,
                rows,
                requests,
            },
        );
    }
    render::sync_report(
        &ctx.roster,
        rows,
        dry_run,
        ctx.inv.global.verbose,
        ctx.roster.team.timezone,
    )
}
