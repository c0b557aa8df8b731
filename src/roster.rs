//! The roster file (SPEC §3): discovery, parsing and validation.
//!
//! `load` is the only function here that touches the file system; `parse` is
//! pure and reports every problem it finds with a line and column.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::error::{Diagnostic, RosterError};

/// Rosters larger than this are refused before parsing: no team needs it, and
/// it keeps a stray multi-gigabyte file from eating the machine.
pub const MAX_ROSTER_BYTES: u64 = 4 * 1024 * 1024;

/// The default role names for ranks 1, 2, 3.
pub const DEFAULT_ROLES: [&str; 3] = ["primary", "secondary", "tertiary"];

/// A validated roster.
#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    pub team: Team,
    pub slack: SlackSettings,
    pub pagerduty: PagerDutySettings,
    pub members: Vec<Member>,
    pub overrides: Vec<Override>,
}

/// `[team]`: who we are and when weeks begin.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    pub name: String,
    pub timezone: Tz,
    pub handoff_day: Weekday,
    pub handoff_time: NaiveTime,
    pub start: NaiveDate,
    pub roles: Vec<String>,
}

/// `[slack]`: where dw talks to the team.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlackSettings {
    pub channel: Option<String>,
    pub incident_channel: Option<String>,
    pub group: Option<String>,
}

/// `[pagerduty]`: the service, escalation policy and schedules dw works with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PagerDutySettings {
    pub service: Option<String>,
    pub escalation_policy: Option<String>,
    /// Role name → schedule ID.
    pub schedules: BTreeMap<String, String>,
}

/// One `[[members]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub email: String,
    pub slack: Option<String>,
    pub pagerduty: Option<String>,
    pub joined: Option<NaiveDate>,
    /// First date the member is no longer on the rotation.
    pub left: Option<NaiveDate>,
    pub away: Vec<Away>,
}

/// An inclusive range of local dates a member is away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Away {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: Option<String>,
}

/// One `[[overrides]]` entry, resolved to a rank and a member index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// Any date of the week the override applies to.
    pub week: NaiveDate,
    /// 1-based rank.
    pub rank: usize,
    /// Index into `Roster::members`.
    pub member: usize,
    pub reason: String,
}

impl Roster {
    /// The name of a 1-based rank: the roster's role name, else an ordinal (`4th`).
    pub fn role_name(&self, rank: usize) -> String {
        match self.team.roles.get(rank.wrapping_sub(1)) {
            Some(name) => name.clone(),
            None => ordinal(rank),
        }
    }

    /// The rank a role is given by: a role name, an ordinal (`4th`) or a number.
    pub fn rank_of(&self, role: &str) -> Option<usize> {
        let role = role.trim();
        if let Some(i) = self
            .team
            .roles
            .iter()
            .position(|r| r.eq_ignore_ascii_case(role))
        {
            return Some(i + 1);
        }
        if let Ok(n) = role.parse::<usize>() {
            return (n >= 1).then_some(n);
        }
        (1..=self.members.len().max(self.team.roles.len()))
            .find(|&n| ordinal(n).eq_ignore_ascii_case(role))
    }

    /// The index of the member with this id.
    pub fn member_index(&self, id: &str) -> Option<usize> {
        self.members.iter().position(|m| m.id == id)
    }
}

/// `1st`, `2nd`, `3rd`, `4th`, … `11th`, `12th`, `13th`, `21st`.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Where to look for the roster (SPEC §3), given what the caller read from
/// the command line and the environment.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// `--roster`, or `$DW_ROSTER` (clap merges the two).
    pub flag: Option<PathBuf>,
    pub cwd: Option<PathBuf>,
    pub xdg_config_home: Option<PathBuf>,
    pub home: Option<PathBuf>,
}

impl Search {
    /// The roster path to use, or an error listing every place that was tried.
    pub fn find(&self) -> Result<PathBuf, RosterError> {
        if let Some(p) = &self.flag {
            return Ok(p.clone());
        }
        let mut tried = Vec::new();
        if let Some(cwd) = &self.cwd {
            for dir in cwd.ancestors() {
                let candidate = dir.join("roster.toml");
                if candidate.is_file() {
                    return Ok(candidate);
                }
            }
            tried.push(format!("roster.toml in {} and its parents", cwd.display()));
        }
        let config = self
            .xdg_config_home
            .clone()
            .filter(|p| p.is_absolute())
            .or_else(|| self.home.as_ref().map(|h| h.join(".config")));
        if let Some(config) = config {
            let candidate = config.join("dw").join("roster.toml");
            if candidate.is_file() {
                return Ok(candidate);
            }
            tried.push(candidate.display().to_string());
        }
        Err(RosterError::single(
            "dw",
            format!("no roster found (looked for {})", tried.join(", ")),
            "pass --roster PATH, set DW_ROSTER, or run dw inside the repository that holds roster.toml",
        ))
    }
}

