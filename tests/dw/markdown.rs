//! The Markdown dw writes for pull requests and handoffs, from a roster whose
//! text is allowed but awkward (`|`, backticks, `@team`, images, links,
//! HTML, emphasis), read back with a CommonMark parser (pulldown-cmark,
//! with GitHub's tables): the tables have the right rows and cells, and no
//! link, image, HTML, emphasis or mention comes from roster text.

use crate::support::markdown::{assert_inert, read, seen};
use crate::support::{fixture_text, Sandbox};

const TEAM: &str = "Ops | `rm -rf` @team <b>x</b>";
const ALICE: &str = "Alice | Admin ![x](http://evil.example/i.png) *a*";
const BOB: &str = "Bob `x` ``` @org/team [y](http://evil.example) _b_ <img src=x>";
const CAROL: &str = "Carol www.evil.example ada@example.com #12 ~~s~~ $m$ &amp;";

/// utc.toml with awkward but allowed team and member names and ids.
fn awkward() -> String {
    let toml = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    fixture_text("utc.toml")
        .replacen(
            "name = \"Testers\"",
            &format!("name = \"{}\"", toml(TEAM)),
            1,
        )
        .replacen(
            "name = \"Alice Example\"",
            &format!("name = \"{}\"", toml(ALICE)),
            1,
        )
        .replacen(
            "name = \"Bob O'Brien\"",
            &format!("name = \"{}\"", toml(BOB)),
            1,
        )
        .replacen(
            "name = \"Carol Ångström\"",
            &format!("name = \"{}\"", toml(CAROL)),
            1,
        )
        .replace("\"alice\"", "\"_al_\"")
        .replace("id = \"bob\"", "id = \"b.o-b\"")
}

#[test]
fn handoff_notes_of_an_awkward_roster_are_one_table_and_nothing_else() {
    let sandbox = Sandbox::empty()
        .at("2026-01-12T08:00")
        .without("PAGERDUTY_TOKEN");
    let text = awkward().replace("id = \"b.o-b\"", "id = \"bob\"");
    sandbox.write("work/r.toml", &text);
    let issue = "- [ ] ![i](http://evil.example/x.png) <script>x</script> | @here";
    let run = sandbox.run(&["--roster", "r.toml", "handoff", &format!("--issue={issue}")]);
    run.success();
    let md = &run.stdout;
    let r = read(md);
    assert_inert(&r, md);
    assert_eq!(
        seen(&r.headings[0]),
        format!("{TEAM} handoff: Mon 2026-01-12 09:00 UTC")
    );
    assert_eq!(r.tables.len(), 1, "{md}");
    let rows: Vec<Vec<String>> = r.tables[0]
        .iter()
        .map(|row| row.iter().map(|c| seen(c)).collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["role".to_string(), "outgoing".into(), "incoming".into()],
            vec![
                "primary".into(),
                format!("{ALICE} (_al_)"),
                format!("{BOB} (bob)"),
            ],
            vec![
                "secondary".into(),
                format!("{BOB} (bob)"),
                format!("{CAROL} (carol)"),
            ],
        ],
        "{md}"
    );
    assert!(seen(&r.prose).contains(issue), "{md}");
}

#[test]
fn plan_markdown_of_awkward_rosters_is_one_table_and_nothing_else() {
    let sandbox = Sandbox::empty().at("2026-01-06T12:00");
    let old = awkward();
    let new = old.replace(
        "email = \"alice@example.com\"",
        "email = \"alice@example.com\"\naway = [{ from = 2026-02-09, to = 2026-02-10 }]",
    );
    assert_ne!(old, new);
    // File names are text too (the label names them).
    let (a, b) = ("old|[l](http:x)@team.toml", "new_*`x`*_.toml");
    sandbox.write(&format!("work/{a}"), &old);
    sandbox.write(&format!("work/{b}"), &new);
    let run = sandbox.run(&["plan", "--markdown", a, b]);
    run.success();
    let md = &run.stdout;
    let r = read(md);
    assert_inert(&r, md);
    assert_eq!(r.tables.len(), 1, "{md}");
    let table = &r.tables[0];
    assert_eq!(table[0], ["week", "starts", "role", "before", "after"]);
    assert!(table.len() > 1, "{md}");
    for row in &table[1..] {
        assert_eq!(row.len(), 5, "{row:?}\n{md}");
        for who in &row[3..] {
            assert!(
                ["-", "_al_", "b.o-b", "carol"].contains(&who.as_str()),
                "{who:?}\n{md}"
            );
        }
    }
    // The new holder is the one strong span of each row, its id verbatim.
    assert!(r
        .strong
        .iter()
        .all(|s| ["_al_", "b.o-b", "carol"].contains(&s.as_str())));
    assert!(seen(&r.prose).contains(&format!("{a} → {b}")), "{md}");
}

/// `git ARGS` in `dir`, with no configuration of this machine.
fn git(dir: &std::path::Path, args: &[&str]) {
    let out = std::process::Command::new("git")
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
    assert!(out.status.success(), "git {args:?}");
}

/// The pull-request comment the example `examples/github/.github/dw/roster-pr.sh`
/// builds (printed, without PR_NUMBER) for the working copy against the
/// committed roster, with a `dw` on PATH that is the built dw at a fixed moment.
fn roster_pr_comment(sandbox: &Sandbox) -> crate::support::Run {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/github/.github/dw/roster-pr.sh");
    let bin = sandbox.root().join("bin");
    let wrapper = sandbox.write(
        "bin/dw",
        format!(
            "#!/bin/sh\nexec '{}' --at 2026-01-06T12:00 \"$@\"\n",
            crate::support::dw_binary().display()
        ),
    );
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let out = sandbox
        .command("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(script)
        .env(
            "PATH",
            format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display()),
        )
        .output()
        .expect("run bash");
    crate::support::Run::from_output(&out)
}

