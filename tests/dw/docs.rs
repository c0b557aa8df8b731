//! The project stands alone: README, `docs/`, the CI examples, the man pages,
//! the source comments and the `--help` of every command explain things in their own words and
//! never point to files a clone does not have (the behaviour contract beside
//! the repository, `../shared`).

use std::path::{Path, PathBuf};

use clap::CommandFactory;

use crate::support::Sandbox;

/// What must not appear: paths outside the repository and the contract's name.
const FORBIDDEN: [&str; 4] = ["../shared", "SPEC.md", "SPEC §", "shared/specs"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn offences(what: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        for word in FORBIDDEN {
            if line.contains(word) {
                found.push(format!("{what}:{}: {word:?} in {line:?}", i + 1));
            }
        }
    }
    found
}

/// Markdown and text files under `dir`, recursively.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn readme_docs_examples_man_and_source_point_only_inside_the_repository() {
    let mut paths = vec![root().join("README.md")];
    files(&root().join("man"), &mut paths);
    files(&root().join("docs"), &mut paths);
    // Source comments too: a reader of the code has only the repository.
    files(&root().join("src"), &mut paths);
    files(&root().join("examples"), &mut paths);
    assert!(paths.len() > 4, "no docs found: {paths:?}");
    let mut found = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let name = path
            .strip_prefix(root())
            .unwrap_or(path)
            .display()
            .to_string();
        found.extend(offences(&name, &text));
    }
    assert!(
        found.is_empty(),
        "say it in our own words (or point to docs/rotation.md):\n{}",
        found.join("\n")
    );
}

/// Every command path: `[]`, `["who"]`, `["incident", "start"]`, …
fn command_paths(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    for sub in cmd.get_subcommands() {
        let mut path = prefix.clone();
        path.push(sub.get_name().to_string());
        command_paths(sub, path, out);
    }
}

#[test]
fn help_of_every_command_points_only_inside_the_repository() {
    let mut paths = Vec::new();
    command_paths(&dw::cli::Cli::command(), Vec::new(), &mut paths);
    assert!(paths.len() > 15, "{paths:?}");
    let sandbox = Sandbox::empty();
    let mut found = Vec::new();
    for path in &paths {
        for flag in ["-h", "--help"] {
            let mut dw = sandbox.bare();
            dw.args(path).arg(flag);
            let help = dw.ok();
            assert!(!help.is_empty(), "dw {} {flag}: empty", path.join(" "));
            found.extend(offences(&format!("dw {} {flag}", path.join(" ")), &help));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The ```console blocks of a Markdown text: each `$ dw …` line with the
/// output lines under it.
fn console_examples(text: &str) -> Vec<(String, String)> {
    let mut examples = Vec::new();
    let mut in_block = false;
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        if line.starts_with("```") {
            if let Some(done) = current.take() {
                examples.push(done);
            }
            in_block = !in_block && line == "```console";
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            if let Some(done) = current.take() {
                examples.push(done);
            }
            current = Some((command.to_string(), String::new()));
        } else if let Some((_, output)) = current.as_mut() {
            output.push_str(line);
            output.push('\n');
        }
    }
    examples
}

#[test]
fn readme_console_examples_print_what_they_show() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let examples = console_examples(&readme);
    assert!(examples.len() >= 2, "{examples:?}");
    let sandbox = Sandbox::empty().roster(crate::support::BUNDLED);
    for (command, expected) in examples {
        let words: Vec<&str> = command.split_whitespace().collect();
        assert_eq!(words[0], "dw", "{command}");
        assert!(
            !command.contains(['|', ';', '"', '\'', '#']),
            "keep README console examples to plain dw commands: {command}"
        );
        let out = sandbox.dw(&words[1..]).ok();
        assert_eq!(out.trim_end(), expected.trim_end(), "README: $ {command}");
    }
}

#[test]
fn readme_everyday_table_names_real_commands() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let cli = dw::cli::Cli::command();
    let mut seen = 0;
    for line in readme.lines().filter(|l| l.starts_with("| ")) {
        for cell in line.split('`').skip(1).step_by(2) {
            let Some(rest) = cell.strip_prefix("dw ") else {
                continue;
            };
            let mut cmd = &cli;
            for word in rest.split_whitespace().take_while(|w| !w.starts_with('-')) {
                match cmd.find_subcommand(word) {
                    Some(sub) => cmd = sub,
                    None if cmd.has_subcommands() && std::ptr::eq(cmd, &cli) => {
                        panic!("README names `dw {rest}`: no command {word:?}")
                    }
                    None => break,
                }
            }
            assert!(!std::ptr::eq(cmd, &cli), "README: `dw {rest}`");
            for flag in rest.split_whitespace().filter(|w| w.starts_with("--")) {
                let long = flag.trim_start_matches("--");
                let global = cli.get_arguments().any(|a| a.get_long() == Some(long));
                let known = cmd.get_arguments().any(|a| a.get_long() == Some(long));
                assert!(global || known, "README: `dw {rest}`: no flag {flag}");
            }
            seen += 1;
        }
    }
    assert!(seen > 10, "{seen} commands found in the README's tables");
}

/// Relative links `](path)` and `](path#anchor)` in a Markdown file.
fn relative_links(text: &str) -> Vec<String> {
    text.split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .filter(|target| !target.contains("://") && !target.starts_with('#'))
        .map(|target| target.split('#').next().unwrap_or("").to_string())
        .filter(|target| !target.is_empty())
        .collect()
}

