//! `dw incident start` run again after its Slack post failed, was lost or
//! went through, against the stateful PagerDuty and Slack stand-ins: the
//! rerun finds the incident open, reads the incident channel's history for
//! the post dw marked with metadata, and posts it only if it is missing.

use serde_json::Value;

use crate::support::http::{Secrets, START};
use crate::support::scenes::{against_both as sandbox, incident_services as services};
use crate::support::standin::pagerduty::PagerDuty;
use crate::support::standin::slack::{Post, Slack};
use crate::support::standin::{at, Fault};

const CHANNEL: &str = "C0RELAYIN";
const POST: &str = "/api/chat.postMessage";

/// The id of the one incident PagerDuty holds.
fn the_incident(pd: &PagerDuty) -> String {
    let all = pd.incidents();
    assert_eq!(all.len(), 1, "one incident: {all:?}");
    all[0].id.clone()
}

/// The posts in the incident channel.
fn posts(slack: &Slack) -> Vec<Post> {
    slack
        .posts()
        .into_iter()
        .filter(|p| p.channel == CHANNEL)
        .collect()
}

/// How many `chat.postMessage` requests Slack received (taken or not).
fn post_calls(slack: &Slack) -> usize {
    slack
        .write_calls()
        .iter()
        .filter(|s| s.path.ends_with("chat.postMessage"))
        .count()
}

