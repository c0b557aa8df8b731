//! Every Slack call dw makes, checked against Slack's official Web API
//! description (`slack-web-openapi-v2.json`, read from the API descriptions
//! beside the repository, as `.ci/run` has them). The Prism mock of
//! `contract.rs` serves only a subset of the methods; this reads the whole
//! description and checks the requests the stateful stand-in saw: the method
//! exists with that HTTP verb, every required argument is there, and every
//! argument is one the description declares, or one Slack documents since
//! (listed below with where).

use std::path::PathBuf;

use serde_json::Value;

use crate::support::scenes::{against_both, against_slack, incident_services, team_slack};
use crate::support::standin::slack::{Slack, TOKEN};
use crate::support::standin::{at, Seen};
use crate::support::{skip, Sandbox, BUNDLED};

/// Arguments newer than the description, as Slack's reference documents them.
const DOCUMENTED_SINCE: &[(&str, &str)] = &[
    // docs.slack.dev/reference/methods/chat.postMessage: "metadata".
    ("chat.postMessage", "metadata"),
    // docs.slack.dev/reference/methods/conversations.history: "include_all_metadata".
    ("conversations.history", "include_all_metadata"),
    // docs.slack.dev/reference/methods/conversations.open: "prevent_creation".
    ("conversations.open", "prevent_creation"),
];

/// Slack's description, or `None` (after saying why) where it is not beside
/// the repository.
fn description() -> Option<Value> {
    let dir = std::env::var_os("DW_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let path = dir.join("specs/slack-web-openapi-v2.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str(&text).expect("the description is JSON")),
        Err(e) => {
            skip(&format!(
                "no Slack API description at {}: {e}",
                path.display()
            ));
            None
        }
    }
}

/// What is wrong with `seen` by the description, one line each.
fn breaks(spec: &Value, seen: &Seen) -> Vec<String> {
    let method = seen.path.trim_start_matches("/api/");
    let verb = seen.method.to_ascii_lowercase();
    let Some(op) = spec["paths"][format!("/{method}")].get(&verb) else {
        return vec![format!("{} {method}: not in the description", seen.method)];
    };
    let declared: Vec<(&str, bool)> = op["parameters"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter_map(|p| Some((p["name"].as_str()?, p["required"] == true)))
                .collect()
        })
        .unwrap_or_default();
    let mut given: Vec<String> = seen.query.iter().map(|(k, _)| k.clone()).collect();
    if let Some(body) = seen.body.as_object() {
        given.extend(body.keys().cloned());
    }
    let mut out = Vec::new();
    for (name, required) in &declared {
        // The token travels in the Authorization header, as Slack prefers.
        if *required && *name != "token" && !given.iter().any(|g| g == name) {
            out.push(format!("{method}: required argument {name} missing"));
        }
    }
    for g in &given {
        let known = declared.iter().any(|(n, _)| n == g)
            || DOCUMENTED_SINCE.contains(&(method, g.as_str()));
        if !known {
            out.push(format!("{method}: argument {g} is not in the description"));
        }
    }
    out
}

fn assert_valid(spec: &Value, seen: &[Seen]) {
    assert!(!seen.is_empty(), "dw made no Slack call");
    let broken: Vec<String> = seen.iter().flat_map(|s| breaks(spec, s)).collect();
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn announce_post_topic_group_calls_slack_as_described() {
    let Some(spec) = description() else { return };
    let slack = team_slack(&[]).await;
    against_slack(&slack)
        .run_async(&["announce", "--post", "--topic", "--group"])
        .await
        .code(0);
    let seen = slack.requests();
    for method in [
        "conversations.history",
        "usergroups.users.list",
        "chat.postMessage",
    ] {
        assert!(
            seen.iter().any(|s| s.path.ends_with(method)),
            "no {method}: {seen:#?}"
        );
    }
    assert_valid(&spec, &seen);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remind_post_and_its_dry_run_call_slack_as_described() {
    let Some(spec) = description() else { return };
    let slack = Slack::start().await;
    for c in 'A'..='H' {
        slack.add_user(&format!("U0000000{c}"));
    }
    slack.set_now(at("2026-03-09T16:00:00Z"));
    let sandbox = Sandbox::empty()
        .roster(BUNDLED)
        .at("2026-03-09T11:00")
        .env("DW_SLACK_URL", slack.url())
        .env("SLACK_TOKEN", TOKEN);
    sandbox
        .run_async(&["remind", "--post", "--dry-run"])
        .await
        .code(0);
    sandbox.run_async(&["remind", "--post"]).await.code(0);
    let seen = slack.requests();
    assert!(
        seen.iter().any(|s| s.path.ends_with("conversations.open")),
        "{seen:#?}"
    );
    assert_valid(&spec, &seen);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incident_start_and_its_reruns_call_slack_as_described() {
    use crate::support::standin::Fault;
    let Some(spec) = description() else { return };
    let (pd, slack) = incident_services().await;
    // The first post fails, the rerun posts it, the third run finds it.
    slack.fault(
        "POST",
        "/api/chat.postMessage",
        Fault::Reply(200, r#"{"ok":false,"error":"internal_error"}"#.into()),
    );
    let dw = against_both(&pd, &slack);
    let start = crate::support::http::START;
    dw.run_async(start).await.code(1);
    dw.run_async(start).await.code(0);
    dw.run_async(start).await.code(0);
    assert_eq!(slack.posts().len(), 1);
    let seen = slack.requests();
    for method in [
        "conversations.list",
        "conversations.history",
        "chat.postMessage",
    ] {
        assert!(
            seen.iter().any(|s| s.path.ends_with(method)),
            "no {method}: {seen:#?}"
        );
    }
    assert_valid(&spec, &seen);
}
