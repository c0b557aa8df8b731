//! `dw remind` against the Slack stand-in: DMs to the incoming primary and
//! secondary in the 24 hours before a handoff, once.
//!
//! The bundled roster hands over on Tue 2026-03-10 10:00 CDT (15:00 UTC) from
//! Ada (primary) to Linus (primary, U0000000C) and Margaret (secondary,
//! U0000000D); Ken (U0000000E) is the incoming tertiary. The window opens on
//! Mon 2026-03-09 10:00 CDT = 15:00 UTC = 1773068400.

use crate::support::standin::slack::{Slack, TOKEN};
use crate::support::standin::{at, Seen};
use crate::support::{fixture_text, Sandbox, BUNDLED};

const IN_WINDOW: &str = "2026-03-09T11:00";
const OPENS_TS: &str = "1773068400.000000";

async fn workspace() -> Slack {
    let slack = Slack::start().await;
    for c in 'A'..='H' {
        slack.add_user(&format!("U0000000{c}"));
    }
    slack.set_now(at("2026-03-09T16:00:00Z"));
    slack
}

fn sandbox(slack: &Slack, when: &str) -> Sandbox {
    Sandbox::empty()
        .roster(BUNDLED)
        .at(when)
        .env("DW_SLACK_URL", slack.url())
        .env("SLACK_TOKEN", TOKEN)
}