/// Read and validate the roster at `path`. The only file read in dw.
pub fn load(path: &Path) -> Result<Roster, RosterError> {
    let shown = path.display().to_string();
    let unreadable = |e: std::io::Error| {
        RosterError::single(
            &shown,
            format!("cannot read the roster: {e}"),
            "check the path given by --roster or DW_ROSTER, and the file's permissions",
        )
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(RosterError::single(
            &shown,
            "is a directory, not a roster file",
            "point --roster at the roster.toml file itself",
        ));
    }
    if meta.len() > MAX_ROSTER_BYTES {
        return Err(RosterError::single(
            &shown,
            format!(
                "the roster is {} bytes, more than the {} bytes dw reads",
                meta.len(),
                MAX_ROSTER_BYTES
            ),
            "check that --roster points at the team's roster.toml",
        ));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    parse_bytes(&bytes, &shown)
}

/// Validate raw bytes as a roster; `path` is only used in messages.
pub fn parse_bytes(bytes: &[u8], path: &str) -> Result<Roster, RosterError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, path),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            Err(RosterError {
                path: path.to_string(),
                diagnostics: vec![Diagnostic {
                    position: Some(line_col(&text, text.len())),
                    message: "the roster is not valid UTF-8".into(),
                    hint: Some("save the file as UTF-8 text".into()),
                }],
            })
        }
    }
}

/// Parse and validate roster text. Reports every problem found.
pub fn parse(text: &str, path: &str) -> Result<Roster, RosterError> {
    let mut cx = Cx {
        text,
        diags: Vec::new(),
    };
    if text.trim().is_empty() {
        cx.diags.push(Diagnostic {
            position: None,
            message: "the roster is empty".into(),
            hint: Some(
                "start from the roster.toml in the dw repository: it needs [team] and [[members]]"
                    .into(),
            ),
        });
        return Err(cx.finish(path));
    }
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            let position = e.span().map(|s| line_col(text, s.start));
            cx.diags.push(Diagnostic {
                position,
                message: format!("TOML syntax: {}", first_line(e.message())),
                hint: Some("fix the TOML syntax at this position".into()),
            });
        }
        return Err(cx.finish(path));
    }
    let roster = cx.roster(doc.get_ref());
    match roster {
        // A roster is only built when [team] and [[members]] are sound, so the
        // overrides that did parse can be checked week by week even when
        // others did not (every error is reported, SPEC §3).
        Some((roster, override_spans)) => {
            for problem in crate::rotation::check_overrides(&roster) {
                let span = override_spans.get(problem.index).cloned().unwrap_or(0..0);
                cx.error(span, problem.message, problem.hint);
            }
            if cx.diags.is_empty() {
                Ok(roster)
            } else {
                Err(cx.finish(path))
            }
        }
        _ => Err(cx.finish(path)),
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

type Span = Range<usize>;
type Value<'i> = Spanned<DeValue<'i>>;

/// Validation context: the source text and every problem found so far.
struct Cx<'t> {
    text: &'t str,
    diags: Vec<Diagnostic>,
}

/// The keys of one table, checked against what is allowed there.
struct Fields<'a, 'i> {
    table_span: Span,
    where_: String,
    values: HashMap<&'a str, &'a Value<'i>>,
}

const TOP_KEYS: &[&str] = &["team", "slack", "pagerduty", "members", "overrides"];
const TEAM_KEYS: &[&str] = &[
    "name",
    "timezone",
    "handoff_day",
    "handoff_time",
    "start",
    "roles",
];
const SLACK_KEYS: &[&str] = &["channel", "incident_channel", "group"];
const PAGERDUTY_KEYS: &[&str] = &["service", "escalation_policy", "schedules"];
const MEMBER_KEYS: &[&str] = &[
    "id",
    "name",
    "email",
    "slack",
    "pagerduty",
    "joined",
    "left",
    "away",
];
const AWAY_KEYS: &[&str] = &["from", "to", "reason"];
const OVERRIDE_KEYS: &[&str] = &["week", "role", "member", "reason"];

/// Words that make a key look like a credential.
const SECRET_WORDS: &[&str] = &[
    "token",
    "password",
    "passwd",
    "secret",
    "apikey",
    "api_key",
    "credential",
    "private",
    "auth",
];

