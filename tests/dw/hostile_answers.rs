//! More of dw against hostile servers and odd inputs (beyond `hostile.rs`):
//! redirect chains, trickled bodies, odd `Retry-After`, echoed tokens cut
//! mid-way, many large pages, broken rosters during an incident. Every server
//! is a raw TCP server on a loopback address.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::http::{offline, MONDAY, PD_TOKEN, SLACK_TOKEN};
use crate::support::measure::{measured, Measured};
use crate::support::raw::{
    announce_reads, json_ok, pagerduty_sandbox, respond, slack_sandbox, Raw, ANALYSIS,
};
use crate::support::{dw_binary, Sandbox};

fn path_of(req: &str) -> String {
    req.split_whitespace().nth(1).unwrap_or("").to_string()
}

fn body_of(req: &str) -> Value {
    req.split_once("\r\n\r\n")
        .and_then(|(_, b)| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null)
}

/// The checks only this file makes.
trait Probe {
    /// No piece of either token anywhere in the output.
    fn no_token_pieces(&self) -> &Self;
    /// dw did not panic.
    fn no_panic(&self) -> &Self;
}

impl Probe for Measured {
    fn no_token_pieces(&self) -> &Self {
        for token in [PD_TOKEN, SLACK_TOKEN] {
            let chars: Vec<char> = token.chars().collect();
            for piece in chars.windows(8) {
                let piece: String = piece.iter().collect();
                assert!(
                    !self.stdout.contains(&piece) && !self.stderr.contains(&piece),
                    "a piece of a token ({piece}) is shown\n--- stdout\n{}\n--- stderr\n{}",
                    self.stdout,
                    self.stderr
                );
            }
        }
        self
    }
    fn no_panic(&self) -> &Self {
        assert!(!self.stderr.contains("panicked"), "panic\n{}", self.stderr);
        self
    }
}

// ---------------------------------------------------------------- secrets

/// A token echoed just where a server's text is cut (Slack's error code at
/// 200 characters, PagerDuty's message at 500) is removed before the cut, so
/// no piece of it is shown.
#[test]
fn a_token_echoed_across_the_cut_is_not_shown_even_in_part() {
    let raw = Raw::new(|_, s| {
        let error = format!("{}{SLACK_TOKEN}", "x".repeat(190));
        json_ok(s, json!({"ok": false, "error": error}));
    });
    measured(slack_sandbox(&raw).dw(&["announce", "--post"]).std())
        .code(1)
        .no_panic()
        .no_token_pieces();
    let raw = Raw::new(|_, s| {
        let message = format!("{}Token token={PD_TOKEN}", "x".repeat(480));
        let body = json!({"error": {"message": message}});
        respond(s, "401 Unauthorized", &[], &body.to_string());
    });
    // A 401 is a rejected token: exit 3.
    measured(pagerduty_sandbox(&raw).dw(ANALYSIS).std())
        .code(3)
        .no_panic()
        .no_token_pieces();
}

#[test]
fn a_redirect_target_with_a_password_and_the_token_is_shown_redacted() {
    let target = format!("http://mallory:hunter2pw@127.0.0.2:9/steal?t={SLACK_TOKEN}");
    let raw = Raw::new(move |_, s| respond(s, "302 Found", &[("Location", target.clone())], ""));
    for verbose in [false, true] {
        let mut args = vec!["announce", "--post"];
        if verbose {
            args.insert(0, "-v");
        }
        let run = measured(slack_sandbox(&raw).dw(&args).std());
        run.code(1).stderr_has("redirected").no_token_pieces();
        assert!(!run.stderr.contains("hunter2pw"), "{}", run.stderr);
    }
}

#[test]
fn a_token_with_a_trailing_newline_works() {
    let raw = Raw::new(|req, s| {
        if !announce_reads(req, s) {
            json_ok(s, json!({"ok": true, "channel": "C1", "ts": "1.2"}))
        }
    });
    let token = format!("{SLACK_TOKEN}\n");
    let run = measured(
        slack_sandbox(&raw)
            .env("SLACK_TOKEN", &token)
            .dw(&["announce", "--post"])
            .std(),
    );
    run.code(0).no_token_pieces();
    let reqs = raw.requests();
    assert!(
        reqs[0].contains(&format!("Bearer {SLACK_TOKEN}\r\n")),
        "{}",
        reqs[0]
    );
}

// --------------------------------------------------------------- redirects