fn calls<'a>(seen: &'a [Seen], method: &str) -> Vec<&'a Seen> {
    seen.iter()
        .filter(|s| s.path.ends_with(&format!("/{method}")))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remind_posts_one_dm_to_each_incoming_primary_and_secondary_once() {
    let slack = workspace().await;
    let sandbox = sandbox(&slack, IN_WINDOW);

    let run = sandbox.run_async(&["remind", "--post"]).await;
    run.code(0)
        .stdout_is(
            "Reminded Linus Torvalds (primary) by Slack DM.\n\
             Reminded Margaret Hamilton (secondary) by Slack DM.\n",
        )
        .stderr_is("");

    let posts = slack.posts();
    assert_eq!(posts.len(), 2, "{posts:?}");
    // In the DMs dw opened (conversations.open); not to Ken (tertiary).
    assert_eq!(posts[0].args["channel"], "D0000000C");
    assert_eq!(posts[0].channel, "D0000000C");
    assert_eq!(posts[1].args["channel"], "D0000000D");
    assert!(posts.iter().all(|p| p.channel != "D0000000E"));
    for (post, role) in posts.iter().zip(["primary", "secondary"]) {
        assert!(post
            .text
            .contains(&format!("you are *{role}* of Dreamwork")));
        assert!(post
            .text
            .contains("Tue 2026-03-10 10:00 CDT (2026-03-10 15:00 UTC)"));
        assert!(post.text.contains("*Monday:* find a stopping point"));
        assert!(post.text.contains("*Handoff meeting:* Tuesday after standup: Grace Hopper (primary now) hands the open customer issues over to Linus Torvalds (primary next)."));
        assert!(post.text.contains(&format!("*What the {role} does:*")));
        assert!(post.text.contains("`dw handoff`"));
        assert_eq!(post.metadata["event_type"], "dw_remind");
        assert_eq!(
            post.metadata["event_payload"]["handoff"],
            "2026-03-10T10:00:00-05:00"
        );
        assert_eq!(post.metadata["event_payload"]["role"], role);
    }
    assert!(posts[1].text.contains("pings for @dreamwork"));

    // Before each post dw read the DM since the window opened, with metadata.
    let seen = slack.requests();
    assert_eq!(calls(&seen, "conversations.open").len(), 2);
    for h in calls(&seen, "conversations.history") {
        assert_eq!(h.param("oldest"), Some(OPENS_TS));
        assert_eq!(h.param("include_all_metadata"), Some("true"));
    }

    // A rerun (a retried CI job) finds them and sends nothing more.
    let run = sandbox.run_async(&["remind", "--post"]).await;
    run.code(0).stdout_is(
        "Linus Torvalds (primary) was already reminded of this handoff.\n\
         Margaret Hamilton (secondary) was already reminded of this handoff.\n",
    );
    assert_eq!(slack.posts().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remind_outside_the_window_says_when_it_opens_and_sends_nothing() {
    let slack = workspace().await;
    // Tuesday noon, just after a handoff: the next window is six days away.
    let sandbox = sandbox(&slack, "2026-03-03T12:00");
    let run = sandbox.run_async(&["remind", "--post"]).await;
    run.code(0).stdout_is(
        "No reminders now: the next handoff is Tue 2026-03-10 10:00 CDT; its reminders go out \
         from Mon 2026-03-09 10:00 CDT (2026-03-09 15:00 UTC), 24 hours before.\n",
    );
    // One minute before the window opens: still nothing.
    let mut dw = sandbox.bare();
    dw.args(["--roster", "roster.toml", "--at", "2026-03-09T09:59"])
        .args(["remind", "--post", "--json"]);
    let run = dw.run_async().await;
    run.code(0);
    let doc = run.json();
    assert_eq!(doc["in_window"], false);
    assert_eq!(doc["window_opens"], "2026-03-09T10:00:00-05:00");
    assert!(slack.requests().is_empty(), "{:?}", slack.requests());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remind_without_post_previews_and_dry_run_sends_nothing() {
    let slack = workspace().await;
    let sandbox = sandbox(&slack, IN_WINDOW);
    let run = sandbox.run_async(&["remind"]).await;
    run.code(0)
        .stdout_has("--- to Linus Torvalds (primary), Slack U0000000C\nHi Linus Torvalds,")
        .stdout_has("--- to Margaret Hamilton (secondary), Slack U0000000D\n")
        .stdout_lacks("Ken Thompson (")
        .stderr_has("preview only");
    assert!(slack.requests().is_empty());

    let run = sandbox.run_async(&["remind", "--post", "--dry-run"]).await;
    run.code(0)
        .stdout_has("# dry run: not sent")
        .stdout_has("\"channel\": \"(ID of the DM with U0000000C from conversations.open)\"")
        .stdout_has("\"event_type\": \"dw_remind\"")
        .stdout_lacks(TOKEN);
    assert!(slack.posts().is_empty());
    assert!(calls(&slack.requests(), "chat.postMessage").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remind_posts_in_the_dm_it_opened_not_to_the_user_id() {
    let slack = workspace().await;
    let sandbox = sandbox(&slack, IN_WINDOW);
    sandbox.run_async(&["remind", "--post"]).await.code(0);
    let sent: Vec<(String, String)> = slack
        .posts()
        .into_iter()
        .map(|p| {
            (
                p.args["channel"].as_str().unwrap_or("").to_string(),
                p.channel,
            )
        })
        .collect();
    // The `D…` IDs conversations.open answered, as Slack documents posting.
    assert_eq!(
        sent,
        [
            ("D0000000C".to_string(), "D0000000C".to_string()),
            ("D0000000D".to_string(), "D0000000D".to_string())
        ]
    );
    let seen = slack.requests();
    let opened: Vec<&str> = calls(&seen, "conversations.open")
        .iter()
        .filter_map(|s| s.body["users"].as_str())
        .collect();
    assert_eq!(opened, ["U0000000C", "U0000000D"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remind_post_dry_run_opens_no_dm_and_reads_the_existing_ones() {
    let slack = workspace().await;
    let sandbox = sandbox(&slack, IN_WINDOW);
    // Margaret wrote to the bot once: her DM exists, Linus has none.
    slack.open_dm("U0000000D");
    let run = sandbox.run_async(&["remind", "--post", "--dry-run"]).await;
    run.code(0)
        .stdout_has(
            "Linus Torvalds (primary) has no DM with dw's bot yet: --post opens one \
             (conversations.open with users U0000000C) and posts there.\n",
        )
        .stdout_has("\"channel\": \"(ID of the DM with U0000000C from conversations.open)\"")
        .stdout_has("\"channel\": \"D0000000D\"");
    assert_eq!(slack.dms(), ["D0000000D"], "a dry run creates no DM");
    let seen = slack.requests();
    let opens = calls(&seen, "conversations.open");
    assert_eq!(opens.len(), 2);
    assert!(
        opens.iter().all(|o| o.body["prevent_creation"] == true),
        "{opens:?}"
    );
    // Margaret's DM was read; Linus's, which does not exist, was not.
    let read: Vec<Option<&str>> = calls(&seen, "conversations.history")
        .iter()
        .map(|h| h.param("channel"))
        .collect();
    assert_eq!(read, [Some("D0000000D")]);
    assert!(slack.posts().is_empty());

    // Once reminded, a dry run says so for the DM that holds the reminder.
    sandbox.run_async(&["remind", "--post"]).await.code(0);
    let run = sandbox
        .run_async(&["--json", "remind", "--post", "--dry-run"])
        .await;
    let doc = run.code(0).json();
    assert_eq!(doc["reminders"][0]["status"], "already_sent");
    assert_eq!(doc["reminders"][1]["status"], "already_sent");
    assert!(doc.get("requests").is_none(), "{doc}");
    assert_eq!(slack.posts().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remind_dry_run_alone_previews_like_handoff_and_announce() {
    let slack = workspace().await;
    let sandbox = sandbox(&slack, IN_WINDOW);
    let run = sandbox.run_async(&["remind", "--dry-run"]).await;
    run.code(0)
        .stdout_has("--- to Linus Torvalds (primary), Slack U0000000C\nHi Linus Torvalds,")
        .stderr_has("preview only");
    let doc = sandbox
        .run_async(&["--json", "remind", "--dry-run"])
        .await
        .code(0)
        .json();
    assert_eq!(doc["reminders"][0]["status"], "preview");
    // The others preview with --dry-run alone too.
    for args in [
        &["handoff", "--dry-run"][..],
        &["announce", "--dry-run"][..],
    ] {
        sandbox.run_async(args).await.code(0);
    }
    assert!(slack.requests().is_empty(), "{:?}", slack.requests());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remind_lists_members_without_a_slack_id_on_stderr() {
    let slack = workspace().await;
    let sandbox = sandbox(&slack, IN_WINDOW);
    let roster = fixture_text(BUNDLED).replace("slack = \"U0000000D\"\n", "");
    sandbox.write("work/roster.toml", roster);
    let run = sandbox.run_async(&["remind", "--post"]).await;
    run.code(0)
        .stdout_is("Reminded Linus Torvalds (primary) by Slack DM.\n")
        .stderr_has("margaret (Margaret Hamilton, secondary) has no Slack user ID");
    assert_eq!(slack.posts().len(), 1);
}

#[test]
fn remind_post_without_a_token_exits_3() {
    let sandbox = Sandbox::with(BUNDLED).at(IN_WINDOW);
    sandbox
        .run(&["remind", "--post"])
        .code(3)
        .stderr_has("SLACK_TOKEN is not set");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remind_after_a_gateway_error_on_a_post_sends_no_duplicate() {
    let slack = workspace().await;
    // Slack took the first reminder, but the answer was lost (502).
    slack.fault(
        "POST",
        "/api/chat.postMessage",
        crate::support::standin::Fault::AppliedThen(502, "<html>Bad Gateway</html>".into()),
    );
    let sandbox = sandbox(&slack, IN_WINDOW).env("DW_HTTP_BACKOFF_MS", "0");
    let first = sandbox.run_async(&["remind", "--post"]).await;
    // dw did not resend it: it read the DM again and found it there.
    first.code(0).stdout_is(
        "Reminded Linus Torvalds (primary) by Slack DM.\n\
         Reminded Margaret Hamilton (secondary) by Slack DM.\n",
    );
    sandbox.run_async(&["remind", "--post"]).await.code(0);
    let mut to: Vec<String> = slack.posts().into_iter().map(|p| p.channel).collect();
    to.sort();
    assert_eq!(to, ["D0000000C", "D0000000D"], "first run: {first:?}");
}

/// A team whose rotation starts Tue 2026-01-06 10:00 UTC.
const STARTING: &str = "[team]\nname = \"T\"\ntimezone = \"UTC\"\nstart = 2026-01-06\n\n\
    [[members]]\nid = \"ana\"\nname = \"Ana\"\nemail = \"ana@example.com\"\nslack = \"U0000000A\"\n\n\
    [[members]]\nid = \"bo\"\nname = \"Bo\"\nemail = \"bo@example.com\"\nslack = \"U0000000B\"\n";

#[test]
fn the_first_handoff_gets_its_reminders_in_the_day_before_the_start() {
    let sandbox = Sandbox::empty();
    sandbox.write("work/roster.toml", STARTING);
    let remind = |when: &str| {
        sandbox
            .dw(&["-q", "remind"])
            .args(["--roster", "roster.toml", "--at", when])
            .ok()
    };
    let early = remind("2026-01-04T12:00");
    assert!(
        early.contains("the next handoff is Tue 2026-01-06 10:00 UTC"),
        "{early}"
    );
    let due = remind("2026-01-05T12:00");
    assert!(
        due.contains("Reminders for the handoff on Tue 2026-01-06 10:00 UTC"),
        "{due}"
    );
    assert!(
        due.contains("--- to Ana (primary), Slack U0000000A"),
        "{due}"
    );
    assert!(
        due.contains("--- to Bo (secondary), Slack U0000000B"),
        "{due}"
    );
    let started = remind("2026-01-06T12:00");
    assert!(
        started.contains("the next handoff is Tue 2026-01-13 10:00 UTC"),
        "{started}"
    );
}
