//! Parsing roster text: the spanned-TOML walker `Cx` that records every
//! problem with its position, and the entry point `read_text`. Pure: no file
//! system and no rotation engine (the week-by-week checks are in
//! `crate::validate`). The sections themselves are read in `sections.rs`.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::lexical::{closest, looks_like_secret};
use super::model::Roster;
use crate::error::{Diagnostic, RosterError};
use crate::text::one_line_safe;

/// A roster read from text, before the engine checks it week by week (see
/// `crate::validate`): the roster, where each override and cover begins, and
/// the problems found in the file (none when it is sound).
#[derive(Debug, Clone)]
pub struct Parsed {
    pub roster: Roster,
    /// Byte ranges of the `[[overrides]]` entries, in file order.
    pub override_spans: Vec<Range<usize>>,
    /// Byte ranges of the `[[covers]]` entries, in file order.
    pub cover_spans: Vec<Range<usize>>,
    /// Syntax, type, name and other problems of the file itself: a roster
    /// with any of these must not be used.
    pub errors: Vec<Diagnostic>,
}

/// Raw bytes as roster text; `path` is only used in messages.
pub fn decode_utf8<'b>(bytes: &'b [u8], path: &str) -> Result<&'b str, RosterError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        RosterError {
            path: path.to_string(),
            diagnostics: vec![Diagnostic {
                position: Some(line_col(&text, text.len())),
                message: "the roster is not valid UTF-8".into(),
                hint: Some("save the file as UTF-8 text".into()),
            }],
        }
    })
}

/// Every problem as one roster error, in the order of their positions
/// (problems without one last).
pub fn roster_error(path: &str, mut diagnostics: Vec<Diagnostic>) -> RosterError {
    diagnostics.sort_by_key(|d| d.position.unwrap_or((usize::MAX, usize::MAX)));
    RosterError {
        path: path.to_string(),
        diagnostics,
    }
}

