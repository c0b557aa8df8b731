//! `dw announce` against a `wiremock` Slack.

use serde_json::{json, Value};
use wiremock::MockServer;

use crate::support::http::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn announce_posts_sets_the_topic_and_updates_the_group_by_handle() {
    let server = MockServer::start().await;
    mount_announce(&server).await;

    let run = against(&server)
        .run_async(&["announce", "--post", "--topic", "--group"])
        .await;
    run.code(0)
        .stdout_is(
            "Posted week 8's ranks in #relay-team.\n\
             Topic of #relay-team set to \"primary: Linus Torvalds, secondary: Ada Lovelace\".\n\
             @relay-oncall is now U0000000C, U0000000A.\n",
        )
        .no_secrets();

    let all = received(&server).await;
    for r in &all {
        assert_slack_headers(r);
    }
    // conversations.list: name → ID, following the cursor to the second page.
    let lists = to(&all, "GET", "/conversations.list");
    assert_eq!(lists.len(), 2, "{lists:?}");
    assert_eq!(query(&lists[0], "cursor"), Vec::<String>::new());
    assert_eq!(query(&lists[1], "cursor"), ["dXNlcjpVMDYxTkZUVDI="]);
    for l in &lists {
        assert_eq!(query(l, "types"), ["public_channel,private_channel"]);
        assert_eq!(query(l, "exclude_archived"), ["true"]);
    }
    assert_eq!(to(&all, "GET", "/usergroups.list").len(), 1);
    // Before writing, what Slack holds: this week's post (none yet) and the
    // group's members (last week's).
    let history = to(&all, "GET", "/conversations.history");
    assert_eq!(history.len(), 1);
    assert_eq!(query(&history[0], "channel"), ["C0RELAY01"]);
    assert_eq!(query(&history[0], "include_all_metadata"), ["true"]);
    // A week before week 8 starts (Tue 2026-03-03 10:00 CST = 16:00 UTC).
    assert_eq!(query(&history[0], "oldest"), ["1771948800.000000"]);
    let members = to(&all, "GET", "/usergroups.users.list");
    assert_eq!(members.len(), 1);
    assert_eq!(query(&members[0], "usergroup"), ["S0RELAY01"]);

    let post = to(&all, "POST", "/chat.postMessage");
    assert_eq!(post.len(), 1);
    let sent = body(&post[0]);
    assert_eq!(sent["channel"], "#relay-team");
    assert_eq!(
        sent["metadata"],
        json!({"event_type": "dw_announce",
               "event_payload": {"team": "Relay", "week_start": "2026-03-03T10:00:00-06:00"}})
    );
    let text = sent["text"].as_str().unwrap();
    assert!(text.contains("*Relay on-call, week 8*"), "{text}");
    assert!(
        text.contains("primary: <@U0000000C> (Linus Torvalds)"),
        "{text}"
    );
    assert!(
        text.contains("secondary: <@U0000000A> (Ada Lovelace)"),
        "{text}"
    );
    assert!(
        text.contains("tertiary: <@U0000000B> (Grace Hopper)"),
        "{text}"
    );

    let topic = to(&all, "POST", "/conversations.setTopic");
    assert_eq!(topic.len(), 1);
    assert_eq!(
        body(&topic[0]),
        json!({"channel": "C0RELAY01", "topic": "primary: Linus Torvalds, secondary: Ada Lovelace"})
    );

    let group = to(&all, "POST", "/usergroups.users.update");
    assert_eq!(group.len(), 1);
    assert_eq!(
        body(&group[0]),
        json!({"usergroup": "S0RELAY01", "users": "U0000000C,U0000000A"})
    );
    assert_eq!(all.len(), 8, "{all:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn announce_group_given_as_an_id_is_used_directly() {
    let server = MockServer::start().await;
    mount_announce(&server).await;

    let run = against(&server)
        .roster(GROUP_BY_ID)
        .run_async(&["--json", "announce", "--group"])
        .await;
    run.code(0).no_secrets();
    let out: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        out,
        json!({"posted": null, "topic": null, "group": ["U0000000C", "U0000000A"],
               "steps": {"post": null, "topic": null, "group": {
                   "status": "done", "group": "S0RELAY001",
                   "users": ["U0000000C", "U0000000A"], "error": null}},
               "warnings": []})
    );
    let all = received(&server).await;
    assert_eq!(all.len(), 2, "no usergroups.list, no post: {all:?}");
    assert_eq!(all[0].url.path(), "/usergroups.users.list");
    assert_eq!(query(&all[0], "usergroup"), ["S0RELAY001"]);
    assert_eq!(all[1].url.path(), "/usergroups.users.update");
    assert_eq!(
        body(&all[1]),
        json!({"usergroup": "S0RELAY001", "users": "U0000000C,U0000000A"})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn announce_without_flags_is_a_preview_that_sends_nothing() {
    let server = MockServer::start().await;
    let run = against(&server).run_async(&["announce"]).await;
    run.code(0)
        .stdout_has("primary: <@U0000000C> (Linus Torvalds)")
        .stderr_has("preview only");
    assert!(received(&server).await.is_empty());
}

// ------------------------------------------- against the stateful stand-in

mod standin {
    use serde_json::{json, Value};

    use crate::support::scenes::{against_slack as sandbox, posts_in_team_channel, team_slack};
    use crate::support::standin::slack::Slack;
    use crate::support::standin::{at, Fault};

    const ALL: &[&str] = &["announce", "--post", "--topic", "--group"];
    const TOPIC: &str = "primary: Linus Torvalds, secondary: Ada Lovelace";

    /// The team channel among others (one per page, so the name is found
    /// on the third page), the people, and the group holding last week's
    /// primary; the clock during week 8.
    async fn workspace() -> Slack {
        let slack = team_slack(&[("C0GENERAL", "general"), ("C0RANDOM1", "random")]).await;
        slack.set_max_page(Some(1));
        slack
    }

    fn write_methods(slack: &Slack) -> Vec<String> {
        slack
            .write_calls()
            .iter()
            .map(|s| s.path.rsplit('/').next().unwrap_or_default().to_string())
            .collect()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_rerun_after_the_topic_failed_sends_only_the_topic_then_nothing() {
        let slack = workspace().await;
        let dw = sandbox(&slack);
        slack.fault(
            "POST",
            "/api/conversations.setTopic",
            Fault::Reply(
                200,
                json!({"ok": false, "error": "internal_error"}).to_string(),
            ),
        );

        // 1: the topic fails; the post and the group go through.
        let first = dw.run_async(ALL).await;
        first
            .code(1)
            .stdout_is(
                "Posted week 8's ranks in #relay-team.\n\
                 @relay-oncall is now U0000000C, U0000000A.\n",
            )
            .stderr_has("not everything was sent")
            .stderr_has("Slack conversations.setTopic: internal_error");
        assert_eq!(posts_in_team_channel(&slack), 1);
        assert_eq!(slack.topic("C0RELAY01").as_deref(), Some(""));
        let ts = slack.posts()[0].ts.clone();
        assert_eq!(
            slack.posts()[0].metadata["event_type"],
            "dw_announce",
            "the post carries what a rerun looks for"
        );

        // 2: the rerun finds the post and the group in place: only the topic is sent.
        let before = slack.write_calls().len();
        let second = dw.run_async(ALL).await;
        second.code(0).stderr_is("").stdout_is(&format!(
            "Week 8's ranks are already posted in #relay-team (at {ts}): not posted again.\n\
             Topic of #relay-team set to \"{TOPIC}\".\n\
             @relay-oncall already holds U0000000C, U0000000A.\n"
        ));
        assert_eq!(
            write_methods(&slack)[before..],
            ["conversations.setTopic"],
            "only the topic"
        );
        assert_eq!(posts_in_team_channel(&slack), 1, "exactly one message");
        assert_eq!(slack.topic("C0RELAY01").as_deref(), Some(TOPIC));
        assert_eq!(
            slack.usergroup_users("S0RELAY01"),
            Some(vec!["U0000000C".to_string(), "U0000000A".to_string()])
        );

        // 3: everything in place: no write at all, and dw says so (text and JSON).
        let before = slack.write_calls().len();
        let third = dw.run_async(ALL).await;
        third.code(0).stdout_is(&format!(
            "Week 8's ranks are already posted in #relay-team (at {ts}): not posted again.\n\
             Topic of #relay-team already set to \"{TOPIC}\".\n\
             @relay-oncall already holds U0000000C, U0000000A.\n\
             Nothing sent: Slack already shows all of it.\n"
        ));
        let json = dw.run_async(&[&["--json"][..], ALL].concat()).await;
        json.code(0);
        assert_eq!(
            slack.write_calls().len(),
            before,
            "{:?}",
            write_methods(&slack)
        );
        let out: Value = serde_json::from_str(&json.stdout).expect("JSON");
        assert_eq!(
            out,
            json!({
                "posted": null, "topic": null, "group": null,
                "steps": {
                    "post": {"status": "already", "channel": "#relay-team", "ts": ts, "error": null},
                    "topic": {"status": "already", "channel": "#relay-team", "topic": TOPIC, "error": null},
                    "group": {"status": "already", "group": "relay-oncall",
                              "users": ["U0000000C", "U0000000A"], "error": null},
                },
                "warnings": [],
            })
        );
        // The topic change is a message of Slack's in the channel; dw's one post is the other.
        let history: Vec<_> = slack.requests();
        assert!(history
            .iter()
            .filter(|r| r.path.ends_with("/conversations.history"))
            .all(|r| r.param("include_all_metadata") == Some("true")
                && r.param("channel") == Some("C0RELAY01")));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_post_whose_answer_was_lost_is_found_and_not_sent_again() {
        let slack = workspace().await;
        let dw = sandbox(&slack);
        // Slack takes the post, then the answer is a 500.
        slack.fault(
            "POST",
            "/api/chat.postMessage",
            Fault::AppliedThen(500, "upstream error".into()),
        );
        let first = dw.run_async(&["announce", "--post"]).await;
        first
            .code(0)
            .stdout_is("Posted week 8's ranks in #relay-team.\n");
        assert_eq!(posts_in_team_channel(&slack), 1);
        let again = dw.run_async(&["announce", "--post"]).await;
        again
            .code(0)
            .stdout_has("already posted in #relay-team (at ");
        assert_eq!(posts_in_team_channel(&slack), 1, "never twice");
        assert_eq!(write_methods(&slack), ["chat.postMessage"]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn last_weeks_announcement_and_a_topic_set_by_hand_are_not_this_weeks() {
        let slack = workspace().await;
        // Week 7 was announced on its Wednesday.
        slack.set_now(at("2026-02-25T15:00:00Z"));
        sandbox(&slack)
            .at("2026-02-25T09:00")
            .run_async(&["announce", "--post"])
            .await
            .code(0);
        assert_eq!(posts_in_team_channel(&slack), 1);
        // Someone set this week's topic by hand, with spaces around it:
        // the same topic to people, so it is not set again.
        slack.set_now(at("2026-03-03T18:00:00Z"));
        slack.set_topic("C0RELAY01", &format!("  {TOPIC} "));

        let run = sandbox(&slack)
            .run_async(&["announce", "--post", "--topic"])
            .await;
        run.code(0).stdout_is(&format!(
            "Posted week 8's ranks in #relay-team.\n\
             Topic of #relay-team already set to \"{TOPIC}\".\n"
        ));
        assert_eq!(posts_in_team_channel(&slack), 2, "week 7's and week 8's");
        assert_eq!(
            write_methods(&slack),
            ["chat.postMessage", "chat.postMessage"]
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn without_the_history_scope_nothing_is_posted_blindly() {
        let slack = workspace().await;
        slack.without_scope("channels:history");
        let run = sandbox(&slack).run_async(ALL).await;
        run.code(1)
            .stdout_is("")
            .stderr_has("Slack conversations.history: missing_scope (needed: channels:history)")
            .stderr_has("add the scope channels:history to the Slack app");
        assert!(
            slack.write_calls().is_empty(),
            "{:?}",
            write_methods(&slack)
        );
    }
}

/// The hints for a missing `[slack]` setting give neutral examples, not one
/// team's channel or group.
#[test]
fn missing_slack_settings_are_hinted_with_neutral_examples() {
    use crate::support::Sandbox;
    let roster = crate::support::fixture_text("utc.toml");
    // Week 3: carol and alice, who both have Slack IDs.
    let sandbox = Sandbox::empty()
        .at("2026-01-27")
        .env("SLACK_TOKEN", "xoxb-1-2-not-a-real-token")
        .env("DW_SLACK_URL", "http://127.0.0.1:9");
    sandbox.write("work/roster.toml", &roster);
    sandbox
        .run(&["--roster", "roster.toml", "announce", "--post"])
        .code(2)
        .stderr_has("add channel = \"#team\" under [slack]")
        .stderr_lacks("dreamwork");
    sandbox.write(
        "work/roster.toml",
        format!("{roster}\n[slack]\nchannel = \"#testers\"\n"),
    );
    sandbox
        .run(&["--roster", "roster.toml", "announce", "--group"])
        .code(2)
        .stderr_has("the roster has no [slack] group to update")
        .stderr_has("add group = \"oncall\" (the user group's handle, without @)")
        .stderr_lacks("dreamwork");
}
