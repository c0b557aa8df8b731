//! Every environment variable dw reads, declared once: its name, what it is
//! for, its default. The table generates the "Environment:" section of the
//! top-level `--help` and the man page's ENVIRONMENT; [`Env::from_process`]
//! reads exactly these names, once, before any command runs.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Var {
    /// The variables this row is about (`VISUAL/EDITOR` is one row, two variables).
    pub names: &'static [&'static str],
    /// What it is for, as the help says it.
    pub what: &'static str,
    /// The default shown as `[default: …]`, if any.
    pub default: Option<&'static str>,
    /// Shown in the help and the man page (a variable the standard library
    /// reads for dw, like `TMPDIR`, is declared but not advertised).
    pub shown: bool,
}

const fn var(names: &'static [&'static str], what: &'static str) -> Var {
    Var {
        names,
        what,
        default: None,
        shown: true,
    }
}

const fn with_default(
    names: &'static [&'static str],
    what: &'static str,
    default: &'static str,
) -> Var {
    Var {
        names,
        what,
        default: Some(default),
        shown: true,
    }
}

pub const PAGERDUTY_TOKEN: &str = "PAGERDUTY_TOKEN";
pub const SLACK_TOKEN: &str = "SLACK_TOKEN";
pub const DW_ROSTER: &str = "DW_ROSTER";
pub const DW_ME: &str = "DW_ME";
pub const DW_PAGERDUTY_FROM: &str = "DW_PAGERDUTY_FROM";
pub const DW_PAGERDUTY_SERVICE: &str = "DW_PAGERDUTY_SERVICE";
pub const DW_INCIDENT_CHANNEL: &str = "DW_INCIDENT_CHANNEL";
pub const DW_PAGERDUTY_URL: &str = "DW_PAGERDUTY_URL";
pub const DW_SLACK_URL: &str = "DW_SLACK_URL";
pub const DW_HTTP_TIMEOUT: &str = "DW_HTTP_TIMEOUT";
pub const DW_HTTP_RETRIES: &str = "DW_HTTP_RETRIES";
pub const DW_HTTP_BACKOFF_MS: &str = "DW_HTTP_BACKOFF_MS";
pub const DW_HTTP_SLOW: &str = "DW_HTTP_SLOW";
pub const DW_DEADLINE: &str = "DW_DEADLINE";
pub const DW_STATE_DIR: &str = "DW_STATE_DIR";
pub const XDG_STATE_HOME: &str = "XDG_STATE_HOME";
pub const XDG_CONFIG_HOME: &str = "XDG_CONFIG_HOME";
pub const HOME: &str = "HOME";
pub const VISUAL: &str = "VISUAL";
pub const EDITOR: &str = "EDITOR";
pub const NO_COLOR: &str = "NO_COLOR";
pub const TMPDIR: &str = "TMPDIR";
pub const COMPLETE: &str = "DW_COMPLETE";

/// The variables, in the order the help lists them.
pub const VARS: &[Var] = &[
    var(
        &[PAGERDUTY_TOKEN],
        "PagerDuty API token (sync, check --pagerduty, handoff, incident)",
    ),
    var(
        &[SLACK_TOKEN],
        "Slack bot token (announce, remind --post, handoff --post, incident start)",
    ),
    var(&[DW_ROSTER], "The roster file, as --roster"),
    var(
        &[DW_ME],
        "Your member id: the default of `dw next` and of `incident start --as`",
    ),
    with_default(
        &[DW_PAGERDUTY_FROM],
        "The email PagerDuty records as the requester",
        "the email of DW_ME",
    ),
    with_default(
        &[DW_PAGERDUTY_SERVICE],
        "`incident start`'s service without --service",
        "the roster's",
    ),
    with_default(
        &[DW_INCIDENT_CHANNEL],
        "`incident start`'s channel",
        "the roster's incident_channel, else its team channel",
    ),
    with_default(
        &[DW_PAGERDUTY_URL],
        "PagerDuty API base URL",
        "https://api.pagerduty.com",
    ),
    with_default(
        &[DW_SLACK_URL],
        "Slack API base URL",
        "https://slack.com/api",
    ),
    with_default(
        &[DW_HTTP_TIMEOUT],
        "Seconds to wait for each HTTP request",
        "15",
    ),
    with_default(
        &[DW_HTTP_RETRIES],
        "Retries of a failed or rate-limited request",
        "3",
    ),
    with_default(
        &[DW_HTTP_BACKOFF_MS],
        "First wait between retries, in milliseconds, doubling",
        "500",
    ),
    with_default(
        &[DW_HTTP_SLOW],
        "Seconds without an answer before dw says it is still waiting",
        "3",
    ),
    with_default(
        &[DW_DEADLINE],
        "Most seconds a command spends on PagerDuty and Slack, waits included",
        "120",
    ),
    with_default(
        &[DW_STATE_DIR],
        "Where `sync pagerduty` records its overrides",
        "$XDG_STATE_HOME/dw",
    ),
    with_default(
        &[XDG_STATE_HOME],
        "The state folder when DW_STATE_DIR is unset",
        "~/.local/state",
    ),
    with_default(
        &[XDG_CONFIG_HOME],
        "Where to look for dw/roster.toml",
        "~/.config",
    ),
    var(&[HOME], "The home folder, for the two defaults above"),
    var(
        &[VISUAL, EDITOR],
        "The editor `handoff --post` opens for customer issues without --issue",
    ),
    var(
        &[NO_COLOR],
        "Set and not empty: no colour unless --color always",
    ),
    Var {
        names: &[TMPDIR],
        what: "Where `handoff --post` writes the file it opens in the editor",
        default: Some("/tmp"),
        shown: false,
    },
    // The scripts of `dw completions` set these to ask dw for the
    // completions of a command line; clap_complete reads the `_CLAP_` ones.
    Var {
        names: &[
            COMPLETE,
            "_CLAP_COMPLETE_INDEX",
            "_CLAP_COMPLETE_COMP_TYPE",
            "_CLAP_COMPLETE_SPACE",
            "_CLAP_IFS",
        ],
        what: "The shell asking for completions (set by the completion scripts)",
        default: None,
        shown: false,
    },
];