#[test]
fn a_redirect_chain_same_origin_then_elsewhere_stops() {
    let elsewhere = Raw::on("127.0.0.2", |_, s| json_ok(s, json!({"ok": true})));
    let other = format!("{}/steal", elsewhere.url);
    let hop = Arc::new(Mutex::new(String::new()));
    let hop2 = hop.clone();
    let raw = Raw::new(move |req, s| {
        if path_of(req).starts_with("/hop") {
            respond(
                s,
                "307 Temporary Redirect",
                &[("Location", other.clone())],
                "",
            );
        } else {
            let to = hop2.lock().expect("lock").clone();
            respond(s, "307 Temporary Redirect", &[("Location", to)], "");
        }
    });
    *hop.lock().expect("lock") = format!("{}/hop", raw.url);
    let run = measured(slack_sandbox(&raw).dw(&["announce", "--post"]).std());
    run.code(1).no_panic().stderr_has("redirected");
    assert_eq!(elsewhere.connections.load(Ordering::SeqCst), 0);
}

#[test]
fn a_3xx_without_location_is_a_clear_error() {
    for status in ["302 Found", "301 Moved Permanently", "300 Multiple Choices"] {
        let raw = Raw::new(move |_, s| respond(s, status, &[], ""));
        measured(slack_sandbox(&raw).dw(&["announce", "--post"]).std())
            .code(1)
            .no_panic()
            .stderr_has("redirected");
    }
}

// ---------------------------------------------------------- bounded answers

/// reqwest's per-request timeout must cover the body: a server that sends a
/// byte now and then must not keep dw past DW_DEADLINE.
#[test]
fn a_slowloris_body_meets_the_deadline() {
    let raw = Raw::new(|_, s| {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"ok\":true";
        if s.write_all(head.as_bytes()).is_err() {
            return;
        }
        for _ in 0..150 {
            std::thread::sleep(Duration::from_millis(200));
            if s.write_all(b" ").and_then(|()| s.flush()).is_err() {
                return;
            }
        }
    });
    let run = measured(
        slack_sandbox(&raw)
            .env("DW_DEADLINE", "1")
            .env("DW_HTTP_TIMEOUT", "20")
            .dw(&["announce", "--post"])
            .std(),
    );
    run.code(1).no_panic();
    eprintln!("slowloris: {:?}\n{}", run.elapsed, run.stderr);
    // Generous: the deadline is 1 s; the server trickles for 30 s.
    assert!(run.elapsed < Duration::from_secs(10), "{:?}", run.elapsed);
}

/// Same, with only the per-request timeout (no DW_DEADLINE).
#[test]
fn a_slowloris_body_meets_the_request_timeout() {
    let raw = Raw::new(|_, s| {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"ok\":true";
        if s.write_all(head.as_bytes()).is_err() {
            return;
        }
        for _ in 0..150 {
            std::thread::sleep(Duration::from_millis(200));
            if s.write_all(b" ").and_then(|()| s.flush()).is_err() {
                return;
            }
        }
    });
    let run = measured(
        slack_sandbox(&raw)
            .env("DW_HTTP_TIMEOUT", "1")
            .dw(&["announce", "--post"])
            .std(),
    );
    run.code(1).no_panic();
    eprintln!("slowloris timeout: {:?}\n{}", run.elapsed, run.stderr);
    assert!(run.elapsed < Duration::from_secs(10), "{:?}", run.elapsed);
}

fn padded_ok(total: usize) -> String {
    let mut body = json!({"ok": true, "channel": "C1", "ts": "1.2"}).to_string();
    body.push_str(&" ".repeat(total - body.len()));
    body
}

#[test]
fn a_body_exactly_at_the_cap_is_read_and_one_more_byte_is_not() {
    const CAP: usize = 16 * 1024 * 1024;
    for (size, code) in [(CAP, 0), (CAP + 1, 1)] {
        let raw = Raw::new(move |req, s| {
            if !announce_reads(req, s) {
                respond(
                    s,
                    "200 OK",
                    &[("Content-Type", "application/json".into())],
                    &padded_ok(size),
                )
            }
        });
        let run = measured(slack_sandbox(&raw).dw(&["announce", "--post"]).std());
        run.code(code).no_panic();
        if code == 1 {
            run.stderr_has("larger than 16777216 bytes");
        }
    }
}

