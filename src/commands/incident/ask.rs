//! `dw incident start`: the incident's fields from the flags, asked for on a
//! terminal when missing. Prompts live here, in `commands/`.

use dialoguer::{Input, Select};

use crate::cli::IncidentStartArgs;
use crate::error::{Error, Result};
use crate::incident::{Answers, Impact, Urgency};
use crate::pagerduty::PagerDuty;

use super::Known;

/// The incident's fields from the flags, asking for what is missing when a terminal allows.
pub(super) fn ask(
    known: &Known<'_>,
    args: &IncidentStartArgs,
    interactive: bool,
    pd: &PagerDuty<'_>,
) -> Result<Answers> {
    let title = match args
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(t) => t.to_string(),
        None if interactive => Input::<String>::new()
            .with_prompt("What is wrong (title)")
            .interact_text()
            .map_err(crate::commands::prompt_error)?,
        None => {
            let what = if args.title.is_some() {
                "--title is empty"
            } else {
                "--title is required when dw cannot ask (not a terminal)"
            };
            return Err(Error::usage(
                what,
                "dw incident start --title \"DB down\" --yes",
            ));
        }
    };
    let service = match known.service(args) {
        Some(s) => s,
        None if interactive => choose_service(pd)?,
        None => {
            return Err(Error::usage(
                "no PagerDuty service: none given and the roster names none",
                "pass --service PXXXXXX, set DW_PAGERDUTY_SERVICE, or add service = \"PXXXXXX\" under [pagerduty]",
            ))
        }
    };
    let urgency = match args.urgency {
        Some(u) => u,
        None if interactive => {
            let i = Select::new()
                .with_prompt("Urgency")
                .items(&["high: page now", "low: next business day"])
                .default(0)
                .interact()
                .map_err(crate::commands::prompt_error)?;
            if i == 0 {
                Urgency::High
            } else {
                Urgency::Low
            }
        }
        None => Urgency::High,
    };
    let impact = match args.impact {
        Some(i) => Some(i),
        None if interactive => {
            let i = Select::new()
                .with_prompt("Impact")
                .items(&["one customer", "many customers"])
                .default(1)
                .interact()
                .map_err(crate::commands::prompt_error)?;
            Some(if i == 0 { Impact::One } else { Impact::Many })
        }
        None => None,
    };
    let details = match &args.details {
        Some(d) => d.clone(),
        None if interactive => Input::<String>::new()
            .with_prompt("Details (optional)")
            .allow_empty(true)
            .interact_text()
            .map_err(crate::commands::prompt_error)?,
        None => String::new(),
    };
    Ok(Answers {
        title,
        service,
        urgency,
        impact,
        details,
    })
}

/// On a terminal: pick the service by name from PagerDuty's list, or type its ID.
fn choose_service(pd: &PagerDuty<'_>) -> Result<String> {
    let typed = || {
        Input::<String>::new()
            .with_prompt("PagerDuty service ID")
            .interact_text()
            .map(|s| s.trim().to_string())
            .map_err(crate::commands::prompt_error)
    };
    let mut list = match pd.services() {
        Ok(list) if !list.is_empty() => list,
        // No list (no access, no answer): the ID still works.
        _ => return typed(),
    };
    list.sort_by_key(|s| s.label().to_lowercase());
    let mut items: Vec<String> = list
        .iter()
        .map(|s| format!("{} ({})", s.label(), s.id))
        .collect();
    items.push("another service: type its ID".into());
    let i = Select::new()
        .with_prompt("PagerDuty service")
        .items(&items)
        .default(0)
        .interact()
        .map_err(crate::commands::prompt_error)?;
    match list.get(i) {
        Some(s) => Ok(s.id.clone()),
        None => typed(),
    }
}
