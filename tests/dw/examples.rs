//! The CI examples in `examples/github/` cannot rot: each script runs with the
//! built dw against the PagerDuty and Slack stand-ins (what it posts is
//! checked), and each workflow's YAML parses, has the triggers it documents,
//! and runs scripts that exist.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::TimeDelta;
use yaml_rust2::{Yaml, YamlLoader};

use crate::support::standin::at;
use crate::support::standin::pagerduty::{self, Base, PagerDuty, Schedule};
use crate::support::standin::slack::{self, Slack};
use crate::support::{dw_binary, fixture_text, Run, Sandbox, BUNDLED};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join("github")
}

/// `bash examples/github/NAME` in the sandbox, with the built dw as `DW`
/// and the machine's PATH (for git, mktemp), off the async runtime.
async fn script(sandbox: &Sandbox, name: &str, at: &str) -> Run {
    let mut cmd: Command = sandbox.command("bash");
    cmd.arg(examples().join(name))
        .env("DW", dw_binary())
        .env("DW_AT", at)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    let out = tokio::task::spawn_blocking(move || cmd.output().expect("run bash"))
        .await
        .expect("the script runner thread");
    Run::from_output(&out)
}

/// The team's Slack: the channel, the @dreamwork group and the eight members.
async fn slack() -> Slack {
    let slack = Slack::start().await;
    slack.add_channel("C0DREAM01", "org-dreamwork");
    for c in 'A'..='H' {
        slack.add_user(&format!("U0000000{c}"));
    }
    slack.add_usergroup(
        "S0DREAM01",
        "dreamwork",
        "Dreamwork on call",
        &["U0000000A"],
    );
    slack
}

/// PagerDuty with the roster's users and its two schedules, nobody on them yet.
async fn pagerduty() -> PagerDuty {
    let pd = PagerDuty::start().await;
    for c in 'A'..='H' {
        pd.add_user(&format!("PUSER0{c}"), &format!("User {c}"));
    }
    pd.add_service("PSERV01", "Dreamwork");
    for (id, name) in [("PSCHED1", "Primary"), ("PSCHED2", "Secondary")] {
        pd.add_schedule(Schedule {
            id: id.into(),
            name: name.into(),
            time_zone: "America/Chicago".into(),
            on_escalation_policy: true,
            base: Base::Rotation {
                start: at("2026-01-06T16:00:00Z"),
                length: TimeDelta::days(7),
                users: vec!["PUSER0H".into()],
            },
        });
    }
    pd
}

