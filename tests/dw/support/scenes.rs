//! The stateful stand-ins set up as the offline team of [`super::http::offline`]
//! knows them (its Slack channels, users and group, its PagerDuty service),
//! and sandboxes pointed at them, for the tests of the commands that talk
//! to both services.

use super::http::offline;
use super::standin::at;
use super::standin::pagerduty::{self, PagerDuty};
use super::standin::slack::{self, Slack};
use super::Sandbox;

/// The stand-ins' clock: Tuesday 2026-03-03 12:00 in Chicago, two hours
/// into week 8 (the offline team's `AT`).
pub const NOW: &str = "2026-03-03T18:00:00Z";

/// The team's Slack users, `U0000000A` to `U0000000C`.
const USERS: [&str; 3] = ["U0000000A", "U0000000B", "U0000000C"];

/// Slack with `others` (ID, name) and then the team channel `C0RELAY01`
/// (#relay-team), the team's users and its group @relay-oncall holding last
/// week's primary; the clock at [`NOW`].
pub async fn team_slack(others: &[(&str, &str)]) -> Slack {
    let slack = Slack::start().await;
    for (id, name) in others {
        slack.add_channel(id, name);
    }
    slack.add_channel("C0RELAY01", "relay-team");
    for u in USERS {
        slack.add_user(u);
    }
    slack.add_usergroup("S0RELAY01", "relay-oncall", "Relay on call", &["U0000000B"]);
    slack.set_now(at(NOW));
    slack
}

/// dw's posts in the team channel.
pub fn posts_in_team_channel(slack: &Slack) -> usize {
    slack
        .posts()
        .iter()
        .filter(|p| p.channel == "C0RELAY01")
        .count()
}

/// PagerDuty with the roster's service `PSVC001`, Slack with the incident
/// channel `C0RELAYIN` (#relay-incidents) and the team's users; both clocks
/// at [`NOW`].
pub async fn incident_services() -> (PagerDuty, Slack) {
    let pd = PagerDuty::start().await;
    pd.add_service("PSVC001", "Relay API");
    pd.set_now(at(NOW));
    let slack = Slack::start().await;
    slack.add_channel("C0RELAYIN", "relay-incidents");
    for u in USERS {
        slack.add_user(u);
    }
    slack.set_now(at(NOW));
    (pd, slack)
}

/// The offline team pointed at the Slack stand-in, with its token.
pub fn against_slack(slack: &Slack) -> Sandbox {
    offline()
        .env("DW_SLACK_URL", slack.url())
        .env("SLACK_TOKEN", slack::TOKEN)
}

/// The offline team pointed at both stand-ins, with their tokens and the
/// From address incidents are opened with.
pub fn against_both(pd: &PagerDuty, slack: &Slack) -> Sandbox {
    against_slack(slack)
        .env("DW_PAGERDUTY_URL", pd.url())
        .env("PAGERDUTY_TOKEN", pagerduty::TOKEN)
        .env("DW_PAGERDUTY_FROM", "oncall-bot@example.com")
}
