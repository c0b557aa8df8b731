//! Tokens and base URLs: missing or unsafe settings, token files, and no
//! token ever printed.

use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

use crate::support::http::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_credentials_exit_3_naming_the_variable() {
    let server = MockServer::start().await;
    let _dw = against(&server);

    let run = against(&server)
        .without("PAGERDUTY_TOKEN")
        .run_async(START)
        .await;
    run.code(3)
        .stdout_is("")
        .stderr_has("dw: PAGERDUTY_TOKEN is not set")
        .stderr_has("hint: export PAGERDUTY_TOKEN=");

    let run = against(&server)
        .without("SLACK_TOKEN")
        .run_async(START)
        .await;
    run.code(3)
        .stderr_has("dw: SLACK_TOKEN is not set")
        .stderr_has("--no-slack");

    let run = against(&server)
        .without("DW_PAGERDUTY_FROM")
        .run_async(START)
        .await;
    run.code(3)
        .stderr_has("From header")
        .stderr_has("DW_PAGERDUTY_FROM")
        .stderr_has("DW_ME");

    let run = against(&server)
        .without("SLACK_TOKEN")
        .run_async(&["announce", "--post", "--topic", "--group"])
        .await;
    run.code(3)
        .stdout_is("")
        .stderr_has("dw: SLACK_TOKEN is not set");

    let run = against(&server)
        .without("SLACK_TOKEN")
        .at(MONDAY)
        .run_async(&["handoff", "--post"])
        .await;
    run.code(3).stderr_has("dw: SLACK_TOKEN is not set");

    assert!(
        received(&server).await.is_empty(),
        "nothing is sent when a credential is missing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_from_files_are_trimmed_and_no_slack_needs_no_slack_token() {
    let server = MockServer::start().await;
    mount(&server, "POST", "/incidents", created()).await;
    mount_post_message(&server).await;

    // `export SLACK_TOKEN="$(cat file)"` style values with stray whitespace.
    let run = against(&server)
        .env("PAGERDUTY_TOKEN", format!(" {PD_TOKEN}\n"))
        .env("SLACK_TOKEN", format!("{SLACK_TOKEN}\r\n"))
        .run_async(START)
        .await;
    run.code(0).stdout_is(&format!("{INCIDENT_URL}\n"));
    let all = received(&server).await;
    assert_eq!(all.len(), 2);
    assert_pagerduty_headers(&all[0]);
    assert_slack_headers(&all[1]);

    let run = against(&server)
        .without("SLACK_TOKEN")
        .run_async(&[START, &["--no-slack"][..]].concat())
        .await;
    run.code(0).stdout_is(&format!("{INCIDENT_URL}\n"));
    let all = received(&server).await;
    assert_eq!(all.len(), 3, "only the incident: {all:?}");
    assert_eq!(all[2].url.path(), "/incidents");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_http_to_a_remote_host_is_refused() {
    let server = MockServer::start().await;
    mount(&server, "POST", "/incidents", created()).await;
    mount_post_message(&server).await;

    let run = against(&server)
        .env("DW_PAGERDUTY_URL", "http://api.pagerduty.example.com")
        .run_async(START)
        .await;
    run.code(2)
        .stdout_is("")
        .stderr_has("DW_PAGERDUTY_URL=http://api.pagerduty.example.com uses plain http:// to a host that is not loopback")
        .stderr_has("hint: fix or unset DW_PAGERDUTY_URL");

    let run = against(&server)
        .env("DW_SLACK_URL", "http://10.1.2.3:8080/api")
        .run_async(&["announce", "--post"])
        .await;
    run.code(2)
        .stdout_is("")
        .stderr_has("DW_SLACK_URL=http://10.1.2.3:8080/api uses plain http://");

    let run = against(&server)
        .env("DW_SLACK_URL", "http://slack.example.com/api")
        .at(MONDAY)
        .run_async(&["handoff", "--post"])
        .await;
    run.code(2)
        .stderr_has("DW_SLACK_URL=http://slack.example.com/api uses plain http://");

    assert!(received(&server).await.is_empty(), "nothing was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_never_appear_in_verbose_or_dry_run_output() {
    let commands: [&[&str]; 3] = [
        START,
        &["handoff", "--post"],
        &["announce", "--post", "--topic", "--group"],
    ];

    // -v: every request is shown, redacted, and really sent.
    let server = MockServer::start().await;
    mount(&server, "POST", "/incidents", created()).await;
    mount_handoff_incidents(&server).await;
    mount_announce(&server).await;
    for args in commands {
        let mut argv = vec!["-v"];
        argv.extend_from_slice(args);
        let run = against(&server).at(MONDAY).run_async(&argv).await;
        run.code(0).no_secrets().stderr_has("authorization: ");
        assert!(
            run.stderr.contains("Token token=***") || run.stderr.contains("Bearer ***"),
            "{argv:?}: the Authorization header is shown redacted\n{}",
            run.stderr
        );
    }
    let all = received(&server).await;
    assert!(to(&all, "POST", "/incidents").len() == 1);
    assert!(to(&all, "POST", "/usergroups.users.update").len() == 1);

    // -v on failures too: an error path must not print a token either.
    let failing = MockServer::start().await;
    mount(
        &failing,
        "POST",
        "/incidents",
        ResponseTemplate::new(401)
            .set_body_json(json!({"error": {"message": "Unauthorized", "code": 2006}})),
    )
    .await;
    mount(
        &failing,
        "POST",
        "/chat.postMessage",
        slack_error("invalid_auth"),
    )
    .await;
    mount_announce_reads(&failing).await;
    let run = against(&failing)
        .run_async(&["-v", "incident", "start", "--title", "x", "--yes"])
        .await;
    // Rejected tokens exit 3 (a bad secret, not an outage).
    run.code(3).stderr_has("HTTP 401").no_secrets();
    let run = against(&failing)
        .run_async(&["-v", "announce", "--post"])
        .await;
    run.code(3).stderr_has("invalid_auth").no_secrets();

    // --dry-run: the requests are printed with the secrets redacted, and
    // nothing that changes anything is sent (handoff still reads incidents).
    let dry = MockServer::start().await;
    mount_handoff_incidents(&dry).await;
    mount_announce(&dry).await;
    for args in commands {
        for verbose in [false, true] {
            let mut argv = if verbose { vec!["-v"] } else { vec![] };
            argv.extend_from_slice(args);
            argv.push("--dry-run");
            let run = against(&dry).at(MONDAY).run_async(&argv).await;
            run.code(0).no_secrets().stdout_has("# dry run: not sent");
        }
    }
    assert!(
        changes(&dry).await.is_empty(),
        "--dry-run changed something"
    );
    // Reads only: the handoff's incidents, and the IDs announce looks up so
    // that the printed requests are exact.
    let reads = received(&dry).await;
    assert!(
        reads.iter().all(|r| r.method.as_str() == "GET"
            && [
                "/incidents",
                "/conversations.list",
                "/conversations.history",
                "/usergroups.list",
                "/usergroups.users.list",
            ]
            .contains(&r.url.path())),
        "only reads: {reads:?}"
    );

    let run = against(&dry)
        .run_async(&[START, &["--dry-run"][..]].concat())
        .await;
    run.stdout_has("POST http://127.0.0.1:")
        .stdout_has("/incidents\n")
        .stdout_has("authorization: Token token=***\n")
        .stdout_has("From: oncall-bot@example.com\n")
        .stdout_has("\"incident_key\": \"dw-")
        .stdout_has("/chat.postMessage\n")
        .stdout_has("authorization: Bearer ***\n")
        .stdout_has("\"channel\": \"#relay-incidents\"");
    let run = against(&dry)
        .run_async(&["announce", "--post", "--topic", "--group", "--dry-run"])
        .await;
    run.stdout_has("/conversations.setTopic\n")
        .stdout_has("\"topic\": \"primary: Linus Torvalds, secondary: Ada Lovelace\"")
        .stdout_has("/usergroups.users.update\n")
        .stdout_has("\"users\": \"U0000000C,U0000000A\"")
        .stdout_has("authorization: Bearer ***\n");
    assert!(changes(&dry).await.is_empty());

    // Without any token, --dry-run still shows what would be sent.
    let run = against(&dry)
        .without("PAGERDUTY_TOKEN")
        .without("SLACK_TOKEN")
        .run_async(&[START, &["--dry-run"][..]].concat())
        .await;
    run.code(0)
        .stdout_has("Token token=***")
        .stdout_has("Bearer ***");
    assert!(changes(&dry).await.is_empty());
}