#[test]
fn links_in_readme_and_docs_point_to_files_that_exist() {
    let mut paths = vec![
        root().join("README.md"),
        root().join("examples/github/README.md"),
    ];
    files(&root().join("docs"), &mut paths);
    let mut broken = Vec::new();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let dir = path.parent().unwrap();
        for link in relative_links(&text) {
            if !dir.join(&link).exists() {
                broken.push(format!("{}: {link}", path.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The bot scopes `docs/slack-app-manifest.yml` asks for.
fn manifest_scopes() -> std::collections::BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("docs/slack-app-manifest.yml")).unwrap();
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).expect("the manifest parses");
    docs[0]["oauth_config"]["scopes"]["bot"]
        .as_vec()
        .expect("oauth_config.scopes.bot")
        .iter()
        .map(|s| s.as_str().expect("a scope").to_string())
        .collect()
}

#[test]
fn slack_app_manifest_asks_for_exactly_the_scopes_dw_uses() {
    let used: std::collections::BTreeSet<String> = dw::invocation::access::TABLE
        .iter()
        .flat_map(|row| row.slack_scopes.iter().map(|s| s.to_string()))
        .collect();
    assert!(used.contains("groups:read"), "{used:?}");
    assert_eq!(manifest_scopes(), used, "docs/slack-app-manifest.yml");
}

#[test]
fn setup_table_says_what_the_access_table_says() {
    use dw::invocation::access::{PagerDutyKey, TABLE};
    let setup = std::fs::read_to_string(root().join("docs/setup.md")).unwrap();
    for row in TABLE {
        let start = format!("| `{}` |", row.command);
        let line = setup
            .lines()
            .find(|l| l.starts_with(&start))
            .unwrap_or_else(|| panic!("docs/setup.md has no row for `{}`", row.command));
        let cells: Vec<&str> = line.split(" | ").map(str::trim).collect();
        let (key, from, scopes) = (cells[1], cells[2], cells[3]);
        let want = match row.pagerduty {
            Some((PagerDutyKey::ReadOnly, _)) => "read-only",
            Some((PagerDutyKey::FullAccess, _)) => "full access",
            None => "—",
        };
        assert!(
            key.starts_with(want),
            "`{}`: {key:?}, not {want}",
            row.command
        );
        assert_eq!(
            from,
            if row.from { "yes" } else { "—" },
            "`{}`: DW_PAGERDUTY_FROM",
            row.command
        );
        let listed: Vec<&str> = scopes.split('`').skip(1).step_by(2).collect();
        let mut want: Vec<&str> = row.slack_scopes.to_vec();
        let mut got = listed.clone();
        want.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, want, "`{}`: Slack scopes", row.command);
    }
}

/// The README's "Your team" commands: the `dw init` line writes a roster that
/// `dw check` accepts, in an empty folder.
#[test]
fn readme_init_example_writes_a_roster_that_passes_check() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let block = readme
        .split("```sh\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .find(|b| b.contains("dw init"))
        .expect("a sh block with dw init");
    let init = block
        .replace("\\\n", " ")
        .lines()
        .find(|l| l.trim_start().starts_with("dw init"))
        .expect("the dw init line")
        .to_string();
    let sandbox = Sandbox::empty();
    let mut sh = sandbox.command("sh");
    // Written on Tuesday 2026-03-03, checked once the rotation has begun (an
    // explicit --at before week 0 is refused by design).
    let script = format!(
        "dw() {{ '{dw}' --at 2026-03-03T12:00 \"$@\"; }}\n{init}\n'{dw}' --at 2026-03-11T12:00 check",
        dw = crate::support::dw_binary().display()
    );
    sh.args(["-c", &script]);
    let out = sh.output().expect("run sh");
    let run = crate::support::Run::from_output(&out);
    run.code(0);
    assert!(run.stdout.contains("roster.toml: ok"), "{}", run.stdout);
    let roster = std::fs::read_to_string(sandbox.work().join("roster.toml")).unwrap();
    assert!(roster.contains("Europe/Berlin"), "{roster}");
}

/// Rank 1 and 2 are named by the roster: the help says "primary" and
/// "secondary" only as the default names or as examples of a role argument.
const DEFAULT_NAMES: [&str; 8] = [
    "primary and secondary by default",
    "secondary by default",
    "\"primary: …, secondary: …\" by default",
    "DW_PRIMARY_EMAIL by default",
    "a role name (primary)",
    "names such as primary",
    "primary,secondary,tertiary",
    "--secondary",
];

#[test]
fn help_of_every_command_is_worded_for_any_team() {
    let mut paths = Vec::new();
    command_paths(&dw::cli::Cli::command(), Vec::new(), &mut paths);
    let mut found = Vec::new();
    for path in &paths {
        let mut args = vec!["dw".to_string()];
        args.extend(path.iter().cloned());
        args.push("--help".into());
        let help = match dw::cli::Cli::command().try_get_matches_from(&args) {
            Ok(_) => panic!("{args:?} printed no help"),
            Err(e) => e.to_string(),
        };
        let mut text = help.split_whitespace().collect::<Vec<_>>().join(" ");
        for allowed in DEFAULT_NAMES {
            text = text.replace(allowed, "");
        }
        let lower = text.to_lowercase();
        for word in ["dreamwork", "#org-", "primary", "secondary"] {
            if lower.contains(word) {
                found.push(format!("dw {} --help: {word:?} in {text}", path.join(" ")));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n\n"));
}