#[test]
fn the_pull_request_comment_of_the_example_script_is_inert() {
    let sandbox = Sandbox::empty();
    let work = sandbox.work();
    std::fs::write(work.join("roster.toml"), awkward()).expect("write");
    git(&work, &["init", "-q"]);
    git(&work, &["add", "roster.toml"]);
    git(&work, &["commit", "-qm", "roster"]);
    git(&work, &["update-ref", "refs/remotes/origin/main", "HEAD"]);

    // An allowed change: the comment is the plan's table.
    let changed = awkward().replace(
        "email = \"alice@example.com\"",
        "email = \"alice@example.com\"\naway = [{ from = 2026-02-09, to = 2026-02-10, reason = \"![x](http://evil.example) @team\" }]",
    );
    std::fs::write(work.join("roster.toml"), &changed).expect("write");
    let run = roster_pr_comment(&sandbox);
    run.success();
    let r = read(&run.stdout);
    assert_inert(&r, &run.stdout);
    assert_eq!(r.tables.len(), 1, "{}", run.stdout);
    assert!(r.tables[0].len() > 1, "{}", run.stdout);

    // A role name that tries to close the fence of the problems' block,
    // approve the change, mention a team and load an image.
    let hostile = "```\\n### Approved for merge @team ![x](http://evil.example/i.png)\\n```";
    std::fs::write(
        work.join("roster.toml"),
        changed.replacen(
            "roles = [\"primary\", \"secondary\"]",
            &format!("roles = [\"primary\", \"{hostile}\"]"),
            1,
        ),
    )
    .expect("write");
    let run = roster_pr_comment(&sandbox);
    run.code(2);
    let r = read(&run.stdout);
    assert_inert(&r, &run.stdout);
    assert_eq!(
        r.headings,
        ["dw check found problems in the roster"],
        "{}",
        run.stdout
    );
    assert_eq!(r.code_blocks.len(), 1, "{}", run.stdout);
    assert!(
        r.code_blocks[0].contains("is not a usable role name"),
        "{}",
        run.stdout
    );
    assert!(
        r.prose.trim() == "dw check found problems in the roster",
        "{}",
        r.prose
    );
}

/// `incident analysis --write`: the incident's title, service and log from
/// PagerDuty and the roster's questions and exempt services read as
/// themselves; the one link is dw's, to the incident.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_analysis_template_of_an_awkward_incident_is_inert() {
    use crate::support::standin::at;
    use crate::support::standin::pagerduty::{PagerDuty, TOKEN};
    const TITLE: &str = "Checkout | down `x` [x](http://e) @team";
    const SERVICE: &str = "API | `v2` @ops";
    const NOTE: &str = "Paged @oncall | see `log` <b>b</b> *now* [y](http://e)";
    const QUESTION: &str = "What `broke` | [z](http://e) @team?";
    const EXEMPT: &str = "svc *x* @ops";
    let pd = PagerDuty::start().await;
    pd.add_service("PSVC001", SERVICE);
    pd.set_now(at("2026-01-06T10:00:00Z"));
    let id = pd.add_incident("PSVC001", TITLE);
    pd.add_log_entry(&id, "annotate_log_entry", NOTE, at("2026-01-06T10:10:00Z"));
    let toml = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let roster = format!(
        "{}\n[analysis]\ntesting_phase_exempt = [\"{}\"]\nquestions = [\"{}\", \"Timeline\"]\n",
        fixture_text("utc.toml"),
        toml(EXEMPT),
        toml(QUESTION)
    );
    let sandbox = Sandbox::empty()
        .at("2026-01-06T12:00")
        .env("DW_PAGERDUTY_URL", pd.url())
        .env("PAGERDUTY_TOKEN", TOKEN);
    sandbox.write("work/r.toml", roster);
    sandbox
        .run_async(&[
            "--roster",
            "r.toml",
            "incident",
            "analysis",
            "--incident",
            &id,
            "--rolled-back",
            "--service",
            SERVICE,
            "--write",
            "analysis.md",
        ])
        .await
        .code(0);
    let md = std::fs::read_to_string(sandbox.work().join("analysis.md")).expect("the template");
    let mut r = read(&md);
    assert_eq!(
        r.links,
        [format!("https://standin.pagerduty.com/incidents/{id}")],
        "{md}"
    );
    r.links.clear();
    assert_inert(&r, &md);
    let headings: Vec<String> = r.headings.iter().map(|h| seen(h)).collect();
    assert_eq!(
        headings,
        [
            format!("Incident analysis: {TITLE}"),
            "Is an analysis required?".into(),
            QUESTION.into(),
            "Timeline".into(),
        ],
        "{md}"
    );
    let prose = seen(&r.prose);
    for text in [
        format!("Service: {SERVICE}"),
        format!("2026-01-06T10:10:00Z: {NOTE}"),
        // The roster's exempt service, as the rule names it.
        "(except a Svc *x* @ops service rolled back".into(),
        "(it needed a roll back)".into(),
    ] {
        assert!(prose.contains(&text), "{text:?} in\n{prose}\n{md}");
    }
}