/// Read roster text: syntax, types, names and the rules of each section. A
/// file from which no roster can be built is an error (with every problem
/// found); otherwise the roster comes back with the problems found, if any,
/// so that the week-by-week checks can be reported together with them.
pub fn read_text(text: &str, path: &str) -> Result<Parsed, RosterError> {
    let mut cx = Cx {
        text,
        diags: Vec::new(),
        line_starts: Vec::new(),
    };
    if text.trim().is_empty() {
        cx.diags.push(Diagnostic {
            position: None,
            message: "the roster is empty".into(),
            hint: Some(
                "start one with `dw init` (it writes a commented roster): a roster needs [team] and [[members]]"
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
                message: one_line_safe(&format!("TOML syntax: {}", first_line(e.message()))),
                hint: Some("fix the TOML syntax at this position".into()),
            });
        }
        return Err(cx.finish(path));
    }
    // Control characters anywhere are reported first, then everything else.
    cx.plain_text(doc.get_ref());
    // A roster is only built when [team] and [[members]] are sound, so the
    // overrides that did parse can be checked week by week even when others
    // did not (every error is reported at once).
    match cx.roster(doc.get_ref()) {
        Some((roster, override_spans, cover_spans)) => Ok(Parsed {
            roster,
            override_spans,
            cover_spans,
            errors: cx.diags,
        }),
        None => Err(cx.finish(path)),
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

pub(super) type Span = Range<usize>;
pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// Validation context: the source text and every problem found so far.
pub(super) struct Cx<'t> {
    text: &'t str,
    pub(super) diags: Vec<Diagnostic>,
    /// Byte offsets where lines start, computed at the first error: one scan
    /// of the text, however many errors there are.
    line_starts: Vec<usize>,
}

/// The keys of one table, checked against what is allowed there.
pub(super) struct Fields<'a, 'i> {
    table_span: Span,
    pub(super) where_: String,
    pub(super) values: HashMap<&'a str, &'a Value<'i>>,
}

pub(super) fn type_name(v: &DeValue<'_>) -> &'static str {
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

impl<'t> Cx<'t> {
    /// [`line_col`] through the line index: a binary search, then the
    /// characters of one line.
    fn position(&mut self, offset: usize) -> (usize, usize) {
        if self.line_starts.is_empty() {
            self.line_starts.push(0);
            self.line_starts
                .extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
        }
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }

    /// The roster text being read.
    pub(super) fn source(&self) -> &'t str {
        self.text
    }

    /// Record a problem at the start of `span`. Message and hint are shown
    /// escaped (`\u{1b}`): they may quote roster text that was refused for
    /// holding control characters.
    pub(super) fn error(
        &mut self,
        span: Span,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let hint = one_line_safe(&hint.into());
        let position = self.position(span.start);
        self.diags.push(Diagnostic {
            position: Some(position),
            message: one_line_safe(&message.into()),
            hint: (!hint.is_empty()).then_some(hint),
        });
    }

    fn finish(self, path: &str) -> RosterError {
        roster_error(path, self.diags)
    }

    /// Check a table's keys: unknown ones and secret-looking ones are errors.
    pub(super) fn fields<'a, 'i>(
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

    pub(super) fn missing(&mut self, f: &Fields<'_, '_>, key: &str, example: &str) {
        self.error(
            f.table_span.clone(),
            format!("{} is missing the required key `{key}`", f.where_),
            format!("add it, for example: {key} = {example}"),
        );
    }

    pub(super) fn wrong_type(
        &mut self,
        f: &Fields<'_, '_>,
        key: &str,
        v: &Value<'_>,
        expected: &str,
    ) {
        self.error(
            v.span(),
            format!(
                "`{key}` in {} must be {expected}, not {}",
                f.where_,
                type_name(v.get_ref())
            ),
            type_hint(key, expected),
        );
    }

    pub(super) fn string(&mut self, f: &Fields<'_, '_>, key: &str) -> Option<(String, Span)> {
        let v = f.values.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some((s.to_string(), v.span())),
            _ => {
                self.wrong_type(f, key, v, "a string (in quotes)");
                None
            }
        }
    }

    /// A text of the team's handbook at `key`, if given: a string that is
    /// not blank and at most `max` characters.
    pub(super) fn text(&mut self, f: &Fields<'_, '_>, key: &str, max: usize) -> Option<String> {
        let (s, span) = self.string(f, key)?;
        self.text_item(s, span, &format!("`{key}` in {}", f.where_), max)
    }

    /// One text (`what` names it in messages): not blank, at most `max` characters.
    fn text_item(&mut self, s: String, span: Span, what: &str, max: usize) -> Option<String> {
        if s.trim().is_empty() {
            self.error(
                span,
                format!("{what} is empty"),
                "write the text, or remove it to use dw's default",
            );
            return None;
        }
        let value = (s, span);
        self.fits(&value, what, max).then_some(value.0)
    }

    /// A list of texts at `key`, if given: an array of at most `max_items`
    /// strings, each not blank and at most `max_chars` characters. An empty
    /// list is an error (remove the key for dw's default).
    pub(super) fn text_list(
        &mut self,
        f: &Fields<'_, '_>,
        key: &str,
        max_items: usize,
        max_chars: usize,
    ) -> Option<Vec<String>> {
        let v = f.values.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(f, key, v, "an array of strings");
            return None;
        };
        if items.is_empty() {
            self.error(
                v.span(),
                format!("`{key}` in {} is empty", f.where_),
                format!("list at least one text, for example {key} = [\"…\"], or remove the key to use dw's default"),
            );
            return None;
        }
        if items.len() > max_items {
            self.error(
                v.span(),
                format!(
                    "`{key}` in {} has {} entries, more than the {max_items} dw accepts",
                    f.where_,
                    items.len()
                ),
                format!("keep at most {max_items} entries"),
            );
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let what = format!("entry {} of `{key}` in {}", i + 1, f.where_);
            match item.get_ref() {
                DeValue::String(s) => {
                    match self.text_item(s.to_string(), item.span(), &what, max_chars) {
                        Some(t) => out.push(t),
                        None => ok = false,
                    }
                }
                other => {
                    self.error(
                        item.span(),
                        format!("{what} must be a string, not {}", type_name(other)),
                        format!("put each text in double quotes: {key} = [\"…\", \"…\"]"),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    pub(super) fn required_string(
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

    pub(super) fn date(&mut self, f: &Fields<'_, '_>, key: &str) -> Option<(NaiveDate, Span)> {
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

    pub(super) fn table<'a, 'i>(
        &mut self,
        f: &Fields<'a, 'i>,
        key: &str,
    ) -> Option<(&'a DeTable<'i>, Span)> {
        let v = f.values.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some((t, v.span())),
            _ => {
                self.wrong_type(f, key, v, "a table");
                None
            }
        }
    }

    pub(super) fn array<'a, 'i>(
        &mut self,
        f: &Fields<'a, 'i>,
        key: &str,
    ) -> Option<&'a [Value<'i>]> {
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
    pub(super) fn tables_in<'a, 'i>(
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
}

/// How to write `key` when its value has the wrong type, by the type expected.
fn type_hint(key: &str, expected: &str) -> String {
    match expected {
        "a string (in quotes)" => format!("put the value in double quotes: {key} = \"…\""),
        "a date" => format!("write a date without quotes: {key} = 2026-01-06"),
        "a local date and time" => {
            format!("write a local date and time without quotes: {key} = 2026-03-05T18:00")
        }
        "an array of role names" => {
            format!("list the names in brackets: {key} = [\"primary\", \"secondary\"]")
        }
        "an array" => format!("write a list in brackets: {key} = [ … ]"),
        "an array of strings" => format!("list the texts in brackets: {key} = [\"…\", \"…\"]"),
        "a table" => format!("write a table in braces: {key} = {{ … }}"),
        _ => format!("see docs/roster.md (or `man dw-roster`) for the form of `{key}`"),
    }
}
