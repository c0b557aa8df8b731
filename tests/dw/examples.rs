//! The CI examples in `examples/github/` cannot rot. They are laid out as the
//! team copies them (`examples/github/.github/`), so each test copies that
//! folder into a sandbox holding only a roster, as the team's roster
//! repository would, and runs the `run:` steps of each workflow exactly as
//! written, with bash as GitHub runs them and `dw` on PATH (the built dw,
//! its clock pinned with `--at`), against the PagerDuty and Slack stand-ins;
//! what they post is checked. Each workflow's YAML parses, installs dw with
//! dw's action (never by building dw's source), and runs scripts that exist.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::TimeDelta;
use yaml_rust2::{Yaml, YamlLoader};

use crate::support::markdown::{assert_fences_hold, read};
use crate::support::standin::at;
use crate::support::standin::pagerduty::{self, Base, PagerDuty, Schedule};
use crate::support::standin::slack::{self, Slack};
use crate::support::{dw_binary, fixture_text, skip, Run, Sandbox, BUNDLED};

/// The programs the steps use besides dw (bash, git, jq, mktemp) come from
/// the system folders only.
const SYSTEM_PATH: &str = "/usr/local/bin:/usr/bin:/bin";

/// What the team copies into its roster repository.
fn dot_github() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join("github")
        .join(".github")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The sandbox as the team's roster repository: `roster.toml` and the copied
/// `.github` folder in the working folder, and a `dw` on PATH that is the
/// built dw with `--at $DW_AT`.
fn roster_repo(sandbox: Sandbox) -> Sandbox {
    copy_dir(&dot_github(), &sandbox.work().join(".github"));
    let bin = sandbox.root().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let wrapper = bin.join("dw");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec '{}' --at \"$DW_AT\" \"$@\"\n",
            dw_binary().display()
        ),
    )
    .unwrap();
    let mut perms = std::fs::metadata(&wrapper).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&wrapper, perms).unwrap();
    let path = format!("{}:{SYSTEM_PATH}", bin.display());
    sandbox.env("PATH", path)
}

/// A workflow of the examples, parsed.
fn workflow(file: &str) -> Yaml {
    let path = dot_github().join("workflows").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(docs.len(), 1, "{file}: one document");
    docs.remove(0)
}

/// The steps of every job, in order.
fn steps(doc: &Yaml) -> Vec<&Yaml> {
    doc["jobs"]
        .as_hash()
        .expect("jobs")
        .iter()
        .flat_map(|(_, job)| job["steps"].as_vec().into_iter().flatten())
        .collect()
}

/// A step's `env:` as the runner would give it: `github.base_ref` is
/// `main`; secrets and tokens come from the sandbox (the stand-ins' tokens),
/// so those entries are left out.
fn step_env(step: &Yaml) -> Vec<(String, String)> {
    let mut env = Vec::new();
    for (name, value) in step["env"].as_hash().into_iter().flatten() {
        let (Some(name), Some(value)) = (name.as_str(), value.as_str()) else {
            continue;
        };
        let value = value.replace("${{ github.base_ref }}", "main");
        if !value.contains("${{") {
            env.push((name.to_string(), value));
        }
    }
    env
}

