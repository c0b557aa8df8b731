//! `dw incident analysis`: is an analysis required (docs/commands.md, `dw incident analysis`)? Optionally write
//! a Markdown template, filled from PagerDuty with `--incident`.

use dialoguer::{Confirm, Input};
use serde::Serialize;

use crate::analysis::{decide, Decision, Facts};
use crate::cli::AnalysisArgs;
use crate::error::{Error, Result};
use crate::files::{self, FileError, Overwrite};
use crate::handbook::AnalysisRules;
use crate::invocation::access;
use crate::render::{self, FromPagerDuty};

use crate::clients;
use crate::invocation::Invocation;

fn ask(question: &str) -> Result<bool> {
    Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()
        .map_err(super::prompt_error)
}

/// The roster's analysis rules (`[analysis]`); dw's built-in ones when no
/// roster is found, and with a warning when the one found cannot be read:
/// deciding about an incident never waits for a roster fix.
fn rules(inv: &Invocation) -> AnalysisRules {
    let Ok(path) = inv.search().find() else {
        return AnalysisRules::default();
    };
    match crate::validate::load_scoped(&path) {
        Ok((roster, _)) => AnalysisRules::of(&roster),
        Err(e) => {
            if !inv.global.quiet {
                let first = e
                    .diagnostics
                    .first()
                    .map(|d| format!("{}: {}", d.location(&e.path), d.message))
                    .unwrap_or_else(|| e.path.clone());
                eprintln!(
                    "dw: warning: the roster cannot be read ({first}); deciding with dw's built-in \
                     analysis rules; run `dw check` to fix the roster"
                );
            }
            AnalysisRules::default()
        }
    }
}

fn facts(inv: &Invocation, args: &AnalysisArgs, rules: &AnalysisRules) -> Result<Facts> {
    let given = args.rolled_back
        || args.rolled_forward
        || args.service.is_some()
        || args.testing_phase
        || args.we_started
        || args.pulled_in
        || args.status_page;
    let mut f = Facts {
        rolled_back: args.rolled_back,
        rolled_forward: args.rolled_forward,
        service: args.service.clone(),
        testing_phase: args.testing_phase,
        we_started: args.we_started,
        pulled_in: args.pulled_in,
        status_page: args.status_page,
    };
    if given {
        return Ok(f);
    }
    if !inv.terminal.interactive() {
        if inv.global.quiet {
            return Ok(f);
        }
        eprintln!(
            "dw: no facts given and no terminal to ask on: every rule is answered \"no\" \
             (pass --rolled-back, --we-started, --status-page … for what happened)"
        );
        return Ok(f);
    }
    f.rolled_back = ask("Did it need a roll back?")?;
    f.rolled_forward = ask("Did it need a roll forward (hotfix or quick fix)?")?;
    if f.rolled_back || f.rolled_forward {
        let service: String = Input::new()
            .with_prompt("Which service was rolled back or forward?")
            .allow_empty(true)
            .interact_text()
            .map_err(super::prompt_error)?;
        f.service = Some(service).filter(|s| !s.trim().is_empty());
        if f.service.as_deref().is_some_and(|s| rules.exempts(s)) {
            f.testing_phase = ask("Was it in its production testing phase?")?;
        }
    }
    f.we_started = ask("Did the team start the incident?")?;
    f.pulled_in = ask("Was the team pulled in (did work for it)?")?;
    f.status_page = ask("Did Support update the external status page?")?;
    Ok(f)
}

fn fetch(inv: &Invocation, id: &str) -> Result<FromPagerDuty> {
    let token = inv.credentials.pagerduty(&access::INCIDENT_ANALYSIS)?;
    let http = clients::http(inv)?;
    let pd = clients::pagerduty(inv, &http, token, None)?;
    let (log, incident) = clients::both(|| pd.log_entries(id), || pd.incident(id));
    let log = crate::analysis::in_time_order(log?);
    Ok(FromPagerDuty {
        incident: incident?,
        log,
    })
}

#[derive(Serialize)]
struct Out<'a> {
    #[serde(flatten)]
    decision: &'a Decision,
    written: Option<String>,
}

/// Decide, print the decision, and write the template if asked.
pub fn run(inv: &Invocation, args: &AnalysisArgs) -> Result<()> {
    if let Some(path) = &args.write {
        // Checked early so nobody waits for PagerDuty to learn this; the write
        // itself checks again (a file may appear meanwhile).
        if std::fs::symlink_metadata(path).is_ok() && !args.force {
            return Err(Error::usage(
                format!("--write: {} exists already", path.display()),
                "choose another file, or pass --force to overwrite it",
            ));
        }
    }
    let rules = rules(inv);
    let facts = facts(inv, args, &rules)?;
    if facts.testing_phase && facts.rolled_back && facts.service.is_none() && !inv.global.quiet {
        let only = rules
            .exempt_phrase()
            .map_or("the roster exempts no service".to_string(), |p| {
                format!("the exception is only for {p}")
            });
        eprintln!(
            "dw: --testing-phase: {only}; without --service it cannot apply (pass --service NAME to decide)"
        );
    }
    let decision = decide(&facts, &rules);
    let pd = match &args.incident {
        Some(id) => Some(fetch(inv, id)?),
        None => None,
    };
    let written = match &args.write {
        Some(path) => {
            let overwrite = if args.force {
                Overwrite::RegularFile
            } else {
                Overwrite::Never
            };
            let text = render::analysis_template(&decision, &rules, pd.as_ref());
            files::write_atomic(path, text.as_bytes(), overwrite).map_err(|e| match e {
                FileError::Exists { .. } => Error::usage(
                    format!("--write: {} exists already", path.display()),
                    "choose another file, or pass --force to overwrite it",
                ),
                FileError::NotRegular { kind, .. } => Error::usage(
                    format!(
                        "--write: {} is {kind}; dw writes regular files only",
                        path.display()
                    ),
                    "choose another file name",
                ),
                e => Error::usage(
                    format!("--write: cannot write {e}"),
                    "check that the folder exists and is writable",
                ),
            })?;
            Some(path.display().to_string())
        }
        None => None,
    };
    if inv.global.json {
        return super::print(&super::json(
            inv,
            &Out {
                decision: &decision,
                written,
            },
        ));
    }
    super::print(&render::analysis_decision(
        &decision,
        &rules,
        written.as_deref(),
    ))
}
