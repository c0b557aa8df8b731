//! Contract tests: dw against validating mocks of the official PagerDuty and
//! Slack API descriptions (`../shared/contract/mock-apis`, Stoplight Prism).
//! A request that breaks a description gets a 4xx, so every command here must
//! exit 0. They need the mocks running, hence `#[ignore]`; `.ci/run` starts
//! the mocks and runs them with `cargo test --test dw contract:: -- --ignored`.

use crate::support::{Run, Sandbox};

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run `eval \"$(../shared/contract/mock-apis up)\"` first")
    })
}

/// `dw -v ARGS` with the mocks' URLs and tokens from this process's
/// environment (set by `mock-apis up`), in a clean sandbox.
fn dw(args: &[&str]) -> Run {
    dw_with(Sandbox::with("contract.toml"), args)
}

/// [`dw`] on a sandbox of the caller's.
fn dw_with(sandbox: Sandbox, args: &[&str]) -> Run {
    let mut sandbox = sandbox
        .at("2026-03-02T12:00")
        .env("DW_HTTP_BACKOFF_MS", "10");
    for name in [
        "DW_PAGERDUTY_URL",
        "DW_SLACK_URL",
        "PAGERDUTY_TOKEN",
        "SLACK_TOKEN",
        "DW_PAGERDUTY_FROM",
    ] {
        sandbox = sandbox.env(name, env(name));
    }
    sandbox.dw(&["-v"]).args(args).run()
}

/// Exit 0, and no answer from the mocks was a 4xx (a broken contract).
fn assert_valid(args: &[&str]) -> String {
    assert_valid_run(args, dw(args))
}

fn assert_valid_run(args: &[&str], run: Run) -> String {
    let Run {
        code,
        stdout,
        stderr,
    } = run;
    assert!(
        code == 0 && !stderr.contains("< HTTP 4"),
        "dw {args:?} broke the API contract (exit {code}):\n{stderr}\n{stdout}"
    );
    assert!(
        stderr.contains("< HTTP 2"),
        "dw {args:?} sent no request:\n{stderr}"
    );
    stdout
}

#[test]
#[ignore = "needs the Prism mocks: eval \"$(../shared/contract/mock-apis up)\" (.ci/run does)"]
fn incident_start_is_valid_against_pagerduty_and_slack() {
    let stdout = assert_valid(&["incident", "start", "--title", "DB down", "--yes"]);
    assert!(stdout.starts_with("https://"), "no incident URL: {stdout}");
}

#[test]
#[ignore = "needs the Prism mocks: eval \"$(../shared/contract/mock-apis up)\" (.ci/run does)"]
fn incident_start_with_every_field_is_valid() {
    assert_valid(&[
        "incident",
        "start",
        "--title",
        "Checkout <slow> & failing",
        "--urgency",
        "low",
        "--impact",
        "one",
        "--details",
        "p99 at 8 s",
        "--yes",
        "--as",
        "ada",
    ]);
}

#[test]
#[ignore = "needs the Prism mocks: eval \"$(../shared/contract/mock-apis up)\" (.ci/run does)"]
fn handoff_post_is_valid() {
    let stdout = assert_valid(&["handoff", "--post"]);
    assert!(stdout.contains("## Open incidents"), "{stdout}");
}

#[test]
#[ignore = "needs the Prism mocks: eval \"$(../shared/contract/mock-apis up)\" (.ci/run does)"]
fn announce_topic_is_valid() {
    // The mock serves a subset of Slack's methods: `--post` and `--group`
    // read the channel's history and the group's members first, which only
    // `contract_slack.rs` checks (against the whole description).
    assert_valid(&["announce", "--topic"]);
}

/// Exit code, stdout and stderr of a run, with no 4xx answer from the mocks.
fn no_contract_break(args: &[&str], codes: &[i32]) -> (i32, String, String) {
    let Run {
        code,
        stdout,
        stderr,
    } = dw(args);
    assert!(
        codes.contains(&code) && !stderr.contains("< HTTP 4"),
        "dw {args:?} broke the API contract (exit {code}):\n{stderr}\n{stdout}"
    );
    assert!(
        stderr.contains("< HTTP 2"),
        "dw {args:?} sent no request:\n{stderr}"
    );
    (code, stdout, stderr)
}

#[test]
#[ignore = "needs the Prism mocks: eval \"$(../shared/contract/mock-apis up)\" (.ci/run does)"]
fn sync_pagerduty_dry_run_is_valid() {
    let stdout = assert_valid(&["sync", "pagerduty", "--dry-run"]);
    assert!(stdout.contains("# dry run: not sent"), "{stdout}");
}

