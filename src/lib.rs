//! dw: an on-call tool for teams that keep their rotation in git.
//!
//! The binary is a thin shell over these modules; see `src/main.rs`.

mod analysis;
mod announce;
pub mod cli;
mod clients;
mod commands;
mod coverage;
mod edit;
pub mod error;
mod explain;
mod files;
mod handbook;
mod handoff;
pub mod http;
pub mod incident;
mod incident_start;
mod init;
mod interrupt;
pub mod invocation;
pub mod pagerduty;
mod plan;
mod remind;
mod render;
pub mod roster;
pub mod rotation;
pub mod slack;
mod stats;
pub mod sync;
#[cfg(test)]
mod test_support;
mod text;
mod turns;
pub mod validate;
mod when;

pub use commands::run;
pub use error::{report, Error, Result};
pub use render::terminal_safe;
