//! dw's commands against hostile servers and odd inputs (the second half of
//! `hostile_answers.rs`, which has the helpers): `incident start` with a
//! broken roster or a failing Slack, `handoff` into a closed pipe, `remind`
//! reruns after a timeout, Slack's cursor-list budget, very short secrets,
//! incident links, and errors when a lookup fails too. Every server is a raw
//! TCP server on a loopback address.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

use crate::hostile_answers::{body_of, path_of, Probe};
use crate::support::http::{offline, MONDAY, PD_TOKEN, SLACK_TOKEN};
use crate::support::measure::measured;
use crate::support::raw::{json_ok, respond, slack_sandbox, Raw};
use crate::support::{dw_binary, Sandbox};

// -------------------------------------------------------- incident start

/// PagerDuty and Slack on one raw server: POST /incidents opens PINC001,
/// chat.postMessage answers with `slack_status`.
fn incident_server(slack_status: &'static str) -> Raw {
    Raw::new(move |req, s| match path_of(req).as_str() {
        "/incidents" => respond(
            s,
            "201 Created",
            &[("Content-Type", "application/json".into())],
            &json!({"incident": {
                "id": "PINC001", "incident_number": 1, "title": "DB down",
                "status": "triggered",
                "html_url": "https://relay.pagerduty.com/incidents/PINC001",
                "assignments": []
            }})
            .to_string(),
        ),
        "/chat.postMessage" if slack_status.starts_with("200") => {
            json_ok(s, json!({"ok": true, "channel": "C1", "ts": "1.2"}))
        }
        _ => respond(s, slack_status, &[], "{}"),
    })
}

fn incident_env(sandbox: Sandbox, raw: &Raw) -> Sandbox {
    sandbox
        .env("DW_PAGERDUTY_URL", &raw.url)
        .env("DW_SLACK_URL", &raw.url)
        .env("PAGERDUTY_TOKEN", PD_TOKEN)
        .env("SLACK_TOKEN", SLACK_TOKEN)
        .env("DW_PAGERDUTY_FROM", "me@example.com")
        .env("DW_HTTP_BACKOFF_MS", "10")
        .env("DW_HTTP_RETRIES", "1")
}

#[cfg(unix)]
#[test]
fn incident_start_with_a_roster_that_is_a_dir_fifo_or_binary() {
    let sandbox = Sandbox::empty();
    let work = sandbox.work();
    std::fs::create_dir(work.join("dir.toml")).expect("dir");
    let fifo = work.join("fifo.toml");
    let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).expect("path");
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    std::fs::write(work.join("bin.toml"), [0u8, 159, 146, 150, 255, 0, 1, 27]).expect("write");
    for roster in [
        "dir.toml",
        "fifo.toml",
        "bin.toml",
        "/dev/zero",
        "missing.toml",
    ] {
        let raw = incident_server("200 OK");
        let sandbox = incident_env(Sandbox::empty(), &raw);
        // Run in the first sandbox's folder, where the odd files are.
        let mut dw = sandbox.bare();
        dw.current_dir(&work).args([
            "--roster",
            roster,
            "--at",
            "2026-03-03T12:00",
            "incident",
            "start",
            "--title",
            "DB down",
            "--service",
            "PSVC001",
            "--yes",
        ]);
        let run = measured(dw.std());
        run.code(0).no_panic().stderr_has("roster cannot be read");
        assert!(
            run.stdout.contains("incidents/PINC001"),
            "{roster}: {}",
            run.stdout
        );
        let posts: Vec<Value> = raw
            .requests()
            .iter()
            .filter(|r| path_of(r) == "/chat.postMessage")
            .map(|r| body_of(r))
            .collect();
        assert_eq!(posts.len(), 1, "{roster}");
        assert_eq!(posts[0]["channel"], "#org-reliability-ff", "{roster}");
    }
}

#[test]
fn a_slack_5xx_after_pagerduty_prints_the_url_and_exits_1() {
    let raw = incident_server("503 Service Unavailable");
    let sandbox = incident_env(Sandbox::with("http-team.toml"), &raw);
    let run = measured(
        sandbox
            .dw(&["incident", "start", "--title", "DB down", "--yes"])
            .std(),
    );
    run.code(1)
        .no_panic()
        .stderr_has("the incident is open")
        .no_token_pieces();
    assert!(run.stdout.contains("incidents/PINC001"), "{}", run.stdout);
    let posts = raw
        .requests()
        .iter()
        .filter(|r| path_of(r) == "/chat.postMessage")
        .count();
    assert_eq!(posts, 1, "a post is not resent after a 5xx");
}

