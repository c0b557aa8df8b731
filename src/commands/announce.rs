//! `dw announce`: this week's ranks to Slack, the channel topic, the user group.
//! Thin I/O: read what Slack holds, let `crate::announce` decide, send, print.

use serde::Serialize;

use crate::announce::{
    decide, history_oldest, is_announcement, metadata, summary, Decision, Found, GroupAction,
    PostAction, Read, Report, Status, Step, TopicAction, Wanted,
};
use crate::cli::AnnounceArgs;
use crate::error::{Error, Result};
use crate::http::Request;
use crate::invocation::access;
use crate::slack::Slack;

use crate::render::notes::{announcement, topic};

use super::{person, Context};
use crate::clients;
use crate::roster::Rank;
use crate::rotation::WeekIx;

/// The rows of the access table for the flags given.
fn announce_access(args: &AnnounceArgs) -> Vec<&'static access::Access> {
    [
        (args.post, &access::ANNOUNCE_POST),
        (args.topic, &access::ANNOUNCE_TOPIC),
        (args.group, &access::ANNOUNCE_GROUP),
    ]
    .into_iter()
    .filter_map(|(given, row)| given.then_some(row))
    .collect()
}

/// Preview the announcement, or post it / set the topic / update the group:
/// read what Slack holds, let `crate::announce` decide, send what is
/// missing, print what was done and what was in place.
pub fn run(ctx: &Context, args: &AnnounceArgs) -> Result<()> {
    let rot = ctx.rotation();
    let k = ctx.current_week(&rot)?;
    let week = rot.week(k);
    let (start, end) = rot.bounds(k);
    let ranks: Vec<_> = week
        .ranks
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                ctx.roster.role_name(Rank::from_index(i)),
                person(&ctx.roster, s.member),
            )
        })
        .collect();
    let away: Vec<_> = week
        .away
        .iter()
        .map(|a| person(&ctx.roster, a.member))
        .collect();
    let text = announcement(&ctx.roster.team.name, k, &start, &end, &ranks, &away);
    if !(args.post || args.topic || args.group) {
        return preview(ctx, k, &text);
    }
    let channel = ctx.team_channel()?;
    let token = ctx
        .inv
        .credentials
        .slack_for(args.dry_run, &announce_access(args))?;
    // Without a token (a dry run) nothing is read: the requests show what
    // would be looked up.
    let can_read = !token.is_empty();
    let group_users = if args.group {
        Some(group_members(ctx, &week)?)
    } else {
        None
    };
    let group = match (&group_users, &ctx.roster.slack.group) {
        (Some(_), None) => {
            return Err(Error::usage(
                "the roster has no [slack] group to update",
                "add group = \"oncall\" (the user group's handle, without @) or its ID (S…) under [slack]",
            ))
        }
        (_, g) => g.clone(),
    };
    let http = clients::http(&ctx.inv)?;
    let slack = clients::slack(&ctx.inv, &http, token)?;
    let wanted = Wanted {
        post: args.post.then(|| text.clone()),
        topic: args.topic.then(|| slack_topic(&topic(&ranks))),
        group: group_users,
    };
    let place = Place {
        channel,
        group: group.unwrap_or_default(),
        team: &ctx.roster.team.name,
        start,
    };
    let (found, ids) = read(&slack, args, &place, can_read)?;
    let decision = decide(&wanted, &found);
    let mut report = Report::planned(
        &decision,
        &wanted,
        &place.channel,
        &place.group,
        args.dry_run,
    );
    let steps = requests(&slack, &decision, &wanted, &place, &ids);
    if args.dry_run {
        let already = summary(&report, k);
        if !already.is_empty() {
            ctx.note(already.trim_end());
        }
        let requests: Vec<Request> = steps.into_iter().map(|(_, req)| req).collect();
        return super::print(&clients::dry_run_all(
            ctx.inv.global.json,
            ctx.inv.pretty_json(),
            &requests,
        ));
    }
    let failure = send(&slack, steps, &place, &ids, &mut report);
    let out = if ctx.inv.global.json {
        super::json(&ctx.inv, &Out::new(&report, http.notices()))
    } else {
        summary(&report, k)
    };
    super::print(&out)?;
    match failure {
        Some(e) if report.partly_done() => Err(e.context(
            "not everything was sent (what was, or was in place already, is above; \
             the same command again sends only what is missing): ",
        )),
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// No flag: the message Slack would get (as JSON with `--json`).
fn preview(ctx: &Context, k: WeekIx, text: &str) -> Result<()> {
    ctx.note("dw: preview only; --post sends it, --topic sets the channel topic, --group updates the user group");
    if ctx.inv.global.json {
        #[derive(Serialize)]
        struct Preview<'a> {
            preview: bool,
            week: WeekIx,
            text: &'a str,
        }
        let preview = Preview {
            preview: true,
            week: k,
            text,
        };
        return super::print(&super::json(&ctx.inv, &preview));
    }
    super::print(text)
}

