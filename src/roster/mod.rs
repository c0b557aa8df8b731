//! The roster file (see README.md, "The roster"): discovery, parsing and validation.
//!
//! - `model`: the validated roster, plain data (what the engine works on);
//! - `discover`: finding and reading the file, the only file-system code;
//! - `parse` and `sections`: the pure parser, which reports every problem it
//!   finds with a line and column;
//! - `lexical`: weekdays, times, ids and other small shapes;
//! - `diagnose`: the words of the override conflicts the engine finds.

mod diagnose;
mod discover;
mod lexical;
pub mod model;
mod parse;
mod sections;

pub use diagnose::{describe_conflict, Wording};
pub use discover::{load, Search, MAX_ROSTER_BYTES};
pub use lexical::{parse_hhmm, weekday_name};
pub use model::{
    ordinal, Away, Member, Override, PagerDutySettings, Roster, SlackSettings, Team, DEFAULT_ROLES,
};
pub use parse::{line_col, parse, parse_bytes};

#[cfg(test)]
mod tests;