#[test]
fn incident_title_with_control_and_bidi_is_escaped_in_slack() {
    let raw = incident_server("200 OK");
    let sandbox = incident_env(Sandbox::with("http-team.toml"), &raw);
    let title = "DB\rdown \u{202e}gnp.exe <!channel> \u{1b}]8;;https://evil\u{7}x";
    let run = measured(
        sandbox
            .dw(&["incident", "start", "--title", title, "--yes"])
            .std(),
    );
    run.code(0).no_panic();
    assert!(!run.stdout.contains('\u{1b}') && !run.stderr.contains('\u{1b}'));
    let posted = raw
        .requests()
        .iter()
        .find(|r| path_of(r) == "/chat.postMessage")
        .map(|r| body_of(r)["text"].as_str().unwrap_or("").to_string())
        .expect("a post");
    assert!(!posted.contains("<!channel>"), "{posted}");
}

// ---------------------------------------------------------------- handoff

#[test]
fn handoff_post_into_a_closed_pipe_still_posts_escaped_issues() {
    let raw = Raw::new(|_, s| json_ok(s, json!({"ok": true, "channel": "C1", "ts": "1.2"})));
    let sandbox = slack_sandbox(&raw).without("PAGERDUTY_TOKEN");
    let long = "y".repeat(1500);
    let mut args: Vec<String> = sandbox.globals();
    args.extend(
        [
            "handoff",
            "--post",
            "--issue",
            "<!here> call <@U0000000A> & <https://evil|click>",
        ]
        .map(String::from),
    );
    for _ in 0..60 {
        args.push("--issue".into());
        args.push(long.clone());
    }
    let out = sandbox
        .command("/bin/sh")
        .arg("-c")
        .arg("\"$0\" \"$@\" | head -c1 >/dev/null; exit \"${PIPESTATUS:-0}\"")
        .arg(dw_binary())
        .args(&args)
        .output()
        .expect("sh");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let posts: Vec<Value> = raw.requests().iter().map(|r| body_of(r)).collect();
    assert_eq!(posts.len(), 1, "the post arrives: {stderr}");
    let text = posts[0]["text"].as_str().expect("text");
    assert!(!text.contains("<!here>"), "{text}");
    assert!(text.contains("&lt;!here&gt;"), "{text}");
    assert!(text.contains("&lt;@U0000000A&gt;"), "{text}");
    assert!(text.contains("&lt;https://evil|click&gt;"), "{text}");
    assert!(text.chars().count() <= 40_000, "{}", text.chars().count());
    // The incoming people are mentioned.
    assert!(text.contains("<@U0000000"), "{text}");
}

// ----------------------------------------------------------------- remind

/// A Slack stand-in that keeps what was posted (with metadata) and returns
/// it from conversations.history; the first chat.postMessage answers only
/// after `slow` (dw's timeout is shorter).
fn slack_with_history(slow: Duration) -> (Raw, Arc<Mutex<Vec<Value>>>) {
    let posted: Arc<Mutex<Vec<Value>>> = Arc::new(Mutex::new(Vec::new()));
    let kept = posted.clone();
    let first = Arc::new(AtomicUsize::new(0));
    let raw = Raw::new(move |req, s| {
        let path = path_of(req);
        if path.starts_with("/conversations.open") {
            let user = body_of(req)["users"].as_str().unwrap_or("").to_string();
            json_ok(
                s,
                json!({"ok": true, "channel": {"id": format!("D{user}")}}),
            );
        } else if path.starts_with("/conversations.history") {
            let channel = path
                .split(['?', '&'])
                .find_map(|p| p.strip_prefix("channel="))
                .unwrap_or("")
                .to_string();
            let messages: Vec<Value> = kept
                .lock()
                .expect("lock")
                .iter()
                // Posted in the opened DM (`D…`), as dw does.
                .filter(|m| m["channel"].as_str() == Some(channel.as_str()))
                .map(|m| json!({"type": "message", "text": m["text"], "ts": "1.2", "metadata": m["metadata"]}))
                .collect();
            json_ok(
                s,
                json!({"ok": true, "messages": messages, "has_more": false}),
            );
        } else if path.starts_with("/chat.postMessage") {
            kept.lock().expect("lock").push(body_of(req));
            if first.fetch_add(1, Ordering::SeqCst) == 0 {
                std::thread::sleep(slow);
            }
            json_ok(s, json!({"ok": true, "channel": "D1", "ts": "1.2"}));
        } else {
            json_ok(s, json!({"ok": false, "error": "unknown_method"}));
        }
    });
    (raw, posted)
}

#[test]
fn remind_rerun_after_a_timeout_sends_each_dm_once() {
    let (raw, posted) = slack_with_history(Duration::from_millis(1500));
    let sandbox = slack_sandbox(&raw).at(MONDAY).env("DW_HTTP_TIMEOUT", "0.5");
    let first = measured(sandbox.dw(&["remind", "--post"]).std());
    first.no_panic().no_token_pieces();
    eprintln!(
        "first run: {}\n{}\n{}",
        first.code, first.stdout, first.stderr
    );
    let second = measured(sandbox.dw(&["remind", "--post"]).std());
    second.code(0).no_panic();
    let third = measured(sandbox.dw(&["remind", "--post"]).std());
    third.code(0).no_panic();
    assert_eq!(
        third.stdout.matches("already reminded").count(),
        2,
        "{}",
        third.stdout
    );
    assert_eq!(
        posted.lock().expect("lock").len(),
        2,
        "one DM per incoming primary and secondary, whatever the reruns"
    );
}

