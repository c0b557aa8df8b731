//! Credentials, base URLs and the HTTP client for commands that talk to
//! PagerDuty or Slack. The environment is read here, not in the clients.

use std::time::Duration;

use reqwest::Url;

use crate::error::{Error, Result};
use crate::http::{self, redact, Event, Http, Request, Settings};
use crate::pagerduty::{self, PagerDuty};
use crate::slack::{self, Slack};

use crate::cli::Global;

use super::Context;

/// An environment variable's value, trimmed; `None` when unset or blank.
pub fn env(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn missing(variable: &str, what: &str, extra: &str) -> Error {
    Error::credentials(
        format!("{variable} is not set: {what}"),
        format!("export {variable}=… (dw never reads tokens from the roster){extra}"),
    )
}

/// A token from `variable`, trimmed (a token read from a file often ends in a
/// newline). A token with a space or a control character inside is refused
/// here, naming the variable, before any request is built (also in a dry run):
/// it cannot be sent as a header, and is most likely two values pasted together.
fn token_var(variable: &str) -> Result<Option<String>> {
    let Some(token) = env(variable) else {
        return Ok(None);
    };
    if let Some((at, c)) = token
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_control() || c.is_whitespace())
    {
        let what = if c.is_control() {
            format!("a control character (U+{:04X})", c as u32)
        } else {
            "a space".to_string()
        };
        return Err(Error::credentials(
            format!(
                "{variable} contains {what} at character {} of {}; a token has none",
                at + 1,
                token.chars().count()
            ),
            format!("set {variable} to the token alone, on one line (e.g. export {variable}=\"$(cat token-file)\")"),
        ));
    }
    let length = token.chars().count();
    if length < redact::MIN_SECRET_CHARS {
        return Err(Error::credentials(
            format!(
                "{variable} is {length} character{} long; no real token is that short",
                if length == 1 { "" } else { "s" }
            ),
            format!(
                "set {variable} to the whole token (e.g. export {variable}=\"$(cat token-file)\")"
            ),
        ));
    }
    redact::register(&token);
    Ok(Some(token))
}

/// `PAGERDUTY_TOKEN`, or exit 3 naming it.
pub fn pagerduty_token(why: &str) -> Result<String> {
    token_var("PAGERDUTY_TOKEN")?.ok_or_else(|| missing("PAGERDUTY_TOKEN", why, ""))
}

/// `PAGERDUTY_TOKEN` if set (exit 3 if it is malformed).
pub fn pagerduty_token_opt() -> Result<Option<String>> {
    token_var("PAGERDUTY_TOKEN")
}

/// `SLACK_TOKEN` if set (exit 3 if it is malformed).
pub fn slack_token_opt() -> Result<Option<String>> {
    token_var("SLACK_TOKEN")
}

/// `SLACK_TOKEN`, or exit 3 naming it.
pub fn slack_token(why: &str, extra: &str) -> Result<String> {
    token_var("SLACK_TOKEN")?.ok_or_else(|| missing("SLACK_TOKEN", why, extra))
}

/// `SLACK_TOKEN`; in a dry run a missing one is fine (requests show `Bearer ***`).
pub fn slack_token_for(dry_run: bool, why: &str, extra: &str) -> Result<String> {
    match slack_token_opt()? {
        Some(t) => Ok(t),
        None if dry_run => Ok(String::new()),
        None => slack_token(why, extra),
    }
}

/// A Slack channel named in `[slack]`, or exit 2 saying which key to add.
pub fn channel(value: Option<&String>, key: &str, example: &str, extra: &str) -> Result<String> {
    value.cloned().ok_or_else(|| {
        Error::usage(
            format!("the roster has no [slack] {key}"),
            format!("add {key} = \"{example}\" under [slack]{extra}"),
        )
    })
}

/// The team channel (`[slack] channel`) where handoffs and announcements go.
pub fn team_channel(ctx: &Context) -> Result<String> {
    channel(
        ctx.roster.slack.channel.as_ref(),
        "channel",
        "#org-dreamwork",
        "",
    )
}

fn base(variable: &str, default: &str) -> Result<Url> {
    let raw = env(variable).unwrap_or_else(|| default.to_string());
    if let Ok(url) = Url::parse(raw.trim()) {
        if let Some(password) = url.password() {
            let decoded = urlencoding_decode(password).unwrap_or_else(|_| password.to_string());
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
            redact::register(password);
            redact::register(&decoded);
        }
    }
    http::base_url(&raw, variable).map_err(|e| Error::usage(e, format!("fix or unset {variable}")))
}

