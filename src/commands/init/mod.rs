//! `dw init`: start a roster from flags, from questions on a terminal, or
//! from a PagerDuty schedule. The roster is built by `crate::init` (pure),
//! checked with dw's own roster rules, and written atomically; nothing is
//! replaced without `--force`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Utc, Weekday};
use chrono_tz::Tz;
use dialoguer::{Input, Select};

use crate::cli::{parse_time, parse_timezone, Global, InitArgs};
use crate::error::{Error, Result};
use crate::files::{write_atomic, Overwrite};
use crate::init::from_pagerduty::{self, NotCarried};
use crate::init::{next_handoff_date, template, NewMember, NewRoster};
use crate::pagerduty::{PagerDuty, ScheduleDetail, User};
use crate::roster::{weekday_name, DEFAULT_ROLES};

use crate::clients;
use crate::http::Secret;
use crate::invocation::{access, Invocation};

mod pagerduty;
use pagerduty::from_schedule;

/// Where the roster comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Every required value is a flag: no questions.
    Flags,
    /// Some are missing and a person is at the terminal: ask for every setting not given.
    Ask,
    /// A PagerDuty schedule.
    PagerDuty,
}

/// Decide where the roster comes from; without a terminal, the flags a
/// roster cannot do without must be given (exit 2 naming them).
pub fn decide(args: &InitArgs, interactive: bool) -> Result<Source> {
    if args.from_pagerduty.is_some() {
        return Ok(Source::PagerDuty);
    }
    let mut missing = Vec::new();
    if args.team.as_deref().is_none_or(|t| t.trim().is_empty()) {
        missing.push("--team NAME");
    }
    if args.member.is_empty() {
        missing.push("--member ID:NAME:EMAIL (one per member)");
    }
    match (missing.is_empty(), interactive) {
        (true, _) => Ok(Source::Flags),
        (false, true) => Ok(Source::Ask),
        (false, false) => Err(Error::usage(
            format!(
                "dw init cannot ask (not a terminal) and a roster needs {}",
                missing.join(" and ")
            ),
            "dw init --team Payments --member ada:'Ada Lovelace':ada@example.com --member grace:'Grace Hopper':grace@example.com; or run it on a terminal to be asked, or take the rotation from PagerDuty with --from-pagerduty SCHEDULE_ID",
        )),
    }
}

/// The file to write: PATH, else `--roster`/`DW_ROSTER`, else `./roster.toml`.
pub fn target(args: &InitArgs, global: &Global) -> Result<PathBuf> {
    match (&args.path, &global.roster) {
        (Some(p), Some(r)) if p != r => Err(Error::usage(
            format!(
                "dw init got two places to write: {} and --roster {}",
                p.display(),
                r.display()
            ),
            "give the path once (unset DW_ROSTER if it is set)",
        )),
        (Some(p), _) | (None, Some(p)) => Ok(p.clone()),
        (None, None) => Ok(PathBuf::from("roster.toml")),
    }
}

/// Run `dw init`: it needs no roster (it makes one). The clock and the
/// terminal are the invocation's.
pub fn run(inv: &Invocation, args: &InitArgs) -> Result<()> {
    let global = &inv.global;
    let clock = inv.clock;
    let interactive = inv.terminal.interactive();
    let path = target(args, global)?;
    refuse_existing(&path, args.force)?;
    let source = decide(args, interactive)?;
    let (roster, not_carried) = match source {
        Source::Flags => (from_flags(global, args, clock, None)?, Vec::new()),
        Source::Ask => (ask(global, args, clock)?, Vec::new()),
        Source::PagerDuty => from_schedule(inv, args)?,
    };
    let text = template::render(&roster);
    check(&text, &path)?;
    let overwrite = if args.force {
        Overwrite::RegularFile
    } else {
        Overwrite::Never
    };
    write_atomic(&path, text.as_bytes(), overwrite).map_err(|e| match e {
        crate::files::FileError::Exists { .. } => exists(&path),
        other => Error::usage(
            format!("cannot write the roster: {other}"),
            "give a PATH in a folder you can write to",
        ),
    })?;
    if !not_carried.is_empty() {
        eprintln!(
            "dw: not carried over from PagerDuty ({} item{}):",
            not_carried.len(),
            if not_carried.len() == 1 { "" } else { "s" }
        );
        for item in &not_carried {
            eprintln!("  - {}", item.describe());
        }
    }
    super::print(&next_steps(
        &roster,
        &path,
        global.roster.is_some() || args.path.is_some(),
    ))
}

fn exists(path: &Path) -> Error {
    Error::usage(
        format!(
            "{} already exists; dw init does not replace it",
            path.display()
        ),
        "pass --force to overwrite it, or give another PATH (dw init team.toml)",
    )
}

