//! `dw init --from-pagerduty`: read the schedule and its users (and Slack
//! IDs by email) and turn them into a new roster.

#[allow(clippy::wildcard_imports)]
use super::*;

/// The roster from a PagerDuty schedule, and what it could not carry over.
pub(super) fn from_schedule(
    inv: &Invocation,
    args: &InitArgs,
) -> Result<(NewRoster, Vec<NotCarried>)> {
    let primary_id = args.from_pagerduty.clone().unwrap_or_default();
    let token = inv.credentials.pagerduty(&access::INIT_FROM_PAGERDUTY)?;
    let slack_token = inv.credentials.slack_opt()?;
    let http = clients::http(inv)?;
    let pd = clients::pagerduty(inv, &http, token, None)?;
    let now = crate::commands::resolve_at(
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
