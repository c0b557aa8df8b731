//! Loading a roster for the commands: read and parse it (`crate::roster`),
//! then check it week by week with the rotation engine (`crate::rotation`),
//! which finds the overrides and covers that cannot apply; `diagnose` words
//! what the engine finds. Above both, so that the roster reads alone and the
//! engine depends only on the roster's model.

mod diagnose;

use std::path::Path;

use chrono::NaiveDate;

use crate::error::{Diagnostic, RosterError};
use crate::roster::{self, line_col, Parsed, Roster};
use crate::rotation::{check_covers, check_overrides};

pub use diagnose::{describe_conflict, describe_cover_conflict, Wording};

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

/// The problems of `after` that `before` does not have, compared by week
/// and message (positions move when lines are added above): what an edit
/// introduces. Each problem of `before` excuses one equal problem of `after`.
pub fn introduced(before: &[WeekProblem], after: &[WeekProblem]) -> Vec<WeekProblem> {
    let mut left: Vec<(NaiveDate, &str)> = before
        .iter()
        .map(|p| (p.week, p.diagnostic.message.as_str()))
        .collect();
    after
        .iter()
        .filter(|p| {
            let key = (p.week, p.diagnostic.message.as_str());
            match left.iter().position(|k| *k == key) {
                Some(i) => {
                    left.swap_remove(i);
                    false
                }
                None => true,
            }
        })
        .cloned()
        .collect()
}

/// Read and validate the roster at `path`: a regular file only (a FIFO or a
/// device is refused without blocking), never more than
/// [`roster::MAX_ROSTER_BYTES`]. Strict: a rule broken in any week is an
/// error too.
pub fn load(path: &Path) -> Result<Roster, RosterError> {
    strict(load_scoped(path), &path.display().to_string())
}

/// Read and validate the roster at `path`, keeping rules broken only in some
/// weeks apart from the roster. The only file read in dw.
pub fn load_scoped(path: &Path) -> Result<(Roster, Vec<WeekProblem>), RosterError> {
    let bytes = roster::read_file(path)?;
    parse_bytes_scoped(&bytes, &path.display().to_string())
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
    parse_scoped(roster::decode_utf8(bytes, path)?, path)
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
    let parsed = roster::read_text(text, path)?;
    let mut problems = week_problems(text, &parsed);
    let Parsed {
        roster, mut errors, ..
    } = parsed;
    if errors.is_empty() {
        problems.sort_by_key(|p| p.diagnostic.position);
        Ok((roster, problems))
    } else {
        // The file is broken anyway: report everything at once.
        errors.extend(problems.into_iter().map(|p| p.diagnostic));
        Err(roster::roster_error(path, errors))
    }
}

/// The overrides, then the covers, that cannot apply in some week, each at
/// the position of its entry in `text`.
fn week_problems(text: &str, parsed: &Parsed) -> Vec<WeekProblem> {
    let roster = &parsed.roster;
    let mut problems = Vec::new();
    for conflict in check_overrides(roster) {
        let span = parsed
            .override_spans
            .get(conflict.index)
            .cloned()
            .unwrap_or(0..0);
        let wording = describe_conflict(roster, &conflict);
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
    for conflict in check_covers(roster) {
        let span = parsed
            .cover_spans
            .get(conflict.index)
            .cloned()
            .unwrap_or(0..0);
        let wording = describe_cover_conflict(roster, &conflict);
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
    problems
}

/// Week problems as errors: what a command that must not skip a week sees.
fn strict(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(week: &str, message: &str, line: usize) -> WeekProblem {
        WeekProblem {
            week: week.parse().expect("a date"),
            diagnostic: Diagnostic {
                position: Some((line, 1)),
                message: message.to_string(),
                hint: None,
            },
        }
    }

    #[test]
    fn introduced_keeps_only_new_problems_whatever_their_position() {
        let before = [
            problem("2026-09-01", "bob is away that week", 10),
            problem("2026-09-08", "bob is away that week", 12),
        ];
        let after = [
            // Moved down two lines by the edit: the same problem.
            problem("2026-09-01", "bob is away that week", 12),
            // Same message, another week: new.
            problem("2026-02-03", "bob is away that week", 14),
            // Same week, another message: new.
            problem("2026-09-08", "ada is away that week", 16),
            problem("2026-09-08", "bob is away that week", 18),
        ];
        let new = introduced(&before, &after);
        let keys: Vec<(String, &str)> = new
            .iter()
            .map(|p| (p.week.to_string(), p.diagnostic.message.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                ("2026-02-03".to_string(), "bob is away that week"),
                ("2026-09-08".to_string(), "ada is away that week"),
            ]
        );
        assert!(introduced(&after, &before).is_empty());
        // A problem that appears twice after but once before is new once.
        let twice = [after[0].clone(), after[0].clone()];
        assert_eq!(introduced(&before, &twice).len(), 1);
    }
}
