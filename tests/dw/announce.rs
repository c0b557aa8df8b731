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

    let post = to(&all, "POST", "/chat.postMessage");
    assert_eq!(post.len(), 1);
    let sent = body(&post[0]);
    assert_eq!(sent["channel"], "#relay-team");
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
    assert_eq!(all.len(), 6, "{all:?}");
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
        json!({"posted": null, "topic": null, "group": ["U0000000C", "U0000000A"], "warnings": []})
    );
    let all = received(&server).await;
    assert_eq!(all.len(), 1, "no usergroups.list, no post: {all:?}");
    assert_eq!(all[0].url.path(), "/usergroups.users.update");
    assert_eq!(
        body(&all[0]),
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
