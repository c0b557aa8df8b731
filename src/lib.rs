//! dw: an on-call tool for teams that keep their rotation in git.
//!
//! The binary is a thin shell over these modules; see `src/main.rs`.

pub mod analysis;
pub mod announce;
pub mod cli;
pub mod clients;
pub mod commands;
pub mod coverage;
pub mod edit;
pub mod error;
pub mod explain;
pub mod files;
pub mod handbook;
pub mod handoff;
pub mod http;
pub mod incident;
pub mod incident_start;
pub mod init;
pub mod interrupt;
pub mod invocation;
pub mod pagerduty;
pub mod plan;
pub mod remind;
pub mod render;
pub mod roster;
pub mod rotation;
pub mod slack;
pub mod stats;
pub mod sync;
#[cfg(test)]
mod test_support;
pub mod text;
pub mod turns;
pub mod validate;
pub mod when;

pub use error::{report, Error, Result};
