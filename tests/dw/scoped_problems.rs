//! A roster problem blocks only what it must: a rule broken in a far week
//! warns, `check` fails; and `incident start` works whatever the roster,
//! against the stateful PagerDuty and Slack stand-ins.

use crate::support::http::{offline, AT, TEAM};
use crate::support::scenes::against_both as against;
use crate::support::standin::{pagerduty, slack};
use crate::support::Sandbox;

/// `http-team.toml` with Ada away in the week of 2027-09-07 and an override
/// that makes her primary that week: a rule broken in one far week.
fn far_week_mistake(sandbox: &Sandbox) {
    let text = std::fs::read_to_string(crate::support::source(TEAM)).expect("fixture");
    let text = text.replacen(
        "pagerduty = \"PUSER0A\"\n",
        "pagerduty = \"PUSER0A\"\naway = [{ from = 2027-09-07, to = 2027-09-13, reason = \"PTO\" }]\n",
        1,
    )
    .replacen(
        "escalation_policy = \"PESC001\"\n",
        "escalation_policy = \"PESC001\"\nschedules = { primary = \"PSCHED1\" }\n",
        1,
    ) + "\n[[overrides]]\nweek = 2027-09-07\nrole = \"primary\"\nmember = \"ada\"\nreason = \"swap\"\n";
    sandbox.write("work/http-team.toml", text);
}

async fn services() -> (pagerduty::PagerDuty, slack::Slack) {
    let pd = pagerduty::PagerDuty::start().await;
    pd.add_service("PSVC001", "Relay API");
    let slack = slack::Slack::start().await;
    slack.add_channel("C0RELAY01", "relay-incidents");
    slack.add_channel("C0ORGREL1", "org-reliability-ff");
    (pd, slack)
}

const START: &[&str] = &["incident", "start", "--title", "DB down", "--yes"];

