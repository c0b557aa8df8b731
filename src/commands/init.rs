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

/// The roster from a PagerDuty schedule, and what it could not carry over.
fn from_schedule(inv: &Invocation, args: &InitArgs) -> Result<(NewRoster, Vec<NotCarried>)> {
    let primary_id = args.from_pagerduty.clone().unwrap_or_default();
    let token = inv.credentials.pagerduty(&access::INIT_FROM_PAGERDUTY)?;
    let slack_token = inv.credentials.slack_opt()?;
    let http = clients::http(inv)?;
    let pd = clients::pagerduty(inv, &http, token, None)?;
    let now = super::resolve_at(
        inv.global.at,
        inv.clock,
        &Tz::UTC,
        crate::when::Handoff::default(),
    );
    let interactive = inv.terminal.interactive();
    let read = |id: &str| -> Result<ScheduleDetail> {
        let since = now.to_rfc3339_opts(SecondsFormat::Secs, true);
        let until = (now + Duration::weeks(from_pagerduty::COMPARED_WEEKS as i64 + 1))
            .to_rfc3339_opts(SecondsFormat::Secs, true);
        pd.schedule_detail(id, &since, &until)
            .map_err(|e| schedule_error(e, id))
    };
    let schedule = read(&primary_id)?;
    let rotation = from_pagerduty::rotation(&schedule, now, args.timezone).map_err(|r| {
        let (message, hint) = r.describe(&primary_id);
        Error::usage(message, hint)
    })?;
    if let (Some(flag), Ok(theirs)) = (args.timezone, schedule.time_zone.parse::<Tz>()) {
        if flag != theirs {
            return Err(Error::usage(
                format!(
                    "--timezone {} differs from schedule {primary_id}'s time zone {}: the handoffs are PagerDuty's, in its zone",
                    flag.name(),
                    theirs.name()
                ),
                "leave --timezone out (it is only for a schedule whose zone dw does not know), or change the schedule's zone in PagerDuty",
            ));
        }
    }
    let users = read_users(&pd, &rotation.users)?;
    let slack_ids = match slack_token {
        Some(token) => Some(slack_ids(inv, &http, token, &users)?),
        None => None,
    };
    let (members, member_notes) = from_pagerduty::members(&rotation, &users, slack_ids.as_ref());
    let name = |id: &str| -> String {
        users
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let mut notes = rotation.not_carried.clone();
    notes.extend(from_pagerduty::overrides(&rotation, &schedule, &name));
    let finals = schedule
        .final_schedule
        .as_ref()
        .map(|f| f.rendered_schedule_entries.clone())
        .unwrap_or_default();
    notes.extend(
        from_pagerduty::differing_weeks(&rotation, &finals, 1, &name)
            .into_iter()
            .map(|(week, pagerduty, roster)| NotCarried::WeekDiffers {
                week,
                pagerduty,
                roster,
            }),
    );
    notes.extend(member_notes);
    let roles = roles(args);
    let mut schedules = vec![(role(&roles, 0), primary_id.clone())];
    if let Some(secondary_id) = &args.secondary {
        schedules.push((role(&roles, 1), secondary_id.clone()));
        if rotation.users.len() < 2 {
            notes.push(NotCarried::NoSecondary);
        } else {
            let secondary = read(secondary_id)?;
            let entries = secondary
                .final_schedule
                .map(|f| f.rendered_schedule_entries)
                .unwrap_or_default();
            notes.extend(
                from_pagerduty::differing_weeks(&rotation, &entries, 2, &name)
                    .into_iter()
                    .map(|(week, pagerduty, roster)| NotCarried::SecondaryDiffers {
                        week,
                        pagerduty,
                        roster,
                    }),
            );
        }
    }
    let schedule_name = schedule.name.clone().filter(|n| !n.trim().is_empty());
    let team = match (text_flag(&args.team), interactive) {
        (Some(t), _) => t,
        (None, true) => input("Team name", schedule_name.clone(), false)?,
        (None, false) => schedule_name.unwrap_or_else(|| primary_id.clone()),
    };
    let roster = NewRoster {
        team,
        timezone: rotation.timezone,
        handoff_day: rotation.handoff_day,
        handoff_time: rotation.handoff_time,
        start: rotation.start,
        roles,
        slack_channel: text_flag(&args.slack_channel),
        incident_channel: text_flag(&args.incident_channel),
        pagerduty_schedules: schedules,
        members,
    };
    Ok((roster, notes))
}

/// The role name of rank `i + 1`.
fn role(roles: &[String], i: usize) -> String {
    roles
        .get(i)
        .cloned()
        .unwrap_or_else(|| crate::roster::ordinal(i + 1))
}

fn schedule_error(e: crate::pagerduty::ApiError, id: &str) -> Error {
    let not_found = matches!(
        e.http(),
        Some(crate::http::HttpError::Status { status: 404, .. })
    );
    let error = Error::from(e);
    if not_found {
        error.with_hint(format!(
            "check the schedule ID {id}: in PagerDuty, People → On-Call Schedules, the schedule's ID ends its address (…/schedules/P…)"
        ))
    } else {
        error
    }
}

/// `GET /users/{id}` for each user, in order.
fn read_users(pd: &PagerDuty<'_>, ids: &[String]) -> Result<Vec<User>> {
    ids.iter()
        .map(|id| {
            let user = pd.user(id)?;
            if !user.email.contains('@') {
                return Err(Error::service(format!(
                    "PagerDuty GET /users/{id}: the user has no email, which a roster member needs"
                )));
            }
            Ok(user)
        })
        .collect()
}

/// Each user's Slack ID by email (`users.lookupByEmail`); `None` where Slack
/// has nobody with that email.
fn slack_ids(
    inv: &Invocation,
    http: &crate::http::Http,
    token: Secret,
    users: &[User],
) -> Result<BTreeMap<String, Option<String>>> {
    let slack = clients::slack(inv, http, token)?;
    let mut found = BTreeMap::new();
    for u in users {
        let id = slack.user_id_by_email(&u.email).map_err(|e| {
            let scope = matches!(
                &e,
                crate::slack::ApiError::Answer {
                    error: crate::slack::AnswerError::NotOk(code),
                    ..
                } if code == "missing_scope"
            );
            let error = Error::from(e);
            if scope {
                error.with_hint("give the Slack app the scope users:read.email (OAuth & Permissions → Bot Token Scopes), reinstall it, and run dw init again; or unset SLACK_TOKEN to write the roster without Slack IDs")
            } else {
                error
            }
        })?;
        found.insert(u.email.clone(), id);
    }
    Ok(found)
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
         2. git add {shown} && git commit -m \"On-call roster\"\n  \
         3. tokens, in the environment only (never in the roster): PAGERDUTY_TOKEN for\n     \
         dw sync pagerduty and dw check --pagerduty, SLACK_TOKEN (a bot token) for\n     \
         dw announce, dw handoff --post and dw remind\n  \
         4. the setup guide, from tokens and scopes to the first Monday: {guide}\n",
        team = roster.team,
        n = roster.members.len(),
        s = if roster.members.len() == 1 { "" } else { "s" },
        first = crate::render::human(&first),
    )
}

#[cfg(test)]
#[path = "init_tests.rs"]
mod tests;