/// A number from the environment, within `range`; unset is `None`, anything
/// else is exit 2 naming the variable.
fn number<T>(variable: &str, range: std::ops::RangeInclusive<T>, unit: &str) -> Result<Option<T>>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display,
{
    let Some(raw) = env(variable) else {
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

/// The HTTP client; with `-v` every request and answer is shown on stderr, redacted.
pub fn http(ctx: &Context) -> Result<Http> {
    http_client(&ctx.global)
}

/// The HTTP client for a command that runs without a roster.
pub fn http_client(global: &Global) -> Result<Http> {
    let defaults = Settings::default();
    let settings = Settings {
        timeout: number("DW_HTTP_TIMEOUT", 0.001..=600.0, "seconds")?
            .map_or(defaults.timeout, Duration::from_secs_f64),
        retries: number("DW_HTTP_RETRIES", 0..=10, "retries")?.unwrap_or(defaults.retries),
        backoff: number("DW_HTTP_BACKOFF_MS", 0..=60_000, "milliseconds")?
            .map_or(defaults.backoff, Duration::from_millis),
        max_wait: defaults.max_wait,
        deadline: number("DW_DEADLINE", 0.001..=86_400.0, "seconds")?
            .map_or(defaults.deadline, Duration::from_secs_f64),
        max_body: defaults.max_body,
        slow: number("DW_HTTP_SLOW", 0.001..=86_400.0, "seconds")?
            .map_or(defaults.slow, Duration::from_secs_f64),
    };
    let verbose = global.verbose;
    let quiet = global.quiet;
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
            eprintln!("< HTTP {status} ({bytes} bytes)")
        }
        Event::Waiting { notice } if !quiet || verbose => {
            eprintln!("dw: {}", redact::clean(notice))
        }
        // A cut-short list is never silent, even with --quiet.
        Event::Notice { text } => eprintln!("dw: warning: {}", redact::clean(text)),
        _ => {}
    });
    Http::new(settings, Some(observer)).map_err(|e| Error::service(e.to_string()))
}

/// A PagerDuty client with `token` and the base URL from the environment.
pub fn pagerduty<'h>(http: &'h Http, token: String, from: Option<String>) -> Result<PagerDuty<'h>> {
    Ok(PagerDuty::new(
        http,
        base("DW_PAGERDUTY_URL", pagerduty::DEFAULT_URL)?,
        token,
        from,
    ))
}

/// A Slack client with `token` and the base URL from the environment.
pub fn slack(http: &Http, token: String) -> Result<Slack<'_>> {
    Ok(Slack::new(
        http,
        base("DW_SLACK_URL", slack::DEFAULT_URL)?,
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
        Err(_) => Err(Error::service(super::pagerduty_state::THREAD_FAILED)),
    };
    (a, b.map_err(Into::into))
}

/// The one place a PagerDuty client error becomes the command's error; the
/// message is the client's, e.g. `PagerDuty GET /incidents: … answered HTTP 500`.
impl From<pagerduty::ApiError> for Error {
    fn from(e: pagerduty::ApiError) -> Self {
        Error::service(e.to_string())
    }
}

/// The one place a Slack client error becomes the command's error, with the
/// hint for the person at the keyboard.
impl From<slack::ApiError> for Error {
    fn from(e: slack::ApiError) -> Self {
        let hint = e.hint();
        let error = Error::service(e.to_string());
        match hint {
            Some(h) => error.with_hint(h),
            None => error,
        }
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
pub fn dry_run_all(json: bool, requests: &[Request]) -> String {
    if json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            dry_run: bool,
            requests: Vec<Shown<'a>>,
        }
        return super::json(&Out {
            dry_run: true,
            requests: shown(requests),
        });
    }
    requests.iter().map(dry_run).collect()
}

/// A percent-decoded URL component.
fn urlencoding_decode(s: &str) -> std::result::Result<String, std::str::Utf8Error> {
    let bytes: Vec<u8> = url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned().into_bytes())
        .unwrap_or_default();
    String::from_utf8(bytes).map_err(|e| e.utf8_error())
}

/// The same error with every secret removed from its message and hint.
pub fn redacted(e: Error) -> Error {
    match e {
        Error::Usage { message, hint } => Error::Usage {
            message: redact::clean(&message),
            hint: hint.map(|h| redact::clean(&h)),
        },
        Error::Credentials { message, hint } => Error::Credentials {
            message: redact::clean(&message),
            hint: hint.map(|h| redact::clean(&h)),
        },
        Error::Service { message, hint } => Error::Service {
            message: redact::clean(&message),
            hint: hint.map(|h| redact::clean(&h)),
        },
        Error::Drift { message, hint } => Error::Drift {
            message: redact::clean(&message),
            hint: hint.map(|h| redact::clean(&h)),
        },
        other => other,
    }
}
