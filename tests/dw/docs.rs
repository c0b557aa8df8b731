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
