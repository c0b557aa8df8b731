//! Building the clients of the commands that talk to PagerDuty or Slack
//! (the HTTP client with its settings, base URLs from the resolved
//! invocation) and showing the requests of a dry run.

use std::time::Duration;

use reqwest::Url;

use crate::error::{Error, Result};
use crate::http::{self, redact, Event, Http, Request, Secret, Settings};
use crate::invocation::access;
use crate::invocation::credentials::decode;
use crate::invocation::env::{self, Env};
use crate::invocation::Invocation;
use crate::pagerduty::{self, PagerDuty};
use crate::slack::{self, Slack};

fn base(env: &Env, variable: &str, default: &str) -> Result<Url> {
    let raw = env.get(variable).unwrap_or_else(|| default.to_string());
    if let Ok(url) = Url::parse(raw.trim()) {
        if let Some(password) = url.password() {
            let decoded = decode(password).unwrap_or_else(|| password.to_string());
            let length = decoded.chars().count();
            if length < redact::MIN_SECRET_CHARS {
                return Err(Error::usage(
                    format!(
                        "{variable} holds a password of {length} character{}: too short for dw to keep it out of what it prints",
                        if length == 1 { "" } else { "s" }
                    ),
                    format!("use a password of at least {} characters in {variable}, or none", redact::MIN_SECRET_CHARS),
                ));
            }
        }
    }
    http::base_url(&raw, variable).map_err(|e| Error::usage(e, format!("fix or unset {variable}")))
}

/// A number from the environment, within `range`; unset is `None`, anything
/// else is exit 2 naming the variable.
fn number<T>(
    env: &Env,
    variable: &str,
    range: std::ops::RangeInclusive<T>,
    unit: &str,
) -> Result<Option<T>>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display,
{
    let Some(raw) = env.get(variable) else {
        return Ok(None);
    };
    match raw.parse::<T>() {
        Ok(n) if range.contains(&n) => Ok(Some(n)),
        _ => Err(Error::usage(
            format!(
                "{variable}={raw} is not a number from {} to {} {unit}",
                range.start(),
                range.end()
            ),
            format!("fix or unset {variable}"),
        )),
    }
}

/// The HTTP settings from the environment (`DW_HTTP_*`, `DW_DEADLINE`).
pub fn settings(env: &Env) -> Result<Settings> {
    let defaults = Settings::default();
    Ok(Settings {
        timeout: number(env, env::DW_HTTP_TIMEOUT, 0.001..=600.0, "seconds")?
            .map_or(defaults.timeout, Duration::from_secs_f64),
        retries: number(env, env::DW_HTTP_RETRIES, 0..=10, "retries")?.unwrap_or(defaults.retries),
        backoff: number(env, env::DW_HTTP_BACKOFF_MS, 0..=60_000, "milliseconds")?
            .map_or(defaults.backoff, Duration::from_millis),
        max_wait: defaults.max_wait,
        deadline: number(env, env::DW_DEADLINE, 0.001..=86_400.0, "seconds")?
            .map_or(defaults.deadline, Duration::from_secs_f64),
        max_body: defaults.max_body,
        slow: number(env, env::DW_HTTP_SLOW, 0.001..=86_400.0, "seconds")?
            .map_or(defaults.slow, Duration::from_secs_f64),
    })
}

/// The HTTP client; with `-v` every request and answer is shown on stderr, redacted.
pub fn http(inv: &Invocation) -> Result<Http> {
    let settings = settings(&inv.env)?;
    let verbose = inv.global.verbose;
    let quiet = inv.global.quiet;
    let observer: Box<http::Observer> = Box::new(move |event: &Event<'_>| match event {
        // The body is shown once; a retry names only its number.
        Event::Sending {
            request,
            attempt: 1,
            ..
        } if verbose => eprintln!("> {}", request.to_string().trim_end()),
        Event::Sending {
            request,
            attempt,
            of,
        } if verbose => eprintln!(
            "> retry {attempt} of {of}: {} {}",
            request.method,
            request.shown_url()
        ),
        Event::Answered { status, bytes } if verbose => {
            eprintln!(
                "< HTTP {status} ({})",
                crate::render::plural(*bytes, "byte")
            )
        }
        Event::Waiting { notice } if !quiet || verbose => {
            eprintln!("dw: {}", redact::clean(notice))
        }
        // A cut-short list is never silent, even with --quiet.
        Event::Notice { text } => eprintln!("dw: warning: {}", redact::clean(text)),
        _ => {}
    });
    Http::new(settings, Some(observer)).map_err(|e| Error::service(e.to_string()).with_source(e))
}

/// A PagerDuty client with `token` and the base URL from `DW_PAGERDUTY_URL`.
pub fn pagerduty<'h>(
    inv: &Invocation,
    http: &'h Http,
    token: Secret,
    from: Option<String>,
) -> Result<PagerDuty<'h>> {
    Ok(PagerDuty::new(
        http,
        base(&inv.env, env::DW_PAGERDUTY_URL, pagerduty::DEFAULT_URL)?,
        token,
        from,
    ))
}