fn with_services(sandbox: Sandbox, slack: &Slack, pd: &PagerDuty) -> Sandbox {
    sandbox
        .env("DW_SLACK_URL", slack.url())
        .env("SLACK_TOKEN", slack::TOKEN)
        .env("DW_PAGERDUTY_URL", pd.url())
        .env("PAGERDUTY_TOKEN", pagerduty::TOKEN)
        .env("DW_PAGERDUTY_FROM", "ada@example.com")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn monday_script_reminds_the_incoming_pair_and_posts_the_handoff_notes() {
    let (slack, pd) = (slack().await, pagerduty().await);
    // The workflow's cron: Monday 16:15 UTC = 11:15 CDT, in the reminder window.
    slack.set_now(at("2026-03-09T16:15:00Z"));
    pd.set_now(at("2026-03-09T16:15:00Z"));
    let sandbox = with_services(Sandbox::empty().roster(BUNDLED), &slack, &pd);
    let run = script(&sandbox, "monday.sh", "2026-03-09T16:15:00Z").await;
    run.code(0).no_panic();
    let posts = slack.posts();
    let dms: Vec<&str> = posts
        .iter()
        .filter(|p| p.channel.starts_with('D'))
        .map(|p| p.channel.as_str())
        .collect();
    assert_eq!(dms, ["D0000000C", "D0000000D"], "{posts:?}");
    let notes: Vec<_> = posts.iter().filter(|p| p.channel == "C0DREAM01").collect();
    assert_eq!(notes.len(), 1, "{posts:?}");
    assert!(notes[0].text.contains("<@U0000000C>"), "{}", notes[0].text);
    // A retried job sends no reminder twice (the notes are posted again).
    script(&sandbox, "monday.sh", "2026-03-09T16:20:00Z")
        .await
        .code(0);
    assert_eq!(
        slack
            .posts()
            .iter()
            .filter(|p| p.channel.starts_with('D'))
            .count(),
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tuesday_script_announces_and_syncs_then_the_nightly_check_passes() {
    let (slack, pd) = (slack().await, pagerduty().await);
    // The workflow's cron: Tuesday 16:30 UTC = 10:30 CST, after the handoff.
    let when = "2026-03-03T16:30:00Z";
    slack.set_now(at(when));
    pd.set_now(at(when));
    let sandbox =
        with_services(Sandbox::empty().roster(BUNDLED), &slack, &pd).env("DW_STATE_DIR", "state");

    // Before the sync PagerDuty disagrees with the roster: nightly exits 4.
    let run = script(&sandbox, "nightly.sh", when).await;
    run.code(4).no_panic();
    assert!(pd.overrides().is_empty());

    let run = script(&sandbox, "tuesday.sh", when).await;
    run.code(0).no_panic();
    let posts = slack.posts();
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert_eq!(posts[0].channel, "C0DREAM01");
    assert!(posts[0].text.contains("week 8"), "{}", posts[0].text);
    let topic = slack.topic("C0DREAM01").unwrap_or_default();
    assert!(topic.starts_with("primary: Grace Hopper"), "{topic}");
    assert_eq!(
        slack.usergroup_users("S0DREAM01"),
        Some(vec!["U0000000B".to_string(), "U0000000C".to_string()])
    );
    assert!(!pd.overrides().is_empty());

    // After the sync the nightly check finds nothing to fix.
    let run = script(&sandbox, "nightly.sh", when).await;
    run.code(0).no_panic();
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=dw-test",
            "-c",
            "user.email=test@dw.invalid",
        ])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roster_pr_script_comments_the_plan_or_the_problems() {
    let sandbox = Sandbox::empty().roster(BUNDLED);
    let work = sandbox.work();
    git(&work, &["init", "-q"]);
    git(&work, &["add", "roster.toml"]);
    git(&work, &["commit", "-qm", "roster"]);
    git(&work, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    // The pull request: Linus away for a week in April.
    let changed = fixture_text(BUNDLED).replace(
        "pagerduty = \"PUSER0C\"\n",
        "pagerduty = \"PUSER0C\"\naway = [{ from = 2026-04-14, to = 2026-04-20, reason = \"PTO\" }]\n",
    );
    std::fs::write(work.join("roster.toml"), &changed).unwrap();
    let run = script(&sandbox, "roster-pr.sh", "2026-03-03T12:00").await;
    run.code(0).no_panic();
    // No PR_NUMBER: the comment is printed. It is the Markdown plan.
    assert!(run.stdout.contains('|'), "{}", run.stdout);
    assert!(
        run.stdout.contains("linus") || run.stdout.contains("Linus"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains(&*work.to_string_lossy()),
        "machine path: {}",
        run.stdout
    );

    // A broken roster: the comment lists the problems and the job fails.
    std::fs::write(
        work.join("roster.toml"),
        changed.replace("[team]", "[team]\ncolour = 1"),
    )
    .unwrap();
    let run = script(&sandbox, "roster-pr.sh", "2026-03-03T12:00").await;
    run.code(2).no_panic();
    assert!(
        run.stdout
            .contains("### dw check found problems in the roster"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("colour"), "{}", run.stdout);
}

/// `map[key]`, for `on:` read either as the string `on` (YAML 1.2) or `true` (1.1).
fn get<'a>(map: &'a Yaml, key: &str) -> &'a Yaml {
    &map[key]
}

fn triggers(doc: &Yaml) -> &Yaml {
    let on = get(doc, "on");
    if on.is_badvalue() {
        doc.as_hash()
            .and_then(|h| h.get(&Yaml::Boolean(true)))
            .unwrap_or(on)
    } else {
        on
    }
}

/// The cron lines of `on.schedule`.
fn crons(on: &Yaml) -> Vec<String> {
    on["schedule"]
        .as_vec()
        .into_iter()
        .flatten()
        .filter_map(|s| s["cron"].as_str().map(String::from))
        .collect()
}

#[test]
fn workflows_parse_have_their_triggers_and_run_scripts_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // (file, script it runs, day-of-week field of its cron or None)
    let expected = [
        ("roster-pr.yml", "roster-pr.sh", None),
        ("monday.yml", "monday.sh", Some("1")),
        ("tuesday.yml", "tuesday.sh", Some("2")),
        ("nightly.yml", "nightly.sh", Some("*")),
    ];
    let mut found: Vec<String> = std::fs::read_dir(examples())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yml") || n.ends_with(".yaml"))
        .collect();
    found.sort();
    let mut names: Vec<&str> = expected.iter().map(|e| e.0).collect();
    names.sort();
    assert_eq!(
        found, names,
        "a workflow without a test, or a test without a workflow"
    );

    for (file, script, weekday) in expected {
        let text = std::fs::read_to_string(examples().join(file)).unwrap();
        let docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(docs.len(), 1, "{file}: one document");
        let doc = &docs[0];
        assert!(doc["name"].as_str().is_some(), "{file}: no name");
        let on = triggers(doc);
        match weekday {
            None => {
                let paths = on["pull_request"]["paths"]
                    .as_vec()
                    .expect("pull_request.paths");
                assert!(
                    paths.iter().any(|p| p.as_str() == Some("roster.toml")),
                    "{file}"
                );
            }
            Some(day) => {
                let crons = crons(on);
                assert_eq!(crons.len(), 1, "{file}: {crons:?}");
                let fields: Vec<&str> = crons[0].split_whitespace().collect();
                assert_eq!(fields.len(), 5, "{file}: cron {:?}", crons[0]);
                assert_eq!(fields[4], day, "{file}: cron {:?}", crons[0]);
                assert!(
                    !on["workflow_dispatch"].is_badvalue(),
                    "{file}: no workflow_dispatch"
                );
            }
        }
        // Every `run:` that names a script names one that exists, and the
        // workflow runs its own script.
        let mut runs_script = false;
        for (_, job) in doc["jobs"].as_hash().expect("jobs").iter() {
            for step in job["steps"].as_vec().expect("steps") {
                let Some(run) = step["run"].as_str() else {
                    continue;
                };
                for word in run.split_whitespace().filter(|w| w.ends_with(".sh")) {
                    assert!(root.join(word).is_file(), "{file}: {word} does not exist");
                    runs_script |= word == format!("examples/github/{script}");
                }
                // Tokens come from repository secrets, never from the file.
                for (name, value) in step["env"].as_hash().into_iter().flatten() {
                    let (Some(name), Some(value)) = (name.as_str(), value.as_str()) else {
                        continue;
                    };
                    if name.ends_with("_TOKEN") && name != "GH_TOKEN" {
                        assert!(value.contains("secrets."), "{file}: {name} = {value}");
                    }
                }
            }
        }
        assert!(runs_script, "{file} does not run examples/github/{script}");
    }
}