fn looks_like_secret(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k == "key"
        || k.ends_with("_key")
        || k.ends_with("-key")
        || SECRET_WORDS.iter().any(|w| k.contains(w))
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The allowed key closest to a typo, if it is close enough to suggest.
fn closest<'k>(key: &str, allowed: &[&'k str]) -> Option<&'k str> {
    allowed
        .iter()
        .map(|a| (edit_distance(key, a), *a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

impl<'t> Cx<'t> {
    fn error(&mut self, span: Span, message: impl Into<String>, hint: impl Into<String>) {
        let hint = hint.into();
        self.diags.push(Diagnostic {
            position: Some(line_col(self.text, span.start)),
            message: message.into(),
            hint: (!hint.is_empty()).then_some(hint),
        });
    }

    fn finish(mut self, path: &str) -> RosterError {
        self.diags
            .sort_by_key(|d| d.position.unwrap_or((usize::MAX, usize::MAX)));
        RosterError {
            path: path.to_string(),
            diagnostics: self.diags,
        }
    }

    /// Check a table's keys: unknown ones and secret-looking ones are errors.
    fn fields<'a, 'i>(
        &mut self,
        table: &'a DeTable<'i>,
        table_span: Span,
        where_: &str,
        allowed: &[&str],
    ) -> Fields<'a, 'i> {
        let mut values = HashMap::new();
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            if allowed.contains(&name) {
                values.insert(name, value);
            } else if looks_like_secret(name) {
                self.error(
                    key.span(),
                    format!("`{name}` in {where_} looks like a secret; the roster is committed to git and must hold none"),
                    "remove it and set the token in the environment instead (PAGERDUTY_TOKEN, SLACK_TOKEN)",
                );
            } else {
                let suggestion = closest(name, allowed)
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                self.error(
                    key.span(),
                    format!("unknown key `{name}` in {where_}"),
                    format!("{suggestion}allowed keys here: {}", allowed.join(", ")),
                );
            }
        }
        Fields {
            table_span,
            where_: where_.to_string(),
            values,
        }
    }

    fn missing(&mut self, f: &Fields<'_, '_>, key: &str, example: &str) {
        self.error(
            f.table_span.clone(),
            format!("{} is missing the required key `{key}`", f.where_),
            format!("add it, for example: {key} = {example}"),
        );
    }

    fn wrong_type(&mut self, f: &Fields<'_, '_>, key: &str, v: &Value<'_>, expected: &str) {
        self.error(
            v.span(),
            format!(
                "`{key}` in {} must be {expected}, not {}",
                f.where_,
                type_name(v.get_ref())
            ),
            "",
        );
    }

    fn string(&mut self, f: &Fields<'_, '_>, key: &str) -> Option<(String, Span)> {
        let v = f.values.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some((s.to_string(), v.span())),
            _ => {
                self.wrong_type(f, key, v, "a string (in quotes)");
                None
            }
        }
    }

    fn required_string(
        &mut self,
        f: &Fields<'_, '_>,
        key: &str,
        example: &str,
    ) -> Option<(String, Span)> {
        if !f.values.contains_key(key) {
            self.missing(f, key, example);
            return None;
        }
        let (s, span) = self.string(f, key)?;
        if s.trim().is_empty() {
            self.error(
                span,
                format!("`{key}` in {} is empty", f.where_),
                format!("write a value, for example: {key} = {example}"),
            );
            return None;
        }
        Some((s, span))
    }

    fn date(&mut self, f: &Fields<'_, '_>, key: &str) -> Option<(NaiveDate, Span)> {
        let v = f.values.get(key)?;
        let span = v.span();
        let example = format!("write a bare TOML date: {key} = 2026-01-06");
        match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    match NaiveDate::from_ymd_opt(
                        i32::from(d.year),
                        u32::from(d.month),
                        u32::from(d.day),
                    ) {
                        Some(date) => Some((date, span)),
                        None => {
                            self.error(
                                span,
                                format!("`{key}` in {} is not a calendar date", f.where_),
                                example,
                            );
                            None
                        }
                    }
                }
                _ => {
                    self.error(
                        span,
                        format!("`{key}` in {} must be a date without a time", f.where_),
                        example,
                    );
                    None
                }
            },
            DeValue::String(s) if NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() => {
                self.error(
                    span,
                    format!("`{key}` in {} is a string, but must be a date", f.where_),
                    format!("remove the quotes: {key} = {s}"),
                );
                None
            }
            _ => {
                self.wrong_type(f, key, v, "a date");
                None
            }
        }
    }

    fn table<'a, 'i>(&mut self, f: &Fields<'a, 'i>, key: &str) -> Option<(&'a DeTable<'i>, Span)> {
        let v = f.values.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some((t, v.span())),
            _ => {
                self.wrong_type(f, key, v, "a table");
                None
            }
        }
    }

    fn array<'a, 'i>(&mut self, f: &Fields<'a, 'i>, key: &str) -> Option<&'a [Value<'i>]> {
        let v = f.values.get(key)?;
        match v.get_ref() {
            DeValue::Array(a) => Some(a.as_ref()),
            _ => {
                self.wrong_type(f, key, v, "an array");
                None
            }
        }
    }

    /// Items of an array that must hold tables; other items are reported.
    fn tables_in<'a, 'i>(
        &mut self,
        items: &'a [Value<'i>],
        what: &str,
    ) -> Vec<Option<(&'a DeTable<'i>, Span)>> {
        items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::Table(t) => Some((t, item.span())),
                other => {
                    self.error(
                        item.span(),
                        format!(
                            "each entry of {what} must be a table, not {}",
                            type_name(other)
                        ),
                        format!("write [[{what}]] sections or {{ key = value }} inline tables"),
                    );
                    None
                }
            })
            .collect()
    }

    fn roster(&mut self, doc: &DeTable<'_>) -> Option<(Roster, Vec<Span>)> {
        let top = self.fields(doc, 0..0, "the roster", TOP_KEYS);
        let team = match self.table(&top, "team") {
            Some((t, span)) => self.team(t, span),
            None => {
                if !top.values.contains_key("team") {
                    self.error(
                        0..0,
                        "the roster has no [team] section",
                        "add [team] with at least name = \"…\" and start = YYYY-MM-DD (a handoff day)",
                    );
                }
                None
            }
        };
        let slack = self.slack(&top);
        let pagerduty = self.pagerduty(&top, team.as_ref());
        let members = self.members(&top);
        let (Some(team), Some(members)) = (team, members) else {
            // The overrides cannot be resolved without a team and members,
            // but their keys and dates can still be checked (SPEC §3: every
            // error is reported, unknown keys anywhere).
            self.override_shapes(&top);
            return None;
        };
        let (overrides, spans) = self.overrides(&top, &team, &members);
        Some((
            Roster {
                team,
                slack: slack?,
                pagerduty: pagerduty?,
                members,
                overrides,
            },
            spans,
        ))
    }

    fn team(&mut self, t: &DeTable<'_>, span: Span) -> Option<Team> {
        let f = self.fields(t, span, "[team]", TEAM_KEYS);
        let name = self.required_string(&f, "name", "\"Dreamwork\"");
        let timezone = match self.string(&f, "timezone") {
            Some((s, span)) => match s.parse::<Tz>() {
                Ok(tz) => Some(tz),
                Err(_) => {
                    let hint = match s.to_ascii_lowercase().as_str() {
                        "cst" | "cdt" | "central" => "use an IANA name such as \"America/Chicago\"".to_string(),
                        _ => "use an IANA time zone name such as \"America/Chicago\", \"Europe/Berlin\" or \"UTC\"".to_string(),
                    };
                    self.error(span, format!("unknown time zone \"{s}\" in [team]"), hint);
                    None
                }
            },
            None => (!f.values.contains_key("timezone")).then_some(Tz::UTC),
        };
        let handoff_day = match self.string(&f, "handoff_day") {
            Some((s, span)) => match parse_weekday(&s) {
                Some(d) => Some(d),
                None => {
                    self.error(
                        span,
                        format!("\"{s}\" in [team] handoff_day is not a weekday"),
                        "write a weekday in English, for example \"tuesday\"",
                    );
                    None
                }
            },
            None => (!f.values.contains_key("handoff_day")).then_some(Weekday::Tue),
        };
        let handoff_time = match self.string(&f, "handoff_time") {
            Some((s, span)) => match parse_hhmm(&s) {
                Some(t) => Some(t),
                None => {
                    self.error(
                        span,
                        format!("\"{s}\" in [team] handoff_time is not a time of day as HH:MM"),
                        "write a 24-hour local time, for example \"10:00\"",
                    );
                    None
                }
            },
            None => (!f.values.contains_key("handoff_time"))
                .then(|| NaiveTime::from_hms_opt(10, 0, 0))
                .flatten(),
        };
        let start = if f.values.contains_key("start") {
            self.date(&f, "start")
        } else {
            self.missing(&f, "start", "2026-01-06 (a date on the handoff day)");
            None
        };
        if let (Some((start, span)), Some(day)) = (&start, handoff_day) {
            if start.weekday_() != day {
                let next = next_weekday(*start, day);
                self.error(
                    span.clone(),
                    format!(
                        "start {start} is a {}, but handoff_day is {}",
                        weekday_name(start.weekday_()),
                        weekday_name(day)
                    ),
                    format!(
                        "move start to a {}, for example start = {next}",
                        weekday_name(day)
                    ),
                );
            }
        }
        let roles = match f.values.get("roles") {
            None => Some(DEFAULT_ROLES.iter().map(|s| s.to_string()).collect()),
            Some(v) => self.roles(&f, v),
        };
        let (start_date, _) = start?;
        let handoff_day = handoff_day?;
        if start_date.weekday_() != handoff_day {
            return None;
        }
        Some(Team {
            name: name?.0,
            timezone: timezone?,
            handoff_day,
            handoff_time: handoff_time?,
            start: start_date,
            roles: roles?,
        })
    }

    fn roles(&mut self, f: &Fields<'_, '_>, v: &Value<'_>) -> Option<Vec<String>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(f, "roles", v, "an array of role names");
            return None;
        };
        if items.is_empty() {
            self.error(
                v.span(),
                "roles in [team] is empty",
                "name at least one role, or remove the key for [\"primary\", \"secondary\", \"tertiary\"]",
            );
            return None;
        }
        let mut roles = Vec::new();
        let mut ok = true;
        let mut seen = HashSet::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) if is_role_name(s) => {
                    if !seen.insert(s.to_ascii_lowercase()) {
                        self.error(
                            item.span(),
                            format!("role \"{s}\" is named twice in [team] roles"),
                            "give every rank its own name",
                        );
                        ok = false;
                    }
                    roles.push(s.to_string());
                }
                DeValue::String(s) => {
                    self.error(
                        item.span(),
                        format!("\"{s}\" is not a usable role name"),
                        "use letters, digits, '-' or '_' and start with a letter, for example \"primary\"",
                    );
                    ok = false;
                }
                other => {
                    self.error(
                        item.span(),
                        format!(
                            "roles in [team] must hold strings, not {}",
                            type_name(other)
                        ),
                        "write roles = [\"primary\", \"secondary\", \"tertiary\"]",
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(roles)
    }

    fn slack(&mut self, top: &Fields<'_, '_>) -> Option<SlackSettings> {
        let Some((t, span)) = self.table(top, "slack") else {
            return (!top.values.contains_key("slack")).then(SlackSettings::default);
        };
        let f = self.fields(t, span, "[slack]", SLACK_KEYS);
        let before = self.diags.len();
        let s = SlackSettings {
            channel: self.string(&f, "channel").map(|s| s.0),
            incident_channel: self.string(&f, "incident_channel").map(|s| s.0),
            group: self.string(&f, "group").map(|s| s.0),
        };
        (self.diags.len() == before).then_some(s)
    }

    fn pagerduty(
        &mut self,
        top: &Fields<'_, '_>,
        team: Option<&Team>,
    ) -> Option<PagerDutySettings> {
        let Some((t, span)) = self.table(top, "pagerduty") else {
            return (!top.values.contains_key("pagerduty")).then(PagerDutySettings::default);
        };
        let f = self.fields(t, span, "[pagerduty]", PAGERDUTY_KEYS);
        let before = self.diags.len();
        let mut settings = PagerDutySettings {
            service: self.string(&f, "service").map(|s| s.0),
            escalation_policy: self.string(&f, "escalation_policy").map(|s| s.0),
            schedules: BTreeMap::new(),
        };
        if let Some((schedules, _)) = self.table(&f, "schedules") {
            for (role, id) in schedules.iter() {
                let role_name: &str = role.get_ref();
                if let Some(team) = team {
                    if !team.roles.iter().any(|r| r == role_name) {
                        self.error(
                            role.span(),
                            format!(
                                "schedule for unknown role `{role_name}` in [pagerduty] schedules"
                            ),
                            format!("use one of the roles in [team]: {}", team.roles.join(", ")),
                        );
                    }
                }
                match id.get_ref() {
                    DeValue::String(s) => {
                        settings.schedules.insert(role_name.to_string(), s.to_string());
                    }
                    other => self.error(
                        id.span(),
                        format!("schedule ID for `{role_name}` must be a string, not {}", type_name(other)),
                        "write the PagerDuty schedule ID in quotes, for example primary = \"PSCHED1\"",
                    ),
                }
            }
        }
        (self.diags.len() == before).then_some(settings)
    }

    fn members(&mut self, top: &Fields<'_, '_>) -> Option<Vec<Member>> {
        let Some(items) = self.array(top, "members") else {
            if !top.values.contains_key("members") {
                self.error(
                    0..0,
                    "the roster has no members",
                    "add at least one [[members]] section with id, name and email",
                );
            }
            return None;
        };
        if items.is_empty() {
            self.error(
                top.values.get("members").map_or(0..0, |v| v.span()),
                "the roster has no members",
                "add at least one [[members]] section with id, name and email",
            );
            return None;
        }
        let before = self.diags.len();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut members = Vec::new();
        for (i, entry) in self.tables_in(items, "members").into_iter().enumerate() {
            let Some((t, span)) = entry else { continue };
            let where_ = match t.get("id").map(|v| v.get_ref()) {
                Some(DeValue::String(id)) => format!("member \"{id}\""),
                _ => format!("member #{}", i + 1),
            };
            let f = self.fields(t, span, &where_, MEMBER_KEYS);
            let id = self.required_string(&f, "id", "\"ada\"");
            if let Some((id, span)) = &id {
                if !is_member_id(id) {
                    self.error(
                        span.clone(),
                        format!("member id \"{id}\" is not of the form [a-z0-9._-]+"),
                        "use lower-case letters, digits, '.', '_' or '-', for example \"ada\"",
                    );
                } else if let Some(first) = ids.get(id) {
                    self.error(
                        span.clone(),
                        format!("member id \"{id}\" is used twice (first by member #{first})"),
                        "give every member a unique id",
                    );
                } else {
                    ids.insert(id.clone(), i + 1);
                }
            }
            let name = self.required_string(&f, "name", "\"Ada Example\"");
            let email = self.required_string(&f, "email", "\"ada@example.com\"");
            if let Some((email, span)) = &email {
                if !is_email(email) {
                    self.error(
                        span.clone(),
                        format!("email \"{email}\" of {} is not an email address", f.where_),
                        "write the full address, for example \"ada@example.com\"",
                    );
                }
            }
            let slack = self.string(&f, "slack").map(|s| s.0);
            let pagerduty = self.string(&f, "pagerduty").map(|s| s.0);
            let joined = self.date(&f, "joined");
            let left = self.date(&f, "left");
            if let (Some((j, _)), Some((l, lspan))) = (&joined, &left) {
                if l <= j {
                    self.error(
                        lspan.clone(),
                        format!("{} has left = {l}, which is not after joined = {j}", f.where_),
                        "left is the first date they are no longer on the rotation: it must come after joined",
                    );
                }
            }
            let away = self.away(&f);
            if let (Some((id, _)), Some((name, _)), Some((email, _)), Some(away)) =
                (id, name, email, away)
            {
                members.push(Member {
                    id,
                    name,
                    email,
                    slack,
                    pagerduty,
                    joined: joined.map(|d| d.0),
                    left: left.map(|d| d.0),
                    away,
                });
            }
        }
        (self.diags.len() == before).then_some(members)
    }

    fn away(&mut self, member: &Fields<'_, '_>) -> Option<Vec<Away>> {
        let Some(items) = self.array(member, "away") else {
            return (!member.values.contains_key("away")).then(Vec::new);
        };
        let before = self.diags.len();
        let mut ranges = Vec::new();
        for (t, span) in self.tables_in(items, "away").into_iter().flatten() {
            let f = self.fields(
                t,
                span,
                &format!("an away range of {}", member.where_),
                AWAY_KEYS,
            );
            let from = if f.values.contains_key("from") {
                self.date(&f, "from")
            } else {
                self.missing(&f, "from", "2026-02-12");
                None
            };
            let to = if f.values.contains_key("to") {
                self.date(&f, "to")
            } else {
                self.missing(&f, "to", "2026-02-20");
                None
            };
            let reason = self.string(&f, "reason").map(|s| s.0);
            if let (Some((from, _)), Some((to, span))) = (from, to) {
                if to < from {
                    self.error(
                        span,
                        format!(
                            "away range of {} ends ({to}) before it starts ({from})",
                            member.where_
                        ),
                        "swap from and to: both dates are inclusive",
                    );
                } else {
                    ranges.push(Away { from, to, reason });
                }
            }
        }
        (self.diags.len() == before).then_some(ranges)
    }

    /// What can be checked of `[[overrides]]` alone: keys, and `week` as a date.
    fn override_shapes(&mut self, top: &Fields<'_, '_>) {
        let Some(items) = self.array(top, "overrides") else {
            return;
        };
        for (i, entry) in self.tables_in(items, "overrides").into_iter().enumerate() {
            let Some((t, span)) = entry else { continue };
            let f = self.fields(t, span, &format!("override #{}", i + 1), OVERRIDE_KEYS);
            self.date(&f, "week");
            self.string(&f, "member");
            self.string(&f, "reason");
        }
    }

    fn overrides(
        &mut self,
        top: &Fields<'_, '_>,
        team: &Team,
        members: &[Member],
    ) -> (Vec<Override>, Vec<Span>) {
        let mut overrides = Vec::new();
        let mut spans = Vec::new();
        let Some(items) = self.array(top, "overrides") else {
            return (overrides, spans);
        };
        for (i, entry) in self.tables_in(items, "overrides").into_iter().enumerate() {
            let Some((t, span)) = entry else { continue };
            let f = self.fields(
                t,
                span.clone(),
                &format!("override #{}", i + 1),
                OVERRIDE_KEYS,
            );
            let week = if f.values.contains_key("week") {
                self.date(&f, "week")
            } else {
                self.missing(&f, "week", "2026-03-03 (any date of that week)");
                None
            };
            if let Some((week, wspan)) = &week {
                if *week < team.start {
                    self.error(
                        wspan.clone(),
                        format!(
                            "override #{} is for {week}, before the rotation starts on {}",
                            i + 1,
                            team.start
                        ),
                        "overrides can only change weeks from [team] start on",
                    );
                }
            }
            let rank = match f.values.get("role") {
                None => {
                    self.missing(&f, "role", "\"primary\" (a role name or a rank number)");
                    None
                }
                Some(v) => {
                    let rank = match v.get_ref() {
                        DeValue::String(s) => rank_in(team, members.len(), s),
                        DeValue::Integer(n) => n
                            .as_str()
                            .parse::<usize>()
                            .ok()
                            .filter(|&n| (1..=members.len().max(1)).contains(&n)),
                        _ => None,
                    };
                    if rank.is_none() {
                        self.error(
                            v.span(),
                            format!("override #{} names an unknown role", i + 1),
                            format!(
                                "use a role name ({}) or a rank number from 1 to {}",
                                team.roles.join(", "),
                                members.len().max(1)
                            ),
                        );
                    }
                    rank
                }
            };
            let member = match self.required_string(&f, "member", "\"ada\"") {
                Some((id, mspan)) => match members.iter().position(|m| m.id == id) {
                    Some(m) => Some(m),
                    None => {
                        let ids: Vec<&str> = members.iter().map(|m| m.id.as_str()).collect();
                        let suggestion = closest(&id, &ids)
                            .map(|s| format!("did you mean \"{s}\"? "))
                            .unwrap_or_default();
                        self.error(
                            mspan,
                            format!("override #{} names unknown member \"{id}\"", i + 1),
                            format!("{suggestion}use the id of a [[members]] entry"),
                        );
                        None
                    }
                },
                None => None,
            };
            let reason = self.string(&f, "reason").map(|s| s.0).unwrap_or_default();
            if let (Some((week, _)), Some(rank), Some(member)) = (week, rank, member) {
                overrides.push(Override {
                    week,
                    rank,
                    member,
                    reason,
                });
                spans.push(span);
            }
        }
        (overrides, spans)
    }
}

