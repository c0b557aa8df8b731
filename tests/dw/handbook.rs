//! The team's handbook comes from the roster: with another team's roster
//! (Berlin, roles pager/backup/shadow, a Wednesday handoff) every text says
//! that roster's words, never the bundled Dreamwork roster's; a roster with
//! its own `[duties]`, `[handoff]` and `[analysis]` shows exactly those; the
//! incident channel is the team's choice. The bundled roster's outputs are
//! pinned by the snapshots and the tests of each command.

use crate::support::standin::{at, pagerduty, slack};
use crate::support::{fixture_text, Run, Sandbox};

const BERLIN: &str = "berlin.toml";
/// Tuesday noon in Berlin, week 7: inside the reminder window of the
/// handoff on Wed 2026-03-04 10:00 CET.
const AT: &str = "2026-03-03T12:00";
/// What the bundled roster says that this roster does not.
const NOT_SAID: [&str; 4] = ["Tuesday", "primary", "secondary", "tertiary"];

fn berlin() -> Sandbox {
    Sandbox::with(BERLIN).at(AT)
}

/// `berlin.toml` with `more` appended (its own handbook sections).
fn berlin_with(more: &str) -> Sandbox {
    let sandbox = berlin();
    sandbox.write(
        &format!("work/{BERLIN}"),
        format!("{}\n{more}", fixture_text(BERLIN)),
    );
    sandbox
}

/// None of the bundled roster's words in `text`. The reminder's line for
/// the day before the handoff names that day: for a Wednesday handoff it is
/// Tuesday, which the roster's handoff day says, so that line is allowed.
fn says_none_of_the_bundled_words(what: &str, text: &str) {
    for line in text.lines() {
        if line.starts_with("• *Tuesday:* ") {
            continue;
        }
        for word in NOT_SAID {
            assert!(
                !line.to_lowercase().contains(&word.to_lowercase()),
                "{what}: {word:?} in {line:?}\n{text}"
            );
        }
    }
}

fn out(run: &Run) -> String {
    run.code(0);
    format!("{}{}", run.stdout, run.stderr)
}

