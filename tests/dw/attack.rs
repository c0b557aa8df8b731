//! Probes of an adversarial review: a busy or hostile Slack, PagerDuty
//! answers that prove nothing, odd rosters. Each test names what it breaks.

mod announce {
    use serde_json::Value;

    use crate::support::http::offline;
    use crate::support::standin::at;
    use crate::support::standin::slack::{Slack, TOKEN};
    use crate::support::Sandbox;

    /// The team channel, the people, the group; the clock during week 8.
    async fn workspace() -> Slack {
        let slack = Slack::start().await;
        slack.add_channel("C0RELAY01", "relay-team");
        for u in ["U0000000A", "U0000000B", "U0000000C"] {
            slack.add_user(u);
        }
        slack.add_usergroup("S0RELAY01", "relay-oncall", "Relay on call", &["U0000000B"]);
        slack.set_now(at("2026-03-03T18:00:00Z"));
        slack
    }

    fn sandbox(slack: &Slack) -> Sandbox {
        offline()
            .env("DW_SLACK_URL", slack.url())
            .env("SLACK_TOKEN", TOKEN)
    }

    fn posts_in_team_channel(slack: &Slack) -> usize {
        slack
            .posts()
            .iter()
            .filter(|p| p.channel == "C0RELAY01")
            .count()
    }

    /// A busy channel: after dw's post, more messages than dw reads of one
    /// history (Slack may answer one message a page). Not finding the post
    /// in the part read is not knowing it is missing: a rerun must not post
    /// the week a second time.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_history_read_only_in_part_does_not_post_the_week_again() {
        let slack = workspace().await;
        sandbox(&slack)
            .run_async(&["announce", "--post"])
            .await
            .code(0);
        assert_eq!(posts_in_team_channel(&slack), 1);
        slack.set_now(at("2026-03-04T09:00:00Z"));
        for i in 0..120 {
            slack.add_message("C0RELAY01", &format!("chatter {i}"), Value::Null);
        }
        slack.set_max_page(Some(1));
        let again = sandbox(&slack).run_async(&["announce", "--post"]).await;
        assert_eq!(
            posts_in_team_channel(&slack),
            1,
            "posted twice: {}\n{}",
            again.stdout,
            again.stderr
        );
        again
            .code(1)
            .stderr_has("this list is incomplete")
            .stderr_has("cannot tell whether");
    }
}
