//! The tokens dw was given, read once from the environment and handed out
//! as [`Secret`]s: checked where a command takes them (a malformed token
//! is refused naming its variable, before any request is built, also in a
//! dry run), never printable.

use crate::error::{Error, Result};
use crate::http::{redact, Secret};

use super::access::{self, Access};
use super::env::{self, Env};

/// `PAGERDUTY_TOKEN` and `SLACK_TOKEN` as set (trimmed), not yet checked.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    pagerduty: Option<Secret>,
    slack: Option<Secret>,
}

impl Credentials {
    /// The tokens in `env`.
    pub fn from_env(env: &Env) -> Self {
        Credentials {
            pagerduty: env.get(env::PAGERDUTY_TOKEN).map(Secret::new),
            slack: env.get(env::SLACK_TOKEN).map(Secret::new),
        }
    }

    /// `PAGERDUTY_TOKEN` if set (exit 3 if it is malformed).
    pub fn pagerduty_opt(&self) -> Result<Option<Secret>> {
        checked(env::PAGERDUTY_TOKEN, self.pagerduty.as_ref())
    }

    /// `SLACK_TOKEN` if set (exit 3 if it is malformed).
    pub fn slack_opt(&self) -> Result<Option<Secret>> {
        checked(env::SLACK_TOKEN, self.slack.as_ref())
    }

    /// `PAGERDUTY_TOKEN` for the command `row` of the access table, or exit
    /// 3 saying what the command does with it, what kind of key and where to get one.
    pub fn pagerduty(&self, row: &Access) -> Result<Secret> {
        self.pagerduty_opt()?.ok_or_else(|| {
            let does = row.pagerduty.map_or("reads PagerDuty", |(_, does)| does);
            Error::credentials(
                format!(
                    "{} is not set: dw {} {does}",
                    env::PAGERDUTY_TOKEN,
                    row.command
                ),
                access::pagerduty_how(row),
            )
        })
    }

    /// `SLACK_TOKEN` for the command flags `rows`, or exit 3 saying which
    /// methods they call, what kind of token, where to get it and its scopes.
    pub fn slack(&self, rows: &[&Access]) -> Result<Secret> {
        self.slack_opt()?.ok_or_else(|| {
            let commands: Vec<&str> = rows.iter().map(|r| r.command).collect();
            let mut methods: Vec<&str> = Vec::new();
            for m in rows.iter().flat_map(|r| r.slack_methods.iter().copied()) {
                if !methods.contains(&m) {
                    methods.push(m);
                }
            }
            Error::credentials(
                format!(
                    "{} is not set: dw {} calls Slack ({})",
                    env::SLACK_TOKEN,
                    commands.join(", "),
                    methods.join(", ")
                ),
                access::slack_how(rows),
            )
        })
    }

    /// `SLACK_TOKEN`; in a dry run a missing one is fine (requests show `Bearer ***`).
    pub fn slack_for(&self, dry_run: bool, rows: &[&Access]) -> Result<Secret> {
        match self.slack_opt()? {
            Some(t) => Ok(t),
            None if dry_run => Ok(Secret::default()),
            None => self.slack(rows),
        }
    }

    /// Every secret to keep out of what dw prints: the well-formed tokens
    /// and the passwords of the base URLs in `env` (malformed ones are
    /// refused before anything is sent, so nothing can echo them).
    pub fn secrets(&self, env: &Env) -> Vec<String> {
        let mut out: Vec<String> = [&self.pagerduty, &self.slack]
            .into_iter()
            .flatten()
            .filter(|t| problem(t.expose()).is_none())
            .map(|t| t.expose().to_string())
            .collect();
        for name in [env::DW_PAGERDUTY_URL, env::DW_SLACK_URL] {
            if let Some(password) = env.get(name).as_deref().and_then(url_password) {
                out.extend(
                    password
                        .into_iter()
                        .filter(|p| p.chars().count() >= redact::MIN_SECRET_CHARS),
                );
            }
        }
        out
    }
}

/// The password of `url` as written and percent-decoded, if it has one.
pub fn url_password(url: &str) -> Option<Vec<String>> {
    let url = reqwest::Url::parse(url.trim()).ok()?;
    let password = url.password()?;
    let decoded = decode(password).unwrap_or_else(|| password.to_string());
    Some(vec![password.to_string(), decoded])
}

/// A percent-decoded URL component.
pub fn decode(s: &str) -> Option<String> {
    let bytes: Vec<u8> = url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned().into_bytes())
        .unwrap_or_default();
    String::from_utf8(bytes).ok()
}

/// What is wrong with `token` as a token, if anything: a space or a control
/// character inside (it cannot be sent as a header, and is most likely two
/// values pasted together), or too short to be real.
fn problem(token: &str) -> Option<(String, String)> {
    let length = token.chars().count();
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
        return Some((
            format!("contains {what} at character {} of {length}; a token has none", at + 1),
            "set {variable} to the token alone, on one line (e.g. export {variable}=\"$(cat token-file)\")".into(),
        ));
    }
    if length < redact::MIN_SECRET_CHARS {
        return Some((
            format!(
                "is {length} character{} long; no real token is that short",
                if length == 1 { "" } else { "s" }
            ),
            "set {variable} to the whole token (e.g. export {variable}=\"$(cat token-file)\")"
                .into(),
        ));
    }
    None
}

/// `token` (from `variable`) if it is well formed, or exit 3 naming the variable.
fn checked(variable: &str, token: Option<&Secret>) -> Result<Option<Secret>> {
    let Some(token) = token else {
        return Ok(None);
    };
    match problem(token.expose()) {
        None => Ok(Some(token.clone())),
        Some((what, hint)) => Err(Error::credentials(
            format!("{variable} {what}"),
            hint.replace("{variable}", variable),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_tokens_are_refused_naming_the_variable() {
        let env = Env::from_pairs(&[
            (env::SLACK_TOKEN, "xoxb-1 xoxb-2"),
            (env::PAGERDUTY_TOKEN, "ab"),
        ]);
        let c = Credentials::from_env(&env);
        let e = c.slack_opt().unwrap_err();
        assert_eq!(
            e.to_string(),
            "SLACK_TOKEN contains a space at character 7 of 13; a token has none"
        );
        assert_eq!(e.exit_code(), 3);
        let e = c.pagerduty(&access::SYNC_PAGERDUTY).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("PAGERDUTY_TOKEN is 2 characters long"),
            "{e}"
        );
        assert!(c.secrets(&env).is_empty());
    }

    #[test]
    fn secrets_are_the_good_tokens_and_url_passwords() {
        let env = Env::from_pairs(&[
            (env::SLACK_TOKEN, "xoxb-good"),
            (env::DW_PAGERDUTY_URL, "http://u:p%40ss1@127.0.0.1:9/"),
        ]);
        let c = Credentials::from_env(&env);
        assert_eq!(c.secrets(&env), ["xoxb-good", "p%40ss1", "p@ss1"]);
        assert!(c.pagerduty_opt().unwrap().is_none());
        let e = c.pagerduty(&access::SYNC_PAGERDUTY).unwrap_err();
        assert_eq!(
            e.to_string(),
            "PAGERDUTY_TOKEN is not set: dw sync pagerduty reads the schedules and creates and deletes schedule overrides"
        );
        assert!(e.hint().unwrap().contains("full-access (write) key"));
    }
}
