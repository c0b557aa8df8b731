//! `dw handoff` against a `wiremock` PagerDuty and Slack.

use wiremock::{MockServer, Request};

use crate::support::http::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handoff_fetches_open_and_shift_incidents_following_pagination() {
    let server = MockServer::start().await;
    mount_handoff_incidents(&server).await;

    let run = against(&server).at(MONDAY).run_async(&["handoff"]).await;
    run.code(0)
        .stdout_has("# Relay handoff: Tue 2026-03-03 10:00 CST")
        .stdout_has("| primary | Grace Hopper (grace) | Linus Torvalds (linus) |")
        .stdout_has("| secondary | Linus Torvalds (linus) | Ada Lovelace (ada) |")
        // Page 1 and page 2 of the open incidents.
        .stdout_has("[#\u{200b}7 Queue backlog growing](https://relay.pagerduty.com/incidents/PINC007): acknowledged, high urgency, opened 1d 0h ago, assigned to Grace Hopper")
        .stdout_has("[#\u{200b}8 Disk \\<!here\\> & full](https://relay.pagerduty.com/incidents/PINC008): triggered")
        .stdout_has("## Incidents of the ending shift (since Tue 2026-02-24 10:00 CST)")
        .stdout_has("[#\u{200b}5 Login errors after deploy](https://relay.pagerduty.com/incidents/PINC005): resolved, high urgency, resolved 2026-02-26T15:00:00Z")
        .stdout_has("analysis required?")
        .stdout_has("dw incident analysis --incident PINC005")
        .stdout_has("## Customer issues to carry over")
        .no_secrets();
    assert!(!run.stdout.contains("not fetched"), "{}", run.stdout);

    let all = received(&server).await;
    assert_eq!(
        all.len(),
        3,
        "two pages of open incidents, one of the shift's"
    );
    assert!(changes(&server).await.is_empty(), "handoff only reads");
    for r in &all {
        assert_eq!((r.method.as_str(), r.url.path()), ("GET", "/incidents"));
        assert_pagerduty_headers(r);
        assert!(r.headers.get("from").is_none(), "reads need no From");
        assert_eq!(query(r, "service_ids[]"), ["PSVC001"]);
        assert_eq!(query(r, "limit"), ["100"]);
    }
    let mut open: Vec<&Request> = all
        .iter()
        .filter(|r| !query(r, "statuses[]").is_empty())
        .collect();
    open.sort_by_key(|r| query(r, "offset"));
    assert_eq!(open.len(), 2);
    for (r, offset) in open.iter().zip(["0", "1"]) {
        assert_eq!(query(r, "statuses[]"), ["triggered", "acknowledged"]);
        assert_eq!(query(r, "offset"), [offset], "`more` followed by offset");
        // Open incidents of any age, not only those of PagerDuty's default month.
        assert_eq!(query(r, "date_range"), ["all"]);
        assert_eq!(
            query_names(r),
            [
                "date_range",
                "limit",
                "offset",
                "service_ids[]",
                "statuses[]"
            ]
        );
    }
    let shift: Vec<&Request> = all
        .iter()
        .filter(|r| !query(r, "since").is_empty())
        .collect();
    assert_eq!(shift.len(), 1);
    // From 30 days before the shift began: incidents created before it and
    // resolved during it are found too.
    assert_eq!(query(shift[0], "since"), [SHIFT_SINCE]);
    assert_eq!(query(shift[0], "until"), [MONDAY_RFC3339]);
    assert_eq!(query(shift[0], "offset"), ["0"]);
    assert_eq!(
        query_names(shift[0]),
        ["limit", "offset", "service_ids[]", "since", "until"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handoff_post_sends_the_notes_to_the_team_channel_escaped() {
    let server = MockServer::start().await;
    mount_handoff_incidents(&server).await;
    mount_post_message(&server).await;

    let run = against(&server)
        .at(MONDAY)
        .run_async(&["handoff", "--post"])
        .await;
    run.code(0)
        .stdout_has("# Relay handoff")
        .stdout_has("Queue backlog growing")
        .stderr_has("handoff notes posted in #relay-team")
        .no_secrets();

    let posts = changes(&server).await;
    assert_eq!(posts.len(), 1, "{posts:?}");
    let post = &posts[0];
    assert_eq!(post.url.path(), "/chat.postMessage");
    assert_slack_headers(post);
    let sent = body(post);
    assert_eq!(sent["channel"], "#relay-team");
    let text = sent["text"].as_str().unwrap();
    for part in [
        "*Relay handoff: Tue 2026-03-03 10:00 CST* (week 7 → week 8)",
        "primary: <@U0000000B> → <@U0000000C>",
        "<https://relay.pagerduty.com/incidents/PINC007|#7 Queue backlog growing>",
        // A PagerDuty title is user text too: it cannot ping the channel.
        "#8 Disk &lt;!here&gt; &amp; full",
        "<https://relay.pagerduty.com/incidents/PINC005|#5 Login errors after deploy>",
        "Analysis required?",
    ] {
        assert!(text.contains(part), "Slack text lacks {part:?}: {text}");
    }
    assert!(!text.contains("<!here>"), "{text}");
    assert_eq!(to(&received(&server).await, "GET", "/incidents").len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handoff_without_a_pagerduty_token_prints_the_rotation() {
    let server = MockServer::start().await;
    let run = against(&server)
        .without("PAGERDUTY_TOKEN")
        .at(MONDAY)
        .run_async(&["handoff"])
        .await;
    run.code(0)
        .stdout_has("| primary | Grace Hopper (grace) | Linus Torvalds (linus) |")
        .stdout_has("| tertiary | Ada Lovelace (ada) | Grace Hopper (grace) |")
        .stdout_has("Incidents were not fetched: PAGERDUTY_TOKEN is not set.")
        .stdout_has("## Customer issues to carry over");
    assert!(received(&server).await.is_empty());
}

/// The bundled roster's ending shift at Mon 2026-03-09 11:00 CDT began on
/// Tue 2026-03-03 10:00 CST (16:00 UTC).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ending_shift_lists_incidents_created_before_it_but_worked_during_it() {
    use crate::support::standin::at;
    use crate::support::standin::pagerduty::{PagerDuty, TOKEN};
    let pd = PagerDuty::start().await;
    pd.add_service("PSERV01", "Dreamwork");
    pd.add_service("POTHER1", "Another team");
    let open_at = |when: &str, service: &str, title: &str| {
        pd.set_now(at(when));
        pd.add_incident(service, title)
    };
    let settle = |when: &str, id: &str, status: &str| {
        pd.set_now(at(when));
        pd.set_incident_status(id, status);
    };
    // Before the shift: one resolved before it began, one resolved during
    // it, one still open; long before it, one still open.
    let old_done = open_at(
        "2026-02-27T09:00:00Z",
        "PSERV01",
        "Resolved before the shift",
    );
    settle("2026-03-02T09:00:00Z", &old_done, "resolved");
    let carried = open_at("2026-03-02T20:00:00Z", "PSERV01", "Worked into the shift");
    settle("2026-03-04T09:00:00Z", &carried, "resolved");
    let lingering = open_at("2026-03-03T08:00:00Z", "PSERV01", "Still acknowledged");
    settle("2026-03-03T08:30:00Z", &lingering, "acknowledged");
    let ancient = open_at("2025-12-01T08:00:00Z", "PSERV01", "Open since December");
    // During the shift: one of the team's, one of another team's.
    let during = open_at("2026-03-05T12:00:00Z", "PSERV01", "During the shift");
    settle("2026-03-05T13:00:00Z", &during, "resolved");
    open_at("2026-03-05T12:00:00Z", "POTHER1", "Not the team's");
    pd.set_now(at("2026-03-09T16:00:00Z"));

    let sandbox = crate::support::Sandbox::with(crate::support::BUNDLED)
        .at("2026-03-09T11:00")
        .env("DW_PAGERDUTY_URL", pd.url())
        .env("PAGERDUTY_TOKEN", TOKEN);
    let doc = sandbox
        .run_async(&["--json", "handoff"])
        .await
        .code(0)
        .json();
    let ids = |list: &str| -> Vec<String> {
        doc["incidents"][list]
            .as_array()
            .expect("a list")
            .iter()
            .map(|i| i["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(ids("open"), [lingering.clone(), ancient.clone()], "{doc}");
    // Oldest first; not the one resolved before the shift, not another team's.
    assert_eq!(
        ids("ending_shift"),
        [ancient, carried.clone(), lingering, during],
        "{doc}"
    );
    let run = sandbox.run_async(&["handoff"]).await;
    let text = &run.code(0).stdout;
    assert!(text.contains("Worked into the shift"), "{text}");
    assert!(
        text.contains(&format!("dw incident analysis --incident {carried}")),
        "{text}"
    );
    assert!(!text.contains("Resolved before the shift"), "{text}");
    assert!(!text.contains("Not the team's"), "{text}");
    // Two lists, each read to its end: the open ones of any age and those
    // created from 30 days before the shift until now.
    let seen = pd.requests();
    let lists: Vec<_> = seen.iter().filter(|r| r.path == "/incidents").collect();
    assert_eq!(lists.len(), 4, "two runs, two lists each");
    let shift = lists
        .iter()
        .find(|r| r.param("since").is_some())
        .expect("the shift's list");
    assert_eq!(shift.param("since"), Some("2026-02-01T10:00:00-06:00"));
    assert_eq!(shift.param("until"), Some("2026-03-09T11:00:00-05:00"));
}
