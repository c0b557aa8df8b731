//! Which credentials each command needs, and with what access: the one
//! table the missing-credential messages, the rejected-credential messages
//! and the help's mentions of scopes are checked against.

use std::fmt::Write as _;

use super::env::{DW_PAGERDUTY_FROM, PAGERDUTY_TOKEN, SLACK_TOKEN};

/// What a PagerDuty REST API key must be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagerDutyKey {
    /// A read-only key is enough.
    ReadOnly,
    /// The command writes: a full-access key.
    FullAccess,
}

/// What one command (or one flag of it) needs.
#[derive(Debug, Clone, Copy)]
pub struct Access {
    /// The command as typed, with the flag that needs the access: `announce --topic`.
    pub command: &'static str,
    /// The PagerDuty key it needs, and what it does with it.
    pub pagerduty: Option<(PagerDutyKey, &'static str)>,
    /// It sends `From: DW_PAGERDUTY_FROM` (PagerDuty wants a requester on writes).
    pub from: bool,
    /// The Slack Web API methods it calls.
    pub slack_methods: &'static [&'static str],
    /// The bot scopes those methods need.
    pub slack_scopes: &'static [&'static str],
    /// What else must hold in Slack.
    pub slack_note: &'static str,
}

const NONE: Access = Access {
    command: "",
    pagerduty: None,
    from: false,
    slack_methods: &[],
    slack_scopes: &[],
    slack_note: "",
};

pub const CHECK_PAGERDUTY: Access = Access {
    command: "check --pagerduty",
    pagerduty: Some((
        PagerDutyKey::ReadOnly,
        "reads the schedules, their rendered on-call and their overrides",
    )),
    ..NONE
};

pub const SYNC_PAGERDUTY: Access = Access {
    command: "sync pagerduty",
    pagerduty: Some((
        PagerDutyKey::FullAccess,
        "reads the schedules and creates and deletes schedule overrides",
    )),
    ..NONE
};

pub const HANDOFF: Access = Access {
    command: "handoff",
    pagerduty: Some((
        PagerDutyKey::ReadOnly,
        "reads the team's incidents (without a key the notes say they were not fetched)",
    )),
    ..NONE
};

pub const HANDOFF_POST: Access = Access {
    command: "handoff --post",
    slack_methods: &["chat.postMessage"],
    slack_scopes: &["chat:write"],
    slack_note: "the bot must be a member of the team channel ([slack] channel), or the app also needs chat:write.public",
    ..HANDOFF
};

/// Posting once into a channel: find it by name, read its history for dw's
/// own earlier post (marked with message metadata), post only if it is not
/// there (`announce --post`, `incident start`).
const POST_ONCE_METHODS: &[&str] = &[
    "conversations.list",
    "conversations.history",
    "chat.postMessage",
];
const POST_ONCE_SCOPES: &[&str] = &[
    "chat:write",
    "channels:read",
    "groups:read",
    "channels:history",
    "groups:history",
];

pub const ANNOUNCE_POST: Access = Access {
    command: "announce --post",
    slack_methods: POST_ONCE_METHODS,
    slack_scopes: POST_ONCE_SCOPES,
    slack_note: "the bot must be a member of the team channel: before posting it reads the channel's history (channels:history, groups:history for a private one) for this week's announcement, so a rerun never posts it twice; channels:read and groups:read find a channel named by name",
    ..NONE
};

pub const ANNOUNCE_TOPIC: Access = Access {
    command: "announce --topic",
    slack_methods: &[
        "conversations.list",
        "conversations.info",
        "conversations.setTopic",
    ],
    slack_scopes: &[
        "channels:read",
        "groups:read",
        "channels:manage",
        "groups:write",
    ],
    slack_note: "the bot must be a member of the channel to set its topic; channels:read and groups:read read the channel's topic (and find a channel named by name), so the topic is set only when it differs; channels:manage sets a public channel's topic, groups:write a private one's",
    ..NONE
};

pub const ANNOUNCE_GROUP: Access = Access {
    command: "announce --group",
    slack_methods: &[
        "usergroups.list",
        "usergroups.users.list",
        "usergroups.users.update",
    ],
    slack_scopes: &["usergroups:read", "usergroups:write"],
    slack_note: "usergroups:read finds the group and reads its members, so it is updated only when they differ; a bot can change a user group only where the workspace lets everyone manage user groups",
    ..NONE
};

