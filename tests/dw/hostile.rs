//! dw against a hostile world: answers that never end, redirects elsewhere,
//! servers that echo secrets or send terminal escapes, rosters that are
//! FIFOs, devices or absurdly large. Every service here is a raw TCP server
//! on a loopback address ([`Raw`]); nothing leaves the machine. No test sleeps
//! for real more than a moment (retry settings come from the environment),
//! and none has a time limit: memory is bounded by reading the child's peak
//! RSS (its own `VmHWM`, see `support::measure`).

use std::io::Write;
use std::sync::atomic::Ordering;

use serde_json::json;

use crate::support::http::{offline, Secrets, PD_TOKEN, SLACK_TOKEN};
use crate::support::measure::{measured, Measured};
use crate::support::raw::{
    announce_reads, json_ok, pagerduty_sandbox, respond, slack_sandbox, Raw, ANALYSIS,
};
use crate::support::Sandbox;

/// The check only this file makes.
trait NoTokens {
    /// Neither token, nor any of `extra`, anywhere in the output.
    fn no_tokens(&self, extra: &[&str]) -> &Self;
}

impl NoTokens for Measured {
    fn no_tokens(&self, extra: &[&str]) -> &Self {
        for secret in [PD_TOKEN, SLACK_TOKEN].iter().chain(extra) {
            assert!(
                !self.stdout.contains(secret) && !self.stderr.contains(secret),
                "{secret} shown\n--- stdout\n{}\n--- stderr\n{}",
                self.stdout,
                self.stderr
            );
        }
        self
    }
}

#[test]
fn an_endless_chunked_body_is_cut_at_the_cap() {
    let raw = Raw::new(|req, s| {
        if announce_reads(req, s) {
            return;
        }
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        if s.write_all(head.as_bytes()).is_err() {
            return;
        }
        let chunk = format!("10000\r\n{}\r\n", " ".repeat(0x10000));
        while s.write_all(chunk.as_bytes()).is_ok() {}
    });
    let sandbox = slack_sandbox(&raw);
    measured(sandbox.dw(&["announce", "--post"]).std())
        .code(1)
        .stderr_has(
            "Slack chat.postMessage: the answer from 127.0.0.1 is larger than 16777216 bytes",
        )
        .no_tokens(&[])
        .peak_below_mib(200);
}

#[test]
fn a_200_mb_body_is_refused_from_its_length_or_cut_at_the_cap() {
    for announce_length in [true, false] {
        let raw = Raw::new(move |_, s| {
            let length = if announce_length {
                "Content-Length: 209715200\r\n"
            } else {
                ""
            };
            let head = format!("HTTP/1.1 200 OK\r\n{length}Connection: close\r\n\r\n");
            if s.write_all(head.as_bytes()).is_err() {
                return;
            }
            let block = vec![b'x'; 1 << 20];
            for _ in 0..200 {
                if s.write_all(&block).is_err() {
                    return;
                }
            }
        });
        let sandbox = pagerduty_sandbox(&raw);
        measured(sandbox.dw(ANALYSIS).std())
            .stderr_has("larger than 16777216 bytes")
            .no_tokens(&[])
            .peak_below_mib(200);
    }
}

#[test]
fn redirects_to_another_origin_are_not_followed() {
    for status in [
        "301 Moved Permanently",
        "302 Found",
        "307 Temporary Redirect",
        "308 Permanent Redirect",
    ] {
        let elsewhere = Raw::on("127.0.0.2", |_, s| json_ok(s, json!({"ok": true})));
        let target = format!("{}/steal?token=x", elsewhere.url);
        let raw = Raw::new(move |_, s| {
            respond(s, status, &[("Location", target.clone())], "");
        });
        let sandbox = slack_sandbox(&raw);
        let run = measured(sandbox.dw(&["announce", "--post"]).std());
        run.code(1)
            .stderr_has("redirected the request")
            .stderr_has(&format!("to http://127.0.0.2:{}/steal", elsewhere.port))
            .no_tokens(&[]);
        assert_eq!(
            elsewhere.connections.load(Ordering::SeqCst),
            0,
            "{status}: the other host was contacted"
        );
        assert_eq!(raw.requests().len(), 1, "{status}: not retried");
    }
}

#[test]
fn a_token_echoed_by_the_server_is_not_printed() {
    let raw = Raw::new(|req, s| {
        let auth = req
            .lines()
            .find_map(|l| {
                l.strip_prefix("authorization: ")
                    .or(l.strip_prefix("Authorization: "))
            })
            .unwrap_or("")
            .to_string();
        let body = json!({"error": {"message": format!("Bad token {auth}"), "code": 2006}});
        respond(s, "401 Unauthorized", &[], &body.to_string());
    });
    let sandbox = pagerduty_sandbox(&raw);
    for verbose in [false, true] {
        let mut args = vec![
            "incident",
            "analysis",
            "--incident",
            "PINC001",
            "--we-started",
        ];
        if verbose {
            args.insert(0, "-v");
        }
        measured(sandbox.dw(&args).std())
            .stderr_has("answered HTTP 401: Bad token Token token=***")
            .no_tokens(&[]);
    }
}

