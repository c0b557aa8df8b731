//! `dw plan`: what changes between two rosters, or a git revision and the
//! working copy.

use std::collections::BTreeSet;
use std::process::Command as Process;

use serde_json::{json, Value};

use crate::support::truth::*;
use crate::support::{fixture_text, run_code, stdout_ok, Sandbox, AT, BUNDLED};

#[test]
fn plan_git_refuses_a_revision_that_looks_like_an_option() {
    let sandbox = Sandbox::with(BUNDLED);
    let (_, stderr) = run_code(
        &mut sandbox.dw(&["plan", "--all-ranks", "--git=--output=/tmp/x"]),
        2,
    );
    assert!(stderr.contains("cannot start with '-'"), "{stderr}");
}

/// (week, rank, before, after) for every rank that differs, computed from
/// `dw schedule --json` of each roster: an expectation independent of `plan`.
fn expected_changes(
    sandbox: &Sandbox,
    old: &str,
    new: &str,
    weeks: usize,
) -> Vec<(u64, u64, Option<String>, Option<String>)> {
    let schedule = |roster: &str| {
        let mut cmd = sandbox.bare();
        cmd.args([
            "--roster",
            roster,
            "--at",
            AT,
            "--json",
            "schedule",
            "--weeks",
            &weeks.to_string(),
        ]);
        crate::support::json(&mut cmd)["weeks"]
            .as_array()
            .unwrap()
            .clone()
    };
    let ids = |week: &Value| -> Vec<String> {
        week["ranks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (a, b) = (schedule(old), schedule(new));
    assert_eq!(a.len(), weeks);
    let mut out = Vec::new();
    for (wa, wb) in a.iter().zip(&b) {
        assert_eq!(wa["week"], wb["week"]);
        let (ra, rb) = (ids(wa), ids(wb));
        for rank in 0..ra.len().max(rb.len()) {
            let (x, y) = (ra.get(rank).cloned(), rb.get(rank).cloned());
            if x != y {
                out.push((wa["week"].as_u64().unwrap(), rank as u64 + 1, x, y));
            }
        }
    }
    out
}

fn plan_json(sandbox: &Sandbox, args: &[&str]) -> Value {
    let mut cmd = sandbox.bare();
    cmd.args(["--at", AT, "--json", "plan", "--all-ranks"])
        .args(args);
    crate::support::json(&mut cmd)
}

fn changes_of(plan: &Value) -> Vec<(u64, u64, Option<String>, Option<String>)> {
    plan["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["week"].as_u64().unwrap(),
                c["rank"].as_u64().unwrap(),
                c["before"].as_str().map(str::to_string),
                c["after"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn plan_sandbox() -> Sandbox {
    Sandbox::empty()
        .roster(TEAM)
        .roster("truth-joiner.toml")
        .roster("truth-left.toml")
}

#[test]
fn plan_of_a_joiner_changes_nothing_before_the_join_date() {
    let sandbox = plan_sandbox();
    let plan = plan_json(&sandbox, &[TEAM, "truth-joiner.toml", "--weeks", "30"]);
    assert_eq!(plan["from_week"], 8);
    assert_eq!(plan["to_week"], 37);
    let changes = plan["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    for c in changes {
        let start = c["start"].as_str().unwrap();
        assert!(
            instant(start) >= instant("2026-04-09T00:00:00-05:00"),
            "a change before eve joins (2026-04-09): {c}"
        );
        assert_eq!(c.as_object().unwrap().len(), 6, "{c}");
    }
    // eve's first week is the first week whose dates all fall on or after the join date.
    assert_eq!(changes[0]["week"], 14);
    assert_eq!(changes[0]["start"], "2026-04-14T10:00:00-05:00");
    assert_eq!(changes[0]["role"], "5th");
    assert_eq!(changes[0]["before"], Value::Null);
    assert_eq!(changes[0]["after"], "eve");
    assert_eq!(
        changes_of(&plan),
        expected_changes(&sandbox, TEAM, "truth-joiner.toml", 30)
    );
    // Seen from before week 14 only, nothing changes at all.
    let early = plan_json(&sandbox, &[TEAM, "truth-joiner.toml", "--weeks", "6"]);
    assert_eq!(early["changes"], json!([]));

    let mut cmd = sandbox.bare();
    cmd.args([
        "--at",
        AT,
        "plan",
        "--all-ranks",
        TEAM,
        "truth-joiner.toml",
        "--weeks",
        "8",
        "--markdown",
    ]);
    crate::support::assert_snapshot("plan_joiner_markdown", &stdout_ok(&mut cmd), None);
}

#[test]
fn plan_of_a_leaver_shows_exactly_the_changed_weeks() {
    let sandbox = plan_sandbox();
    let plan = plan_json(&sandbox, &[TEAM, "truth-left.toml", "--weeks", "20"]);
    let changes = changes_of(&plan);
    assert_eq!(
        changes,
        expected_changes(&sandbox, TEAM, "truth-left.toml", 20)
    );
    let some = |s: &str| Some(s.to_string());
    // cy's last week is week 11; from week 12 on, everyone behind moves up.
    assert_eq!(
        changes[..5],
        [
            (12, 3, some("cy"), some("dee")),
            (12, 4, some("dee"), None),
            (13, 2, some("cy"), some("dee")),
            (13, 3, some("dee"), some("ada")),
            (13, 4, some("ada"), None),
        ]
    );
    let weeks: BTreeSet<u64> = changes.iter().map(|c| c.0).collect();
    assert_eq!(weeks, (12..28).collect());

    let mut cmd = sandbox.bare();
    cmd.args([
        "--at",
        AT,
        "plan",
        "--all-ranks",
        TEAM,
        "truth-left.toml",
        "--weeks",
        "6",
    ]);
    crate::support::assert_snapshot("plan_leaver_table", &stdout_ok(&mut cmd), None);
    let mut cmd = sandbox.bare();
    cmd.args([
        "--at",
        AT,
        "plan",
        "--all-ranks",
        TEAM,
        "truth-left.toml",
        "--weeks",
        "6",
        "--markdown",
    ]);
    crate::support::assert_snapshot("plan_leaver_markdown", &stdout_ok(&mut cmd), None);
}

#[test]
fn plan_of_a_new_override_changes_only_its_week() {
    let sandbox = plan_sandbox();
    sandbox.write(
        "work/swapped.toml",
        with_override("2026-03-19", "primary", "dee", "trade").as_bytes(),
    );
    let plan = plan_json(&sandbox, &[TEAM, "swapped.toml", "--weeks", "10"]);
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        changes_of(&plan),
        [
            (10, 1, some("cy"), some("dee")),
            (10, 2, some("dee"), some("cy")),
        ]
    );
}

#[test]
fn plan_of_identical_rosters_says_no_changes() {
    let sandbox = plan_sandbox();
    let mut cmd = sandbox.bare();
    cmd.args(["--at", AT, "plan", "--all-ranks", TEAM, TEAM]);
    assert_eq!(
        stdout_ok(&mut cmd),
        "No changes in weeks 8–59 (truth-team.toml → truth-team.toml).\n"
    );
    let plan = plan_json(&sandbox, &[TEAM, TEAM, "--weeks", "4"]);
    assert_eq!(
        plan,
        json!({"from_week": 8, "to_week": 11, "changes": [], "turns": []})
    );
    // --from picks the first week compared.
    let plan = plan_json(
        &sandbox,
        &[
            TEAM,
            "truth-left.toml",
            "--from",
            "2026-04-02",
            "--weeks",
            "1",
        ],
    );
    assert_eq!(plan["from_week"], 12);
    assert_eq!(plan["changes"].as_array().unwrap().len(), 2);
}

/// Run git in `dir` with a fixed identity and nothing of this machine's config.
fn git(sandbox: &Sandbox, dir: &std::path::Path, args: &[&str]) {
    let out = Process::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("HOME", sandbox.home())
        .env("XDG_CONFIG_HOME", sandbox.config())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn plan_git_compares_a_revision_with_the_working_copy() {
    let sandbox = Sandbox::empty();
    let work = sandbox.work();
    std::fs::write(work.join("roster.toml"), fixture_text(TEAM)).unwrap();
    git(&sandbox, &work, &["init", "-q"]);
    git(&sandbox, &work, &["add", "roster.toml"]);
    git(&sandbox, &work, &["commit", "-q", "-m", "roster"]);
    std::fs::write(work.join("roster.toml"), fixture_text("truth-joiner.toml")).unwrap();
    std::fs::create_dir_all(work.join("docs")).unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();

    // Found by discovery from a subfolder, and named with --roster.
    for (dir, roster) in [
        (work.join("docs"), None),
        (work.clone(), Some("roster.toml")),
    ] {
        let mut cmd = sandbox.bare();
        cmd.current_dir(&dir).env("PATH", &path);
        if let Some(r) = roster {
            cmd.args(["--roster", r]);
        }
        cmd.args([
            "--at",
            AT,
            "plan",
            "--all-ranks",
            "--git",
            "HEAD",
            "--weeks",
            "8",
        ]);
        let out = stdout_ok(&mut cmd);
        assert!(
            out.starts_with("3 assignments change in 2 weeks (HEAD → working copy, weeks 8–15)."),
            "{out}"
        );
        assert!(out.contains(" 14 ") && out.contains("eve"), "{out}");
        assert!(!out.contains(" 13 "), "{out}");
    }

    // After committing, HEAD and the working copy agree.
    git(&sandbox, &work, &["commit", "-q", "-am", "eve joins"]);
    let mut cmd = sandbox.bare();
    cmd.env("PATH", &path)
        .args(["--at", AT, "plan", "--all-ranks", "--git", "HEAD"]);
    assert_eq!(
        stdout_ok(&mut cmd),
        "No changes in weeks 8–59 (HEAD → working copy).\n"
    );
    // HEAD~1 is the roster before eve.
    let mut cmd = sandbox.bare();
    cmd.env("PATH", &path).args([
        "--at",
        AT,
        "--json",
        "plan",
        "--all-ranks",
        "--git",
        "HEAD~1",
        "--weeks",
        "8",
    ]);
    let plan = crate::support::json(&mut cmd);
    assert_eq!(plan["changes"][0]["week"], 14);

    // A revision without the roster is a usage error naming it.
    let mut cmd = sandbox.bare();
    cmd.env("PATH", &path)
        .args(["--at", AT, "plan", "--all-ranks", "--git", "no-such-rev"]);
    let (_, stderr) = run_code(&mut cmd, 2);
    assert!(stderr.contains("--git no-such-rev"), "{stderr}");
}
