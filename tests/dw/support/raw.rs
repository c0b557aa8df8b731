//! A raw HTTP/1.1 server on a loopback address, for answers no well-behaved
//! server gives (endless bodies, redirects elsewhere, echoed secrets).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::http::{offline, PD_TOKEN, SLACK_TOKEN};
use super::Sandbox;

pub type Answer = dyn Fn(&str, &mut TcpStream) + Send + Sync;

/// A raw HTTP/1.1 server: the listener is bound before its address is handed
/// out; every connection is read up to the end of its request (head and a
/// `Content-Length` body), recorded, and answered by `answer`.
pub struct Raw {
    pub url: String,
    pub port: u16,
    pub requests: Arc<Mutex<Vec<String>>>,
    pub connections: Arc<AtomicUsize>,
}

impl Raw {
    /// A server on `ip` (a loopback address), answering with `answer`.
    pub fn on(ip: &str, answer: impl Fn(&str, &mut TcpStream) + Send + Sync + 'static) -> Raw {
        let listener = TcpListener::bind((ip, 0)).expect("bind a loopback port");
        let port = listener.local_addr().expect("local addr").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let answer: Arc<Answer> = Arc::new(answer);
        {
            let requests = requests.clone();
            let connections = connections.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    let Ok(mut stream) = stream else { continue };
                    connections.fetch_add(1, Ordering::SeqCst);
                    let requests = requests.clone();
                    let answer = answer.clone();
                    std::thread::spawn(move || {
                        let request = read_request(&mut stream);
                        requests.lock().expect("lock").push(request.clone());
                        answer(&request, &mut stream);
                        let _ = stream.flush();
                    });
                }
            });
        }
        Raw {
            url: format!("http://{ip}:{port}"),
            port,
            requests,
            connections,
        }
    }

    /// A server on 127.0.0.1.
    pub fn new(answer: impl Fn(&str, &mut TcpStream) + Send + Sync + 'static) -> Raw {
        Raw::on("127.0.0.1", answer)
    }

    /// Every request received so far, head and body.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("lock").clone()
    }
}

/// One request, head and `Content-Length` body, at most 1 MiB of head.
pub fn read_request(stream: &mut TcpStream) -> String {
    let mut bytes = Vec::new();
    let mut buf = [0u8; 4096];
    while !bytes.windows(4).any(|w| w == b"\r\n\r\n") && bytes.len() < 1 << 20 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&bytes).to_string();
    let head_end = text.find("\r\n\r\n").map_or(text.len(), |i| i + 4);
    let length = text[..head_end]
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    while bytes.len() < head_end + length {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&bytes).to_string()
}

/// Answer with `status`, `headers` and `body`, and close.
pub fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &str) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}

/// `200 OK` with a JSON body.
pub fn json_ok(stream: &mut TcpStream, body: serde_json::Value) {
    respond(
        stream,
        "200 OK",
        &[("Content-Type", "application/json".into())],
        &body.to_string(),
    );
}

/// A sandbox whose Slack is `raw`, with a Slack token.
pub fn slack_sandbox(raw: &Raw) -> Sandbox {
    offline()
        .env("DW_SLACK_URL", &raw.url)
        .env("SLACK_TOKEN", SLACK_TOKEN)
}

/// A sandbox whose PagerDuty is `raw`, with a PagerDuty token.
pub fn pagerduty_sandbox(raw: &Raw) -> Sandbox {
    offline()
        .env("DW_PAGERDUTY_URL", &raw.url)
        .env("PAGERDUTY_TOKEN", PD_TOKEN)
}

/// `dw incident analysis` of one incident: a command that only reads
/// PagerDuty, for probing how dw reads answers.
pub const ANALYSIS: &[&str] = &[
    "incident",
    "analysis",
    "--incident",
    "PINC001",
    "--we-started",
];

/// `dw announce --post` reads before it posts: the team channel's ID
/// (`conversations.list`) and its history (this week's post, none here).
/// Answers those and says so, so that a test's own answer meets the post.
pub fn announce_reads(req: &str, stream: &mut TcpStream) -> bool {
    let path = req.split_whitespace().nth(1).unwrap_or("");
    let body = if path.starts_with("/conversations.list") {
        serde_json::json!({"ok": true, "channels": [{"id": "C0RELAY01", "name": "relay-team"}],
            "response_metadata": {"next_cursor": ""}})
    } else if path.starts_with("/conversations.history") {
        serde_json::json!({"ok": true, "messages": [], "has_more": false,
            "response_metadata": {"next_cursor": ""}})
    } else {
        return false;
    };
    json_ok(stream, body);
    true
}