/// The user group's members this week: the Slack IDs of ranks 1 and 2, or
/// exit 2 naming a member without one (or a week with nobody).
fn group_members(ctx: &Context, week: &crate::rotation::Week) -> Result<Vec<String>> {
    let mut users = Vec::new();
    for (i, slot) in week.ranks.iter().take(2).enumerate() {
        let m = &ctx.roster.members[slot.member];
        match &m.slack {
            Some(id) => users.push(id.clone()),
            None => {
                let hint = format!(
                    "add slack = \"U…\" to member \"{}\" (Slack: profile → ⋮ → Copy member ID)",
                    m.id
                );
                return Err(Error::usage(
                    format!(
                        "--group: member \"{}\" ({} this week) has no Slack user ID in the roster, \
                         so cannot be put in the user group",
                        m.id,
                        ctx.roster.role_name(Rank::from_index(i))
                    ),
                    hint,
                ));
            }
        }
    }
    if users.is_empty() {
        return Err(Error::usage(
            "nobody is available this week, so the user group would be empty",
            "check the roster's away periods with dw check",
        ));
    }
    Ok(users)
}

/// Where this week's announcement goes: the channel, the group, and what
/// marks dw's own post (the team and the week's start).
struct Place<'a> {
    channel: String,
    group: String,
    team: &'a str,
    start: chrono::DateTime<chrono_tz::Tz>,
}

impl Place<'_> {
    /// Whether a message of the channel's history is this week's announcement.
    fn is_ours(&self, message: &serde_json::Value) -> bool {
        is_announcement(message, self.team, &self.start)
    }

    /// This week's announcement in the channel `channel_id`, if Slack has it.
    fn find_post(&self, slack: &Slack<'_>, channel_id: &str) -> Result<Option<String>> {
        let oldest = history_oldest(&self.start);
        Ok(slack
            .find_message(channel_id, &oldest, |m| self.is_ours(m))?
            .map(|m| ts_of(&m)))
    }
}

/// The channel's and the group's IDs, as read (or placeholders in a dry run
/// without a token).
struct Ids {
    channel: String,
    group: String,
}

/// Read what Slack holds for the steps asked for.
fn read(
    slack: &Slack<'_>,
    args: &AnnounceArgs,
    place: &Place<'_>,
    can_read: bool,
) -> Result<(Found, Ids)> {
    let mut found = Found::default();
    let channel = &place.channel;
    let channel_id = if (args.post || args.topic) && can_read {
        let c = slack.channel(channel)?;
        if args.topic {
            found.topic = Read::Is(c.topic);
        }
        c.id
    } else if crate::slack::is_channel_id(channel) {
        channel.clone()
    } else {
        format!("(ID of {channel} from conversations.list)")
    };
    if args.post && can_read {
        found.post = Read::Is(place.find_post(slack, &channel_id)?);
    }
    let group_id = match (place.group.as_str(), args.group && can_read) {
        ("", _) => String::new(),
        (g, true) => {
            let id = slack.group_id(g)?;
            found.group = Read::Is(slack.group_users(&id)?);
            id
        }
        (g, false) => format!(
            "(ID of @{} from usergroups.list)",
            g.trim_start_matches('@')
        ),
    };
    let ids = Ids {
        channel: channel_id,
        group: group_id,
    };
    Ok((found, ids))
}

/// The requests of the steps the decision sends, in order.
fn requests(
    slack: &Slack<'_>,
    decision: &Decision,
    wanted: &Wanted,
    place: &Place<'_>,
    ids: &Ids,
) -> Vec<(Step, Request)> {
    let mut out = Vec::new();
    if let (Some(PostAction::Send), Some(text)) = (&decision.post, &wanted.post) {
        let meta = metadata(place.team, &place.start);
        out.push((
            Step::Post,
            slack.post_message_with_metadata_request(&place.channel, text, meta),
        ));
    }
    if let (Some(TopicAction::Set), Some(t)) = (decision.topic, &wanted.topic) {
        out.push((Step::Topic, slack.set_topic_request(&ids.channel, t)));
    }
    if let (Some(GroupAction::Update), Some(users)) = (decision.group, &wanted.group) {
        out.push((Step::Group, slack.update_group_request(&ids.group, users)));
    }
    out
}

