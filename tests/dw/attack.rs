//! Probes of an adversarial review: a busy or hostile Slack, PagerDuty
//! answers that prove nothing, odd rosters. Each test names what it breaks.

mod announce {
    use serde_json::{json, Value};

    use crate::support::scenes::{against_slack as sandbox, posts_in_team_channel, team_slack};

    /// The team channel, the people, the group; the clock during week 8.
    async fn workspace() -> Slack {
        team_slack(&[]).await
    }

    use crate::support::standin::slack::Slack;
    use crate::support::standin::{at, Fault};

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

    fn write_methods(slack: &Slack) -> Vec<String> {
        slack
            .write_calls()
            .iter()
            .map(|s| s.path.rsplit('/').next().unwrap_or_default().to_string())
            .collect()
    }

    const ALL: &[&str] = &["announce", "--post", "--topic", "--group"];

    /// Slack rate-limits the reads (429, Retry-After): dw waits, says so
    /// once, and writes each thing once.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn rate_limited_reads_are_waited_for_and_each_write_is_sent_once() {
        let slack = workspace().await;
        slack.rate_limit(2, 1);
        let run = sandbox(&slack).run_async(ALL).await;
        run.code(0)
            .stdout_has("Posted week 8's ranks in #relay-team.");
        assert_eq!(
            write_methods(&slack),
            [
                "chat.postMessage",
                "conversations.setTopic",
                "usergroups.users.update"
            ]
        );
        assert_eq!(posts_in_team_channel(&slack), 1);
    }

    /// The post's answer never comes (a timeout): dw looks for the post,
    /// finds it, and a rerun sends nothing.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_post_that_timed_out_after_slack_took_it_is_found_and_never_resent() {
        let slack = workspace().await;
        slack.fault("POST", "/api/chat.postMessage", Fault::Hold(true));
        let dw = sandbox(&slack).env("DW_HTTP_TIMEOUT", "1");
        let first = dw.run_async(&["announce", "--post"]).await;
        first
            .code(0)
            .stdout_is("Posted week 8's ranks in #relay-team.\n");
        let again = dw.run_async(&["announce", "--post"]).await;
        again.code(0).stdout_has("already posted");
        assert_eq!(posts_in_team_channel(&slack), 1);
        assert_eq!(write_methods(&slack), ["chat.postMessage"]);
    }

    /// Messages with dw's metadata for another team, or for another week of
    /// this team, are not this week's announcement.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn another_teams_or_weeks_metadata_is_not_this_weeks_post() {
        let slack = workspace().await;
        let meta = |team: &str, week: &str| {
            json!({"event_type": "dw_announce",
                   "event_payload": {"team": team, "week_start": week}})
        };
        slack.add_message("C0RELAY01", "x", meta("Other", "2026-03-03T10:00:00-06:00"));
        slack.add_message("C0RELAY01", "x", meta("Relay", "2026-03-10T10:00:00-05:00"));
        slack.add_message("C0RELAY01", "x", meta("Relay", "2026-03-03T16:00:00+00:00"));
        slack.add_message("C0RELAY01", "x", meta("relay", "2026-03-03T10:00:00-06:00"));
        let run = sandbox(&slack).run_async(&["announce", "--post"]).await;
        run.code(0)
            .stdout_is("Posted week 8's ranks in #relay-team.\n");
        assert_eq!(posts_in_team_channel(&slack), 1);
    }

    /// A private channel given by its ID: read with conversations.info (no
    /// list), history with groups:history, topic set on the ID.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_private_channel_given_by_id_is_read_and_written_by_id() {
        let slack = workspace().await;
        slack.add_channel("G0PRIVATE1", "relay-private");
        let dw = sandbox(&slack);
        let roster = std::fs::read_to_string(dw.work().join("http-team.toml")).expect("roster");
        dw.write(
            "work/http-team.toml",
            roster.replace("channel = \"#relay-team\"", "channel = \"G0PRIVATE1\""),
        );
        let run = dw.run_async(&["announce", "--post", "--topic"]).await;
        run.code(0);
        assert!(slack
            .requests()
            .iter()
            .all(|r| !r.path.ends_with("/conversations.list")));
        assert_eq!(slack.posts().len(), 1);
        assert_eq!(slack.posts()[0].channel, "G0PRIVATE1");
        assert!(slack
            .topic("G0PRIVATE1")
            .is_some_and(|t| t.starts_with("primary: ")));
        let again = dw.run_async(&["announce", "--post", "--topic"]).await;
        again.code(0).stdout_has("Nothing sent");
        slack.without_scope("groups:history");
        let refused = dw.run_async(&["announce", "--post"]).await;
        refused.code(1).stderr_has("groups:history");
    }

    /// Slack answers ok:false to the channel read: nothing is written.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_refused_read_writes_nothing() {
        let slack = workspace().await;
        slack.fault(
            "GET",
            "/api/conversations.list",
            Fault::Reply(200, r#"{"ok":false,"error":"fatal_error"}"#.into()),
        );
        let run = sandbox(&slack).run_async(ALL).await;
        run.code(1).stdout_is("").stderr_has("fatal_error");
        assert!(
            slack.write_calls().is_empty(),
            "{:?}",
            write_methods(&slack)
        );
    }
}

mod incident {
    use crate::support::http::START;
    use crate::support::scenes::{against_both as sandbox, incident_services as services};

    use crate::support::standin::Fault;

    /// PagerDuty opens the incident but its answer is lost, and the lookup
    /// by key fails too: dw cannot know whether the incident is open. It
    /// must say so (and that it announced nothing), not just name the
    /// failed lookup, and a rerun must find the incident.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failed_lookup_after_a_lost_answer_says_the_incident_may_be_open() {
        let (pd, slack) = services().await;
        pd.fault(
            "POST",
            "/incidents",
            Fault::AppliedThen(502, "Bad Gateway".into()),
        );
        for _ in 0..3 {
            pd.fault(
                "GET",
                "/incidents",
                Fault::Reply(200, "{\"incidents\": [".into()),
            );
        }
        let run = sandbox(&pd, &slack).run_async(START).await;
        run.code(1).stdout_is("");
        assert_eq!(pd.incidents().len(), 1, "PagerDuty opened it");
        run.stderr_has("may be open").stderr_has("not announced");
        assert!(slack.posts().is_empty());
    }

    /// The incident opened, the Slack post failed: the error says the
    /// incident is open and that the same command again announces it. The
    /// rerun (what a person does next) finds it open, finds no post of it
    /// in the channel, and posts it once.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn after_the_slack_post_failed_the_rerun_announces_it_once() {
        let (pd, slack) = services().await;
        slack.fault(
            "POST",
            "/api/chat.postMessage",
            Fault::Reply(200, r#"{"ok":false,"error":"internal_error"}"#.into()),
        );
        let dw = sandbox(&pd, &slack);
        let first = dw.run_async(START).await;
        first
            .code(1)
            .stderr_has("the incident is open (URL above), but posting it in Slack failed")
            .stderr_has("the same command again looks in #relay-incidents for the post and posts it if it is missing; or post the incident's URL there by hand");
        assert!(slack.posts().is_empty());
        let again = dw.run_async(START).await;
        again
            .code(0)
            .stderr_has("not opening a second one")
            .stderr_has("no earlier run had announced it there");
        assert_eq!(slack.posts().len(), 1);
        assert_eq!(pd.incidents().len(), 1);
    }
}