fn rank_in(team: &Team, members: usize, role: &str) -> Option<usize> {
    if let Some(i) = team
        .roles
        .iter()
        .position(|r| r.eq_ignore_ascii_case(role.trim()))
    {
        return Some(i + 1);
    }
    let n = role
        .trim()
        .parse::<usize>()
        .ok()
        .or_else(|| (1..=members).find(|&n| ordinal(n).eq_ignore_ascii_case(role.trim())))?;
    (1..=members.max(1)).contains(&n).then_some(n)
}

trait WeekdayOf {
    fn weekday_(&self) -> Weekday;
}

impl WeekdayOf for NaiveDate {
    fn weekday_(&self) -> Weekday {
        chrono::Datelike::weekday(self)
    }
}

fn next_weekday(from: NaiveDate, day: Weekday) -> NaiveDate {
    let mut d = from;
    while d.weekday_() != day {
        d = d.succ_opt().unwrap_or(d);
        if d == NaiveDate::MAX {
            break;
        }
    }
    d
}

/// English weekday name in lower case.
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

fn parse_weekday(s: &str) -> Option<Weekday> {
    let s = s.trim().to_ascii_lowercase();
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .find(|d| {
        let name = weekday_name(*d);
        s == name || s == name[..3]
    })
}

/// `HH:MM`, 24-hour, exactly two digits each.
pub fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