/// Exit 2 before any question or request when the file exists and `--force` is not given.
fn refuse_existing(path: &Path, force: bool) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => Err(Error::usage(
            format!("{} is a folder", path.display()),
            "give the path of the file to write, e.g. roster.toml",
        )),
        Ok(_) if !force => Err(exists(path)),
        _ => Ok(()),
    }
}

/// The text must be a roster dw accepts: checked with dw's own rules before writing.
fn check(text: &str, path: &Path) -> Result<()> {
    crate::validate::parse(text, &path.display().to_string())
        .map(|_| ())
        .map_err(|e| {
            let messages: Vec<String> = e
                .diagnostics
                .iter()
                .map(|d| match &d.hint {
                    Some(h) => format!("{} ({h})", d.message),
                    None => d.message.clone(),
                })
                .collect();
            Error::usage(
                format!(
                    "the roster would not pass dw check, so nothing was written: {}",
                    messages.join("; ")
                ),
                "fix the flag or answer that gives this value",
            )
        })
}

/// Today's date in `tz` at the moment asked about (`--at`, else the clock).
fn today(global: &Global, clock: DateTime<Utc>, tz: &Tz) -> NaiveDate {
    super::resolve_at(global.at, clock, tz, crate::when::Handoff::default())
        .with_timezone(tz)
        .date_naive()
}

fn roles(args: &InitArgs) -> Vec<String> {
    match &args.roles {
        Some(r) => r.iter().map(|s| s.trim().to_string()).collect(),
        None => DEFAULT_ROLES.iter().map(|s| s.to_string()).collect(),
    }
}

fn text_flag(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(String::from)
}

/// The roster the flags describe, defaults for the rest; `team` stands in
/// for a missing `--team` (the answer to a question).
fn from_flags(
    global: &Global,
    args: &InitArgs,
    clock: DateTime<Utc>,
    team: Option<String>,
) -> Result<NewRoster> {
    let timezone = args.timezone.unwrap_or(Tz::UTC);
    let handoff_day = args.handoff_day.unwrap_or(Weekday::Tue);
    let start = args
        .start
        .unwrap_or_else(|| next_handoff_date(today(global, clock, &timezone), handoff_day));
    Ok(NewRoster {
        team: team.or_else(|| text_flag(&args.team)).unwrap_or_default(),
        timezone,
        handoff_day,
        handoff_time: args
            .handoff_time
            .unwrap_or_else(|| chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default()),
        start,
        roles: roles(args),
        slack_channel: text_flag(&args.slack_channel),
        incident_channel: text_flag(&args.incident_channel),
        pagerduty_schedules: Vec::new(),
        members: args
            .member
            .iter()
            .map(|m| NewMember {
                id: m.id.clone(),
                name: m.name.clone(),
                email: m.email.clone(),
                slack: None,
                pagerduty: None,
            })
            .collect(),
    })
}

fn input(prompt: &str, default: Option<String>, allow_empty: bool) -> Result<String> {
    let mut q = Input::<String>::new()
        .with_prompt(prompt)
        .allow_empty(allow_empty);
    if let Some(d) = default {
        q = q.default(d);
    }
    Ok(q.interact_text()
        .map_err(super::prompt_error)?
        .trim()
        .to_string())
}

