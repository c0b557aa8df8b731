//! How the PagerDuty stand-in renders a schedule: its layers (spans, a
//! rotation, or PagerDuty's layers with turns across DST and restrictions)
//! overlaid by overrides into the final schedule, and the `schedule_layers`
//! of `GET /schedules/{id}`.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

use super::http::render;
use super::{Base, Held, Layer, Restriction, Schedule, Span, State};

impl State {
    /// Who is on call for `schedule` over [lo, hi): the last created override
    /// covering a moment, else the first base span; equal neighbours merged.
    pub(super) fn timeline(
        &self,
        schedule: &Schedule,
        lo: DateTime<Utc>,
        hi: DateTime<Utc>,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>, String)> {
        let overrides: Vec<&Held> = self
            .overrides
            .iter()
            .filter(|o| o.schedule == schedule.id)
            .collect();
        let base = base_spans(schedule, lo, hi);
        let mut cuts = vec![lo, hi];
        cuts.extend(overrides.iter().flat_map(|o| [o.start, o.end]));
        cuts.extend(base.iter().flat_map(|b| [b.start, b.end]));
        cuts.retain(|t| lo <= *t && *t <= hi);
        cuts.sort();
        cuts.dedup();
        let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>, String)> = Vec::new();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let user = overrides
                .iter()
                .rev()
                .find(|o| o.start <= a && a < o.end)
                .map(|o| o.user.clone())
                .or_else(|| {
                    base.iter()
                        .find(|s| s.start <= a && a < s.end)
                        .map(|s| s.user.clone())
                });
            let Some(user) = user else { continue };
            match spans.last_mut() {
                Some(last) if last.1 == a && last.2 == user => last.1 = b,
                _ => spans.push((a, b, user)),
            }
        }
        spans
    }

    /// The timeline entries overlapping [since, until): clipped, or whole
    /// (as far as a year beyond the window) with `overflow`.
    pub(super) fn entries(
        &self,
        schedule: &Schedule,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        overflow: bool,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>, String)> {
        if !overflow {
            return self.timeline(schedule, since, until);
        }
        let year = TimeDelta::days(366);
        self.timeline(schedule, since - year, until + year)
            .into_iter()
            .filter(|(a, b, _)| *a < until && *b > since)
            .collect()
    }

    /// `schedule_layers` of `GET /schedules/{id}`: each layer with its
    /// rendered entries in the window (none without one).
    pub(super) fn layers_json(
        &self,
        schedule: &Schedule,
        window: Option<(DateTime<Utc>, DateTime<Utc>)>,
        tz: Option<Tz>,
        overflow: bool,
    ) -> Vec<Value> {
        let entries = |spans: Vec<Span>| -> (Vec<Value>, Value) {
            let Some((since, until)) = window else {
                return (Vec::new(), Value::Null);
            };
            let mut covered = 0;
            let list = spans
                .iter()
                .filter(|s| s.start < until && s.end > since)
                .map(|s| {
                    covered += (s.end.min(until) - s.start.max(since)).num_seconds();
                    let (a, b) = if overflow { (s.start, s.end) } else { (s.start.max(since), s.end.min(until)) };
                    json!({"start": render(a, tz), "end": render(b, tz), "user": self.user_ref(&s.user)})
                })
                .collect();
            let whole = (until - since).num_seconds().max(1);
            (list, json!((covered * 1000 / whole) as f64 / 10.0))
        };
        let schedule_tz: Tz = schedule.time_zone.parse().unwrap_or(Tz::UTC);
        match &schedule.base {
            Base::Layers(layers) => layers
                .iter()
                .enumerate()
                .map(|(i, layer)| {
                    let spans = match window {
                        Some((since, until)) => layer_spans(layer, &schedule_tz, since, until),
                        None => Vec::new(),
                    };
                    let (rendered, coverage) = entries(spans);
                    let restrictions: Vec<Value> = layer
                        .restrictions
                        .iter()
                        .map(|r| {
                            let mut v = json!({
                                "type": r.kind,
                                "start_time_of_day": r.start_time_of_day.format("%H:%M:%S").to_string(),
                                "duration_seconds": r.duration_seconds,
                            });
                            if let Some(day) = r.start_day_of_week {
                                v["start_day_of_week"] = json!(day);
                            }
                            v
                        })
                        .collect();
                    let users: Vec<Value> = layer
                        .users
                        .iter()
                        .map(|u| json!({"user": self.user_ref(u)}))
                        .collect();
                    json!({
                        "id": format!("PL{}{}", schedule.id, i + 1),
                        "name": layer.name,
                        "start": render(layer.start, Some(schedule_tz)),
                        "end": layer.end.map(|e| render(e, Some(schedule_tz))),
                        "rotation_virtual_start": render(layer.rotation_virtual_start, Some(schedule_tz)),
                        "rotation_turn_length_seconds": layer.rotation_turn_length_seconds,
                        "users": users,
                        "restrictions": restrictions,
                        "rendered_schedule_entries": rendered,
                        "rendered_coverage_percentage": coverage,
                    })
                })
                .collect(),
            _ => {
                let spans = match window {
                    Some((since, until)) => base_spans(schedule, since, until),
                    None => Vec::new(),
                };
                let (rendered, _) = entries(spans);
                vec![json!({
                    "id": format!("L{}", schedule.id),
                    "name": "Layer 1",
                    "rendered_schedule_entries": rendered,
                })]
            }
        }
    }
}

