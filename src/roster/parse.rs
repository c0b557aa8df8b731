//! Parsing roster text: the spanned-TOML walker `Cx` that records every
//! problem with its position, and the entry points `parse` and `parse_bytes`.
//! Pure: no file system. The sections themselves are read in `sections.rs`.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::diagnose::{describe_conflict, describe_cover_conflict};
use super::lexical::{closest, looks_like_secret};
use super::model::Roster;
use crate::error::{Diagnostic, RosterError};

/// A rule the roster breaks only in one week (an override that does not fit
/// that week): the roster still loads, and the rotation ignores that override
/// in that week. `dw check` fails on it; other commands warn and carry on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekProblem {
    /// A date of the week the problem is in: the date an override names,
    /// or the day a cover begins.
    pub week: NaiveDate,
    pub diagnostic: Diagnostic,
}

/// Every week problem as one roster error (what `dw check` reports).
pub fn week_problems_error(path: &str, problems: &[WeekProblem]) -> RosterError {
    RosterError {
        path: path.to_string(),
        diagnostics: problems.iter().map(|p| p.diagnostic.clone()).collect(),
    }
}

/// Validate raw bytes as a roster; `path` is only used in messages. Strict:
/// a rule broken in any week is an error too.
pub fn parse_bytes(bytes: &[u8], path: &str) -> Result<Roster, RosterError> {
    strict(parse_bytes_scoped(bytes, path), path)
}

/// Validate raw bytes as a roster, keeping rules broken in some weeks apart.
pub fn parse_bytes_scoped(
    bytes: &[u8],
    path: &str,
) -> Result<(Roster, Vec<WeekProblem>), RosterError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_scoped(text, path),
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

/// Week problems as errors: what a command that must not skip a week sees.
pub(super) fn strict(
    parsed: Result<(Roster, Vec<WeekProblem>), RosterError>,
    path: &str,
) -> Result<Roster, RosterError> {
    let (roster, problems) = parsed?;
    if problems.is_empty() {
        Ok(roster)
    } else {
        Err(week_problems_error(path, &problems))
    }
}

/// Parse and validate roster text. Reports every problem found; strict: a
/// rule broken in any week is an error too.
pub fn parse(text: &str, path: &str) -> Result<Roster, RosterError> {
    strict(parse_scoped(text, path), path)
}

/// Parse and validate roster text. A file that cannot be read as a roster is
/// an error (with every problem found); a rule broken only in some weeks is
/// returned beside the roster.
pub fn parse_scoped(text: &str, path: &str) -> Result<(Roster, Vec<WeekProblem>), RosterError> {
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
        // others did not (every error is reported at once).
        Some((roster, override_spans, cover_spans)) => {
            let mut problems = Vec::new();
            for conflict in crate::rotation::check_overrides(&roster) {
                let span = override_spans.get(conflict.index).cloned().unwrap_or(0..0);
                let wording = describe_conflict(&roster, &conflict);
                let hint = wording.hint;
                problems.push(WeekProblem {
                    week: roster.overrides[conflict.index].week,
                    diagnostic: Diagnostic {
                        position: Some(line_col(text, span.start)),
                        message: wording.message,
                        hint: (!hint.is_empty()).then_some(hint),
                    },
                });
            }
            for conflict in crate::rotation::check_covers(&roster) {
                let span = cover_spans.get(conflict.index).cloned().unwrap_or(0..0);
                let wording = describe_cover_conflict(&roster, &conflict);
                let hint = wording.hint;
                problems.push(WeekProblem {
                    week: roster.covers[conflict.index].from.date(),
                    diagnostic: Diagnostic {
                        position: Some(line_col(text, span.start)),
                        message: wording.message,
                        hint: (!hint.is_empty()).then_some(hint),
                    },
                });
            }
            if cx.diags.is_empty() {
                problems.sort_by_key(|p| p.diagnostic.position);
                Ok((roster, problems))
            } else {
                // The file is broken anyway: report everything at once.
                cx.diags.extend(problems.into_iter().map(|p| p.diagnostic));
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

    pub(super) fn error(
        &mut self,
        span: Span,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let hint = hint.into();
        let position = self.position(span.start);
        self.diags.push(Diagnostic {
            position: Some(position),
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
            "",
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
