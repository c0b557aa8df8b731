//! `dw announce`: this week's ranks to Slack, the channel topic, the user group.

use serde::Serialize;

use crate::cli::AnnounceArgs;
use crate::error::{Error, Result};
use crate::http::Request;
use crate::invocation::access;

use crate::render::notes::{announcement, topic};

use super::{person, Context};
use crate::clients;

#[derive(Serialize, Default)]
struct Done {
    posted: Option<String>,
    topic: Option<String>,
    group: Option<Vec<String>>,
    /// What dw warned about on stderr too, e.g. a list cut short.
    warnings: Vec<String>,
}

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
                "add group = \"dreamwork\" (the handle) or its ID (S…) under [slack]",
            ))
        }
        (_, g) => g.clone(),
    };
    let http = clients::http(&ctx.inv)?;
    let slack = clients::slack(&ctx.inv, &http, token)?;
    let topic_text = slack_topic(&topic(&ranks));
    let mut requests: Vec<(Request, &str)> = Vec::new();
    if args.post {
        requests.push((slack.post_message_request(&channel, &text), "post"));
    }
    // IDs are looked up (reads) whenever there is a token, so a dry run
    // prints the requests exactly; without one it shows what would be looked up.
    let can_read = !token_missing;
    if args.topic {
        let id = if can_read {
            slack.channel_id(&channel)?
        } else {
            format!("(ID of {channel} from conversations.list)")
        };
        requests.push((slack.set_topic_request(&id, &topic_text), "topic"));
    }
    if let (Some(users), Some(group)) = (&group_users, &group) {
        let id = if can_read {
            slack.group_id(group)?
        } else {
            format!(
                "(ID of @{} from usergroups.list)",
                group.trim_start_matches('@')
            )
        };
        requests.push((slack.update_group_request(&id, users), "group"));
    }
    if args.dry_run {
        let requests: Vec<Request> = requests.into_iter().map(|(r, _)| r).collect();
        return super::print(&clients::dry_run_all(
            ctx.inv.global.json,
            ctx.inv.pretty_json(),
            &requests,
        ));
    }
    let mut done = Done::default();
    for (req, what) in &requests {
        slack.call(req)?;
        match *what {
            "post" => done.posted = Some(channel.clone()),
            "topic" => done.topic = Some(topic_text.clone()),
            _ => done.group = group_users.clone(),
        }
    }
    if ctx.inv.global.json {
        done.warnings = http.notices();
        return super::print(&super::json(&ctx.inv, &done));
    }
    let mut out = String::new();
    if let Some(c) = &done.posted {
        out.push_str(&format!("Posted week {k}'s ranks in {c}.\n"));
    }
    if let Some(t) = &done.topic {
        out.push_str(&format!("Topic of {channel} set to \"{t}\".\n"));
    }
    if let (Some(users), Some(g)) = (&done.group, &group) {
        out.push_str(&format!(
            "@{} is now {}.\n",
            g.trim_start_matches('@'),
            users.join(", ")
        ));
    }
    super::print(&out)
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
