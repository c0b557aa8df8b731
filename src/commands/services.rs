//! Credentials, base URLs and the HTTP client for commands that talk to
//! PagerDuty or Slack. The environment is read here, not in the clients.

use std::time::Duration;

use reqwest::Url;

use crate::error::{Error, Result};
use crate::http::{self, Http, Request, Settings};
use crate::pagerduty::{self, PagerDuty};
use crate::slack::{self, Slack};

use crate::cli::Global;

use super::Context;

fn env(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn missing(variable: &str, what: &str, extra: &str) -> Error {
    Error::Credentials {
        message: format!("{variable} is not set: {what}"),
        hint: format!("export {variable}=… (dw never reads tokens from the roster){extra}"),
    }
}

/// `PAGERDUTY_TOKEN`, or exit 3 naming it.
pub fn pagerduty_token(why: &str) -> Result<String> {
    env("PAGERDUTY_TOKEN").ok_or_else(|| missing("PAGERDUTY_TOKEN", why, ""))
}

/// `PAGERDUTY_TOKEN` if set.
pub fn pagerduty_token_opt() -> Option<String> {
    env("PAGERDUTY_TOKEN")
}

/// `SLACK_TOKEN` if set, trimmed like `PAGERDUTY_TOKEN` (a token read from a
/// file often ends in a newline, which is not valid in a header).
pub fn slack_token_opt() -> Option<String> {
    env("SLACK_TOKEN")
}

/// `SLACK_TOKEN`, or exit 3 naming it.
pub fn slack_token(why: &str, extra: &str) -> Result<String> {
    env("SLACK_TOKEN").ok_or_else(|| missing("SLACK_TOKEN", why, extra))
}

/// `SLACK_TOKEN`; in a dry run a missing one is fine (requests show `Bearer ***`).
pub fn slack_token_for(dry_run: bool, why: &str, extra: &str) -> Result<String> {
    match slack_token_opt() {
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

/// The requester email for PagerDuty's `From` header: `DW_PAGERDUTY_FROM`,
/// else the email of `--as ID` / `$DW_ME` in the roster.
pub fn pagerduty_from(ctx: &Context, as_member: Option<&str>) -> Result<String> {
    if let Some(from) = env("DW_PAGERDUTY_FROM") {
        return Ok(from);
    }
    match as_member {
        Some(id) => Ok(ctx.roster.members[ctx.member(id, "--as")?].email.clone()),
        None => Err(Error::Credentials {
            message: "PagerDuty needs to know who is asking (the From header)".into(),
            hint: "set DW_PAGERDUTY_FROM=you@example.com, or DW_ME / --as to your member id in the roster".into(),
        }),
    }
}

fn base(variable: &str, default: &str) -> Result<Url> {
    let raw = env(variable).unwrap_or_else(|| default.to_string());
    http::base_url(&raw, variable).map_err(|e| Error::usage(e, format!("fix or unset {variable}")))
}

fn number<T: std::str::FromStr>(variable: &str) -> Option<T> {
    env(variable).and_then(|v| v.parse().ok())
}

/// The HTTP client; with `-v` every request and answer is shown on stderr, redacted.
pub fn http(ctx: &Context) -> Result<Http> {
    http_client(&ctx.global)
}

/// The HTTP client for a command that runs without a roster.
pub fn http_client(global: &Global) -> Result<Http> {
    let defaults = Settings::default();
    let settings = Settings {
        timeout: number::<f64>("DW_HTTP_TIMEOUT")
            .filter(|s| s.is_finite() && *s > 0.0)
            .map_or(defaults.timeout, Duration::from_secs_f64),
        retries: number("DW_HTTP_RETRIES")
            .unwrap_or(defaults.retries)
            .min(10),
        backoff: number::<u64>("DW_HTTP_BACKOFF_MS")
            .map_or(defaults.backoff, Duration::from_millis),
        max_wait: defaults.max_wait,
    };
    let observer: Option<Box<http::Observer>> = if global.verbose {
        Some(Box::new(|line: &str| eprintln!("{}", line.trim_end())))
    } else {
        None
    };
    Http::new(settings, observer).map_err(|e| Error::Service(e.to_string()))
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

/// What `--dry-run` prints for one request.
pub fn dry_run(req: &Request) -> String {
    format!("# dry run: not sent\n{req}\n")
}
