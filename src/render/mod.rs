//! Pure rendering: data in, `String` out. Tables, JSON, shell lines, iCalendar,
//! Slack messages, the calendar page. Renderers know nothing of the command line or the network.

mod analysis;
mod html;
mod ics;
mod json;
pub mod mrkdwn;
pub mod notes;
mod pagerduty;
mod plan;
pub mod remind;
mod schedule;
mod style;
mod team;
mod who;

pub use crate::text::terminal_safe;
pub use analysis::{analysis_decision, analysis_template, FromPagerDuty};
pub use html::{write_schedule_html, HtmlPage};
pub use ics::write_ics;
pub use json::ProblemJson;
pub use json::{json, week_json, write_json, write_schedule_json};
pub use pagerduty::{drift_table, sync_report, CheckRow, PagerDutyReport, SyncRowJson};
pub use plan::{net_turns_summary, plan_table, turns_summary, write_plan, Change, PlanShape, EVEN};
pub use schedule::{member_schedule_table, schedule_table};
pub use style::zone;
pub use style::{bold, finish, human, plural, rfc3339, table, TABLE_WIDTH};
pub use team::{
    explain_table, next_table, roles_shown, roles_table, stats_table, Counts, ExplainEntry,
    MemberNext, MemberStats, RoleJson, Stats, Turn, TurnCover,
};
pub use who::{shell_quote, who_env, who_field, who_table, who_tsv};