fn is_member_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

fn is_role_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[team]
name = "T"
timezone = "America/Chicago"
start = 2026-01-06

[[members]]
id = "ada"
name = "Ada"
email = "ada@example.com"
"#;

    fn errors(text: &str) -> Vec<String> {
        match parse(text, "r.toml") {
            Ok(_) => vec![],
            Err(e) => e
                .diagnostics
                .iter()
                .map(|d| match d.position {
                    Some((l, c)) => format!("{l}:{c}: {}", d.message),
                    None => d.message.clone(),
                })
                .collect(),
        }
    }

    #[test]
    fn minimal_roster_gets_defaults() {
        let r = parse(MINIMAL, "r.toml").unwrap();
        assert_eq!(r.team.handoff_day, Weekday::Tue);
        assert_eq!(
            r.team.handoff_time,
            NaiveTime::from_hms_opt(10, 0, 0).unwrap()
        );
        assert_eq!(r.team.roles, DEFAULT_ROLES);
        assert_eq!(r.members.len(), 1);
    }

    #[test]
    fn timezone_defaults_to_utc() {
        let text = MINIMAL.replace("timezone = \"America/Chicago\"\n", "");
        assert_eq!(parse(&text, "r").unwrap().team.timezone, Tz::UTC);
    }

    #[test]
    fn ordinals() {
        let cases = [
            (1, "1st"),
            (2, "2nd"),
            (3, "3rd"),
            (4, "4th"),
            (11, "11th"),
            (12, "12th"),
            (13, "13th"),
            (21, "21st"),
            (22, "22nd"),
            (101, "101st"),
            (111, "111th"),
        ];
        for (n, want) in cases {
            assert_eq!(ordinal(n), want);
        }
    }

    #[test]
    fn every_error_is_reported_with_its_position() {
        let text = r#"
[team]
name = "T"
timezone = "Mars/Olympus"
handoff_day = "tuesday"
handoff_time = "25:00"
start = 2026-01-06
roles = []

[[members]]
id = "Ada!"
name = "Ada"
email = "ada.example.com"
emial = "x"

[[members]]
id = "bob"
name = "Bob"
email = "bob@example.com"
joined = 2026-03-01
left = 2026-02-01
away = [{ from = 2026-02-10, to = 2026-02-01 }]
"#;
        let errs = errors(text);
        let want = [
            "4:12: unknown time zone \"Mars/Olympus\" in [team]",
            "6:16: \"25:00\" in [team] handoff_time is not a time of day as HH:MM",
            "8:9: roles in [team] is empty",
            "11:6: member id \"Ada!\" is not of the form [a-z0-9._-]+",
            "13:9: email \"ada.example.com\" of member \"Ada!\" is not an email address",
            "14:1: unknown key `emial` in member \"Ada!\"",
            "21:8: member \"bob\" has left = 2026-02-01, which is not after joined = 2026-03-01",
            "22:35: away range of member \"bob\" ends (2026-02-01) before it starts (2026-02-10)",
        ];
        assert_eq!(errs, want);
    }

    #[test]
    fn start_must_fall_on_the_handoff_day() {
        let errs = errors(&MINIMAL.replace("2026-01-06", "2026-01-07"));
        assert_eq!(
            errs,
            ["5:9: start 2026-01-07 is a wednesday, but handoff_day is tuesday"]
        );
    }

    #[test]
    fn secret_looking_key_points_at_the_environment() {
        let err = parse(
            &MINIMAL.replace("[team]", "[team]\ntoken = \"xoxb-1\""),
            "r",
        )
        .unwrap_err();
        let d = &err.diagnostics[0];
        assert!(d.message.contains("looks like a secret"), "{}", d.message);
        assert!(d.hint.as_deref().unwrap_or("").contains("environment"));
    }

    #[test]
    fn unknown_key_suggests_the_close_one() {
        let err = parse(&MINIMAL.replace("email =", "emali ="), "r").unwrap_err();
        let hints: Vec<_> = err
            .diagnostics
            .iter()
            .filter_map(|d| d.hint.clone())
            .collect();
        assert!(
            hints.iter().any(|h| h.contains("did you mean `email`")),
            "{hints:?}"
        );
    }

    #[test]
    fn empty_and_binary_input_are_errors_not_panics() {
        assert_eq!(errors("  \n"), ["the roster is empty"]);
        let err = parse_bytes(b"[team]\nname = \"\xff\"", "r").unwrap_err();
        assert_eq!(err.diagnostics[0].position, Some((2, 9)));
        assert!(!errors("\u{0}\u{1}[[[").is_empty());
    }

    #[test]
    fn deeply_nested_input_is_an_error_not_a_stack_overflow() {
        let text = format!("x = {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(!errors(&text).is_empty());
        let text = format!("x = {}1{}", "{a=".repeat(50_000), "}".repeat(50_000));
        assert!(!errors(&text).is_empty());
    }

    #[test]
    fn duplicate_ids_and_missing_keys() {
        let text = format!("{MINIMAL}\n[[members]]\nid = \"ada\"\nname = \"A2\"\n");
        let errs = errors(&text);
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs.iter().any(|e| e.contains("used twice")), "{errs:?}");
        assert!(
            errs.iter()
                .any(|e| e.contains("missing the required key `email`")),
            "{errs:?}"
        );
    }

    #[test]
    fn repeated_role_name() {
        let errs = errors(&MINIMAL.replace("start =", "roles = [\"a\", \"A\"]\nstart ="));
        assert_eq!(errs, ["5:15: role \"A\" is named twice in [team] roles"]);
    }

    #[test]
    fn quoted_date_gets_a_hint() {
        let err = parse(&MINIMAL.replace("2026-01-06", "\"2026-01-06\""), "r").unwrap_err();
        assert_eq!(
            err.diagnostics[0].hint.as_deref(),
            Some("remove the quotes: start = 2026-01-06")
        );
    }

    #[test]
    fn every_override_error_is_reported_together() {
        let text = format!(
            "{MINIMAL}
[[members]]
id = \"bob\"
name = \"Bob\"
email = \"bob@example.com\"
away = [{{ from = 2026-01-06, to = 2026-01-08 }}]

[[overrides]]
week = 2026-01-06
role = \"secondary\"
member = \"bob\"

[[overrides]]
week = 2026-01-13
role = \"primary\"
member = \"ada\"

[[overrides]]
week = 2026-01-14
role = \"primary\"
member = \"bob\"

[[overrides]]
week = 2026-01-20
role = \"boss\"
member = \"ada\"
"
        );
        let errs = errors(&text);
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(
            errs[0].contains("\"bob\", who is away that week"),
            "{errs:?}"
        );
        assert!(
            errs[1].contains("overrides #2 and #3 both set the primary"),
            "{errs:?}"
        );
        assert!(
            errs[2].contains("override #4 names an unknown role"),
            "{errs:?}"
        );
    }

    #[test]
    fn rank_of_accepts_names_numbers_and_ordinals() {
        let r = parse(MINIMAL, "r").unwrap();
        assert_eq!(r.rank_of("Secondary"), Some(2));
        assert_eq!(r.rank_of("2"), Some(2));
        assert_eq!(r.rank_of("0"), None);
        assert_eq!(r.rank_of("nope"), None);
        assert_eq!(r.role_name(4), "4th");
    }
}
