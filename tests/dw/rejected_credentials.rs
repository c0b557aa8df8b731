//! A token the service rejects exits 3, like a missing one, never 1 like an
//! outage: CI can tell a bad secret from a down service. Against the
//! stateful stand-ins: PagerDuty answers 401 to a wrong token and 403 to a
//! key that may not write; Slack answers `invalid_auth` to a wrong token and
//! can be made to answer `not_authed`, `token_revoked`, `account_inactive`.

use crate::support::standin::slack::{Slack, TOKEN as SLACK_TOKEN};
use crate::support::standin::{at, Fault};
use crate::support::truth::*;
use crate::support::{Sandbox, BUNDLED};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pagerduty_token_pagerduty_rejects_exits_3_naming_it() {
    let pd = standin("PUSERZZ").await;
    pd.set_token("the-token-pagerduty-knows");
    let sandbox = Sandbox::empty().roster(TEAM);
    for run in [
        sync(&sandbox, &pd, AT, &[]).await,
        check(&sandbox, &pd, AT, &[]).await,
    ] {
        run.code(3)
            .stderr_has("dw: PagerDuty does not accept PAGERDUTY_TOKEN (PagerDuty GET")
            .stderr_has("HTTP 401")
            .stderr_has("hint: set PAGERDUTY_TOKEN to a valid PagerDuty REST API key")
            .stderr_has("Integrations → API Access Keys");
    }
    assert!(pd.overrides().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_pagerduty_key_that_sync_cannot_write_with_exits_3() {
    let pd = standin("PUSERZZ").await;
    // What PagerDuty answers a read-only key's write.
    let refused = r#"{"error":{"message":"Access Denied","code":2010,"errors":["Access Denied"]}}"#;
    for schedule in [PRIMARY, SECONDARY] {
        pd.fault(
            "POST",
            &format!("/schedules/{schedule}/overrides"),
            Fault::Reply(403, refused.into()),
        );
    }
    let sandbox = Sandbox::empty().roster(TEAM);
    let run = sync(&sandbox, &pd, AT, &[]).await;
    run.code(3)
        .stderr_has("dw: PAGERDUTY_TOKEN may not do this (PagerDuty answered HTTP 403")
        .stderr_has("a read-only key cannot write: sync pagerduty and incident start need a full-access key");
    assert!(pd.overrides().is_empty());
}

async fn workspace() -> Slack {
    let slack = Slack::start().await;
    for c in 'A'..='H' {
        slack.add_user(&format!("U0000000{c}"));
    }
    slack.add_channel("C0000RELAY", "relay-team");
    slack.set_member("C0000RELAY", true);
    slack.set_now(at("2026-03-09T16:00:00Z"));
    slack
}

fn slack_sandbox(slack: &Slack) -> Sandbox {
    Sandbox::empty()
        .roster(BUNDLED)
        .at("2026-03-09T11:00")
        .env("DW_SLACK_URL", slack.url())
        .env("SLACK_TOKEN", SLACK_TOKEN)
        .env("DW_HTTP_BACKOFF_MS", "0")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slack_token_slack_rejects_exits_3_naming_it() {
    let slack = workspace().await;
    slack.set_token("xoxb-the-token-slack-knows");
    let sandbox = slack_sandbox(&slack);
    for args in [&["remind", "--post"][..], &["announce", "--post"][..]] {
        let run = sandbox.run_async(args).await;
        run.code(3)
            .stderr_has("dw: Slack does not accept SLACK_TOKEN (invalid_auth")
            .stderr_has("hint: set SLACK_TOKEN to a valid bot token (xoxb-…)")
            .stderr_has("OAuth & Permissions");
    }
    assert!(slack.posts().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_slack_code_for_a_bad_token_exits_3() {
    for code in ["not_authed", "token_revoked", "account_inactive"] {
        let slack = workspace().await;
        slack.fault(
            "POST",
            "/api/conversations.open",
            Fault::Reply(200, format!(r#"{{"ok":false,"error":"{code}"}}"#)),
        );
        let run = slack_sandbox(&slack).run_async(&["remind", "--post"]).await;
        run.code(3)
            .stderr_has(&format!("dw: Slack does not accept SLACK_TOKEN ({code}"));
        assert!(slack.posts().is_empty(), "{code}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_slack_failures_stay_exit_1() {
    let slack = workspace().await;
    slack.fault(
        "POST",
        "/api/conversations.open",
        Fault::Reply(200, r#"{"ok":false,"error":"user_not_found"}"#.into()),
    );
    slack_sandbox(&slack)
        .run_async(&["remind", "--post"])
        .await
        .code(1)
        .stderr_has("user_not_found");
}
