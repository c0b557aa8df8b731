//! `dw sync pagerduty`: make the PagerDuty schedules say what the roster says,
//! around the overrides people made.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Timelike, Utc};

use crate::cli::SyncArgs;
use crate::error::{Error, Result};
use crate::http::Request;
use crate::pagerduty::{ApiError, Deleted, ItemOutcome, PagerDuty, Reference, ScheduleOverride};
use crate::render;
use crate::sync::{self, store, Ledger, Observed, Override, Row, Shift, Span, Status};

use super::{services, Context};

/// The longest window dw asks PagerDuty to render at once.
const WINDOW_DAYS: i64 = 90;

fn instant(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// An override as PagerDuty gave it, if it has an id and readable times.
fn override_of(o: &ScheduleOverride) -> Option<Override> {
    Some(Override {
        id: o.id.clone().filter(|id| !id.is_empty())?,
        user: o.user.id.clone(),
        start: instant(&o.start)?,
        end: instant(&o.end)?,
    })
}

/// The roster's spans for the next `weeks` weeks, or exit 2 naming a member without a PagerDuty ID.
pub fn wishes(ctx: &Context, weeks: usize) -> Result<Vec<Span>> {
    if ctx.roster.pagerduty.schedules.is_empty() {
        return Err(Error::usage(
            "the roster has no [pagerduty] schedules to compare",
            "add schedules = { primary = \"PXXXXXX\", secondary = \"PYYYYYY\" } under [pagerduty]",
        ));
    }
    let rot = ctx.rotation();
    let first = ctx.current_week(&rot)?;
    let list = rot.weeks(first..first + weeks);
    sync::spans(&rot, &list).map_err(|e| {
        let hint = format!(
            "add pagerduty = \"PXXXXXX\" to member \"{}\" in the roster",
            e.member
        );
        Error::usage(e.to_string(), hint)
    })
}

/// Now, to the whole second (PagerDuty's precision).
pub fn now_s(ctx: &Context) -> DateTime<Utc> {
    ctx.now.with_nanosecond(0).unwrap_or(ctx.now)
}

/// `[since, until)` cut into windows of at most [`WINDOW_DAYS`].
fn windows(since: DateTime<Utc>, until: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut out = Vec::new();
    let mut from = since;
    while from < until {
        let to = (from + Duration::days(WINDOW_DAYS)).min(until);
        out.push((from, to));
        from = to;
    }
    out
}

/// The overrides of one schedule over `[since, until)`, each whole, read in
/// windows PagerDuty accepts (at once); one crossing windows is listed once.
fn read_overrides(
    pd: &PagerDuty<'_>,
    schedule: &str,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<Override>> {
    let parts: Vec<Result<Vec<ScheduleOverride>>> = std::thread::scope(|s| {
        let handles: Vec<_> = windows(since, until)
            .into_iter()
            .map(|(a, b)| {
                s.spawn(move || {
                    pd.overrides(schedule, &a.to_rfc3339(), &b.to_rfc3339())
                        .map_err(Error::from)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Error::service("PagerDuty: a request thread failed")))
            })
            .collect()
    });
    let mut out: Vec<Override> = Vec::new();
    for part in parts {
        for o in part?.iter().filter_map(override_of) {
            if !out.iter().any(|seen| seen.id == o.id) {
                out.push(o);
            }
        }
    }
    Ok(out)
}

/// What PagerDuty shows for one schedule over `[since, until)`: its overrides
/// and its final schedule, rendered in windows PagerDuty accepts.
fn observe_one(
    pd: &PagerDuty<'_>,
    schedule: &str,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Observed> {
    let windows = windows(since, until);
    let (overrides, shifts) = std::thread::scope(|s| {
        let overrides = s.spawn(|| read_overrides(pd, schedule, since, until));
        let parts: Vec<_> = windows
            .iter()
            .map(|(a, b)| {
                s.spawn(move || pd.final_schedule(schedule, &a.to_rfc3339(), &b.to_rfc3339()))
            })
            .collect();
        let mut shifts = Vec::new();
        let mut failed = None;
        for p in parts {
            match p.join() {
                Ok(Ok(entries)) => shifts.extend(entries.iter().filter_map(|e| {
                    Some(Shift {
                        start: instant(&e.start)?,
                        end: instant(&e.end)?,
                        user: e.user.as_ref()?.id.clone(),
                    })
                })),
                Ok(Err(e)) => failed = Some(e),
                Err(_) => {
                    failed = Some(ApiError::Answer {
                        what: "reads".into(),
                        detail: "a request thread failed".into(),
                    })
                }
            }
        }
        let overrides = overrides
            .join()
            .unwrap_or_else(|_| Err(Error::service("PagerDuty: a request thread failed")));
        (overrides, failed.map_or(Ok(shifts), Err))
    });
    Ok(Observed {
        overrides: overrides?,
        shifts: shifts?,
    })
}

/// Read every schedule at once (one thread each).
pub fn observe(
    pd: &PagerDuty<'_>,
    schedules: &[String],
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<Observed>> {
    std::thread::scope(|s| {
        let handles: Vec<_> = schedules
            .iter()
            .map(|id| s.spawn(move || observe_one(pd, id, since, until)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Error::service("PagerDuty: a request thread failed")))
            })
            .collect()
    })
}

/// The schedules of the roster, each once, in role order.
fn schedules(ctx: &Context) -> Vec<String> {
    let mut roles: Vec<(&String, &String)> = ctx.roster.pagerduty.schedules.iter().collect();
    roles.sort_by_key(|(role, _)| ctx.roster.rank_of(role));
    let mut out: Vec<String> = Vec::new();
    for (_, id) in roles {
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

/// Rows of every schedule in time order (then rank), removals last.
fn order(ctx: &Context, rows: &mut [Row]) {
    rows.sort_by_key(|r| {
        (
            r.status == Status::Removed,
            r.week,
            ctx.roster.rank_of(&r.role),
            r.from,
        )
    });
}

/// The plan for the next `weeks` weeks: read PagerDuty, reconcile `ledger`
/// with what it lists, and compare. Shared by `sync` and `check --pagerduty`.
pub fn compare(
    ctx: &Context,
    pd: &PagerDuty<'_>,
    spans: &[Span],
    ledger: &mut Ledger,
) -> Result<(Vec<String>, Vec<Observed>, Vec<Row>)> {
    let now = now_s(ctx);
    let until = spans.iter().map(|s| s.to).max().unwrap_or(now).max(now);
    let ids = schedules(ctx);
    let observed = observe(pd, &ids, now, until)?;
    let mut rows = Vec::new();
    for (id, seen) in ids.iter().zip(&observed) {
        ledger.reconcile(id, &seen.overrides, now, until, now);
        let planned = sync::plan(spans, id, seen, ledger, now);
        let used: Vec<&str> = planned
            .iter()
            .filter_map(|r| r.override_id.as_deref())
            .collect();
        ledger.drop_unused_tombstones(id, now, until, &used);
        rows.extend(planned);
    }
    order(ctx, &mut rows);
    Ok((ids, observed, rows))
}

/// The ledger of the PagerDuty account `pd` talks to (read-only use).
pub fn ledger_file(pd: &PagerDuty<'_>) -> Result<std::path::PathBuf> {
    Ok(store::ledger_path(&store::state_dir()?, pd.base_url()))
}

/// Plan, print, and (unless --dry-run) apply the overrides.
pub fn run(ctx: &Context, args: &SyncArgs) -> Result<()> {
    let spans = wishes(ctx, args.weeks as usize)?;
    let token = services::pagerduty_token("dw sync pagerduty reads and writes the schedules")?;
    let http = services::http(ctx)?;
    let pd = services::pagerduty(&http, token, None)?;
    if spans.is_empty() {
        return super::print("Nothing to sync: no week has a rank with a schedule.\n");
    }
    let path = ledger_file(&pd)?;
    // A dry run changes nothing, so it needs no lock.
    let _lock = if args.dry_run {
        None
    } else {
        // A warning, shown even with --quiet.
        Some(store::lock(&path, &|w| eprintln!("{w}"))?)
    };
    let mut ledger = store::load(&path)?;
    let (ids, observed, mut rows) = compare(ctx, &pd, &spans, &mut ledger)?;
    let tz = ctx.roster.team.timezone;
    let batches: Vec<Batch> = ids
        .iter()
        .zip(&observed)
        .map(|(id, seen)| Batch::new(&pd, id, seen, &rows, tz))
        .collect();
    if args.dry_run {
        let shown: Vec<Request> = batches.iter().flat_map(Batch::requests).collect();
        let mut out = report(ctx, &rows, true, &shown);
        // With --json the requests are in the JSON: stdout stays one document.
        if !ctx.global.json {
            out.extend(shown.iter().map(services::dry_run));
        }
        return super::print(&out);
    }
    let now = now_s(ctx);
    let until = spans.iter().map(|s| s.to).max().unwrap_or(now).max(now);
    // Each schedule on its own thread: its deletes, then its one POST.
    let results: Vec<Outcome> = std::thread::scope(|s| {
        let handles: Vec<_> = batches
            .iter()
            .map(|b| s.spawn(|| b.apply(&pd, now, until)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    for (batch, outcome) in batches.iter().zip(results) {
        for id in &outcome.gone {
            ledger.remove(id);
        }
        for o in &outcome.created {
            ledger.add(&batch.schedule, o, now);
        }
        for (row, status, id, error) in outcome.rows {
            let r = &mut rows[row];
            r.status = status;
            if id.is_some() {
                r.override_id = id;
            }
            if error.is_some() {
                r.error = error;
            }
        }
    }
    store::save(&path, &ledger)?;
    super::print(&report(ctx, &rows, false, &[]))?;
    let failed = rows.iter().filter(|r| r.status == Status::Failed).count();
    if failed > 0 {
        return Err(Error::service(format!(
            "PagerDuty did not take {failed} change(s); the table above says which and why"
        ))
        .with_hint("run `dw sync pagerduty` again: it only does what is still missing"));
    }
    Ok(())
}

/// One schedule's writes: deletes of dw's own overrides, then one batched POST.
struct Batch {
    schedule: String,
    /// (override id, the rows that wait for it) – removed rows and replaced rows.
    deletes: Vec<(String, Request, Vec<usize>)>,
    /// Rows to create, in the order of the POST's items.
    creates: Vec<(usize, Override)>,
    post: Option<Request>,
    /// The override ids PagerDuty listed before writing.
    before: BTreeSet<String>,
    /// The overrides PagerDuty listed before writing.
    listed: Vec<Override>,
}

/// What happened to a batch: (row, new status, override id, error) and ledger changes.
#[derive(Default)]
struct Outcome {
    rows: Vec<(usize, Status, Option<String>, Option<String>)>,
    gone: Vec<String>,
    created: Vec<Override>,
}

impl Batch {
    fn new(
        pd: &PagerDuty<'_>,
        schedule: &str,
        seen: &Observed,
        rows: &[Row],
        tz: chrono_tz::Tz,
    ) -> Batch {
        let mut deletes: Vec<(String, Request, Vec<usize>)> = Vec::new();
        let mut creates = Vec::new();
        for (i, r) in rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.schedule == schedule)
        {
            let waits: Vec<&String> = match r.status {
                Status::Removed => r.override_id.iter().collect(),
                Status::Replaced => r.replaces.iter().collect(),
                _ => Vec::new(),
            };
            for id in waits {
                match deletes.iter_mut().find(|(d, _, _)| d == id) {
                    Some((_, _, rows)) => rows.push(i),
                    None => deletes.push((
                        id.clone(),
                        pd.delete_override_request(schedule, id),
                        vec![i],
                    )),
                }
            }
            if matches!(r.status, Status::Created | Status::Replaced) {
                creates.push((
                    i,
                    Override {
                        id: String::new(),
                        user: r.user.clone(),
                        start: r.from,
                        end: r.to,
                    },
                ));
            }
        }
        let items: Vec<ScheduleOverride> = creates
            .iter()
            .map(|(_, o)| ScheduleOverride {
                id: None,
                start: render::rfc3339(&o.start.with_timezone(&tz)),
                end: render::rfc3339(&o.end.with_timezone(&tz)),
                user: Reference {
                    id: o.user.clone(),
                    ..Reference::default()
                },
            })
            .collect();
        let post =
            (!items.is_empty()).then(|| pd.create_overrides_request(schedule, &items, tz.name()));
        Batch {
            schedule: schedule.to_string(),
            deletes,
            creates,
            post,
            before: seen.overrides.iter().map(|o| o.id.clone()).collect(),
            listed: seen.overrides.clone(),
        }
    }

    fn requests(&self) -> Vec<Request> {
        let mut out: Vec<Request> = self.deletes.iter().map(|(_, r, _)| r.clone()).collect();
        out.extend(self.post.clone());
        out
    }

    /// Send the deletes, then the creates whose deletes all went through; after
    /// an answer that proves nothing, read the overrides again and adopt the
    /// new ones that are exactly what was sent (never send a POST twice).
    fn apply(&self, pd: &PagerDuty<'_>, now: DateTime<Utc>, until: DateTime<Utc>) -> Outcome {
        let mut out = Outcome::default();
        let mut blocked: Vec<(usize, String)> = Vec::new();
        let mut unsure: Vec<(&String, &Vec<usize>, String)> = Vec::new();
        let done = |out: &mut Outcome, id: &String, rows: &Vec<usize>| {
            out.gone.push(id.clone());
            for &r in rows {
                out.rows.push((r, Status::Removed, Some(id.clone()), None));
            }
        };
        for (id, req, rows) in &self.deletes {
            match pd.delete_override(req) {
                Deleted::Done | Deleted::Gone => done(&mut out, id, rows),
                Deleted::Unknown(why) => unsure.push((id, rows, why)),
                Deleted::Failed(why) => {
                    for &r in rows {
                        blocked.push((r, format!("deleting dw's override {id} failed, so its replacement was not sent: {why}")));
                    }
                }
            }
        }
        // A DELETE PagerDuty may have applied is not sent twice: the overrides
        // are read again; gone, or ended early (one in progress ends now), is done.
        if !unsure.is_empty() {
            let again = read_overrides(pd, &self.schedule, now, until);
            for (id, rows, why) in unsure {
                let before = self.listed.iter().find(|o| o.id == *id);
                let after = again.as_ref().map(|list| list.iter().find(|o| o.id == *id));
                match after {
                    Ok(after) if sync::delete_took_effect(before, after) => {
                        done(&mut out, id, rows)
                    }
                    Ok(_) => {
                        for &r in rows {
                            blocked.push((r, format!("deleting dw's override {id} failed, so its replacement was not sent: {why}; it is still in PagerDuty")));
                        }
                    }
                    Err(e) => {
                        for &r in rows {
                            blocked.push((r, format!("deleting dw's override {id} failed, so its replacement was not sent: {why}; reading the overrides again failed: {e}")));
                        }
                    }
                }
            }
        }
        // Removed rows keep their status; replaced rows get theirs from the POST.
        out.rows
            .retain(|(r, _, _, _)| !self.creates.iter().any(|(c, _)| c == r));
        for (r, why) in &blocked {
            out.rows.push((*r, Status::Failed, None, Some(why.clone())));
        }
        let send: Vec<&(usize, Override)> = self
            .creates
            .iter()
            .filter(|(r, _)| !blocked.iter().any(|(b, _)| b == r))
            .collect();
        if send.is_empty() {
            return out;
        }
        let req = if send.len() == self.creates.len() {
            match &self.post {
                Some(req) => req.clone(),
                None => return out,
            }
        } else {
            let Some(mut req) = self.post.clone() else {
                return out;
            };
            // Only the items whose deletes went through.
            if let Some(items) = req
                .body
                .as_mut()
                .and_then(|b| b.get_mut("overrides"))
                .and_then(|v| v.as_array_mut())
            {
                let keep: Vec<serde_json::Value> = self
                    .creates
                    .iter()
                    .zip(items.iter())
                    .filter(|((r, _), _)| !blocked.iter().any(|(b, _)| b == r))
                    .map(|(_, v)| v.clone())
                    .collect();
                *items = keep;
            }
            req
        };
        let outcomes = pd.create_overrides(&req, send.len());
        let mut unknown: Vec<(usize, &Override, String, Status)> = Vec::new();
        for ((row, sent), outcome) in send.iter().zip(outcomes) {
            let status = if self.deletes.iter().any(|(_, _, rows)| rows.contains(row)) {
                Status::Replaced
            } else {
                Status::Created
            };
            match outcome {
                ItemOutcome::Created(o) => {
                    let made = override_of(&o).map(|mut m| {
                        // PagerDuty's copy, or what was sent where it gave none.
                        if m.user.is_empty() {
                            m.user = sent.user.clone();
                        }
                        m
                    });
                    let made = made.unwrap_or(Override {
                        id: o.id.clone().unwrap_or_default(),
                        ..sent.clone()
                    });
                    out.rows.push((*row, status, Some(made.id.clone()), None));
                    out.created.push(made);
                }
                ItemOutcome::Rejected(why) => {
                    out.rows.push((*row, Status::Failed, None, Some(why)))
                }
                ItemOutcome::Unknown(why) => unknown.push((*row, sent, why, status)),
            }
        }
        if unknown.is_empty() {
            return out;
        }
        let again = read_overrides(pd, &self.schedule, now, until);
        let mut adopted: BTreeSet<String> = out.created.iter().map(|o| o.id.clone()).collect();
        for (row, sent, why, status) in unknown {
            let found = again.as_ref().ok().and_then(|list| {
                list.iter().find(|o| {
                    !self.before.contains(&o.id)
                        && !adopted.contains(&o.id)
                        && o.user == sent.user
                        && o.start == sent.start
                        && o.end == sent.end
                })
            });
            match found {
                Some(o) => {
                    adopted.insert(o.id.clone());
                    out.rows.push((row, status, Some(o.id.clone()), None));
                    out.created.push(o.clone());
                }
                None => {
                    let reread = match &again {
                        Ok(_) => "and it is not in PagerDuty".to_string(),
                        Err(e) => format!("and reading the overrides again failed: {e}"),
                    };
                    out.rows
                        .push((row, Status::Failed, None, Some(format!("{why}, {reread}"))));
                }
            }
        }
        out
    }
}

fn report(ctx: &Context, rows: &[Row], dry_run: bool, requests: &[Request]) -> String {
    if ctx.global.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            dry_run: bool,
            rows: Vec<serde_json::Value>,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            requests: Vec<services::Shown<'a>>,
        }
        let requests = services::shown(requests);
        // A dry run's rows say what would happen (`would_create`), never what did.
        let rows = rows
            .iter()
            .map(|r| {
                let mut v = serde_json::to_value(r).unwrap_or_default();
                v["status"] = render::status_key(r.status, dry_run).into();
                v
            })
            .collect();
        return super::json(&Out {
            dry_run,
            rows,
            requests,
        });
    }
    render::sync_report(
        &ctx.roster,
        rows,
        dry_run,
        ctx.global.verbose,
        ctx.roster.team.timezone,
    )
}