#[test]
fn a_url_password_is_not_printed_with_verbose() {
    let raw = Raw::new(|_, s| respond(s, "500 Internal Server Error", &[], "oops"));
    let url = format!("http://u:PASSWORD@127.0.0.1:{}", raw.port);
    let sandbox = offline()
        .env("DW_PAGERDUTY_URL", &url)
        .env("PAGERDUTY_TOKEN", PD_TOKEN);
    let run = measured(
        sandbox
            .dw(&[
                "-v",
                "incident",
                "analysis",
                "--incident",
                "PINC001",
                "--we-started",
            ])
            .std(),
    );
    run.stderr_has("u:***@127.0.0.1").no_tokens(&["PASSWORD"]);
    // The body is shown once; a retry names only its number.
    assert!(run.stderr.contains("> retry 2 of 3: GET"), "{}", run.stderr);
}

#[test]
fn a_token_with_a_newline_is_refused_before_any_request() {
    let raw = Raw::new(|_, s| json_ok(s, json!({"ok": true})));
    for dry in [false, true] {
        let sandbox = slack_sandbox(&raw).env("SLACK_TOKEN", "xoxb-SECRET-8d21\ne6b0");
        let mut args = vec!["announce", "--post"];
        if dry {
            args.push("--dry-run");
        }
        measured(sandbox.dw(&args).std())
            .code(3)
            .stderr_has("SLACK_TOKEN contains a control character")
            .no_tokens(&["8d21"]);
    }
    let sandbox = pagerduty_sandbox(&raw).env("PAGERDUTY_TOKEN", "pdtok SECRET");
    measured(sandbox.dw(&["handoff"]).std())
        .code(3)
        .stderr_has("PAGERDUTY_TOKEN contains a space");
    assert!(raw.requests().is_empty(), "nothing was sent");
}

fn incidents_page(offset: usize, more: bool, title: &str) -> serde_json::Value {
    json!({
        "incidents": [{
            "id": format!("P{offset}"),
            "title": title,
            "status": "triggered",
            "html_url": "https://relay.pagerduty.com/incidents/P1",
            "assignments": [],
        }],
        "limit": 100, "offset": offset, "more": more,
    })
}