#[test]
fn odd_retry_after_values_neither_panic_nor_hang() {
    for value in [
        "-5",
        "NaN",
        "inf",
        "1e400",
        "Wed, 21 Oct 2015 07:28:00 GMT",
        "",
        "0x10",
    ] {
        let raw = Raw::new(move |_, s| {
            respond(
                s,
                "429 Too Many Requests",
                &[("Retry-After", value.to_string())],
                "{}",
            )
        });
        let run = measured(
            slack_sandbox(&raw)
                .env("DW_HTTP_RETRIES", "1")
                .dw(&["announce", "--post"])
                .std(),
        );
        run.code(1).no_panic();
        assert_eq!(raw.requests().len(), 2, "{value}: retried once");
        assert!(run.elapsed < Duration::from_secs(20), "{value}");
    }
    // A wait too large for any Duration is refused, not retried, not a panic.
    let raw = Raw::new(|_, s| {
        let huge = "18446744073709551616".to_string();
        respond(s, "429 Too Many Requests", &[("Retry-After", huge)], "{}")
    });
    measured(slack_sandbox(&raw).dw(&["announce", "--post"]).std())
        .code(1)
        .no_panic()
        .stderr_has("longer than the 60 s dw waits");
    assert_eq!(raw.requests().len(), 1);
}

fn big_incidents_page(offset: usize, more: bool) -> String {
    // ~6 MB per page: 3000 incidents with distinct 2000-character titles,
    // written directly (building a JSON value of it would grow this process).
    let title_pad = "t".repeat(1990);
    let mut body = String::with_capacity(3000 * 2150);
    body.push_str("{\"incidents\":[");
    for i in 0..3000 {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&format!(
            "{{\"id\":\"P{offset}-{i}\",\"title\":\"{offset}-{i}-{title_pad}\",\"status\":\"triggered\",\
             \"html_url\":\"https://relay.pagerduty.com/incidents/P1\",\"assignments\":[]}}"
        ));
    }
    body.push_str(&format!(
        "],\"limit\":100,\"offset\":{offset},\"more\":{more}}}"
    ));
    body
}

fn offset_of(req: &str) -> usize {
    req.split(['?', '&', ' '])
        .find_map(|p| p.strip_prefix("offset="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Each answer is capped at 16 MiB, and each list has a budget (10,000
/// items, 32 MiB of answers, 100 pages): a list of many large pages is cut
/// short, with a notice, and memory stays bounded. (Before the budget: 15
/// pages of 6 MB peaked at 833 MB.)
#[test]
fn many_large_pages_stay_bounded_in_memory() {
    let raw = Raw::new(|req, s| {
        let offset = offset_of(req);
        let page = offset / 3000;
        let body = big_incidents_page(offset, page < 14);
        respond(
            s,
            "200 OK",
            &[("Content-Type", "application/json".into())],
            &body,
        );
    });
    let run = measured(pagerduty_sandbox(&raw).dw(&["handoff", "--json"]).std());
    run.no_panic();
    eprintln!("pages: peak RSS {} KiB, exit {}", run.peak_kib, run.code);
    assert!(run.peak_kib < 200 * 1024, "peak RSS {} KiB", run.peak_kib);
    // The list budget (10,000 items) cut it short, and says so.
    run.code(0)
        .stderr_has("10,000 items")
        .stderr_has("this list is incomplete");
    // About 10,000 titles of 2,000 characters in each of the two lists (open,
    // this shift); the JSON ends with the warnings.
    assert!(
        (40_000_000..50_000_000).contains(&run.stdout_bytes),
        "{} bytes of JSON",
        run.stdout_bytes
    );
    let tail = &run.stdout[run.stdout.find("\"warnings\"").expect("warnings")..];
    assert!(tail.contains("this list is incomplete"), "{tail}");
}

// ------------------------------------------------------ truncation in JSON

fn small_page(offset: usize, more: bool) -> Value {
    json!({
        "incidents": [{
            "id": format!("P{offset}"),
            "title": "again",
            "status": "triggered",
            "html_url": "https://relay.pagerduty.com/incidents/P1",
            "assignments": [],
        }],
        "limit": 100, "offset": offset, "more": more,
    })
}

#[test]
fn json_output_says_a_list_was_cut_short() {
    let raw = Raw::new(|req, s| json_ok(s, small_page(offset_of(req), true)));
    let run = measured(pagerduty_sandbox(&raw).dw(&["handoff", "--json"]).std());
    run.stderr_has("this list is incomplete");
    let v: Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    let text = v.to_string();
    assert!(
        text.contains("incomplete") || text.contains("truncated"),
        "the JSON does not say the list is incomplete: {}",
        &text[..text.len().min(600)]
    );
}

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