/// A local wall-clock time in `tz`: the earlier instant when it is
/// ambiguous, an hour later when it falls in a gap.
fn local_instant(tz: &Tz, local: chrono::NaiveDateTime) -> DateTime<Utc> {
    tz.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(local + TimeDelta::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

/// Where turn `k` of `layer` begins: whole days keep the local time of the
/// virtual start in `tz`; other lengths are exact seconds.
fn turn_start(layer: &Layer, tz: &Tz, k: i64) -> DateTime<Utc> {
    let secs = layer.rotation_turn_length_seconds;
    if secs % 86_400 == 0 {
        let local = layer.rotation_virtual_start.with_timezone(tz).naive_local();
        local_instant(tz, local + TimeDelta::days(k * secs / 86_400))
    } else {
        layer.rotation_virtual_start + TimeDelta::seconds(k * secs)
    }
}

/// The windows of `restrictions` that touch [lo, hi), in `tz`.
fn restriction_windows(
    restrictions: &[Restriction],
    tz: &Tz,
    lo: DateTime<Utc>,
    hi: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let first: NaiveDate = lo.with_timezone(tz).date_naive() - TimeDelta::days(8);
    let last: NaiveDate = hi.with_timezone(tz).date_naive() + TimeDelta::days(1);
    let mut out = Vec::new();
    for r in restrictions {
        let mut d = first;
        while d <= last {
            let weekly = r.kind == "weekly_restriction";
            if !weekly || Some(d.weekday().number_from_monday()) == r.start_day_of_week {
                let a = local_instant(tz, d.and_time(r.start_time_of_day));
                let b = a + TimeDelta::seconds(r.duration_seconds);
                if a < hi && b > lo {
                    out.push((a, b));
                }
            }
            d += TimeDelta::days(1);
        }
    }
    out.sort();
    out
}

/// The spans of one layer that touch [lo, hi).
fn layer_spans(layer: &Layer, tz: &Tz, lo: DateTime<Utc>, hi: DateTime<Utc>) -> Vec<Span> {
    let secs = layer.rotation_turn_length_seconds;
    let n = layer.users.len() as i64;
    if n == 0 || secs <= 0 {
        return Vec::new();
    }
    let lo = lo.max(layer.start);
    let hi = layer.end.map_or(hi, |e| hi.min(e));
    if hi <= lo {
        return Vec::new();
    }
    let mut k = (lo - layer.rotation_virtual_start)
        .num_seconds()
        .div_euclid(secs)
        - 1;
    while turn_start(layer, tz, k + 1) <= lo {
        k += 1;
    }
    let windows = restriction_windows(&layer.restrictions, tz, lo, hi);
    let mut out = Vec::new();
    loop {
        let (a, b) = (turn_start(layer, tz, k), turn_start(layer, tz, k + 1));
        if a >= hi {
            break;
        }
        let user = layer.users[k.rem_euclid(n) as usize].clone();
        let (a, b) = (a.max(lo), b.min(hi));
        if layer.restrictions.is_empty() {
            out.push(Span {
                start: a,
                end: b,
                user,
            });
        } else {
            for (wa, wb) in &windows {
                let (s, e) = (a.max(*wa), b.min(*wb));
                if s < e {
                    out.push(Span {
                        start: s,
                        end: e,
                        user: user.clone(),
                    });
                }
            }
        }
        k += 1;
    }
    out
}

/// The base spans that touch [lo, hi); where several cover a moment, the
/// first listed wins (for layers: the last layer's spans come first).
fn base_spans(schedule: &Schedule, lo: DateTime<Utc>, hi: DateTime<Utc>) -> Vec<Span> {
    match &schedule.base {
        Base::Layers(layers) => {
            let tz: Tz = schedule.time_zone.parse().unwrap_or(Tz::UTC);
            layers
                .iter()
                .rev()
                .flat_map(|l| layer_spans(l, &tz, lo, hi))
                .collect()
        }
        Base::Spans(spans) => spans
            .iter()
            .filter(|s| s.start < hi && s.end > lo)
            .cloned()
            .collect(),
        Base::Rotation {
            start,
            length,
            users,
        } => {
            let secs = length.num_seconds();
            if users.is_empty() || secs <= 0 || hi <= *start {
                return Vec::new();
            }
            let first = ((lo - *start).num_seconds().max(0)) / secs;
            let mut out = Vec::new();
            let mut k = first;
            loop {
                let a = *start + TimeDelta::seconds(k * secs);
                if a >= hi {
                    break;
                }
                let user = users[(k as usize) % users.len()].clone();
                out.push(Span {
                    start: a,
                    end: a + TimeDelta::seconds(secs),
                    user,
                });
                k += 1;
            }
            out
        }
    }
}