/// Ask for every setting no flag gave, then build the roster as [`from_flags`] does.
fn ask(global: &Global, args: &InitArgs, clock: DateTime<Utc>) -> Result<NewRoster> {
    let team = match text_flag(&args.team) {
        Some(t) => t,
        None => loop {
            let t = input("Team name", None, false)?;
            if !t.is_empty() {
                break t;
            }
        },
    };
    let timezone = match args.timezone {
        Some(tz) => tz,
        None => loop {
            let answer = input("Time zone (IANA name)", Some("UTC".into()), false)?;
            match parse_timezone(&answer) {
                Ok(tz) => break tz,
                Err(e) => eprintln!("dw: {e}"),
            }
        },
    };
    let handoff_day = match args.handoff_day {
        Some(d) => d,
        None => {
            let days = [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
                Weekday::Sat,
                Weekday::Sun,
            ];
            let names: Vec<&str> = days.iter().map(|d| weekday_name(*d)).collect();
            let i = Select::new()
                .with_prompt("Handoff day (weeks begin on it)")
                .items(&names)
                .default(1)
                .interact()
                .map_err(super::prompt_error)?;
            days[i]
        }
    };
    let handoff_time = match args.handoff_time {
        Some(t) => t,
        None => loop {
            let answer = input("Handoff time (HH:MM, local)", Some("10:00".into()), false)?;
            match parse_time(&answer) {
                Ok(t) => break t,
                Err(e) => eprintln!("dw: {e}"),
            }
        },
    };
    let start = match args.start {
        Some(s) => s,
        None => {
            let default = next_handoff_date(today(global, clock, &timezone), handoff_day);
            loop {
                let answer = input(
                    &format!("First handoff (week 0), a {}", weekday_name(handoff_day)),
                    Some(default.to_string()),
                    false,
                )?;
                match crate::cli::parse_date(&answer) {
                    Ok(d) if chrono::Datelike::weekday(&d) == handoff_day => break d,
                    Ok(d) => eprintln!(
                        "dw: {d} is a {}, not a {}",
                        weekday_name(chrono::Datelike::weekday(&d)),
                        weekday_name(handoff_day)
                    ),
                    Err(e) => eprintln!("dw: {e}"),
                }
            }
        }
    };
    let roles = match &args.roles {
        Some(_) => roles(args),
        None => input(
            "Role names of ranks 1, 2, 3 … (comma-separated)",
            Some(DEFAULT_ROLES.join(",")),
            false,
        )?
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect(),
    };
    let slack_channel = match text_flag(&args.slack_channel) {
        Some(c) => Some(c),
        None => Some(input(
            "Slack team channel (#name; empty: none)",
            None,
            true,
        )?)
        .filter(|c| !c.is_empty()),
    };
    let incident_channel = match text_flag(&args.incident_channel) {
        Some(c) => Some(c),
        None => Some(input(
            "Slack incident channel (#name; empty: none)",
            None,
            true,
        )?)
        .filter(|c| !c.is_empty()),
    };
    let mut roster = from_flags(global, args, clock, Some(team))?;
    roster.timezone = timezone;
    roster.handoff_day = handoff_day;
    roster.handoff_time = handoff_time;
    roster.start = start;
    roster.roles = roles;
    roster.slack_channel = slack_channel;
    roster.incident_channel = incident_channel;
    if roster.members.is_empty() {
        roster.members = ask_members()?;
    }
    Ok(roster)
}

/// Members one by one, in rotation order, until an empty id.
fn ask_members() -> Result<Vec<NewMember>> {
    eprintln!("Members, in rotation order (an empty id ends the list):");
    let mut members: Vec<NewMember> = Vec::new();
    loop {
        let n = members.len() + 1;
        let id = input(&format!("Member {n} id (lower case, e.g. ada)"), None, true)?;
        if id.is_empty() {
            if members.is_empty() {
                eprintln!("dw: a roster needs at least one member");
                continue;
            }
            return Ok(members);
        }
        if members.iter().any(|m| m.id == id) {
            eprintln!("dw: {id} is already a member");
            continue;
        }
        let name = loop {
            let name = input(&format!("Member {n} name"), None, false)?;
            if !name.is_empty() {
                break name;
            }
        };
        let email = loop {
            let email = input(&format!("Member {n} email"), None, false)?;
            if email.contains('@') {
                break email;
            }
            eprintln!("dw: an email has an @");
        };
        members.push(NewMember {
            id,
            name,
            email,
            slack: None,
            pagerduty: None,
        });
    }
}

/// What to do next, for stdout.
fn next_steps(roster: &NewRoster, path: &Path, explicit: bool) -> String {
    let shown = path.display().to_string();
    let at = if explicit && path != Path::new("roster.toml") {
        format!(" --roster {shown}")
    } else {
        String::new()
    };
    let first = crate::rotation::resolve_local(
        &roster.timezone,
        roster.start.and_time(roster.handoff_time),
    );
    let guide = match env!("CARGO_PKG_REPOSITORY") {
        "" => "docs/setup.md in dw's repository".to_string(),
        repo => format!("{}/blob/main/docs/setup.md", repo.trim_end_matches('/')),
    };
    format!(
        "Wrote {shown}: {team}, {n} member{s}, week 0 begins {first}.\n\
         \n\
         Next:\n  \
         1. dw check{at}, then dw schedule{at} for the weeks ahead\n  \
         2. git add {shown} && git commit -m \"On-call rotation\"\n  \
         3. tokens, in the environment only (never in the roster): PAGERDUTY_TOKEN for\n     \
         dw sync pagerduty and dw check --pagerduty, SLACK_TOKEN (a bot token) for\n     \
         dw announce, dw handoff --post and dw remind\n  \
         4. the setup guide, from tokens and scopes to the first handoff: {guide}\n",
        team = roster.team,
        n = roster.members.len(),
        s = if roster.members.len() == 1 { "" } else { "s" },
        first = crate::render::human(&first),
    )
}

#[cfg(test)]
mod tests;