/// Run every `run:` step of `file`'s jobs in order, in bash as GitHub does
/// (`bash --noprofile --norc -eo pipefail`), at `at`; their results. The
/// examples' later steps run also after a failed one (`!cancelled()`).
async fn run_steps(sandbox: &Sandbox, file: &str, at: &str) -> Vec<(String, Run)> {
    let doc = workflow(file);
    let mut runs = Vec::new();
    for step in steps(&doc) {
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        let mut cmd: Command = sandbox.command("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .env("DW_AT", at);
        for (name, value) in step_env(step) {
            cmd.env(name, value);
        }
        let out = tokio::task::spawn_blocking(move || cmd.output().expect("run bash"))
            .await
            .expect("the step runner thread");
        runs.push((script.to_string(), Run::from_output(&out)));
    }
    runs
}

fn all_ok(file: &str, runs: &[(String, Run)]) {
    assert!(!runs.is_empty(), "{file}: no run steps");
    for (script, run) in runs {
        run.no_panic();
        assert_eq!(
            run.code, 0,
            "{file}: `{script}` exited {}:\n{}\n{}",
            run.code, run.stdout, run.stderr
        );
    }
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
async fn monday_reminds_the_incoming_pair_and_posts_the_handoff_notes() {
    let (slack, pd) = (slack().await, pagerduty().await);
    // The workflow's cron: Monday 16:15 UTC = 11:15 CDT, in the reminder window.
    slack.set_now(at("2026-03-09T16:15:00Z"));
    pd.set_now(at("2026-03-09T16:15:00Z"));
    let sandbox = roster_repo(with_services(Sandbox::empty().roster(BUNDLED), &slack, &pd));
    all_ok(
        "monday.yml",
        &run_steps(&sandbox, "monday.yml", "2026-03-09T16:15:00Z").await,
    );
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
    // A rerun of the job sends no reminder twice (the notes are posted again).
    all_ok(
        "monday.yml",
        &run_steps(&sandbox, "monday.yml", "2026-03-09T16:20:00Z").await,
    );
    let dms = slack
        .posts()
        .iter()
        .filter(|p| p.channel.starts_with('D'))
        .count();
    assert_eq!(dms, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn monday_posts_the_notes_even_when_the_reminders_fail() {
    let (slack, pd) = (slack().await, pagerduty().await);
    slack.set_now(at("2026-03-09T16:15:00Z"));
    pd.set_now(at("2026-03-09T16:15:00Z"));
    // No Slack token for the reminders' step only is not possible in one
    // environment, so break the reminders another way: a roster member's
    // DM cannot open because Slack does not know the user.
    let sandbox = roster_repo(with_services(Sandbox::empty().roster(BUNDLED), &slack, &pd));
    let text = fixture_text(BUNDLED).replace("U0000000C", "U0000000Z");
    std::fs::write(sandbox.work().join("roster.toml"), text).unwrap();
    let runs = run_steps(&sandbox, "monday.yml", "2026-03-09T16:15:00Z").await;
    assert_eq!(runs.len(), 2, "both steps ran");
    assert_ne!(
        runs[0].1.code, 0,
        "the reminders should fail: {:?}",
        runs[0].1
    );
    runs[1].1.code(0);
    assert!(slack.posts().iter().any(|p| p.channel == "C0DREAM01"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tuesday_announces_and_syncs_then_the_nightly_check_passes() {
    let (slack, pd) = (slack().await, pagerduty().await);
    // The workflow's cron: Tuesday 16:30 UTC = 10:30 CST, after the handoff.
    let when = "2026-03-03T16:30:00Z";
    slack.set_now(at(when));
    pd.set_now(at(when));
    let sandbox = roster_repo(
        with_services(Sandbox::empty().roster(BUNDLED), &slack, &pd).env("DW_STATE_DIR", "state"),
    );

    // Before the sync PagerDuty disagrees with the roster: nightly exits 4.
    let runs = run_steps(&sandbox, "nightly.yml", when).await;
    assert_eq!(runs.len(), 1);
    runs[0].1.code(4).no_panic();
    assert!(pd.overrides().is_empty());

    all_ok(
        "tuesday.yml",
        &run_steps(&sandbox, "tuesday.yml", when).await,
    );
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
    assert!(
        sandbox.work().join("state").is_dir(),
        "the ledger the cache keeps"
    );

    // After the sync the nightly check finds nothing to fix.
    all_ok(
        "nightly.yml",
        &run_steps(&sandbox, "nightly.yml", when).await,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roster_pr_comments_the_plan_or_the_problems_in_safe_markdown() {
    let sandbox = roster_repo(Sandbox::empty().roster(BUNDLED));
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
    let runs = run_steps(&sandbox, "roster-pr.yml", "2026-03-03T12:00").await;
    all_ok("roster-pr.yml", &runs);
    // No PR_NUMBER outside GitHub: the comment is printed. It is the plan.
    let comment = &runs[0].1.stdout;
    assert!(comment.contains("| 14 |"), "{comment}");
    assert!(comment.contains("linus"), "{comment}");
    assert!(comment.contains("roster.toml: ok"), "{comment}");
    assert!(
        !comment.contains(&*work.to_string_lossy()),
        "machine path: {comment}"
    );
    assert_fences_hold(comment);

    // A broken roster whose problem repeats text with backtick runs: the
    // comment lists it inside a longer fence, and the job fails.
    let broken = changed.replace("[team]", "[team]\n\"`````x\" = 1");
    std::fs::write(work.join("roster.toml"), broken).unwrap();
    let runs = run_steps(&sandbox, "roster-pr.yml", "2026-03-03T12:00").await;
    let run = &runs[0].1;
    run.code(2).no_panic();
    assert!(
        run.stdout
            .contains("### dw check found problems in the roster"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("`````x"), "{}", run.stdout);
    // dw quotes the key in backticks: a run of 6 inside, so a fence of 7.
    assert!(run.stdout.contains("\n```````\n"), "{}", run.stdout);
    assert_fences_hold(&run.stdout);
    // Read as GitHub reads it: the problem's backticks stay inside the block.
    let r = read(&run.stdout);
    assert!(
        r.code_blocks.iter().any(|b| b.contains("`````x")),
        "{:?}\n{}",
        r.code_blocks,
        run.stdout
    );
    assert!(!r.prose.contains('`'), "{}\n{}", r.prose, run.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roster_pr_that_adds_the_roster_shows_its_first_weeks() {
    // The team's first pull request: the base branch has no roster yet.
    let sandbox = roster_repo(Sandbox::empty().roster(BUNDLED));
    let work = sandbox.work();
    git(&work, &["init", "-q"]);
    git(&work, &["commit", "-q", "--allow-empty", "-m", "empty"]);
    git(&work, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    let runs = run_steps(&sandbox, "roster-pr.yml", "2026-03-03T12:00").await;
    all_ok("roster-pr.yml", &runs);
    let comment = &runs[0].1.stdout;
    assert!(comment.contains("The roster is new"), "{comment}");
    assert!(comment.contains("Tue 2026-03-03  grace"), "{comment}");
    assert!(comment.contains("roster.toml: ok"), "{comment}");
    assert_fences_hold(comment);
}

#[test]
fn roster_pr_fences_hold_against_any_backticks() {
    // The script's fence, on texts a roster could produce.
    let sandbox = roster_repo(Sandbox::empty());
    let script = dot_github().join("dw").join("roster-pr.sh");
    let text = std::fs::read_to_string(script).unwrap();
    let start = text.find("fenced() {").expect("fenced()");
    let end = start + text[start..].find("\n}\n").expect("end of fenced()") + 3;
    let function = &text[start..end];
    for input in ["plain", "```", "a ```` b", "``````````", "`", "x\n```\ny"] {
        let out = sandbox
            .command("bash")
            .args([
                "-c",
                &format!("{function}\nfenced <<<\"$1\""),
                "fenced",
                input,
            ])
            .output()
            .expect("run bash");
        let out = Run::from_output(&out);
        out.code(0);
        assert_fences_hold(&out.stdout);
        assert!(out.stdout.contains(input), "{input:?}: {}", out.stdout);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_writes_the_page_and_a_feed_for_the_team_and_each_member() {
    if !Path::new("/usr/bin/jq").is_file() && !Path::new("/usr/local/bin/jq").is_file() {
        return skip("pages.sh needs jq (GitHub's runners have it)");
    }
    let sandbox = roster_repo(Sandbox::empty().roster(BUNDLED));
    all_ok(
        "pages.yml",
        &run_steps(&sandbox, "pages.yml", "2026-03-03T12:00").await,
    );
    let site = sandbox.work().join("site");
    let page = std::fs::read_to_string(site.join("index.html")).expect("index.html");
    assert!(
        page.contains("href=\"dw.ics\""),
        "the page links the team feed"
    );
    let mut feeds = vec!["dw.ics".to_string()];
    for id in [
        "ada", "grace", "linus", "margaret", "ken", "barbara", "dennis", "frances",
    ] {
        feeds.push(format!("dw-{id}.ics"));
    }
    for id in ["ada", "frances"] {
        let member = std::fs::read_to_string(site.join(format!("{id}.html"))).unwrap();
        assert!(
            member.contains(&format!("href=\"dw-{id}.ics\"")),
            "{id}.html links its feed"
        );
    }
    for feed in &feeds {
        let text =
            std::fs::read_to_string(site.join(feed)).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let calendars: Vec<_> = ical::IcalParser::new(text.as_bytes()).collect();
        assert_eq!(calendars.len(), 1, "{feed}");
        assert!(calendars[0].is_ok(), "{feed}: {:?}", calendars[0]);
    }
    let ada = std::fs::read_to_string(site.join("dw-ada.ics")).unwrap();
    let team = std::fs::read_to_string(site.join("dw.ics")).unwrap();
    assert!(ada.len() < team.len(), "a member's feed is the member's");
}

/// `on:`, read either as the string `on` (YAML 1.2) or `true` (1.1).
fn triggers(doc: &Yaml) -> &Yaml {
    let on = &doc["on"];
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

/// `OWNER/dw` of Cargo.toml's `repository`.
fn action_name() -> String {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let doc: toml::Table = manifest.parse().unwrap();
    doc["package"]["repository"]
        .as_str()
        .and_then(|r| r.strip_prefix("https://github.com/"))
        .expect("a GitHub repository")
        .to_string()
}

#[test]
fn workflows_install_the_release_have_their_triggers_and_run_scripts_that_exist() {
    // (file, day-of-week field of its cron, or None for the pull request)
    let expected = [
        ("roster-pr.yml", None),
        ("monday.yml", Some("1")),
        ("tuesday.yml", Some("2")),
        ("nightly.yml", Some("*")),
        ("pages.yml", Some("*")),
    ];
    let mut found: Vec<String> = std::fs::read_dir(dot_github().join("workflows"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut names: Vec<&str> = expected.iter().map(|e| e.0).collect();
    names.sort();
    assert_eq!(
        found, names,
        "a workflow without a test, or a test without a workflow"
    );
    let action = action_name();

    for (file, weekday) in expected {
        let doc = workflow(file);
        let text = std::fs::read_to_string(dot_github().join("workflows").join(file)).unwrap();
        assert!(doc["name"].as_str().is_some(), "{file}: no name");
        // Nothing builds dw or keys a cache on dw's source.
        for never in ["cargo", "hashFiles", "examples/github"] {
            assert!(!text.contains(never), "{file} mentions {never}");
        }
        let on = triggers(&doc);
        match weekday {
            None => {
                let paths = on["pull_request"]["paths"]
                    .as_vec()
                    .expect("pull_request.paths");
                assert!(
                    paths.iter().any(|p| p.as_str() == Some("roster.toml")),
                    "{file}"
                );
                assert!(
                    on["pull_request_target"].is_badvalue(),
                    "{file}: pull_request_target runs the pull request's code with secrets"
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
        let steps = steps(&doc);
        let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
        let installs = uses
            .iter()
            .position(|u| u.starts_with(&format!("{action}@v")));
        let first_dw = steps.iter().position(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.starts_with("dw ") || r.starts_with(".github/dw/"))
        });
        if let Some(first_dw) = first_dw {
            let installs = installs.unwrap_or_else(|| panic!("{file} does not use {action}"));
            let at = steps
                .iter()
                .position(|s| s["uses"].as_str() == Some(uses[installs]))
                .unwrap();
            assert!(
                at < first_dw,
                "{file}: dw runs before the action installs it"
            );
        }
        for step in &steps {
            if let Some(run) = step["run"].as_str() {
                // Values reach a script through env:, never spliced into it.
                assert!(!run.contains("${{"), "{file}: an expression in run: {run}");
                for word in run.split_whitespace().filter(|w| w.starts_with(".github/")) {
                    assert!(
                        dot_github()
                            .join(word.trim_start_matches(".github/"))
                            .is_file(),
                        "{file}: {word} does not exist"
                    );
                }
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

    // Pages: built, uploaded as the Pages artifact, deployed with the
    // permissions deploy-pages needs and no more at the top.
    let pages = workflow("pages.yml");
    let uses: Vec<&str> = steps(&pages)
        .iter()
        .filter_map(|s| s["uses"].as_str())
        .collect();
    assert!(uses
        .iter()
        .any(|u| u.starts_with("actions/upload-pages-artifact@")));
    assert!(uses.iter().any(|u| u.starts_with("actions/deploy-pages@")));
    let deploy = &pages["jobs"]["deploy"];
    assert_eq!(deploy["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(deploy["permissions"]["id-token"].as_str(), Some("write"));
    assert_eq!(pages["permissions"]["contents"].as_str(), Some("read"));
    let paths = triggers(&pages)["push"]["paths"]
        .as_vec()
        .expect("push.paths");
    assert!(paths.iter().any(|p| p.as_str() == Some("roster.toml")));
}
