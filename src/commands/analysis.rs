//! `dw incident analysis`: is an analysis required (SPEC §1)? Optionally write
//! a Markdown template, filled from PagerDuty with `--incident`.

use std::io::IsTerminal;

use dialoguer::{Confirm, Input};
use serde::Serialize;

use crate::analysis::{decide, rule_text, Decision, Facts};
use crate::cli::{AnalysisArgs, Global};
use crate::error::{Error, Result};
use crate::pagerduty::{Incident, LogEntry};
use crate::render;

use super::services;

fn ask(question: &str) -> Result<bool> {
    Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()
        .map_err(super::prompt_error)
}

fn facts(global: &Global, args: &AnalysisArgs) -> Result<Facts> {
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
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        if global.quiet {
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
        if f.service
            .as_deref()
            .is_some_and(crate::analysis::has_testing_exception)
        {
            f.testing_phase = ask("Was it in its production testing phase?")?;
        }
    }
    f.we_started = ask("Did the team start the incident?")?;
    f.pulled_in = ask("Was the team pulled in (did work for it)?")?;
    f.status_page = ask("Did Support update the external status page?")?;
    Ok(f)
}

/// What PagerDuty knows about the incident, for the template.
struct FromPagerDuty {
    incident: Incident,
    log: Vec<LogEntry>,
}

fn fetch(global: &Global, id: &str) -> Result<FromPagerDuty> {
    let token = services::pagerduty_token("--incident reads the incident from PagerDuty")?;
    let http = services::http_client(global)?;
    let pd = services::pagerduty(&http, token, None)?;
    let (incident, log) = std::thread::scope(|s| {
        let log = s.spawn(|| pd.log_entries(id));
        (pd.incident(id), log.join())
    });
    let log = log.unwrap_or_else(|_| {
        Err(Error::Service(
            "PagerDuty: the request thread failed".into(),
        ))
    })?;
    Ok(FromPagerDuty {
        incident: incident?,
        log,
    })
}

/// The Markdown template of an incident analysis.
fn template(decision: &Decision, pd: Option<&FromPagerDuty>) -> String {
    let title = pd.map_or("(title)".to_string(), |p| p.incident.title.clone());
    let mut out = format!("# Incident analysis: {title}\n\n");
    if let Some(p) = pd {
        let i = &p.incident;
        out.push_str(&format!(
            "- PagerDuty: {}\n- Service: {}\n- Status: {}\n- Opened: {}\n",
            i.html_url.clone().unwrap_or_else(|| i.id.clone()),
            i.service.as_ref().map_or_else(|| "-".into(), |s| s.label()),
            i.status,
            i.created_at.clone().unwrap_or_else(|| "-".into())
        ));
        let mut responders = i.assignees();
        responders.extend(
            p.log
                .iter()
                .filter_map(|e| e.agent.as_ref().map(|a| a.label())),
        );
        responders.sort();
        responders.dedup();
        out.push_str(&format!(
            "- Responders: {}\n",
            if responders.is_empty() {
                "-".into()
            } else {
                responders.join(", ")
            }
        ));
    }
    out.push_str(&format!(
        "\n## Is an analysis required?\n\n{}\n\n",
        if decision.required {
            "Yes."
        } else {
            "No: no rule applies."
        }
    ));
    for r in &decision.rules {
        out.push_str(&format!(
            "- [{}] Rule {}: {} ({})\n",
            if r.applies { "x" } else { " " },
            r.rule,
            rule_text(r.rule),
            r.why
        ));
    }
    out.push_str("\n## Summary\n\n\n## Customer impact\n\n\n## Timeline\n\n");
    match pd {
        Some(p) if !p.log.is_empty() => {
            for e in &p.log {
                out.push_str(&format!(
                    "- {}: {}\n",
                    e.created_at.clone().unwrap_or_default(),
                    e.summary.clone().unwrap_or_else(|| e.kind.clone())
                ));
            }
        }
        _ => out.push_str("- (time): (what happened)\n"),
    }
    out.push_str(
        "\n## Root cause\n\n\n## What went well\n\n\n## What went badly\n\n\n## Action items\n\n- [ ] \n",
    );
    out
}

#[derive(Serialize)]
struct Out<'a> {
    #[serde(flatten)]
    decision: &'a Decision,
    written: Option<String>,
}

/// Decide, print the decision, and write the template if asked.
pub fn run(global: &Global, args: &AnalysisArgs) -> Result<()> {
    if let Some(path) = &args.write {
        if path.exists() && !args.force {
            return Err(Error::usage(
                format!("--write: {} exists already", path.display()),
                "choose another file, or pass --force to overwrite it",
            ));
        }
    }
    let decision = decide(&facts(global, args)?);
    let pd = match &args.incident {
        Some(id) => Some(fetch(global, id)?),
        None => None,
    };
    let written = match &args.write {
        Some(path) => {
            std::fs::write(path, template(&decision, pd.as_ref())).map_err(|e| {
                Error::usage(
                    format!("--write: cannot write {}: {e}", path.display()),
                    "check that the folder exists and is writable",
                )
            })?;
            Some(path.display().to_string())
        }
        None => None,
    };
    if global.json {
        return super::print(&super::json(&Out {
            decision: &decision,
            written,
        }));
    }
    let mut out = match decision.decided_by {
        Some(rule) => format!("Analysis required: rule {rule}: {}.\n", rule_text(rule)),
        None => "Analysis not required: no rule applies.\n".to_string(),
    };
    let mut t = render::table(["rule", "applies", "why"]);
    for r in &decision.rules {
        t.add_row(vec![
            r.rule.to_string(),
            if r.applies { "yes" } else { "no" }.to_string(),
            r.why.clone(),
        ]);
    }
    out.push_str(&render::finish(&t));
    if let Some(path) = written {
        out.push_str(&format!("Template written to {path}.\n"));
    }
    super::print(&out)
}