/// The post is the announcement of `incident`, marked as dw's.
fn assert_marked(post: &Post, incident: &str) {
    assert_eq!(post.metadata["event_type"], "dw_incident", "{post:?}");
    assert_eq!(post.metadata["event_payload"]["incident_id"], incident);
    assert_eq!(
        post.metadata["event_payload"]["incident_key"],
        crate::incident::start_key().as_str()
    );
    assert!(post.text.contains("DB down"), "{}", post.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_slack_post_is_posted_by_the_rerun_exactly_once_and_it_says_so() {
    let (pd, slack) = services().await;
    slack.fault(
        "POST",
        POST,
        Fault::Reply(200, r#"{"ok":false,"error":"internal_error"}"#.into()),
    );
    let dw = sandbox(&pd, &slack);
    let first = dw.run_async(START).await;
    first
        .code(1)
        .stderr_has("the incident is open (URL above), but posting it in Slack failed")
        .stderr_has("the same command again looks in #relay-incidents for the post and posts it if it is missing");
    assert!(posts(&slack).is_empty());
    let url = first.stdout.clone();
    let id = the_incident(&pd);

    let again = dw.run_async(START).await;
    again
        .code(0)
        .stdout_is(&url)
        .stderr_has("already open in PagerDuty")
        .stderr_has("dw: posted in #relay-incidents")
        .stderr_has("no earlier run had announced it there")
        .no_secrets();
    let after = posts(&slack);
    assert_eq!(after.len(), 1, "{after:?}");
    assert_marked(&after[0], &id);

    // A third run finds that post.
    let third = dw.run_async(START).await;
    third.code(0).stderr_has(&format!(
        "already announced in #relay-incidents (at {})",
        after[0].ts
    ));
    assert_eq!(posts(&slack).len(), 1);
    assert_eq!(post_calls(&slack), 2, "the failed post and the rerun's");
    assert_eq!(the_incident(&pd), id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rerun_after_a_successful_post_posts_nothing() {
    let (pd, slack) = services().await;
    let dw = sandbox(&pd, &slack);
    let first = dw.run_async(&[&["--json"][..], START].concat()).await;
    first.code(0);
    let first: Value = serde_json::from_str(&first.stdout).expect("JSON");
    assert_eq!(first["slack"]["posted"], true);
    let id = the_incident(&pd);
    let posted = posts(&slack);
    assert_eq!(posted.len(), 1);
    assert_marked(&posted[0], &id);
    // People talk in the channel meanwhile.
    slack.add_message(CHANNEL, "looking into it", Value::Null);

    let again = dw.run_async(&[&["--json"][..], START].concat()).await;
    again
        .code(0)
        .stderr_has(&format!(
            "dw: already announced in #relay-incidents (at {}): not posted again",
            posted[0].ts
        ))
        .stderr_lacks("posted in");
    let again: Value = serde_json::from_str(&again.stdout).expect("JSON");
    assert_eq!(again["incident"]["existing"], true);
    assert_eq!(again["slack"]["posted"], false);
    assert_eq!(again["slack"]["already"], true);
    assert_eq!(again["slack"]["ts"], posted[0].ts.as_str());
    assert_eq!(posts(&slack).len(), 1);
    assert_eq!(post_calls(&slack), 1);

    // The history was read with its metadata, from before the incident opened.
    let read = slack
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with("conversations.history"))
        .expect("a history read");
    assert_eq!(read.param("channel"), Some(CHANNEL));
    assert_eq!(read.param("include_all_metadata"), Some("true"));
    let oldest: f64 = read
        .param("oldest")
        .and_then(|o| o.parse().ok())
        .expect("oldest");
    let opened = at("2026-03-03T18:00:00Z").timestamp() as f64;
    assert!(oldest < opened, "{oldest} {opened}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rerun_without_the_history_scope_posts_nothing_and_fails() {
    let (pd, slack) = services().await;
    slack.fault(
        "POST",
        POST,
        Fault::Reply(200, r#"{"ok":false,"error":"internal_error"}"#.into()),
    );
    let dw = sandbox(&pd, &slack);
    dw.run_async(START).await.code(1);
    slack.without_scope("channels:history");

    let again = dw.run_async(START).await;
    again
        .code(1)
        .stdout_is(&format!(
            "https://standin.pagerduty.com/incidents/{}\n",
            the_incident(&pd)
        ))
        .stderr_has(
            "dw cannot tell whether it is announced in #relay-incidents, so it posted nothing",
        )
        .stderr_has("missing_scope")
        .stderr_has("add the scope channels:history to the Slack app")
        .stderr_has("if the incident is not announced there, post its URL by hand")
        .no_secrets();
    assert!(posts(&slack).is_empty());
    assert_eq!(post_calls(&slack), 1, "only the first run's failed post");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rerun_that_reads_the_history_only_in_part_posts_nothing_and_fails() {
    let (pd, slack) = services().await;
    slack.fault(
        "POST",
        POST,
        Fault::Reply(200, r#"{"ok":false,"error":"internal_error"}"#.into()),
    );
    let dw = sandbox(&pd, &slack);
    dw.run_async(START).await.code(1);
    // A busy channel, and a Slack that hands out one message a page: the
    // list budget ends before the history does.
    for i in 0..(dw::http::MAX_LIST_PAGES + 1) {
        slack.add_message(CHANNEL, &format!("message {i}"), Value::Null);
    }
    slack.set_max_page(Some(1));

    let again = dw.run_async(START).await;
    again
        .code(1)
        .stderr_has("read only in part")
        .stderr_has("so it posted nothing (rather than announce it twice)");
    assert!(posts(&slack).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_whose_answer_was_lost_after_slack_took_it_is_not_posted_again() {
    let (pd, slack) = services().await;
    // Slack takes the post, then a gateway loses its answer.
    slack.fault("POST", POST, Fault::AppliedThen(502, "Bad Gateway".into()));
    let dw = sandbox(&pd, &slack);
    let first = dw.run_async(START).await;
    first
        .code(0)
        .stderr_has("dw: posted in #relay-incidents")
        .stderr_has("Slack's answer was lost, and the post was found there");
    assert_eq!(post_calls(&slack), 1, "never resent");
    let id = the_incident(&pd);
    let taken = posts(&slack);
    assert_eq!(taken.len(), 1);
    assert_marked(&taken[0], &id);

    let again = dw.run_async(START).await;
    again.code(0).stderr_has(&format!(
        "already announced in #relay-incidents (at {})",
        taken[0].ts
    ));
    assert_eq!(posts(&slack).len(), 1);
    assert_eq!(post_calls(&slack), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_whose_answer_was_lost_before_slack_took_it_is_posted_by_the_rerun() {
    let (pd, slack) = services().await;
    // The gateway fails without passing the post on.
    slack.fault("POST", POST, Fault::Reply(502, "Bad Gateway".into()));
    let dw = sandbox(&pd, &slack);
    let first = dw.run_async(START).await;
    first
        .code(1)
        .stderr_has("posting it in Slack failed")
        .stderr_has(
        "dw looked in #relay-incidents afterwards and the post is not there; it is not resent now",
    );
    assert_eq!(post_calls(&slack), 1, "never resent blindly");
    assert!(posts(&slack).is_empty());

    let again = dw.run_async(START).await;
    again
        .code(0)
        .stderr_has("no earlier run had announced it there");
    assert_eq!(posts(&slack).len(), 1);
    assert_eq!(post_calls(&slack), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_earlier_incidents_post_with_the_same_key_does_not_count() {
    let (pd, slack) = services().await;
    let dw = sandbox(&pd, &slack);
    dw.run_async(START).await.code(0);
    let old = the_incident(&pd);
    pd.set_incident_status(&old, "resolved");
    // The same key opens a new incident; its post fails.
    slack.fault(
        "POST",
        POST,
        Fault::Reply(200, r#"{"ok":false,"error":"internal_error"}"#.into()),
    );
    dw.run_async(START).await.code(1);
    let new = pd
        .incidents()
        .into_iter()
        .find(|i| i.status == "triggered")
        .expect("the new incident")
        .id;
    assert_ne!(new, old);

    dw.run_async(START)
        .await
        .code(0)
        .stderr_has("no earlier run had announced it there");
    let all = posts(&slack);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_marked(&all[0], &old);
    assert_marked(&all[1], &new);
}