fn offset_of(req: &str) -> usize {
    req.split(['?', '&', ' '])
        .find_map(|p| p.strip_prefix("offset="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[test]
fn terminal_escapes_in_pagerduty_titles_are_shown_escaped() {
    let raw = Raw::new(|req, s| {
        json_ok(
            s,
            incidents_page(offset_of(req), false, "DB \u{1b}]0;pwned\u{7}down\u{1b}[2J"),
        )
    });
    let run = measured(pagerduty_sandbox(&raw).dw(&["handoff"]).std());
    run.code(0);
    // Shown escaped, then escaped for Markdown (a backslash before `\` and
    // `]`): it renders as `DB \u{1b}]0;pwned…`.
    assert!(
        run.stdout
            .contains("DB \\\\u{1b}\\]0;pwned\\\\u{7}down\\\\u{1b}"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('\u{1b}') && !run.stderr.contains('\u{1b}'));
}

#[test]
fn endless_pagination_stops_and_says_so() {
    let raw = Raw::new(|req, s| json_ok(s, incidents_page(offset_of(req), true, "again")));
    let run = measured(pagerduty_sandbox(&raw).dw(&["handoff"]).std());
    run.stderr_has("stopped after 100 pages")
        .stderr_has("this list is incomplete");
    assert!(raw.requests().len() <= 2 * 100, "{}", raw.requests().len());
    // In JSON too: a script reading the notes learns the list is cut short.
    let json = measured(pagerduty_sandbox(&raw).dw(&["--json", "handoff"]).std());
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("handoff JSON");
    let warnings = doc["warnings"].as_array().expect("a warnings list");
    assert!(
        warnings.iter().any(|w| w
            .as_str()
            .is_some_and(|w| w.contains("stopped after 100 pages"))),
        "{warnings:?}"
    );
}

#[test]
fn a_503_with_ratelimit_reset_is_retried_with_short_backoff() {
    let raw = Raw::new(|_, s| {
        respond(
            s,
            "503 Service Unavailable",
            &[("ratelimit-reset", "60".into())],
            "busy",
        )
    });
    let run = measured(pagerduty_sandbox(&raw).dw(ANALYSIS).std());
    run.code(1)
        .stderr_has("PagerDuty answered HTTP 503; trying again in")
        .stderr_has("(2 of 3)")
        .stderr_has("after 3 attempts");
    assert!(!run.stderr.contains("60 s"), "{}", run.stderr);
    let incident = raw
        .requests()
        .iter()
        .filter(|r| r.starts_with("GET /incidents/PINC001 "))
        .count();
    assert_eq!(incident, 3, "1 + DW_HTTP_RETRIES attempts");
}

#[test]
fn a_post_is_not_resent_after_a_503() {
    let raw = Raw::new(|req, s| {
        if !announce_reads(req, s) {
            respond(s, "503 Service Unavailable", &[], "busy")
        }
    });
    let run = measured(slack_sandbox(&raw).dw(&["announce", "--post"]).std());
    run.code(1)
        .stderr_has("127.0.0.1 answered HTTP 503")
        .stderr_has("may or may not have taken effect");
    let posts = raw.requests();
    let posts: Vec<_> = posts
        .iter()
        .filter(|r| r.starts_with("POST /chat.postMessage"))
        .collect();
    assert_eq!(
        posts.len(),
        1,
        "not resent (the history is read again instead)"
    );
}

#[test]
fn a_429_asking_for_too_long_fails_saying_how_long() {
    let raw = Raw::new(|_, s| {
        respond(
            s,
            "429 Too Many Requests",
            &[("Retry-After", "3600".into())],
            "{}",
        )
    });
    measured(slack_sandbox(&raw).dw(&["announce", "--post"]).std())
        .code(1)
        .stderr_has("it asks to wait 3600 s, longer than the 60 s dw waits");
    assert_eq!(raw.requests().len(), 1);
}

#[test]
fn a_member_name_cannot_ping_the_channel_through_the_topic() {
    // The dry run reads the channel's topic (to send it only if it differs).
    let raw = Raw::new(|_, s| {
        json_ok(
            s,
            json!({"ok": true, "channel": {"id": "C0123456789", "topic": {"value": ""}}}),
        )
    });
    let sandbox = Sandbox::empty()
        .at("2026-01-07T12:00")
        .env("SLACK_TOKEN", SLACK_TOKEN)
        .env("DW_SLACK_URL", &raw.url);
    sandbox.write(
        "work/roster.toml",
        "[team]\nname = \"T\"\ntimezone = \"UTC\"\nstart = 2026-01-06\n\n\
         [slack]\nchannel = \"C0123456789\"\n\n\
         [[members]]\nid = \"ada\"\nname = \"Ada <!channel> Lovelace\"\nemail = \"ada@example.com\"\n",
    );
    let out = sandbox
        .dw(&[
            "--roster",
            "roster.toml",
            "announce",
            "--topic",
            "--dry-run",
        ])
        .run();
    out.code(0).no_secrets();
    assert!(
        out.stdout.contains("Ada &lt;!channel&gt; Lovelace"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("<!channel>"), "{}", out.stdout);
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_not_read_as_a_roster() {
    let sandbox = Sandbox::empty().at("2026-01-07T12:00");
    let fifo = sandbox.work().join("fifo.toml");
    let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).expect("path");
    // SAFETY: a valid C string; mkfifo has no other preconditions.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    for (path, kind) in [
        (fifo.to_string_lossy().to_string(), "a FIFO"),
        ("/dev/zero".to_string(), "a device"),
        ("/dev/urandom".to_string(), "a device"),
    ] {
        measured(sandbox.dw(&["--roster", &path, "who"]).std())
            .code(2)
            .stderr_has(&format!("is {kind}, not a regular file"))
            .peak_below_mib(200);
    }
}

fn roster_with_members(n: usize, name_len: usize) -> String {
    let mut s = String::from("[team]\nname = \"T\"\ntimezone = \"UTC\"\nstart = 2026-01-06\n");
    for i in 0..n {
        let name = if i == 0 {
            "N".repeat(name_len)
        } else {
            format!("Member {i}")
        };
        s.push_str(&format!(
            "\n[[members]]\nid = \"m{i}\"\nname = \"{name}\"\nemail = \"m{i}@example.com\"\n"
        ));
    }
    s
}

#[test]
fn a_300000_character_name_is_a_clear_roster_error() {
    let sandbox = Sandbox::empty().at("2026-01-07T12:00");
    sandbox.write("work/roster.toml", roster_with_members(3, 300_000));
    measured(sandbox.dw(&["--roster", "roster.toml", "who"]).std())
        .code(2)
        .stderr_has("roster.toml:8:8: the name of member \"m0\" is 300000 characters long, more than the 200 dw accepts")
        .peak_below_mib(200);
}

#[test]
fn ten_thousand_members_are_refused_clearly() {
    let sandbox = Sandbox::empty().at("2026-01-07T12:00");
    sandbox.write("work/roster.toml", roster_with_members(10_000, 5));
    for command in ["who", "stats", "schedule", "check"] {
        measured(sandbox.dw(&["--roster", "roster.toml", command]).std())
            .code(2)
            .stderr_has("has 10000 members, more than the 1000 dw accepts")
            .peak_below_mib(200);
    }
}

#[cfg(unix)]
#[test]
fn analysis_write_never_follows_links_clobbers_or_blocks() {
    let sandbox = Sandbox::empty();
    let work = sandbox.work();
    std::os::unix::fs::symlink(work.join("nowhere.md"), work.join("dangling.md")).expect("symlink");
    std::fs::write(work.join("exists.md"), "keep me").expect("write");
    let fifo = work.join("fifo.md");
    let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).expect("path");
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    let base = ["incident", "analysis", "--we-started", "--write"];
    for (file, force, expect) in [
        ("dangling.md", false, "exists already"),
        ("dangling.md", true, "is a symbolic link"),
        ("exists.md", false, "exists already"),
        ("fifo.md", false, "exists already"),
        ("fifo.md", true, "is a FIFO"),
    ] {
        let mut args: Vec<&str> = base.to_vec();
        args.push(file);
        if force {
            args.push("--force");
        }
        measured(sandbox.bare().args(&args).std())
            .code(2)
            .stderr_has(expect);
    }
    assert!(
        !work.join("nowhere.md").exists(),
        "the link was not followed"
    );
    assert_eq!(
        std::fs::read_to_string(work.join("exists.md")).expect("read"),
        "keep me"
    );
    sandbox
        .bare()
        .args(["incident", "analysis", "--we-started", "--write", "new.md"])
        .ok();
    assert!(work.join("new.md").is_file());
}

#[test]
fn a_server_that_never_answers_meets_the_deadline() {
    let raw = Raw::new(|_, _s| std::thread::sleep(std::time::Duration::from_secs(3)));
    let run = measured(
        pagerduty_sandbox(&raw)
            .env("DW_DEADLINE", "0.5")
            .dw(ANALYSIS)
            .std(),
    );
    run.code(1)
        .stderr_has("the command's deadline of 0.5 s passed (DW_DEADLINE)");
}

#[test]
fn a_read_that_times_out_is_retried_and_says_so_once_per_wait() {
    let raw = Raw::new(|_, _s| std::thread::sleep(std::time::Duration::from_secs(2)));
    let run = measured(
        pagerduty_sandbox(&raw)
            .env("DW_HTTP_TIMEOUT", "0.2")
            .env("DW_HTTP_RETRIES", "1")
            .dw(ANALYSIS)
            .std(),
    );
    run.code(1)
        .stderr_has("dw: PagerDuty did not answer in 0.2 s; trying again (2 of 2)")
        .stderr_has("no answer from 127.0.0.1 within 0.2 s (after 2 attempts");
    // Two requests run at once (the incident and its log): one notice each.
    assert_eq!(
        run.stderr.matches("trying again").count(),
        2,
        "{}",
        run.stderr
    );
}

#[test]
fn every_problem_of_a_large_broken_roster_is_reported() {
    let mut text = roster_with_members(1_000, 5);
    text = text.replace("@example.com", "");
    let sandbox = Sandbox::empty().at("2026-01-07T12:00");
    sandbox.write("work/roster.toml", text);
    let run = measured(sandbox.dw(&["--roster", "roster.toml", "who"]).std());
    run.code(2)
        .stderr_has("1000 problems in roster.toml")
        .peak_below_mib(200);
}

#[test]
fn a_slow_answer_is_announced_once_while_dw_waits() {
    // Answers after 0.8 s; dw says it is still waiting after 0.2 s.
    let raw = Raw::new(|_, s| {
        std::thread::sleep(std::time::Duration::from_millis(800));
        respond(s, "404 Not Found", &[], "{}");
    });
    let run = measured(
        pagerduty_sandbox(&raw)
            .env("DW_HTTP_SLOW", "0.2")
            .env("DW_HTTP_RETRIES", "0")
            .dw(ANALYSIS)
            .std(),
    );
    run.code(1);
    assert!(
        run.stderr
            .contains("dw: PagerDuty has not answered after 0.2 s; waiting up to "),
        "{}",
        run.stderr
    );
    // A quick answer says nothing of the kind.
    let quick = Raw::new(|_, s| respond(s, "404 Not Found", &[], "{}"));
    let run = measured(
        pagerduty_sandbox(&quick)
            .env("DW_HTTP_SLOW", "0.2")
            .dw(ANALYSIS)
            .std(),
    );
    assert!(!run.stderr.contains("has not answered"), "{}", run.stderr);
}