/// Send every step, even after one failed (each is idempotent), recording
/// each answer in `report`; the first failure is returned.
fn send(
    slack: &Slack<'_>,
    steps: Vec<(Step, Request)>,
    place: &Place<'_>,
    ids: &Ids,
    report: &mut Report,
) -> Option<Error> {
    let mut failure: Option<Error> = None;
    for (step, req) in steps {
        let answer = match slack.call(&req) {
            Ok(body) => Ok((step == Step::Post).then(|| ts_of(&body))),
            // Never resent blindly: Slack may have taken the post before
            // failing. Look again; if it is there, it was posted.
            Err(e) if step == Step::Post && e.is_ambiguous() => {
                match place.find_post(slack, &ids.channel) {
                    Ok(Some(ts)) => Ok(Some(ts)),
                    Ok(None) => Err(Error::from(e)),
                    Err(lookup) => Err(Error::from(e).suffixed(&format!(
                        " (and looking for the post afterwards failed too: {lookup}; \
                         so dw cannot tell whether it arrived)"
                    ))),
                }
            }
            Err(e) => Err(Error::from(e)),
        };
        match answer {
            Ok(ts) => report.record(step, Ok(ts)),
            Err(e) => {
                report.record(step, Err(e.one_line()));
                failure = failure.or(Some(e));
            }
        }
    }
    failure
}

/// A message's `ts` (from `chat.postMessage` or `conversations.history`).
fn ts_of(message: &serde_json::Value) -> String {
    message
        .get("ts")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// `--json`: what this run wrote (`posted`, `topic`, `group`, as before),
/// and every step's outcome, `done` or `already` in place, under `steps`.
#[derive(Serialize)]
struct Out<'a> {
    /// The channel, when this run posted.
    posted: Option<&'a str>,
    /// The topic, when this run set it.
    topic: Option<&'a str>,
    /// The members, when this run updated the group.
    group: Option<&'a [String]>,
    steps: &'a Report,
    /// What dw warned about on stderr too, e.g. a list cut short.
    warnings: Vec<String>,
}

impl<'a> Out<'a> {
    fn new(r: &'a Report, warnings: Vec<String>) -> Self {
        Out {
            posted: r
                .post
                .as_ref()
                .filter(|p| p.status == Status::Done)
                .map(|p| p.channel.as_str()),
            topic: r
                .topic
                .as_ref()
                .filter(|t| t.status == Status::Done)
                .map(|t| t.topic.as_str()),
            group: r
                .group
                .as_ref()
                .filter(|g| g.status == Status::Done)
                .map(|g| g.users.as_slice()),
            steps: r,
            warnings,
        }
    }
}

/// Slack's longest channel topic, in characters.
pub const TOPIC_MAX_CHARS: usize = 250;

/// The topic as Slack gets it: escaped like every Slack text (a name cannot
/// ping `<!channel>`), then cut to [`TOPIC_MAX_CHARS`] on a character
/// boundary, never inside an escape such as `&amp;`; a cut ends in `…`.
pub fn slack_topic(raw: &str) -> String {
    crate::render::mrkdwn::cut(&crate::slack::escape(raw), TOPIC_MAX_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_is_escaped_and_cut_outside_escapes() {
        assert_eq!(
            slack_topic("primary: Ada <!channel> Lovelace"),
            "primary: Ada &lt;!channel&gt; Lovelace"
        );
        for pad in 240..250 {
            let raw = format!("{}{}", "x".repeat(pad), "&&&&&&&&&&&&&&&&&&&&");
            let t = slack_topic(&raw);
            assert!(t.chars().count() <= TOPIC_MAX_CHARS, "{pad}");
            let body = t.trim_end_matches('…');
            assert!(body.ends_with("&amp;") || body.ends_with('x'), "{pad}: {t}");
        }
        let long: String = "é".repeat(400);
        assert_eq!(slack_topic(&long).chars().count(), TOPIC_MAX_CHARS);
    }
}
