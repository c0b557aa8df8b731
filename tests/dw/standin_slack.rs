//! The Slack stand-in of `support/standin/slack/` behaves as Slack documents:
//! cursor pagination, errors with HTTP 200, what a post records and the
//! limits it keeps, rate limits with `Retry-After`, faults that apply writes.
//! Checked over HTTP, without dw; the HTTP helpers are in `standin.rs`.

use serde_json::{json, Value};

use crate::standin::{call, Reply};
use crate::support::standin;
use crate::support::standin::slack::Slack;
use crate::support::standin::Fault;

async fn slack(server: &Slack, method: &str, query: &str, body: Option<Value>) -> Reply {
    let headers = vec![("authorization", format!("Bearer {}", standin::slack::TOKEN))];
    let verb = if body.is_some() { "POST" } else { "GET" };
    call(
        verb,
        format!("{}/{method}{query}", server.url()),
        headers,
        body,
    )
    .await
}

/// Five channels, the bot in all but `quiet`, and one user.
async fn workspace() -> Slack {
    let server = Slack::start().await;
    for (id, name) in [
        ("C1", "general"),
        ("C2", "oncall"),
        ("C3", "random"),
        ("C4", "quiet"),
        ("C5", "ops"),
    ] {
        server.add_channel(id, name);
    }
    server.set_member("C4", false);
    server.add_user("U1ADA");
    server
}

#[tokio::test]
async fn slack_pages_with_cursors_and_answers_errors_with_200() {
    let server = workspace().await;
    let mut names = Vec::new();
    let mut cursor = String::new();
    let mut pages = 0;
    loop {
        let page = slack(
            &server,
            "conversations.list",
            &format!("?limit=2&cursor={cursor}"),
            None,
        )
        .await
        .json();
        assert_eq!(page["ok"], true);
        pages += 1;
        for c in page["channels"].as_array().into_iter().flatten() {
            names.push(c["name"].as_str().unwrap_or_default().to_string());
        }
        cursor = page["response_metadata"]["next_cursor"]
            .as_str()
            .expect("next_cursor")
            .to_string();
        if cursor.is_empty() {
            break;
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(names, ["general", "oncall", "random", "quiet", "ops"]);
    let too_many = slack(&server, "conversations.list", "?limit=1001", None).await;
    assert_eq!(
        (too_many.status, too_many.json()["error"].clone()),
        (200, json!("invalid_limit"))
    );

    let anonymous = call(
        "POST",
        format!("{}/auth.test", server.url()),
        vec![],
        Some(json!({})),
    )
    .await;
    assert_eq!(
        (anonymous.status, anonymous.json()["error"].clone()),
        (200, json!("not_authed"))
    );
    let wrong = call(
        "POST",
        format!("{}/auth.test", server.url()),
        vec![("authorization", "Bearer xoxb-wrong".into())],
        Some(json!({})),
    )
    .await;
    assert_eq!(wrong.json()["error"], "invalid_auth");
}

#[tokio::test]
async fn slack_posts_are_recorded_and_limits_hold() {
    let server = workspace().await;
    let post = |channel: &str, text: String| json!({"channel": channel, "text": text});
    let by_name = slack(
        &server,
        "chat.postMessage",
        "",
        Some(post("#oncall", "one".into())),
    )
    .await
    .json();
    assert_eq!(by_name["channel"], "C2");
    assert_eq!(by_name["message"]["text"], "one");
    assert_eq!(by_name["ts"], by_name["message"]["ts"]);
    slack(
        &server,
        "chat.postMessage",
        "",
        Some(post("C2", "two".into())),
    )
    .await;
    let dm = slack(
        &server,
        "chat.postMessage",
        "",
        Some(post("U1ADA", "psst".into())),
    )
    .await
    .json();
    assert!(dm["channel"].as_str().unwrap_or("").starts_with('D'));
    let error = |r: &Reply| r.json()["error"].as_str().unwrap_or_default().to_string();
    let long = slack(
        &server,
        "chat.postMessage",
        "",
        Some(post("C2", "x".repeat(40_001))),
    )
    .await;
    assert_eq!(error(&long), "msg_too_long");
    let outside = slack(
        &server,
        "chat.postMessage",
        "",
        Some(post("#quiet", "hi".into())),
    )
    .await;
    assert_eq!(error(&outside), "not_in_channel");
    let nowhere = slack(
        &server,
        "chat.postMessage",
        "",
        Some(post("#nope", "hi".into())),
    )
    .await;
    assert_eq!(error(&nowhere), "channel_not_found");
    let topic = |channel: &str, t: String| json!({"channel": channel, "topic": t});
    let by_name = slack(
        &server,
        "conversations.setTopic",
        "",
        Some(topic("#oncall", "x".into())),
    )
    .await;
    assert_eq!(error(&by_name), "channel_not_found");
    let long = slack(
        &server,
        "conversations.setTopic",
        "",
        Some(topic("C2", "x".repeat(251))),
    )
    .await;
    assert_eq!(error(&long), "too_long");
    slack(
        &server,
        "conversations.setTopic",
        "",
        Some(topic("C2", "On call: ada".into())),
    )
    .await;
    assert_eq!(server.topic("C2").as_deref(), Some("On call: ada"));

    let history = slack(&server, "conversations.history", "?channel=C2", None)
        .await
        .json();
    let texts: Vec<&str> = history["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| m["text"].as_str().unwrap_or_default())
        .collect();
    // Newest first; Slack's own message about the topic is history too.
    assert_eq!(
        texts,
        ["set the channel topic: On call: ada", "two", "one"],
        "newest first"
    );
    assert_eq!(history["messages"][0]["subtype"], "channel_topic");
    assert_eq!(server.posts().len(), 3);
}

#[tokio::test]
async fn slack_rate_limits_with_retry_after_and_faults_apply_writes() {
    let server = workspace().await;
    server.rate_limit(1, 3);
    let limited = slack(&server, "auth.test", "", None).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), Some("3"));
    assert_eq!(limited.json(), json!({"ok": false, "error": "ratelimited"}));
    assert_eq!(
        slack(&server, "auth.test", "", None).await.json()["ok"],
        true
    );

    server.fault(
        "POST",
        "/api/chat.postMessage",
        Fault::AppliedThen(503, String::new()),
    );
    let failed = slack(
        &server,
        "chat.postMessage",
        "",
        Some(json!({"channel": "C1", "text": "hi"})),
    )
    .await;
    assert_eq!(failed.status, 503);
    assert_eq!(
        server.posts().len(),
        1,
        "the post went through all the same"
    );
}
