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
    assert_eq!(query(shift[0], "since"), [SHIFT_START]);
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
