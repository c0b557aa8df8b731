//! `dw announce`: this week's ranks to Slack, the channel topic, the user group.
//! Thin I/O: read what Slack holds, let `crate::announce` decide, send, print.

use serde::Serialize;

use crate::announce::{
    decide, history_oldest, is_announcement, metadata, summary, Found, GroupAction, PostAction,
    Read, Report, Status, Step, TopicAction, Wanted,
};
use crate::cli::AnnounceArgs;
use crate::error::{Error, Result};
use crate::http::Request;
use crate::invocation::access;

use crate::render::notes::{announcement, topic};

use super::{person, Context};
use crate::clients;

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

/// Preview the announcement, or post it / set the topic / update the group.
pub fn run(ctx: &Context, args: &AnnounceArgs) -> Result<()> {
    let rot = ctx.rotation();
    let k = ctx.current_week(&rot)?;
    let week = rot.week(k);
    let (start, end) = rot.bounds(k);
    let ranks: Vec<_> = week
        .ranks
        .iter()
        .enumerate()
        .map(|(i, s)| (ctx.roster.role_name(i + 1), person(&ctx.roster, s.member)))
        .collect();
    let away: Vec<_> = week
        .away
        .iter()
        .map(|a| person(&ctx.roster, a.member))
        .collect();
    let text = announcement(&ctx.roster.team.name, k, &start, &end, &ranks, &away);
    if !(args.post || args.topic || args.group) {
        ctx.note("dw: preview only; --post sends it, --topic sets the channel topic, --group updates the user group");
        if ctx.inv.global.json {
            // `--json` promises JSON: the preview is the message Slack would get.
            #[derive(Serialize)]
            struct Preview<'a> {
                preview: bool,
                week: usize,
                text: &'a str,
            }
            return super::print(&super::json(
                &ctx.inv,
                &Preview {
                    preview: true,
                    week: k,
                    text: &text,
                },
            ));
        }
        return super::print(&text);
    }
    let channel = ctx.team_channel()?;
    let token = ctx
        .inv
        .credentials
        .slack_for(args.dry_run, &announce_access(args))?;
    let token_missing = token.is_empty();
    let group_users = if args.group {
        let mut users = Vec::new();
        for slot in week.ranks.iter().take(2) {
            let m = &ctx.roster.members[slot.member];
            match &m.slack {
                Some(id) => users.push(id.clone()),
                None => {
                    let hint = format!(
                        "add slack = \"U…\" to member \"{}\" (Slack: profile → ⋮ → Copy member ID)",
                        m.id
                    );
                    return Err(Error::usage(
                        format!("member \"{}\" has no Slack user ID in the roster", m.id),
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
        Some(users)
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
    let team = &ctx.roster.team.name;
    let group_name = group.clone().unwrap_or_default();

    // Read what Slack holds. Without a token (a dry run) nothing is read:
    // the requests show what would be looked up.
    let can_read = !token_missing;
    let mut found = Found::default();
    let channel_id = if (args.post || args.topic) && can_read {
        let c = slack.channel(&channel)?;
        if args.topic {
            found.topic = Read::Is(c.topic);
        }
        c.id
    } else if crate::slack::is_channel_id(&channel) {
        channel.clone()
    } else {
        format!("(ID of {channel} from conversations.list)")
    };
    let is_ours = |m: &serde_json::Value| is_announcement(m, team, &start);
    let oldest = history_oldest(&start);
    if args.post && can_read {
        let earlier = slack.find_message(&channel_id, &oldest, is_ours)?;
        found.post = Read::Is(earlier.map(|m| ts_of(&m)));
    }
    let group_id = match &group {
        Some(g) if args.group && can_read => {
            let id = slack.group_id(g)?;
            found.group = Read::Is(slack.group_users(&id)?);
            id
        }
        Some(g) => format!(
            "(ID of @{} from usergroups.list)",
            g.trim_start_matches('@')
        ),
        None => String::new(),
    };

    // Decide.
    let decision = decide(&wanted, &found);
    let mut report = Report::planned(&decision, &wanted, &channel, &group_name, args.dry_run);
    let post = match (&decision.post, &wanted.post) {
        (Some(PostAction::Send), Some(text)) => {
            Some(slack.post_message_with_metadata_request(&channel, text, metadata(team, &start)))
        }
        _ => None,
    };
    let set_topic = match (decision.topic, &wanted.topic) {
        (Some(TopicAction::Set), Some(t)) => Some(slack.set_topic_request(&channel_id, t)),
        _ => None,
    };
    let update_group = match (decision.group, &wanted.group) {
        (Some(GroupAction::Update), Some(users)) => {
            Some(slack.update_group_request(&group_id, users))
        }
        _ => None,
    };
    if args.dry_run {
        let already = summary(&report, k);
        if !already.is_empty() {
            ctx.note(already.trim_end());
        }
        let requests: Vec<Request> = [post, set_topic, update_group]
            .into_iter()
            .flatten()
            .collect();
        return super::print(&clients::dry_run_all(
            ctx.inv.global.json,
            ctx.inv.pretty_json(),
            &requests,
        ));
    }

    // Send: every step, even after one failed (each is idempotent; the
    // first failure is the error, after the summary of the rest).
    let mut failure: Option<Error> = None;
    for (step, req) in [
        (Step::Post, post),
        (Step::Topic, set_topic),
        (Step::Group, update_group),
    ] {
        let Some(req) = req else { continue };
        let answer = match slack.call(&req) {
            Ok(body) => Ok((step == Step::Post).then(|| ts_of(&body))),
            // Never resent blindly: Slack may have taken the post before
            // failing. Look again; if it is there, it was posted.
            Err(e) if step == Step::Post && e.is_ambiguous() => {
                match slack.find_message(&channel_id, &oldest, is_ours) {
                    Ok(Some(m)) => Ok(Some(ts_of(&m))),
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

    // Print.
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
