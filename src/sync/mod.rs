//! Roster versus PagerDuty: the spans the roster wants, the overrides dw can
//! prove are its own, and the plan that reconciles them. `job` is one sync
//! in order; `observe` reads PagerDuty and `send` writes to it; `store` keeps
//! the ledger file and its lock; the rest is pure (`apply` decides what each
//! answer means).

pub(crate) mod apply;
pub(crate) mod desired;
pub mod job;
pub(crate) mod ledger;
pub(crate) mod observe;
pub(crate) mod reconcile;
pub(crate) mod scope;
pub(crate) mod send;
pub(crate) mod store;

pub use desired::{spans, NoPagerDutyUser, Span};
pub use ledger::{Entry, Ledger, Override};
pub use reconcile::{delete_took_effect, plan, Observed, Row, Shift, Status};
