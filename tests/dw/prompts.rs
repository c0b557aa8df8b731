//! What dw asks on a terminal, tested on a real pseudo-terminal (`rexpect`):
//! `incident start` choosing the service by name from PagerDuty and
//! confirming with that name, and `handoff --post` taking the customer issues
//! from `$EDITOR`. dw runs in the harness's clean environment against the
//! stateful stand-ins; the 30 s expect timeout only guards against a hang.

use crate::support::scenes::against_both as against;
use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use rexpect::process::WaitStatus;
use rexpect::session::PtySession;

use crate::support::http::{MONDAY, TEAM};
use crate::support::standin::{pagerduty, slack, Fault};
use crate::support::{dw_binary, Sandbox};

/// How long one expectation may wait before the test fails as hung. Not a
/// speed requirement: the prompts appear in milliseconds.
const HANG_GUARD_MS: u64 = 30_000;

/// `dw … ARGS` of `sandbox` (its environment, `--roster`, `--at`), ready to
/// start on a pseudo-terminal as someone at a terminal would run it.
pub(crate) fn terminal_command(sandbox: &Sandbox, args: &[&str]) -> Command {
    let mut cmd = sandbox.command(dw_binary());
    cmd.args(sandbox.globals()).args(args).env("TERM", "xterm");
    cmd
}

/// Start `cmd` on a pseudo-terminal (stdin, stdout and stderr) and let
/// `talk` converse with it; then wait for the end. Returns what was shown
/// after the last expectation and the exit code. Runs off the async runtime
/// so the stand-ins keep answering.
pub(crate) async fn converse(
    cmd: Command,
    talk: impl FnOnce(&mut PtySession) + Send + 'static,
) -> (String, i32) {
    tokio::task::spawn_blocking(move || {
        let mut p = rexpect::session::spawn_command(cmd, Some(HANG_GUARD_MS))
            .expect("start dw on a pseudo-terminal");
        talk(&mut p);
        let rest = p
            .exp_eof()
            .unwrap_or_else(|e| panic!("dw did not end: {e}"));
        let code = match p.process_mut().wait() {
            Ok(WaitStatus::Exited(_, code)) => code,
            other => panic!("dw did not exit normally: {other:?}\n{rest}"),
        };
        (rest, code)
    })
    .await
    .expect("the terminal thread")
}

pub(crate) fn expect(p: &mut PtySession, text: &str) {
    if let Err(e) = p.exp_string(text) {
        panic!("waiting for {text:?}: {e}");
    }
}

/// Keys as typed: no newline unless given.
pub(crate) fn press(p: &mut PtySession, keys: &str) {
    p.send(keys).expect("type on the terminal");
    p.flush().expect("flush the terminal");
}

/// `http-team.toml` without `[pagerduty] service`: dw must ask for it.
fn without_service(sandbox: &Sandbox) {
    let text = std::fs::read_to_string(crate::support::source(TEAM)).expect("fixture");
    let text = text.replacen("service = \"PSVC001\"\n", "", 1);
    assert!(!text.contains("PSVC001"), "the fixture changed");
    sandbox.write("work/http-team.toml", text);
}

async fn services() -> (pagerduty::PagerDuty, slack::Slack) {
    let pd = pagerduty::PagerDuty::start().await;
    pd.add_service("PSVC001", "Relay API");
    pd.add_service("PSVC002", "Billing");
    let slack = slack::Slack::start().await;
    slack.add_channel("C0RELAY01", "relay-incidents");
    slack.add_channel("C0RELAYTM", "relay-team");
    (pd, slack)
}