#[test]
#[ignore = "needs the Prism mocks: eval \"$(../shared/contract/mock-apis up)\" (.ci/run does)"]
fn sync_pagerduty_is_valid() {
    // Prism answers POST overrides with the description's example, whose
    // second item is a canned per-item 400 ("Override must end after its
    // start"): dw must report it (exit 1, "rejected"), never pass it silently.
    let (code, stdout, stderr) = no_contract_break(&["sync", "pagerduty"], &[0, 1]);
    assert!(
        code == 0 || stdout.contains("rejected:"),
        "exit 1 without a rejected override:\n{stdout}\n{stderr}"
    );
    assert!(
        stderr.contains("> POST "),
        "no override was sent:\n{stderr}"
    );
}

#[test]
#[ignore = "needs the Prism mocks: eval \"$(../shared/contract/mock-apis up)\" (.ci/run does)"]
fn check_pagerduty_is_valid() {
    // The example on-calls are not the roster's: drift (4) or agreement (0).
    let (code, stdout, _) = no_contract_break(&["check", "--pagerduty"], &[0, 4]);
    let expected = if code == 0 { "agrees" } else { "differs" };
    assert!(stdout.contains(expected), "{stdout}");
}

#[test]
#[ignore = "needs the Prism mocks: eval \"$(../shared/contract/mock-apis up)\" (.ci/run does)"]
fn check_pagerduty_reads_the_rendered_schedule_and_whole_overrides() {
    // The request shapes sync and check read with: GET /schedules/{id} with
    // since/until/time_zone, GET /schedules/{id}/overrides with overflow.
    let (_, _, stderr) = no_contract_break(&["check", "--pagerduty", "--weeks", "20"], &[0, 4]);
    let render = stderr
        .lines()
        .find(|l| {
            l.starts_with("> GET ") && l.contains("/schedules/") && l.contains("time_zone=UTC")
        })
        .unwrap_or_else(|| panic!("no GET /schedules/{{id}}:\n{stderr}"));
    assert!(
        render.contains("since=") && render.contains("until="),
        "{render}"
    );
    assert!(
        stderr.lines().any(|l| l.starts_with("> GET ")
            && l.contains("/overrides?")
            && l.contains("overflow=true")),
        "no GET /schedules/{{id}}/overrides with overflow:\n{stderr}"
    );
    assert!(!stderr.contains("/oncalls"), "{stderr}");
}

#[test]
#[ignore = "needs the Prism mocks: eval \"$(../shared/contract/mock-apis up)\" (.ci/run does)"]
fn incident_analysis_from_an_incident_is_valid() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("analysis.md");
    assert_valid(&[
        "incident",
        "analysis",
        "--incident",
        "PT4KHLK",
        "--write",
        file.to_str().expect("UTF-8 temp path"),
    ]);
    let text = std::fs::read_to_string(&file).expect("the analysis was written");
    assert!(text.starts_with("# Incident analysis"), "{text}");
    assert!(text.contains("PT4KHLK"), "{text}");
    assert!(text.contains("## Timeline"), "{text}");
}

#[test]
#[ignore = "needs the Prism mocks: eval \"$(../shared/contract/mock-apis up)\" (.ci/run does)"]
fn handoff_without_a_service_reads_the_escalation_policy_validly() {
    // No [pagerduty] service: handoff asks GET /escalation_policies/{id} for
    // the policy's services, then lists their incidents.
    let text = crate::support::fixture_text("contract.toml").replace("service = \"PIJ90N7\"\n", "");
    let sandbox = Sandbox::empty();
    let path = sandbox.write("roster.toml", text);
    let path = path.to_string_lossy().into_owned();
    let args = ["--roster", path.as_str(), "handoff"];
    let stdout = assert_valid_run(&args, dw_with(sandbox, &args));
    assert!(!stdout.contains("were not fetched"), "{stdout}");
}

#[test]
#[ignore = "needs the Prism mocks: eval \"$(../shared/contract/mock-apis up)\" (.ci/run does)"]
fn init_from_pagerduty_reads_the_schedule_validly() {
    // The description's example schedule has a daily layer, which dw init
    // refuses (exit 2) after a valid GET /schedules/{id}.
    let args = ["init", "--from-pagerduty", "PI7DH85", "--team", "T"];
    let Run {
        code,
        stdout,
        stderr,
    } = dw_with(Sandbox::empty(), &args);
    assert!(
        code == 2 && !stderr.contains("< HTTP 4") && stderr.contains("< HTTP 2"),
        "dw {args:?} broke the API contract (exit {code}):\n{stderr}\n{stdout}"
    );
    assert!(stderr.contains("hands off every 1 day"), "{stderr}");
}
