//! The roster file (see README.md, "The roster"): discovery, parsing and validation.
//!
//! - `model`: the validated roster, plain data (what the engine works on);
//! - `discover`: finding and reading the file, the only file-system code;
//! - `parse` and `sections`: the pure parser, which reports every problem it
//!   finds with a line and column;
//! - `lexical`: weekdays, times, ids and other small shapes;
//! - `covers`: reading `[[covers]]`;
//! - `diagnose`: the words of the override and cover conflicts the engine finds.

mod covers;
mod diagnose;
mod discover;
mod lexical;
pub mod model;
mod parse;
mod sections;

pub use diagnose::{describe_conflict, describe_cover_conflict, Wording};
pub use discover::{load, load_scoped, Search, MAX_ROSTER_BYTES};
pub use lexical::{closest, parse_hhmm, weekday_name};
pub use model::{
    ordinal, Away, Cover, Member, Override, PagerDutySettings, Roster, SlackSettings, Team,
    DEFAULT_ROLES,
};
pub use parse::{
    line_col, parse, parse_bytes, parse_bytes_scoped, parse_scoped, week_problems_error,
    WeekProblem,
};

#[cfg(test)]
mod tests;