pub const REMIND_POST: Access = Access {
    command: "remind --post",
    slack_methods: &[
        "conversations.open",
        "conversations.history",
        "chat.postMessage",
    ],
    slack_scopes: &["chat:write", "im:write", "im:history"],
    slack_note: "keep the app your workspace's own internal app: Slack limits conversations.history to one request a minute for apps distributed outside the Marketplace",
    ..NONE
};

pub const INCIDENT_START: Access = Access {
    command: "incident start",
    pagerduty: Some((
        PagerDutyKey::FullAccess,
        "opens the incident (and lists the services to choose from)",
    )),
    from: true,
    slack_methods: POST_ONCE_METHODS,
    slack_scopes: POST_ONCE_SCOPES,
    slack_note: "the bot must be a member of the incident channel: when the incident was open already (a rerun), dw reads the channel's history (channels:history, groups:history for a private one) for its announcement and posts it only if it is missing; channels:read and groups:read find a channel named by name; --no-slack opens the incident without the post",
};

pub const INCIDENT_ANALYSIS: Access = Access {
    command: "incident analysis --incident",
    pagerduty: Some((PagerDutyKey::ReadOnly, "reads the incident and its log")),
    ..NONE
};

pub const INIT_FROM_PAGERDUTY: Access = Access {
    command: "init --from-pagerduty",
    pagerduty: Some((
        PagerDutyKey::ReadOnly,
        "reads the schedules and their users",
    )),
    slack_methods: &["users.lookupByEmail"],
    slack_scopes: &["users:read", "users:read.email"],
    slack_note: "optional: with SLACK_TOKEN set, members' Slack IDs are found by email",
    ..NONE
};

/// Every row, in the order the docs list them.
pub const TABLE: &[Access] = &[
    CHECK_PAGERDUTY,
    SYNC_PAGERDUTY,
    HANDOFF,
    HANDOFF_POST,
    ANNOUNCE_POST,
    ANNOUNCE_TOPIC,
    ANNOUNCE_GROUP,
    REMIND_POST,
    INCIDENT_START,
    INCIDENT_ANALYSIS,
    INIT_FROM_PAGERDUTY,
];

/// Where a PagerDuty key comes from.
pub const PAGERDUTY_WHERE: &str = "made by an account administrator under Integrations → API Access Keys, or your own under My Profile → User Settings → Create API User Token";

/// Where the Slack bot token comes from.
pub const SLACK_WHERE: &str = "the Bot User OAuth Token of your team's own internal Slack app, on https://api.slack.com/apps → the app → OAuth & Permissions (docs/slack-app-manifest.yml in the dw repository makes the app in one step)";

impl PagerDutyKey {
    /// As the messages say it.
    pub fn words(self) -> &'static str {
        match self {
            PagerDutyKey::ReadOnly => "a read-only key is enough",
            PagerDutyKey::FullAccess => "it needs a full-access (write) key",
        }
    }
}

/// The scopes of `rows` together, each once, in table order.
pub fn scopes(rows: &[&Access]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for scope in rows.iter().flat_map(|r| r.slack_scopes.iter().copied()) {
        if !out.contains(&scope) {
            out.push(scope);
        }
    }
    out
}

/// How to set `PAGERDUTY_TOKEN` for `row`: the hint of a missing or
/// rejected key.
pub fn pagerduty_how(row: &Access) -> String {
    let mut out =
        format!("export {PAGERDUTY_TOKEN}=…: a PagerDuty REST API key, {PAGERDUTY_WHERE}");
    if let Some((key, does)) = row.pagerduty {
        let _ = write!(out, "; dw {} {does}, so {}", row.command, key.words());
    }
    out.push_str("; dw never reads tokens from the roster");
    out
}

