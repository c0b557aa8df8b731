//! The integration tests of `dw`: one test binary (`cargo test --test dw`),
//! one module per command or feature, one harness in `support` (read its
//! documentation before writing a test).
//!
//! Run a part with a filter on the module path, e.g.
//! `cargo test --test dw who::` or `cargo test --test dw http_faults::`.
//! The contract tests are ignored by default; `.ci/run` starts the Prism
//! mocks and runs `cargo test --test dw contract:: -- --ignored`.

mod support;

mod announce;
mod at;
mod attack;
mod check;
mod color;
mod completions;
mod completions_at;
mod contract;
mod contract_slack;
mod covers;
mod credentials;
mod discovery;
mod docs;
mod edit;
mod edit_lock;
mod examples;
mod explain;
mod handbook;
mod handoff;
mod hostile;
mod hostile_answers;
mod hostile_commands;
mod html;
mod html_roles;
mod http_faults;
mod ics;
mod incident;
mod incident_rerun;
mod init;
mod init_from_pagerduty;
mod install;
mod json_keys;
mod man;
mod markdown;
mod next;
mod output;
mod papercuts;
mod papercuts_edit;
mod papercuts_words;
mod plan;
mod prompts;
mod properties;
mod rejected_credentials;
mod remind;
mod roles;
mod roster_errors;
mod schedule;
mod scoped_problems;
mod standin;
mod standin_slack;
mod stats;
mod sync;
mod sync_failures;
mod sync_job;
mod sync_kill;
mod sync_with_people;
mod untrusted;
mod usage_errors;
mod who;