#[test]
fn a_far_week_mistake_warns_once_and_check_fails() {
    let sandbox = offline();
    far_week_mistake(&sandbox);

    let run = sandbox.dw(&["who"]).run();
    run.code(0)
        .stdout_has("Linus Torvalds")
        .stderr_has("dw: warning: the roster breaks a rule in the week of 2027-09-07")
        .stderr_has("http-team.toml:")
        .stderr_has("ignores it there");
    assert_eq!(run.stderr.lines().count(), 1, "one warning: {}", run.stderr);

    // Scripts still get their one bare line on stdout.
    sandbox
        .dw(&["who", "--role", "primary", "--field", "email"])
        .run()
        .code(0)
        .stdout_is("linus@example.com\n")
        .stderr_has("2027-09-07");

    // `check` is where the mistake must stop someone.
    sandbox
        .dw(&["check"])
        .run()
        .code(2)
        .stderr_has("who is away that week");

    // In September 2027 the override is ignored: Ada is away, not primary.
    let september = offline().at("2027-09-08T12:00");
    far_week_mistake(&september);
    let run = september.dw(&["who"]).run();
    run.code(0);
    assert!(
        run.stdout.contains("primary    grace") && run.stdout.contains("Away: ada"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_json_gives_a_far_week_mistake_with_its_position_hint_and_week() {
    let sandbox = offline();
    far_week_mistake(&sandbox);
    let text = std::fs::read_to_string(sandbox.work().join(TEAM)).expect("the roster");
    let line = text
        .lines()
        .position(|l| l == "[[overrides]]")
        .expect("the override")
        + 1;
    let run = sandbox.dw(&["--json", "check"]).run();
    run.code(2);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("one JSON document");
    let problems = doc["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1, "{doc}");
    let p = &problems[0];
    // The week index of 2027-09-07, as `who --json` numbers weeks.
    let week = offline()
        .at("2027-09-08T12:00")
        .dw(&["--json", "who"])
        .run()
        .json()["week"]
        .clone();
    assert!(week.is_u64(), "{week}");
    assert_eq!(p["file"], TEAM);
    assert_eq!(p["line"], line, "{doc}");
    assert_eq!(p["column"], 1, "{doc}");
    assert_eq!((&p["week"], &p["to_week"]), (&week, &week), "{doc}");
    assert!(p["message"]
        .as_str()
        .is_some_and(|m| m.contains("who is away that week")));
    assert!(p["hint"].as_str().is_some_and(|h| !h.is_empty()), "{doc}");
    // Stderr says the same, as it did before.
    run.stderr_has(&format!(
        "{TEAM}:{line}:1: {}\n  hint: {}\n",
        p["message"].as_str().unwrap(),
        p["hint"].as_str().unwrap()
    ));
}

#[test]
fn sync_refuses_only_when_the_broken_week_is_among_those_it_writes() {
    let sandbox = offline();
    far_week_mistake(&sandbox);
    // The bad week is far beyond the four weeks sync writes: it goes on
    // (and stops for the missing token), with the warning.
    sandbox
        .dw(&["sync", "pagerduty"])
        .run()
        .code(3)
        .stderr_has("dw: warning: the roster breaks a rule in the week of 2027-09-07")
        .stderr_has("PAGERDUTY_TOKEN");
    let august = offline().at("2027-08-25T12:00");
    far_week_mistake(&august);
    august
        .dw(&["sync", "pagerduty", "--weeks", "4"])
        .run()
        .code(2)
        .stderr_lacks("dw: warning")
        .stderr_has("http-team.toml:")
        .stderr_has("who is away that week");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incident_start_works_with_a_far_week_mistake() {
    let (pd, slack) = services().await;
    let sandbox = against(&pd, &slack);
    far_week_mistake(&sandbox);
    let run = sandbox.run_async(START).await;
    run.code(0)
        .stdout_has("https://standin.pagerduty.com/incidents/")
        .stderr_has("2027-09-07");
    assert_eq!(pd.incidents().len(), 1);
    assert_eq!(slack.posts().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incident_start_works_with_an_unreadable_roster() {
    let (pd, slack) = services().await;
    let sandbox = against(&pd, &slack).env("DW_PAGERDUTY_SERVICE", "PSVC001");
    sandbox.write("work/http-team.toml", "[team\nname = ");
    let run = sandbox.run_async(START).await;
    run.code(0)
        .stdout_has("https://standin.pagerduty.com/incidents/")
        .stderr_has("dw: warning: the roster cannot be read (http-team.toml:1:")
        .stderr_has("nobody is mentioned")
        .stderr_has("posted in #org-reliability-ff");
    let incidents = pd.incidents();
    assert_eq!(incidents.len(), 1);
    assert_eq!(incidents[0].service, "PSVC001");
    let posts = slack.posts();
    assert_eq!(posts.len(), 1, "announced once");
    assert_eq!(posts[0].channel, "C0ORGREL1", "the handbook's channel");
    assert!(posts[0].text.contains("DB down"), "{}", posts[0].text);
    assert!(
        !posts[0].text.contains("<@"),
        "mentions nobody: {}",
        posts[0].text
    );

    // DW_INCIDENT_CHANNEL names another channel; --service wins over the variable.
    let mut dw = sandbox.dw(&[
        "incident",
        "start",
        "--title",
        "Queue stuck",
        "--service",
        "PSVC001",
        "--yes",
    ]);
    dw.env("DW_PAGERDUTY_SERVICE", "PNOPE99")
        .env("DW_INCIDENT_CHANNEL", "#relay-incidents");
    dw.run_async().await.code(0);
    assert_eq!(slack.posts().len(), 2);
    assert_eq!(slack.posts()[1].channel, "C0RELAY01");

    // Without any service there is nothing to open: say how to give one.
    let mut dw = sandbox.dw(START);
    dw.env_remove("DW_PAGERDUTY_SERVICE");
    dw.run_async()
        .await
        .code(2)
        .stderr_has("DW_PAGERDUTY_SERVICE");
}

#[test]
fn all_missing_credentials_are_named_in_one_message() {
    let sandbox = Sandbox::empty().at(AT);
    sandbox.write("work/roster.toml", "not a roster");
    let run = sandbox
        .dw(&[
            "--roster",
            "roster.toml",
            "incident",
            "start",
            "--title",
            "DB down",
            "--service",
            "PSVC001",
            "--yes",
        ])
        .run();
    run.code(3).stdout_is("");
    let err = &run.stderr;
    assert!(
        err.contains("dw: PAGERDUTY_TOKEN, DW_PAGERDUTY_FROM, SLACK_TOKEN are not set"),
        "{err}"
    );
    for part in [
        "My Profile → User Settings → Create API User Token",
        "xoxb-",
        "OAuth & Permissions",
        "chat:write",
        "post in #org-reliability-ff by hand",
    ] {
        assert!(err.contains(part), "lacks {part:?}: {err}");
    }
    assert_eq!(
        err.matches("dw: ").count(),
        2,
        "the warning and one error: {err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_start_opens_one_incident_and_posts_once() {
    let (pd, slack) = services().await;
    let sandbox = against(&pd, &slack);
    let first = sandbox.run_async(START).await;
    first.code(0);
    let url = first.stdout.clone();
    let again = sandbox.run_async(START).await;
    again
        .code(0)
        .stdout_is(&url)
        .stderr_has("already open in PagerDuty")
        .stderr_lacks("posted in");
    assert_eq!(pd.incidents().len(), 1, "one incident");
    assert_eq!(slack.posts().len(), 1, "one post");
    let lookup = pd
        .requests()
        .into_iter()
        .find(|r| r.method == "GET" && r.path == "/incidents")
        .expect("a lookup");
    assert_eq!(lookup.params("service_ids[]"), ["PSVC001"]);

    // Once resolved, the same key opens a new incident (PagerDuty allows it).
    pd.set_incident_status(&pd.incidents()[0].id, "resolved");
    sandbox.run_async(START).await.code(0);
    assert_eq!(pd.incidents().len(), 2);
    assert_eq!(slack.posts().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handoff_posts_before_printing_with_mentions_names_and_issues() {
    let (pd, slack) = services().await;
    slack.add_channel("C0RELAYTM", "relay-team");
    let sandbox = against(&pd, &slack).at(crate::support::http::MONDAY);
    let mut sh = sandbox.command("/bin/sh");
    let mut line = format!("'{}'", crate::support::dw_binary().display());
    for a in sandbox.globals().iter().map(String::as_str).chain([
        "handoff",
        "--post",
        "--issue",
        "ACME: login <!here> loop",
        "--issue",
        "Initech: export slow",
    ]) {
        line.push_str(&format!(" '{a}'"));
    }
    // stdout closed after one byte: the post must still arrive.
    sh.arg("-c").arg(format!("{line} | head -c1"));
    let out = tokio::task::spawn_blocking(move || sh.output().expect("sh runs"))
        .await
        .expect("the task");
    assert_eq!(out.stdout, b"#", "{}", String::from_utf8_lossy(&out.stderr));
    let posts = slack.posts();
    assert_eq!(posts.len(), 1, "the post arrived");
    let text = &posts[0].text;
    for part in [
        "primary: <@U0000000B> → <@U0000000C>",
        "secondary: <@U0000000C> → <@U0000000A>",
        "*Customer issues to carry over:*",
        "• ACME: login &lt;!here&gt; loop",
        "• Initech: export slow",
    ] {
        assert!(text.contains(part), "lacks {part:?}: {text}");
    }
    // Only the team's service is asked about.
    for r in pd.requests().iter().filter(|r| r.path == "/incidents") {
        assert_eq!(r.params("service_ids[]"), ["PSVC001"]);
    }
}

/// `http-team.toml` with `[pagerduty]` changed by `edit`.
fn pagerduty_section(sandbox: &Sandbox, edit: impl Fn(String) -> String) {
    let text = std::fs::read_to_string(crate::support::source(TEAM)).expect("fixture");
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the fixture changed");
    sandbox.write("work/http-team.toml", edited);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handoff_without_a_service_asks_only_for_the_escalation_policys_services() {
    let (pd, slack) = services().await;
    pd.add_service("PSVC002", "Relay Worker");
    pd.add_service("PSVC009", "Billing");
    pd.add_escalation_policy("PESC001", "Relay", &["PSVC001", "PSVC002"]);
    pd.add_incident("PSVC001", "Relay API down");
    pd.add_incident("PSVC002", "Worker backlog");
    pd.add_incident("PSVC009", "Billing broken");
    let sandbox = against(&pd, &slack).at(crate::support::http::MONDAY);
    pagerduty_section(&sandbox, |t| t.replacen("service = \"PSVC001\"\n", "", 1));

    let run = sandbox.run_async(&["handoff"]).await;
    run.code(0)
        .stdout_has("Relay API down")
        .stdout_has("Worker backlog")
        .stdout_lacks("Billing broken")
        .stdout_lacks("not fetched");
    let asked = pd.requests();
    assert!(
        asked
            .iter()
            .any(|r| r.method == "GET" && r.path == "/escalation_policies/PESC001"),
        "{asked:?}"
    );
    let lists: Vec<_> = asked.iter().filter(|r| r.path == "/incidents").collect();
    assert!(!lists.is_empty(), "incidents were asked for");
    for r in lists {
        assert_eq!(r.params("service_ids[]"), ["PSVC001", "PSVC002"], "{r:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handoff_without_a_service_or_policy_says_why_incidents_were_not_fetched() {
    let (pd, slack) = services().await;
    pd.add_incident("PSVC001", "Relay API down");
    let sandbox = against(&pd, &slack).at(crate::support::http::MONDAY);
    pagerduty_section(&sandbox, |t| {
        t.replacen("service = \"PSVC001\"\n", "", 1).replacen(
            "escalation_policy = \"PESC001\"\n",
            "",
            1,
        )
    });
    let run = sandbox.run_async(&["handoff"]).await;
    run.code(0)
        .stdout_has("Incidents were not fetched: the roster names no \\[pagerduty\\] service or escalation_policy")
        .stdout_has("add service = \"PXXXXXX\" under \\[pagerduty\\]")
        .stdout_lacks("Relay API down");
    assert!(
        pd.requests().iter().all(|r| r.path != "/incidents"),
        "never the whole account's incidents: {:?}",
        pd.requests()
    );

    // A policy PagerDuty does not know: said, and still not the whole account.
    pagerduty_section(&sandbox, |t| t.replacen("service = \"PSVC001\"\n", "", 1));
    let run = sandbox.run_async(&["handoff"]).await;
    run.code(0)
        .stdout_has("could not read the services of escalation policy PESC001");
    assert!(pd.requests().iter().all(|r| r.path != "/incidents"));
}

#[test]
fn plan_fails_only_on_a_mistake_in_the_weeks_it_compares() {
    let sandbox = offline();
    sandbox.copy(TEAM, "work/old.toml");
    far_week_mistake(&sandbox);
    // 52 weeks from March 2026 end before September 2027: a warning.
    let run = sandbox.dw(&["plan", "old.toml", "http-team.toml"]).run();
    run.code(0)
        .stderr_has("dw: warning: the roster breaks a rule in the week of 2027-09-07")
        .stdout_has("old.toml → http-team.toml");
    assert_eq!(run.stderr.lines().count(), 1, "one warning: {}", run.stderr);

    // Comparing the broken week itself fails, naming where and what.
    sandbox
        .dw(&[
            "plan",
            "old.toml",
            "http-team.toml",
            "--from",
            "2027-09-01",
            "--weeks",
            "3",
        ])
        .run()
        .code(2)
        .stderr_has("http-team.toml:")
        .stderr_has("who is away that week");

    // The old roster may be broken there: the change may be the fix.
    sandbox
        .dw(&[
            "plan",
            "http-team.toml",
            "old.toml",
            "--from",
            "2027-09-01",
            "--weeks",
            "3",
        ])
        .run()
        .code(0)
        .stderr_has("dw: warning: the old roster breaks a rule in the week of 2027-09-07");
}

/// With an unreadable roster `--as` / `DW_ME` cannot give the email: dw says
/// so, and the missing-credential hint does not suggest them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn as_needs_a_readable_roster_and_json_carries_the_warnings() {
    let (pd, slack) = services().await;
    let sandbox = against(&pd, &slack).env("DW_PAGERDUTY_SERVICE", "PSVC001");
    sandbox.write("work/http-team.toml", "[team\nname = ");

    let mut dw = sandbox.dw(START);
    dw.env_remove("DW_PAGERDUTY_FROM").env("DW_ME", "ada");
    let run = dw.run_async().await;
    run.code(3)
        .stderr_has("dw: warning: --as / DW_ME (ada) needs a readable roster, so it is not used")
        .stderr_has("set DW_PAGERDUTY_FROM to your PagerDuty email instead")
        .stderr_has("DW_PAGERDUTY_FROM is not set")
        .stderr_lacks("or set DW_ME");
    assert!(pd.incidents().is_empty());

    let dw = sandbox.dw(&[
        "--json", "incident", "start", "--title", "DB down", "--as", "ada", "--yes",
    ]);
    let run = dw.run_async().await;
    run.code(0)
        .stderr_has("--as / DW_ME (ada) needs a readable roster")
        .stderr_has("started as DW_PAGERDUTY_FROM");
    let v = run.json();
    let warnings: Vec<&str> = v["warnings"]
        .as_array()
        .expect("a warnings list")
        .iter()
        .filter_map(|w| w.as_str())
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with("the roster cannot be read"),
        "{warnings:?}"
    );
    assert!(
        warnings[1].starts_with("--as / DW_ME (ada)"),
        "{warnings:?}"
    );
    assert_eq!(slack.posts().len(), 1);
}

/// `incident start --json` with nothing to warn about: an empty list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incident_start_json_has_an_empty_warnings_list() {
    let (pd, slack) = services().await;
    let sandbox = against(&pd, &slack);
    let v = sandbox
        .run_async(&["--json", "incident", "start", "--title", "DB down", "--yes"])
        .await
        .json();
    assert_eq!(v["warnings"], serde_json::json!([]));
    assert_eq!(v["incident"]["existing"], false);
}