/// How to set `SLACK_TOKEN` for `rows` (one command's flags together).
pub fn slack_how(rows: &[&Access]) -> String {
    let mut out = format!("export {SLACK_TOKEN}=xoxb-…: {SLACK_WHERE}");
    let scopes = scopes(rows);
    if !scopes.is_empty() {
        let _ = write!(out, "; its bot scopes: {}", scopes.join(", "));
    }
    for note in rows.iter().map(|r| r.slack_note).filter(|n| !n.is_empty()) {
        let _ = write!(out, "; {note}");
    }
    out.push_str("; dw never reads tokens from the roster");
    out
}

/// How to set `DW_PAGERDUTY_FROM` (for a command with `from`).
pub fn from_how(with_roster: bool) -> String {
    let mut out = format!(
        "export {DW_PAGERDUTY_FROM}=you@example.com: the email of your PagerDuty user, which PagerDuty wants in the From header of a new incident"
    );
    if with_roster {
        out.push_str("; or set DW_ME / --as to your member id in the roster");
    }
    out
}

/// The table as Markdown, for the notes and docs.
pub fn markdown() -> String {
    let mut out = String::from(
        "| command | PagerDuty key | DW_PAGERDUTY_FROM | Slack methods | Slack bot scopes | also |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for row in TABLE {
        let pd = match row.pagerduty {
            Some((PagerDutyKey::ReadOnly, does)) => format!("read-only ({does})"),
            Some((PagerDutyKey::FullAccess, does)) => format!("full access, write ({does})"),
            None => "—".into(),
        };
        let list = |v: &[&str]| {
            if v.is_empty() {
                "—".to_string()
            } else {
                v.iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let _ = writeln!(
            out,
            "| `{}` | {pd} | {} | {} | {} | {} |",
            row.command,
            if row.from { "yes" } else { "—" },
            list(row.slack_methods),
            list(row.slack_scopes),
            row.slack_note
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_write_command_asks_for_a_full_access_key() {
        for row in TABLE {
            if let Some((key, _)) = row.pagerduty {
                let writes = matches!(row.command, "sync pagerduty" | "incident start");
                assert_eq!(key == PagerDutyKey::FullAccess, writes, "{}", row.command);
            }
        }
        assert!(pagerduty_how(&SYNC_PAGERDUTY).contains("full-access (write) key"));
        assert!(pagerduty_how(&CHECK_PAGERDUTY).contains("read-only key is enough"));
    }

    #[test]
    fn slack_how_joins_the_scopes_of_the_flags_given() {
        let how = slack_how(&[&ANNOUNCE_POST, &ANNOUNCE_GROUP]);
        assert!(
            how.starts_with("export SLACK_TOKEN=xoxb-…: the Bot User OAuth Token"),
            "{how}"
        );
        assert!(
            how.contains("its bot scopes: chat:write, channels:read, groups:read, channels:history, groups:history, usergroups:read, usergroups:write"),
            "{how}"
        );
    }

    #[test]
    fn the_scopes_match_the_methods_the_slack_client_calls() {
        // The scopes each method needs (Slack's method reference), for the
        // methods dw calls: one of the sets, by the kind of conversation
        // (a DM's history for `remind`, a channel's for `announce`).
        let needs: &[(&str, &[&[&str]])] = &[
            ("chat.postMessage", &[&["chat:write"]]),
            ("conversations.open", &[&["im:write"]]),
            (
                "conversations.history",
                &[&["im:history"], &["channels:history", "groups:history"]],
            ),
            ("conversations.list", &[&["channels:read", "groups:read"]]),
            ("conversations.info", &[&["channels:read", "groups:read"]]),
            (
                "conversations.setTopic",
                &[&["channels:manage", "groups:write"]],
            ),
            ("usergroups.list", &[&["usergroups:read"]]),
            ("usergroups.users.list", &[&["usergroups:read"]]),
            ("usergroups.users.update", &[&["usergroups:write"]]),
            ("users.lookupByEmail", &[&["users:read.email"]]),
        ];
        for row in TABLE {
            for method in row.slack_methods {
                let (_, sets) = needs
                    .iter()
                    .find(|(m, _)| m == method)
                    .unwrap_or_else(|| panic!("no scope known for {method}"));
                assert!(
                    sets.iter()
                        .any(|set| set.iter().all(|s| row.slack_scopes.contains(s))),
                    "{}: {method} needs one of {sets:?}",
                    row.command
                );
            }
        }
    }
}
