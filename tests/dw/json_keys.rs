//! Every `--json` output of every command is one JSON document whose objects
//! have no repeated key. `serde_json::Value` keeps the last of two equal keys
//! silently (so do most readers), so the check walks the text with its own
//! `Visitor` over `serde_json::Deserializer` and fails on the second one:
//! a dozen lines, no extra crate.

use std::collections::BTreeSet;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};

use crate::support::truth::{self as pds, standin, TEAM};
use crate::support::{Run, Sandbox, AT, BUNDLED};

/// Any JSON value; a map fails on its first repeated key.
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Strict)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Strict)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(A::Error::custom(format!("duplicate key \"{key}\"")));
            }
            map.next_value_seed(Strict)?;
        }
        Ok(())
    }
}

/// `text` is exactly one JSON document without repeated keys.
pub fn strict_json(text: &str) -> Result<(), String> {
    let mut de = serde_json::Deserializer::from_str(text);
    Strict.deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())
}

fn assert_strict(what: &str, run: &Run) {
    if let Err(e) = strict_json(&run.stdout) {
        panic!(
            "{what} (exit {}): {e}\n--- stdout\n{}\n--- stderr\n{}",
            run.code, run.stdout, run.stderr
        );
    }
}

#[test]
fn the_checker_rejects_repeated_keys_and_accepts_the_rest() {
    assert!(strict_json(r#"{"a":1,"b":[{"c":null,"d":"x"}]}"#).is_ok());
    assert!(strict_json(r#"[1,2.5,-3,true,"s"]"#).is_ok());
    let err = strict_json(r#"{"m":[{"rank":1,"kind":"holds","rank":1}]}"#).unwrap_err();
    assert!(err.contains("duplicate key \"rank\""), "{err}");
    assert!(strict_json("{} {}").is_err(), "two documents");
    assert!(strict_json("").is_err());
}

/// Every command that runs without an outside service, with `--json`, and the
/// exit code it must have.
#[test]
fn every_offline_json_output_has_unique_keys() {
    let bundled = Sandbox::with(BUNDLED);
    let cases: &[(&[&str], i32)] = &[
        (&["--json", "who"], 0),
        (&["--json", "who", "--role", "secondary"], 0),
        (&["who", "--format", "json"], 0),
        (&["--json", "schedule", "--weeks", "3"], 0),
        (
            &["--json", "schedule", "--member", "grace", "--weeks", "3"],
            0,
        ),
        (&["--json", "next"], 0),
        (&["--json", "next", "ada"], 0),
        (&["--json", "roles"], 0),
        (&["--json", "stats"], 0),
        (&["--json", "check", "--weeks", "8"], 0),
        (&["--json", "explain"], 0),
        (&["--json", "explain", "ada"], 0),
        (&["--json", "announce"], 0),
        (&["--json", "handoff"], 0),
        (
            &[
                "--json",
                "plan",
                "roster.toml",
                "roster.toml",
                "--weeks",
                "4",
            ],
            0,
        ),
        (&["--json", "incident", "analysis", "--rolled-back"], 0),
        (
            &[
                "--json",
                "incident",
                "analysis",
                "--rolled-back",
                "--testing-phase",
                "--service",
                "docs",
            ],
            0,
        ),
        (
            &[
                "--json",
                "incident",
                "start",
                "--title",
                "DB down",
                "--as",
                "ada",
                "--yes",
                "--dry-run",
            ],
            0,
        ),
        (
            &[
                "--json",
                "announce",
                "--post",
                "--topic",
                "--group",
                "--dry-run",
            ],
            0,
        ),
        (&["--json", "handoff", "--post", "--dry-run"], 0),
    ];
    for (args, code) in cases {
        let run = bundled.dw(args).run();
        run.code(*code);
        assert_strict(&format!("dw {}", args.join(" ")), &run);
    }
    // A broken roster is still a JSON answer of `check --json`.
    let broken = Sandbox::empty().roster("bad.toml").at(AT);
    let run = broken.dw(&["--json", "check"]).run();
    run.code(2);
    assert_strict("dw --json check (broken roster)", &run);
    // Problems in the weeks ahead, and a member who left.
    let nobody = Sandbox::empty().roster("nobody.toml").at("2026-01-20");
    let run = nobody.dw(&["--json", "check", "--weeks", "8"]).run();
    run.code(2);
    assert_strict("dw --json check (nobody)", &run);
    let left = Sandbox::empty().roster("truth-left.toml").at("2026-06-02");
    for args in [&["--json", "next", "cy"][..], &["--json", "explain"]] {
        let run = left.dw(args).run();
        run.code(0);
        assert_strict(&format!("dw {}", args.join(" ")), &run);
    }
}

/// The keys of `v`, an object, in order.
fn keys_of(v: &serde_json::Value) -> Vec<&str> {
    let mut keys: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// `check --json`'s keys, pinned: the report's, and every problem's and
/// warning's (one shape for all, with `null` where a field does not apply).
#[test]
fn check_json_keys_are_pinned() {
    const PROBLEM: [&str; 7] = [
        "column", "file", "hint", "line", "message", "to_week", "week",
    ];
    const CHECKED: [&str; 6] = [
        "from_week",
        "ok",
        "problems",
        "roster",
        "to_week",
        "warnings",
    ];
    const BROKEN: [&str; 4] = ["ok", "problems", "roster", "warnings"];
    let cases = [
        (Sandbox::with(BUNDLED), 0, &CHECKED[..]),
        (
            Sandbox::empty().roster("nobody.toml").at("2026-01-20"),
            2,
            &CHECKED[..],
        ),
        (Sandbox::empty().roster("bad.toml").at(AT), 2, &BROKEN[..]),
        (
            Sandbox::empty().roster("bad_override.toml").at(AT),
            2,
            &BROKEN[..],
        ),
    ];
    let mut seen = 0;
    for (sandbox, code, report) in cases {
        let run = sandbox.dw(&["--json", "check", "--weeks", "8"]).run();
        run.code(code);
        assert_strict("dw --json check", &run);
        let doc = run.json();
        assert_eq!(keys_of(&doc), report, "{doc}");
        for list in ["problems", "warnings"] {
            for p in doc[list].as_array().expect("a list") {
                assert_eq!(keys_of(p), PROBLEM, "{list}: {p}");
                seen += 1;
            }
        }
    }
    assert!(seen > 10, "{seen} problems and warnings");
}

/// The commands that talk to PagerDuty, against the stand-in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_pagerduty_json_output_has_unique_keys() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    let dry = pds::sync(&sandbox, &pd, pds::AT, &["--dry-run", "--json"]).await;
    dry.code(0);
    assert_strict("dw sync pagerduty --dry-run --json", &dry);
    let done = pds::sync(&sandbox, &pd, pds::AT, &["--json"]).await;
    done.code(0);
    assert_strict("dw sync pagerduty --json", &done);
    let check = pds::run(pds::dw(
        &sandbox,
        Some(&pd),
        true,
        &["--json", "--at", pds::AT, "check", "--pagerduty"],
    ))
    .await;
    assert_strict("dw --json check --pagerduty", &check);
}
