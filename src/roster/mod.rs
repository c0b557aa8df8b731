//! The roster file (see docs/roster.md): discovery, reading and parsing.
//! The checks that need the rotation engine (an override or a cover that
//! cannot apply in some week) are in `crate::validate`, above both.
//!
//! - `model`: the validated roster, plain data (what the engine works on);
//! - `discover`: finding and reading the file, the only file-system code;
//! - `parse` and `sections`: the pure parser, which reports every problem it
//!   finds with a line and column; `members`, `overrides` and `limits` are
//!   sections of it;
//! - `lexical`: weekdays, times, ids and other small shapes;
//! - `covers`: reading `[[covers]]`;
//! - `handbook`: reading `[duties]`, `[handoff]` and `[analysis]`;
//! - `refs`: the role and member fields overrides and covers share;
//! - `plain`: no string of the file holds control characters.

mod covers;
mod discover;
mod handbook;
mod lexical;
mod limits;
mod members;
pub mod model;
mod overrides;
mod parse;
mod plain;
mod refs;
mod sections;

pub use discover::{read_file, Search, MAX_ROSTER_BYTES};
pub use lexical::{did_you_mean, parse_hhmm, weekday_name};
pub use model::{
    ordinal, Away, Cover, Field, Handbook, Member, MemberIx, Override, PagerDutySettings, Rank,
    Roster, SlackSettings, Team, DEFAULT_ROLES,
};
pub use parse::{decode_utf8, line_col, read_text, roster_error, Parsed};

#[cfg(test)]
mod tests;