/// Every field but the service given, so that the service is the one question.
const START: &[&str] = &[
    "incident",
    "start",
    "--title",
    "DB down",
    "--urgency",
    "high",
    "--impact",
    "many",
    "--details",
    "replica lag",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incident_start_asks_for_the_service_by_name_and_a_no_sends_nothing() {
    let (pd, slack) = services().await;
    let sandbox = against(&pd, &slack);
    without_service(&sandbox);
    let (rest, code) = converse(terminal_command(&sandbox, START), |p| {
        expect(p, "PagerDuty service");
        // PagerDuty's names, sorted, each with its ID; then the way out.
        expect(p, "Billing (PSVC002)");
        expect(p, "Relay API (PSVC001)");
        expect(p, "another service: type its ID");
        press(p, "j"); // down to Relay API
        press(p, "\r");
        expect(
            p,
            "Open a high-urgency incident \"DB down\" on Relay API (PSVC001)?",
        );
        press(p, "n");
        expect(p, "Not opened.");
    })
    .await;
    assert_eq!(code, 0, "{rest}");
    assert!(!rest.contains("https://"), "no incident URL: {rest}");
    let asked = pd.requests();
    assert!(
        asked
            .iter()
            .any(|r| r.method == "GET" && r.path == "/services"),
        "the names came from GET /services: {asked:?}"
    );
    assert!(
        asked.iter().all(|r| !r.writes()),
        "nothing sent to PagerDuty: {asked:?}"
    );
    assert!(pd.incidents().is_empty());
    assert!(slack.posts().is_empty(), "nothing posted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incident_start_falls_back_to_typing_the_id_when_services_cannot_be_listed() {
    let (pd, slack) = services().await;
    // A token that may not list services (not retried: a 4xx).
    pd.fault(
        "GET",
        "/services",
        Fault::Reply(
            403,
            r#"{"error":{"message":"Access Denied","code":2010}}"#.into(),
        ),
    );
    let sandbox = against(&pd, &slack);
    without_service(&sandbox);
    let (rest, code) = converse(terminal_command(&sandbox, START), |p| {
        expect(p, "PagerDuty service ID");
        press(p, "PSVC001\r");
        // The ID typed, confirmed with the name PagerDuty gives it.
        expect(p, "on Relay API (PSVC001)?");
        press(p, "y");
        expect(p, "https://standin.pagerduty.com/incidents/");
    })
    .await;
    assert_eq!(code, 0, "{rest}");
    let incidents = pd.incidents();
    assert_eq!(incidents.len(), 1);
    assert_eq!(incidents[0].service, "PSVC001");
    assert_eq!(incidents[0].title, "DB down");
    let posts = slack.posts();
    assert_eq!(posts.len(), 1, "announced once");
    assert_eq!(posts[0].channel, "C0RELAY01");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handoff_post_takes_the_customer_issues_from_the_editor() {
    let (pd, slack) = services().await;
    let sandbox = against(&pd, &slack).at(MONDAY);
    // An "editor" that adds lines to the file it is given, as a person would.
    let editor = sandbox.write(
        "bin/fake-editor",
        "#!/bin/sh\nprintf '%s\\n' 'ACME: <b>login</b> & loop' '# a note to self' '  Initech: export slow  ' >> \"$1\"\n",
    );
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = terminal_command(&sandbox, &["handoff", "--post"]);
    cmd.env("EDITOR", &editor);
    let (rest, code) = converse(cmd, |p| {
        expect(p, "handoff notes posted in #relay-team");
    })
    .await;
    assert_eq!(code, 0, "{rest}");
    let posts = slack.posts();
    assert_eq!(posts.len(), 1, "posted once");
    assert_eq!(posts[0].channel, "C0RELAYTM");
    let text = &posts[0].text;
    for part in [
        "*Customer issues to carry over:*",
        "• ACME: &lt;b&gt;login&lt;/b&gt; &amp; loop",
        "• Initech: export slow",
    ] {
        assert!(text.contains(part), "lacks {part:?}: {text}");
    }
    // The template's comments and the user's own `#` lines are dropped.
    for gone in ["a note to self", "one per line", "<b>"] {
        assert!(!text.contains(gone), "has {gone:?}: {text}");
    }
}
