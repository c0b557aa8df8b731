//! More of dw against hostile servers and odd inputs (beyond `hostile.rs`):
//! echoed tokens cut mid-way, redirect chains, trickled bodies, a body at
//! the size cap, odd `Retry-After`, many large pages, lists cut short in
//! JSON. Every server is a raw TCP server on a loopback address. The
//! commands' part (incident start with broken rosters, handoff, remind,
//! small ones) is in `hostile_commands.rs`, which uses the helpers here.

use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::http::{PD_TOKEN, SLACK_TOKEN};
use crate::support::measure::{measured, Measured};
use crate::support::raw::{
    announce_reads, json_ok, pagerduty_sandbox, respond, slack_sandbox, Raw, ANALYSIS,
};

pub(crate) fn path_of(req: &str) -> String {
    req.split_whitespace().nth(1).unwrap_or("").to_string()
}

pub(crate) fn body_of(req: &str) -> Value {
    req.split_once("\r\n\r\n")
        .and_then(|(_, b)| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null)
}

/// The checks only this file makes.
pub(crate) trait Probe {
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