/// A Slack client with `token` and the base URL from `DW_SLACK_URL`.
pub fn slack<'h>(inv: &Invocation, http: &'h Http, token: Secret) -> Result<Slack<'h>> {
    Ok(Slack::new(
        http,
        base(&inv.env, env::DW_SLACK_URL, slack::DEFAULT_URL)?,
        token,
    ))
}

/// Run two independent fallible calls at once (`a` on a scoped thread); a panicked thread is an error.
pub fn both<A, B, EA, EB>(
    a: impl FnOnce() -> std::result::Result<A, EA> + Send,
    b: impl FnOnce() -> std::result::Result<B, EB>,
) -> (Result<A>, Result<B>)
where
    A: Send,
    EA: Into<Error> + Send,
    EB: Into<Error>,
{
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(a);
        let b = b();
        (a.join(), b)
    });
    let a = match a {
        Ok(r) => r.map_err(Into::into),
        Err(_) => Err(Error::service(crate::sync::observe::THREAD_FAILED)),
    };
    (a, b.map_err(Into::into))
}

/// The one place a PagerDuty client error becomes the command's error; the
/// message is the client's, e.g. `PagerDuty GET /incidents: … answered HTTP 500`.
impl From<pagerduty::ApiError> for Error {
    fn from(e: pagerduty::ApiError) -> Self {
        match e.status() {
            Some(status @ (401 | 403)) => pagerduty_refused(status, &e.to_string()).with_source(e),
            _ => Error::service(e.to_string()).with_source(e),
        }
    }
}

/// PagerDuty answered 401 or 403 (`status`) to `what`: the token is wrong
/// or may not do this. Exit 3 (a bad secret), not 1 (an outage).
pub fn pagerduty_refused(status: u16, what: &str) -> Error {
    let (message, hint) = if status == 401 {
        (
            format!("PagerDuty does not accept PAGERDUTY_TOKEN ({what})"),
            format!(
                "set PAGERDUTY_TOKEN to a valid PagerDuty REST API key (this one is wrong, revoked or expired), {}",
                access::PAGERDUTY_WHERE
            ),
        )
    } else {
        (
            format!("PAGERDUTY_TOKEN may not do this ({what})"),
            format!(
                "a read-only key cannot write: sync pagerduty and incident start need a full-access key, and a user's own key has only that user's permissions; {}",
                access::PAGERDUTY_WHERE
            ),
        )
    };
    Error::credentials(message, hint)
}

/// The Slack error codes that mean the token itself is not accepted.
pub const SLACK_REJECTED: [&str; 4] = [
    "invalid_auth",
    "not_authed",
    "token_revoked",
    "account_inactive",
];

/// The one place a Slack client error becomes the command's error, with the
/// hint for the person at the keyboard.
impl From<slack::ApiError> for Error {
    fn from(e: slack::ApiError) -> Self {
        if let Some(code) = e.code().filter(|c| SLACK_REJECTED.contains(c)) {
            return Error::credentials(
                format!("Slack does not accept SLACK_TOKEN ({code}: {e})"),
                format!(
                    "set SLACK_TOKEN to a valid bot token (xoxb-…): {}",
                    access::SLACK_WHERE
                ),
            )
            .with_source(e);
        }
        let hint = e.hint();
        let error = Error::service(e.to_string());
        let error = match hint {
            Some(h) => error.with_hint(h),
            None => error,
        };
        error.with_source(e)
    }
}

/// What `--dry-run` prints for one request.
pub fn dry_run(req: &Request) -> String {
    format!("# dry run: not sent\n{req}\n")
}

/// A request as `--dry-run --json` shows it (headers left out: they hold the token).
#[derive(serde::Serialize)]
pub struct Shown<'a> {
    method: &'a str,
    url: String,
    body: Option<&'a serde_json::Value>,
}

/// The requests for `--json` output.
pub fn shown(requests: &[Request]) -> Vec<Shown<'_>> {
    requests
        .iter()
        .map(|r| Shown {
            method: r.method.as_str(),
            url: r.shown_url(),
            body: r.body.as_ref(),
        })
        .collect()
}

/// What `--dry-run` prints for several requests: text, or one JSON document
/// `{"dry_run": true, "requests": [...]}` with `--json`.
pub fn dry_run_all(json: bool, pretty: bool, requests: &[Request]) -> String {
    if json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            dry_run: bool,
            requests: Vec<Shown<'a>>,
        }
        let out = Out {
            dry_run: true,
            requests: shown(requests),
        };
        return crate::render::json(&out, pretty);
    }
    requests.iter().map(dry_run).collect()
}

/// The same error with every secret removed from its message and hint.
pub fn redacted(e: Error) -> Error {
    e.map_text(redact::clean)
}