impl Var {
    /// The name column: `VISUAL/EDITOR` for a row of two.
    pub fn shown_name(&self) -> String {
        self.names.join("/")
    }

    /// The text column, with `[default: …]` when there is one.
    pub fn text(&self) -> String {
        match self.default {
            Some(d) => format!("{} [default: {d}]", self.what),
            None => self.what.to_string(),
        }
    }
}

/// The "Environment:" section of the top-level help.
pub fn help() -> String {
    let shown: Vec<&Var> = VARS.iter().filter(|v| v.shown).collect();
    let width = shown
        .iter()
        .map(|v| v.shown_name().len())
        .max()
        .unwrap_or(0);
    let mut out = String::from("Environment:");
    for v in shown {
        out.push_str(&format!("\n  {:<width$}  {}", v.shown_name(), v.text()));
    }
    out
}

/// Whether `name` is declared in [`VARS`].
fn declared(name: &str) -> bool {
    VARS.iter().any(|v| v.names.contains(&name))
}

/// The declared variables as they were when dw started: the one read of
/// the process environment.
#[derive(Debug, Clone, Default)]
pub struct Env {
    values: BTreeMap<&'static str, OsString>,
}

impl Env {
    /// Read every declared variable from the process environment.
    pub fn from_process() -> Self {
        let mut values = BTreeMap::new();
        for name in VARS.iter().flat_map(|v| v.names.iter().copied()) {
            if let Some(value) = std::env::var_os(name) {
                values.insert(name, value);
            }
        }
        Env { values }
    }

    /// An environment holding only `pairs` (tests); undeclared names are dropped.
    pub fn from_pairs(pairs: &[(&'static str, &str)]) -> Self {
        Env {
            values: pairs
                .iter()
                .filter(|(n, _)| declared(n))
                .map(|(n, v)| (*n, OsString::from(v)))
                .collect(),
        }
    }

    /// The raw value of `name`, set and not empty.
    pub fn os(&self, name: &str) -> Option<&OsStr> {
        debug_assert!(
            declared(name),
            "{name} is not declared in invocation::env::VARS"
        );
        self.values
            .get(name)
            .map(OsString::as_os_str)
            .filter(|v| !v.is_empty())
    }

    /// The value of `name`, trimmed; `None` when unset, blank or not UTF-8.
    pub fn get(&self, name: &str) -> Option<String> {
        self.os(name)
            .and_then(OsStr::to_str)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_lists_every_shown_variable_with_its_default() {
        let help = help();
        assert!(help.starts_with("Environment:\n  PAGERDUTY_TOKEN       PagerDuty API token"));
        assert!(help.contains(
            "\n  DW_HTTP_TIMEOUT       Seconds to wait for each HTTP request [default: 15]"
        ));
        assert!(help.contains("\n  VISUAL/EDITOR         The editor"));
        assert!(!help.contains("TMPDIR"));
        assert_eq!(
            help.lines().count(),
            1 + VARS.iter().filter(|v| v.shown).count()
        );
    }

    #[test]
    fn only_declared_names_are_kept_and_blank_is_unset() {
        let env = Env::from_pairs(&[(SLACK_TOKEN, "  xoxb-1 \n"), (HOME, ""), ("PATH", "/bin")]);
        assert_eq!(env.get(SLACK_TOKEN).as_deref(), Some("xoxb-1"));
        assert_eq!(env.get(HOME), None);
        assert_eq!(env.values.len(), 2);
    }
}
