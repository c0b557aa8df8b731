//! `dw sync pagerduty`: make the PagerDuty schedules say what the roster says,
//! around the overrides people made. The sync itself, in order, is
//! `sync::job`; this builds the client, prints and picks the exit code.

use crate::cli::SyncArgs;
use crate::clients;
use crate::error::{Error, Result};
use crate::http::Request;
use crate::invocation::access;
use crate::render;
use crate::sync::job::{Done, Job, Say};
use crate::sync::Row;

use super::Context;

/// What the sync says while it runs: warnings always, notes unless `--quiet`.
struct Stderr<'a>(&'a Context);

impl Say for Stderr<'_> {
    fn warn(&self, text: &str) {
        eprintln!("{text}");
    }
    fn note(&self, text: &str) {
        self.0.note(text);
    }
}

/// Plan, print, and (unless --dry-run) apply the overrides.
pub fn run(ctx: &Context, args: &SyncArgs) -> Result<()> {
    let first = ctx.current_week(&ctx.rotation())?;
    let job = Job::new(&ctx.roster, first, args.weeks as usize, ctx.now)?;
    let token = ctx.inv.credentials.pagerduty(&access::SYNC_PAGERDUTY)?;
    let http = clients::http(&ctx.inv)?;
    let pd = clients::pagerduty(&ctx.inv, &http, token, None)?;
    if job.is_empty() {
        return super::print("Nothing to sync: no week has a rank with a schedule.\n");
    }
    let path = Job::ledger_file(&ctx.inv.state_dir()?, &pd);
    // This run, as the lock and the ledger's intents name it.
    let run = crate::files::lock::record(&ctx.inv.clock.to_rfc3339());
    if !args.dry_run {
        crate::interrupt::install();
        crate::interrupt::set_note(format!(
            "what PagerDuty answered so far is recorded in {}; run `dw sync pagerduty` again to finish",
            path.display()
        ));
    }
    match job.run(&pd, &path, &run, args.dry_run, &Stderr(ctx))? {
        Done::Preview { rows, requests } => {
            let mut out = report(ctx, &rows, true, &requests);
            // With --json the requests are in the JSON: stdout stays one document.
            if !ctx.inv.global.json {
                out.extend(requests.iter().map(clients::dry_run));
            }
            super::print(&out)
        }
        Done::Applied { rows, failed } => {
            super::print(&report(ctx, &rows, false, &[]))?;
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
    }
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
