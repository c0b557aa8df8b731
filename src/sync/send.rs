//! Sending one schedule's batch: its deletes, then its one POST, each step
//! recorded in the ledger before it is sent and each answer as it comes, so
//! a run killed at any instant is repaired by the next. What an answer
//! means is decided in [`super::apply`]; this only sends and records.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::error::Error;
use crate::http::Request;
use crate::pagerduty::{Deleted, ItemOutcome, PagerDuty, Reference, ScheduleOverride};

use super::apply::{Batch, CreateAnswer, DeleteAnswer, Outcome, RowOutcome};
use super::observe::{override_of, read_overrides};
use super::store::Journal;

/// The requests of a batch as a dry run shows them: its deletes, then its POST.
pub fn requests(pd: &PagerDuty<'_>, batch: &Batch, tz: chrono_tz::Tz) -> Vec<Request> {
    let mut out: Vec<Request> = batch
        .deletes
        .iter()
        .map(|d| pd.delete_override_request(&batch.schedule, &d.id))
        .collect();
    let all: Vec<usize> = (0..batch.creates.len()).collect();
    out.extend(post(pd, batch, &all, tz));
    out
}

/// An instant as PagerDuty is sent it: local time with its offset, to the second.
fn local(t: &DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    t.with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// The one batched POST of the creates `send` (indices in `batch.creates`), if any.
fn post(pd: &PagerDuty<'_>, batch: &Batch, send: &[usize], tz: chrono_tz::Tz) -> Option<Request> {
    let items: Vec<ScheduleOverride> = send
        .iter()
        .filter_map(|&c| batch.creates.get(c))
        .map(|c| ScheduleOverride {
            id: None,
            start: local(&c.wish.start, tz),
            end: local(&c.wish.end, tz),
            user: Reference {
                id: c.wish.user.clone(),
                ..Reference::default()
            },
        })
        .collect();
    (!items.is_empty()).then(|| pd.create_overrides_request(&batch.schedule, &items, tz.name()))
}

/// Send a batch: the deletes, then the creates whose deletes all went
/// through; after an answer that proves nothing, read the overrides again
/// (never send a POST or a DELETE twice). The ledger (`journal`) hears of
/// each step before it is sent (overrides being deleted, overrides about to
/// be created) and of each answer as it comes.
pub fn batch(
    pd: &PagerDuty<'_>,
    batch: &Batch,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
    journal: &Journal,
) -> Outcome {
    let reread = || read_overrides(pd, &batch.schedule, now, until).map_err(|e| e.to_string());
    let unrecorded = |e: Error| {
        format!(
            "not sent: dw could not first record it in its ledger ({})",
            e.one_line()
        )
    };
    if !batch.deletes.is_empty() {
        let marked = journal.update(|l, _| {
            for d in &batch.deletes {
                l.deleting(&d.id, true);
            }
        });
        if let Err(e) = marked {
            return batch.failed(&unrecorded(e));
        }
    }
    let answers = batch
        .deletes
        .iter()
        .map(
            |d| match pd.delete_override(&pd.delete_override_request(&batch.schedule, &d.id)) {
                Deleted::Done | Deleted::Gone => DeleteAnswer::Done,
                Deleted::Unknown(why) => DeleteAnswer::Unsure(why),
                Deleted::Failed(why) => DeleteAnswer::Failed(why),
            },
        )
        .collect();
    let mut after = batch.deletes_answered(answers);
    if after.needs_reread() {
        let again = reread();
        after.reread(batch, again.as_deref().map_err(String::as_str));
    }
    let (mut out, send) = after.finish(batch);
    let Some(req) = post(pd, batch, &send, tz) else {
        // A failure to save shows again in the final save.
        let _ = journal.update(|l, _| out.record(l, &batch.schedule, now));
        return out;
    };
    // The intents, before the POST: a run killed while PagerDuty holds the
    // answer leaves overrides the next run can prove are dw's.
    let intended = journal.update(|l, run| {
        out.record(l, &batch.schedule, now);
        for c in send.iter().filter_map(|&c| batch.creates.get(c)) {
            l.intend(&batch.schedule, &c.wish, run, now);
        }
    });
    if let Err(e) = intended {
        let why = unrecorded(e);
        for c in send.iter().filter_map(|&c| batch.creates.get(c)) {
            out.rows.push(RowOutcome::failed(c.row, why.clone()));
        }
        return out;
    }
    let answers = pd
        .create_overrides(&req, send.len())
        .into_iter()
        .map(|o| match o {
            ItemOutcome::Created(o) => CreateAnswer::Created {
                copy: override_of(&o),
                id: o.id.unwrap_or_default(),
            },
            ItemOutcome::Rejected(why) => CreateAnswer::Rejected(why),
            ItemOutcome::Unknown(why) => CreateAnswer::Unsure(why),
        })
        .collect();
    let unsure = batch.created(&mut out, &send, answers);
    // The answer, recorded at once (before any reread).
    let _ = journal.update(|l, _| out.record(l, &batch.schedule, now));
    if !unsure.is_empty() {
        let again = reread();
        batch.adopt(&mut out, unsure, again.as_deref().map_err(String::as_str));
        let _ = journal.update(|l, _| out.record(l, &batch.schedule, now));
    }
    out
}