#[test]
fn roles_says_the_rosters_role_names_and_handoff_day() {
    let run = berlin().run(&["roles"]);
    let text = out(&run);
    says_none_of_the_bundled_words("roles", &text);
    for said in [
        "  pager ",
        "  backup ",
        "  shadow ",
        "Ranks past these are \"shadow and beyond\".",
    ] {
        assert!(text.contains(said), "{said:?} not in\n{text}");
    }
    // The table wraps the text; JSON has it in one piece.
    let json = berlin().dw(&["--json", "roles"]).json();
    says_none_of_the_bundled_words("roles --json", &json.to_string());
    assert_eq!(json[0]["role"], "pager");
    assert_eq!(json[0]["duties"].as_array().map(Vec::len), Some(1));
    let duties = |k: usize| {
        json[k]["responsibilities"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        duties(0).contains("Meets the next in line after Wednesday standup"),
        "{json}"
    );
    assert!(duties(1).contains("help for the pager;"), "{json}");
    assert!(
        duties(1).contains("(pings for @relay-berlin, messages in #relay-berlin)"),
        "{json}"
    );
    assert!(duties(1).contains("reviews the pager's PRs"), "{json}");
}

const OWN_HANDBOOK: &str = "[duties]\n\
    pager = [\"Carry the pager around the clock\", \"Triage every alert within 15 minutes\"]\n\
    backup = [\"Answer questions in #relay-berlin\"]\n\
    shadow = [\"Learn the runbooks\"]\n\
    beyond = [\"Roadmap work\"]\n\n\
    [handoff]\n\
    prepare = \"wrap up your branch or hand it to a teammate\"\n\
    meeting = \"at the 11:00 sync\"\n";

#[test]
fn a_roster_with_its_own_duties_shows_exactly_those() {
    let sandbox = berlin_with(OWN_HANDBOOK);
    let text = out(&sandbox.run(&["roles"]));
    says_none_of_the_bundled_words("roles", &text);
    assert_eq!(
        sandbox.run(&["roles"]).stdout,
        " RANK  ROLE    NOW   RESPONSIBILITIES\n\
         \x20   1  pager   carl  Carry the pager around the clock\n\
         \x20                    Triage every alert within 15 minutes\n\
         \x20   2  backup  dora  Answer questions in #relay-berlin\n\
         \x20   3  shadow  emil  Learn the runbooks\n\
         Ranks past these: Roadmap work\n"
    );
    // Nothing of the built-in duties is left.
    for built_in in [
        "On call through PagerDuty",
        "Project or feature work",
        "standup",
    ] {
        assert!(!text.contains(built_in), "{built_in} in\n{text}");
    }
    let json = sandbox.dw(&["--json", "roles"]).json();
    assert_eq!(
        json[0]["duties"],
        serde_json::json!([
            "Carry the pager around the clock",
            "Triage every alert within 15 minutes"
        ])
    );
    assert_eq!(
        json[0]["responsibilities"],
        "Carry the pager around the clock; Triage every alert within 15 minutes"
    );
    assert_eq!(json[3]["role"], "4th");
    assert_eq!(json[3]["duties"], serde_json::json!(["Roadmap work"]));

    // The reminder: the routine and the duties as the roster writes them.
    let text = out(&sandbox.run(&["remind"]));
    says_none_of_the_bundled_words("remind", &text);
    for said in [
        "• *Tuesday:* wrap up your branch or hand it to a teammate.\n",
        "• *Handoff meeting:* Wednesday at the 11:00 sync: Carl Fischer (pager now) hands the open customer issues over to Dora Wagner (pager next).\n",
        "• *What the pager does:*\n    ◦ Carry the pager around the clock\n    ◦ Triage every alert within 15 minutes\n",
        "• *What the backup does:* Answer questions in #relay-berlin\n",
    ] {
        assert!(text.contains(said), "{said:?} not in\n{text}");
    }
    assert!(!text.contains("stopping point"), "{text}");
}

#[test]
fn remind_says_the_rosters_role_names_day_and_meeting() {
    let text = out(&berlin().run(&["remind"]));
    says_none_of_the_bundled_words("remind", &text);
    for said in [
        "--- to Dora Wagner (pager), Slack U0000000D",
        "--- to Emil Becker (backup), Slack U0000000E",
        "you are *pager* of Relay Berlin from the handoff on Wed 2026-03-04 10:00 CET",
        "• *Tuesday:* find a stopping point",
        "*Handoff meeting:* Wednesday after standup: Carl Fischer (pager now) hands the open customer issues over to Dora Wagner (pager next).",
        "*What the pager does:* On call through PagerDuty",
        "Meets the next in line after Wednesday standup",
        "*What the backup does:* Backup on PagerDuty and help for the pager",
    ] {
        assert!(text.contains(said), "{said:?} not in\n{text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remind_and_announce_dry_runs_send_the_rosters_words() {
    let slack = slack::Slack::start().await;
    for c in 'A'..='E' {
        slack.add_user(&format!("U0000000{c}"));
    }
    slack.add_channel("C0BERLIN1", "relay-berlin");
    slack.add_usergroup("S0BERLIN1", "relay-berlin", "Relay Berlin", &[]);
    slack.set_now(at("2026-03-03T11:00:00Z"));
    let sandbox = berlin()
        .env("DW_SLACK_URL", slack.url())
        .env("SLACK_TOKEN", slack::TOKEN);

    let remind = sandbox
        .run_async(&["--json", "remind", "--post", "--dry-run"])
        .await;
    let doc = remind.code(0).json();
    let texts: Vec<String> = doc["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .map(|r| r["body"]["text"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(texts.len(), 2, "{doc}");
    for text in &texts {
        says_none_of_the_bundled_words("remind --post --dry-run", text);
        assert!(text.contains("Wednesday after standup"), "{text}");
    }
    assert_eq!(doc["reminders"][0]["role"], "pager");

    let announce = sandbox
        .run_async(&["announce", "--post", "--topic", "--group", "--dry-run"])
        .await;
    let text = out(&announce);
    says_none_of_the_bundled_words("announce --dry-run", &text);
    for said in [
        "pager: <@U0000000C> (Carl Fischer)",
        "backup: <@U0000000D> (Dora Wagner)",
        "shadow: <@U0000000E> (Emil Becker)",
        "pager: Carl Fischer, backup: Dora Wagner",
    ] {
        assert!(text.contains(said), "{said:?} not in\n{text}");
    }
    assert!(slack.posts().is_empty(), "a dry run sends nothing");
    let preview = out(&berlin().run(&["announce"]));
    says_none_of_the_bundled_words("announce", &preview);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handoff_notes_say_the_rosters_roles_and_exempt_services() {
    let pd = pagerduty::PagerDuty::start().await;
    pd.add_service("PSVC001", "Relay API");
    pd.set_now(at("2026-03-02T12:00:00Z"));
    let id = pd.add_incident("PSVC001", "Login errors after deploy");
    pd.set_incident_status(&id, "resolved");
    let sandbox = |more: &str| {
        berlin_with(more)
            .env("DW_PAGERDUTY_URL", pd.url())
            .env("PAGERDUTY_TOKEN", pagerduty::TOKEN)
    };

    let text = out(&sandbox("").run_async(&["handoff"]).await);
    says_none_of_the_bundled_words("handoff", &text);
    for said in [
        "# Relay Berlin handoff: Wed 2026-03-04 10:00 CET",
        "| pager | Carl Fischer (carl) | Dora Wagner (dora) |",
        "| backup | Dora Wagner (dora) | Emil Becker (emil) |",
        "| shadow | Emil Becker (emil) | Anna Schmidt (anna) |",
        "Login errors after deploy",
        "(except a Check or Documentation service in its production testing phase)",
    ] {
        assert!(text.contains(said), "{said:?} not in\n{text}");
    }

    let own = sandbox("[analysis]\ntesting_phase_exempt = [\"edge\"]\n");
    let text = out(&own.run_async(&["handoff"]).await);
    assert!(
        text.contains("(except an Edge service in its production testing phase)"),
        "{text}"
    );
    let none = sandbox("[analysis]\ntesting_phase_exempt = []\n");
    let text = out(&none.run_async(&["handoff"]).await);
    assert!(
        text.contains("yes if it needed a roll back or roll forward, if we started it"),
        "{text}"
    );
    assert!(!text.contains("testing phase"), "{text}");
}

#[test]
fn check_warns_of_slack_settings_without_an_incident_channel() {
    let run = berlin().run(&["check"]);
    run.code(0)
        .stderr_has("warning: [slack] names no incident_channel")
        .stderr_has("in the team channel #relay-berlin")
        .stderr_has("add incident_channel = \"#…\" under [slack]");
    let doc = berlin().dw(&["--json", "check"]).json();
    assert_eq!(doc["ok"], true);
    let warnings = doc["warnings"].to_string();
    assert!(warnings.contains("names no incident_channel"), "{doc}");

    // With an incident channel, or without Slack settings at all: no warning.
    let text = fixture_text(BERLIN).replace(
        "group = \"relay-berlin\"\n",
        "group = \"relay-berlin\"\nincident_channel = \"#relay-incidents\"\n",
    );
    let sandbox = berlin();
    sandbox.write(&format!("work/{BERLIN}"), text);
    sandbox
        .run(&["check"])
        .code(0)
        .stderr_lacks("incident_channel");
    let sandbox = berlin();
    let text = fixture_text(BERLIN).replace(
        "[slack]\nchannel = \"#relay-berlin\"\ngroup = \"relay-berlin\"\n",
        "",
    );
    sandbox.write(&format!("work/{BERLIN}"), text);
    sandbox.run(&["check"]).code(0).stderr_lacks("warning");
}

async fn incident_services() -> (pagerduty::PagerDuty, slack::Slack) {
    let pd = pagerduty::PagerDuty::start().await;
    pd.add_service("PSVC001", "Relay API");
    let slack = slack::Slack::start().await;
    slack.add_channel("C0BERLIN1", "relay-berlin");
    slack.add_channel("C0INCID01", "relay-incidents");
    slack.add_channel("C0ORGREL1", "org-reliability-ff");
    (pd, slack)
}

fn incident_sandbox(pd: &pagerduty::PagerDuty, slack: &slack::Slack, roster: &str) -> Sandbox {
    let sandbox = berlin()
        .env("DW_PAGERDUTY_URL", pd.url())
        .env("DW_SLACK_URL", slack.url())
        .env("PAGERDUTY_TOKEN", pagerduty::TOKEN)
        .env("SLACK_TOKEN", slack::TOKEN)
        .env("DW_PAGERDUTY_FROM", "oncall-bot@example.com");
    sandbox.write(&format!("work/{BERLIN}"), roster);
    sandbox
}

const START: &[&str] = &["incident", "start", "--title", "DB down", "--yes"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_incident_channel_is_the_teams_choice() {
    let roster = fixture_text(BERLIN);
    let with_channel = roster.replace(
        "group = \"relay-berlin\"\n",
        "group = \"relay-berlin\"\nincident_channel = \"#relay-incidents\"\n",
    );
    let without_slack = roster.replace(
        "[slack]\nchannel = \"#relay-berlin\"\ngroup = \"relay-berlin\"\n",
        "",
    );
    // (roster, DW_INCIDENT_CHANNEL, channel posted in (ID), stderr says)
    let cases: [(&str, Option<&str>, Option<&str>, &str); 5] = [
        (
            &roster,
            None,
            Some("C0BERLIN1"),
            "posted in #relay-berlin (the team channel: the roster names no [slack] incident_channel)",
        ),
        (
            &with_channel,
            None,
            Some("C0INCID01"),
            "posted in #relay-incidents (the roster's [slack] incident_channel)",
        ),
        (
            &roster,
            Some("#relay-incidents"),
            Some("C0INCID01"),
            "posted in #relay-incidents (DW_INCIDENT_CHANNEL is set)",
        ),
        (&without_slack, None, None, "without a Slack post"),
        (
            "[team\nname = ",
            None,
            Some("C0ORGREL1"),
            "posted in #org-reliability-ff (dw's built-in incident channel: the roster cannot be read)",
        ),
    ];
    for (roster, env, channel, says) in cases {
        let (pd, slack) = incident_services().await;
        let mut sandbox = incident_sandbox(&pd, &slack, roster);
        if let Some(c) = env {
            sandbox = sandbox.env("DW_INCIDENT_CHANNEL", c);
        }
        if roster.starts_with("[team\n") {
            sandbox = sandbox.env("DW_PAGERDUTY_SERVICE", "PSVC001");
        }
        let run = sandbox.run_async(START).await;
        run.code(0)
            .stdout_has("https://standin.pagerduty.com/incidents/")
            .stderr_has(says);
        assert_eq!(pd.incidents().len(), 1, "{says}");
        let posts: Vec<String> = slack.posts().into_iter().map(|p| p.channel).collect();
        assert_eq!(
            posts,
            channel.into_iter().collect::<Vec<_>>(),
            "{says}: {run:?}"
        );
        assert!(!run.stderr.contains("#org-reliability-ff") || roster.starts_with("[team\n"));
    }

    // The team channel fallback is a warning in --json too.
    let (pd, slack) = incident_services().await;
    let sandbox = incident_sandbox(&pd, &slack, &roster);
    let mut dw = sandbox.dw(&["--json"]);
    dw.args(START);
    let doc = dw.run_async().await.code(0).json();
    assert_eq!(doc["slack"]["channel"], "#relay-berlin");
    assert!(
        doc["warnings"]
            .to_string()
            .contains("names no [slack] incident_channel"),
        "{doc}"
    );

    // No channel means no Slack post, so no Slack token is needed.
    let (pd, slack) = incident_services().await;
    let sandbox = incident_sandbox(&pd, &slack, &without_slack).without("SLACK_TOKEN");
    sandbox
        .run_async(START)
        .await
        .code(0)
        .stderr_lacks("SLACK_TOKEN");
}

#[test]
fn analysis_exemptions_and_questions_come_from_the_roster() {
    let decide = |sandbox: &Sandbox, service: &str| {
        sandbox
            .dw(&[
                "--json",
                "incident",
                "analysis",
                "--rolled-back",
                "--testing-phase",
            ])
            .args(["--service", service])
            .json()["required"]
            .clone()
    };
    // The built-in exemptions: Check and Documentation.
    let plain = berlin();
    assert_eq!(decide(&plain, "check"), false);
    assert_eq!(decide(&plain, "edge"), true);
    // The roster's.
    let own = berlin_with(
        "[analysis]\ntesting_phase_exempt = [\"edge\"]\n\
         questions = [\"What happened?\", \"Timeline\", \"What do we change?\"]\n",
    );
    assert_eq!(decide(&own, "Edge service"), false);
    assert_eq!(decide(&own, "check"), true);
    let run = own
        .dw(&[
            "incident",
            "analysis",
            "--rolled-back",
            "--testing-phase",
            "--service",
            "check",
        ])
        .run();
    run.code(0)
        .stdout_has("except an Edge service rolled back during its production testing phase");
    let doc = own
        .dw(&[
            "--json",
            "incident",
            "analysis",
            "--rolled-back",
            "--testing-phase",
        ])
        .args(["--service", "check"])
        .json();
    let why = doc["rules"][0]["why"].as_str().unwrap_or_default();
    assert!(
        why.contains("covers only an Edge service, not check"),
        "{doc}"
    );

    own.dw(&["incident", "analysis", "--we-started", "--write", "a.md"])
        .run()
        .code(0);
    let template = std::fs::read_to_string(own.work().join("a.md")).expect("template");
    let headings: Vec<&str> = template.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Is an analysis required?",
            "## What happened?",
            "## Timeline",
            "## What do we change?"
        ],
        "{template}"
    );

    // No roster at all: the built-in rules, silently. A broken one: a warning.
    let none = Sandbox::empty();
    let run = none
        .dw(&[
            "--json",
            "incident",
            "analysis",
            "--rolled-back",
            "--testing-phase",
            "--service",
            "docs",
        ])
        .run();
    run.code(0).stderr_is("");
    assert_eq!(run.json()["required"], false);
    let broken = berlin();
    broken.write(&format!("work/{BERLIN}"), "[team\n");
    broken
        .run(&["incident", "analysis", "--we-started"])
        .code(0)
        .stderr_has("the roster cannot be read (berlin.toml:1:")
        .stderr_has("built-in analysis rules");
}

#[test]
fn duties_for_an_unknown_role_are_a_roster_error_with_did_you_mean() {
    let sandbox = berlin_with("[duties]\npagr = [\"Carry the pager\"]\n");
    sandbox
        .run(&["roles"])
        .code(2)
        .stderr_has("berlin.toml:")
        .stderr_has("unknown key `pagr` in [duties]")
        .stderr_has("did you mean `pager`?");
}

#[test]
fn help_and_man_name_dw_as_a_tool_for_any_team() {
    let help = Sandbox::empty().bare().arg("--help").ok();
    let first = help.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        "An on-call tool for teams that keep their rotation in git."
    );
    let about: String = help.split("\n\nUsage:").next().unwrap_or_default().into();
    assert!(!about.contains("Dreamwork"), "{about}");
    let page = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("man/dw.1");
    let man = std::fs::read_to_string(page).expect("man/dw.1");
    let name = man
        .split(".SH NAME\n")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .unwrap_or_default();
    assert_eq!(
        name,
        "dw \\- an on\\-call tool for teams that keep their rotation in git"
    );
    assert!(
        !man.contains("Dreamwork") && !man.contains("dw \\- dw:"),
        "{man}"
    );
}
