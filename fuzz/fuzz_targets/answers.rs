//! Decoding PagerDuty and Slack answers must never panic, whatever the bytes,
//! and what it keeps must be safe to print: no control character but newline
//! and tab survives in any string, and redaction never lets a registered
//! secret through.
//!
//! Run: RUSTC_BOOTSTRAP=1 cargo fuzz run answers fuzz/corpus/answers fuzz/seeds-answers
#![no_main]

use dw::http::{decode_json, redact};
use dw::pagerduty::{decode, item_outcomes, Incident, ItemOutcome, LogEntry, Oncall, ScheduleOverride};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn safe(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

fn all_safe(v: &Value) -> bool {
    match v {
        Value::String(s) => safe(s),
        Value::Array(items) => items.iter().all(all_safe),
        Value::Object(map) => map.iter().all(|(k, v)| safe(k) && all_safe(v)),
        _ => true,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    if let Ok(v) = decode_json(&text) {
        assert!(all_safe(&v), "a control character survived decoding");
    }
    match dw::slack::decode_answer(&text) {
        Ok(v) => assert!(all_safe(&v)),
        Err(e) => assert!(safe(&e.to_string()), "an unsafe Slack error"),
    }

    #[derive(serde::Deserialize)]
    struct One {
        incident: Incident,
    }
    #[derive(serde::Deserialize)]
    struct Overrides {
        overrides: Vec<ScheduleOverride>,
    }
    if let Ok(one) = decode::<One>("GET /incidents/P1", &text) {
        assert!(safe(&one.incident.title) && safe(&one.incident.id));
        let _ = one.incident.assignees();
    }
    let _ = decode::<Vec<Incident>>("GET /incidents", &text);
    let _ = decode::<Vec<LogEntry>>("GET /log_entries", &text);
    let _ = decode::<Vec<Oncall>>("GET /oncalls", &text);
    if let Ok(o) = decode::<Overrides>("GET /schedules/P1/overrides", &text) {
        assert!(o.overrides.iter().all(|o| safe(&o.start) && safe(&o.end)));
    }

    // A batched override create: a creation only with an override id, and
    // every reason printable; one outcome per override sent, whatever came back.
    for status in [201, 200, 502] {
        let outcomes = item_outcomes(status, &text, 3);
        assert_eq!(outcomes.len(), 3);
        for o in outcomes {
            match o {
                ItemOutcome::Created(o) => {
                    assert!(status == 201 && o.id.as_deref().is_some_and(|id| !id.is_empty()))
                }
                ItemOutcome::Rejected(why) | ItemOutcome::Unknown(why) => assert!(safe(&why)),
            }
        }
    }

    // Redaction: a registered secret never survives, even inside a URL.
    redact::register("fuzz-SECRET-token");
    let shown = redact::clean(&format!("{text} Token token=fuzz-SECRET-token {text}"));
    assert!(!shown.contains("fuzz-SECRET-token"), "secret survived");
    let _ = dw::terminal_safe(&text);
});