/// Slack's cursor lists have the same budget: `conversations.list` pages of
/// 1 MiB with ever new cursors stop at 32 MiB, saying the list is incomplete.
#[test]
fn endless_slack_cursor_list_is_cut_by_its_budget() {
    let counter = AtomicUsize::new(0);
    let raw = Raw::new(move |_, s| {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        let channels: Vec<Value> = (0..100)
            .map(|i| json!({"id": format!("C{i:08}"), "name": format!("{i}-{}", "n".repeat(10_480))}))
            .collect();
        json_ok(
            s,
            json!({"ok": true, "channels": channels,
                   "response_metadata": {"next_cursor": format!("c{n}")}}),
        );
    });
    let run = measured(slack_sandbox(&raw).dw(&["announce", "--topic"]).std());
    run.no_panic()
        .no_token_pieces()
        .stderr_has("Slack conversations.list")
        .stderr_has("32 MiB of one list")
        .stderr_has("this list is incomplete")
        .stderr_has("no channel named");
    assert_ne!(run.code, 0);
    let pages = raw.requests().len();
    assert!((30..=33).contains(&pages), "{pages} pages read");
}

// ------------------------------------------------------------ small ones

/// A token under 4 characters is no real token, and could not be kept out
/// of texts: refused, naming the variable; a URL password too.
#[test]
fn a_very_short_secret_is_refused_naming_the_variable() {
    let run = measured(
        offline()
            .env("SLACK_TOKEN", "xo")
            .dw(&["announce", "--post"])
            .std(),
    );
    run.code(3)
        .no_panic()
        .stderr_has("SLACK_TOKEN is 2 characters long");
    let run = measured(
        offline()
            .env("SLACK_TOKEN", SLACK_TOKEN)
            .env("DW_SLACK_URL", "http://u:pw@127.0.0.1:9/")
            .dw(&["announce", "--post"])
            .std(),
    );
    run.code(2)
        .no_panic()
        .stderr_has("DW_SLACK_URL holds a password of 2 characters");
}

/// PagerDuty's `html_url` becomes a Slack link only when it is http(s), with
/// `&`, `<`, `>` and `|` unable to end the link or change its label.
#[test]
fn incident_links_in_slack_are_http_only_and_escaped() {
    for (url, expected) in [
        (
            "https://relay.pagerduty.com/incidents/P1?a=1&b=<2>|x",
            "<https://relay.pagerduty.com/incidents/P1?a=1&amp;b=%3C2%3E%7Cx|PagerDuty incident #1>",
        ),
        ("javascript:alert(1)", "\nPagerDuty incident #1\n"),
    ] {
        let raw = Raw::new(move |req, s| match path_of(req).as_str() {
            "/incidents" => respond(
                s,
                "201 Created",
                &[("Content-Type", "application/json".into())],
                &json!({"incident": {
                    "id": "PINC001", "incident_number": 1, "title": "DB down",
                    "status": "triggered", "html_url": url, "assignments": []
                }})
                .to_string(),
            ),
            _ => json_ok(s, json!({"ok": true, "channel": "C1", "ts": "1.2"})),
        });
        let run = measured(
            incident_env(offline(), &raw)
                .dw(&["incident", "start", "--title", "DB down", "--yes"])
                .std(),
        );
        run.code(0).no_panic();
        let post = raw
            .requests()
            .into_iter()
            .find(|r| path_of(r) == "/chat.postMessage")
            .expect("a post");
        let text = body_of(&post)["text"].as_str().unwrap_or("").to_string();
        assert!(text.contains(expected), "{url}: {text}");
        assert!(!text.contains("javascript"), "{text}");
    }
}

/// When a reminder's post fails and looking for it afterwards fails too, the
/// post's error is what dw reports, with the lookup's as context.
#[test]
fn remind_reports_the_post_error_when_the_lookup_fails_too() {
    let opens = AtomicUsize::new(0);
    let raw = Raw::new(move |req, s| {
        let path = path_of(req);
        if path.starts_with("/conversations.open") {
            if opens.fetch_add(1, Ordering::SeqCst) == 0 {
                json_ok(s, json!({"ok": true, "channel": {"id": "D1"}}));
            } else {
                json_ok(s, json!({"ok": false, "error": "missing_scope"}));
            }
        } else if path.starts_with("/conversations.history") {
            json_ok(s, json!({"ok": true, "messages": [], "has_more": false}));
        } else {
            json_ok(s, json!({"ok": false, "error": "msg_too_long"}));
        }
    });
    let run = measured(
        slack_sandbox(&raw)
            .at(MONDAY)
            .dw(&["remind", "--post"])
            .std(),
    );
    run.code(1)
        .no_panic()
        .no_token_pieces()
        .stderr_has("chat.postMessage: msg_too_long")
        .stderr_has("looking for the DM afterwards failed too")
        .stderr_has("missing_scope");
}
