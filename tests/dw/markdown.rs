//! The Markdown dw writes for pull requests and handoffs, from a roster whose
//! text is allowed but awkward (`|`, backticks, `@team`, images, links,
//! HTML, emphasis), read back with a CommonMark parser (pulldown-cmark,
//! with GitHub's tables): the tables have the right rows and cells, and no
//! link, image, HTML, emphasis or mention comes from roster text.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::support::{fixture_text, Sandbox};

/// Everything of a Markdown document that could carry roster text somewhere
/// it should not be.
#[derive(Debug, Default)]
struct Read {
    /// Each table: its rows (the header first), each row its cells' text.
    tables: Vec<Vec<Vec<String>>>,
    links: Vec<String>,
    images: Vec<String>,
    html: Vec<String>,
    emphasis: usize,
    /// The text of each `**strong**` span.
    strong: Vec<String>,
    headings: Vec<String>,
    code_blocks: Vec<String>,
    /// All text outside code, as GitHub's mention and autolink filters see it.
    prose: String,
}

const ZWSP: char = '\u{200b}';

fn read(markdown: &str) -> Read {
    let mut r = Read::default();
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<String> = None;
    let mut heading: Option<String> = None;
    let mut strong: Option<String> = None;
    let mut code: Option<String> = None;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM;
    for event in Parser::new_ext(markdown, options) {
        match &event {
            Event::Start(Tag::Table(_)) => r.tables.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => row = Some(Vec::new()),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let (Some(t), Some(done)) = (r.tables.last_mut(), row.take()) {
                    t.push(done);
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                r.prose.push('\n');
                if let (Some(row), Some(done)) = (row.as_mut(), cell.take()) {
                    row.push(done);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => r.links.push(dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => r.images.push(dest_url.to_string()),
            Event::Html(h) | Event::InlineHtml(h) => r.html.push(h.to_string()),
            Event::InlineMath(m) | Event::DisplayMath(m) => r.html.push(format!("math {m}")),
            Event::Start(Tag::Emphasis | Tag::Strikethrough) => r.emphasis += 1,
            Event::Start(Tag::Strong) => strong = Some(String::new()),
            Event::End(TagEnd::Strong) => r.strong.extend(strong.take()),
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                r.prose.push('\n');
                r.headings.extend(heading.take());
            }
            Event::Start(Tag::CodeBlock(_)) => code = Some(String::new()),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => r.prose.push('\n'),
            Event::End(TagEnd::CodeBlock) => r.code_blocks.extend(code.take()),
            _ => {}
        }
        let text = match &event {
            Event::Text(t) | Event::Code(t) => t.to_string(),
            Event::SoftBreak | Event::HardBreak => " ".into(),
            _ => continue,
        };
        if let Some(c) = code.as_mut() {
            c.push_str(&text);
            continue;
        }
        for open in [&mut cell, &mut heading, &mut strong].into_iter().flatten() {
            open.push_str(&text);
        }
        if !matches!(event, Event::Code(_)) {
            r.prose.push_str(&text);
        }
    }
    r
}

/// No link, image, HTML, math, emphasis, mention or autolink outside code.
fn assert_inert(r: &Read, markdown: &str) {
    assert!(r.links.is_empty(), "links {:?}\n{markdown}", r.links);
    assert!(r.images.is_empty(), "images {:?}\n{markdown}", r.images);
    assert!(r.html.is_empty(), "HTML {:?}\n{markdown}", r.html);
    assert_eq!(r.emphasis, 0, "emphasis\n{markdown}");
    let chars: Vec<char> = r.prose.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        if matches!(c, '@' | '#') {
            assert!(
                !next.is_some_and(char::is_alphanumeric),
                "a mention or reference at {i}: {}\n{markdown}",
                r.prose
            );
        }
    }
    for autolink in ["://", "www."] {
        assert!(!r.prose.contains(autolink), "{autolink} in {}", r.prose);
    }
}

/// Text as a reader sees it: without the zero-width spaces.
fn seen(s: &str) -> String {
    s.chars().filter(|c| *c != ZWSP).collect()
}

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
