//! `man/` holds exactly what the hidden `dw man --out DIR` writes: `dw.1`
//! (clap_mangen, plus ENVIRONMENT and EXIT STATUS) and one page per command,
//! as `completions/` is for `dw completions`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{stdout_ok, Sandbox};

const REGENERATE: &str = "rm -f man/*.1 man/*.5 && cargo run -q -- man --out man";

fn pages(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn checked_in_man_pages_are_up_to_date() {
    let sandbox = Sandbox::empty();
    let out = sandbox.root().join("man");
    std::fs::create_dir_all(&out).unwrap();
    stdout_ok(sandbox.bare().arg("man").arg("--out").arg(&out));
    let fresh = pages(&out);
    let checked_in = pages(&Path::new(env!("CARGO_MANIFEST_DIR")).join("man"));
    assert!(
        fresh.contains_key("dw.1") && fresh.len() > 10,
        "{:?}",
        fresh.keys()
    );
    let stale: Vec<&String> = fresh
        .keys()
        .chain(checked_in.keys())
        .filter(|name| fresh.get(*name) != checked_in.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "man/{:?} differ from `dw man --out`; regenerate them with:\n    {REGENERATE}",
        stale
    );
    // `dw man` alone prints the main page.
    assert_eq!(
        stdout_ok(sandbox.bare().arg("man")).as_bytes(),
        &fresh["dw.1"][..]
    );
}

#[test]
fn man_page_has_every_command_and_the_extra_sections() {
    let page = stdout_ok(Sandbox::empty().bare().arg("man"));
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq \\(aq") || page.contains(".TH dw 1"),
        "{page}"
    );
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH SUBCOMMANDS",
        ".SH ENVIRONMENT",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    for command in [
        "who",
        "schedule",
        "remind",
        "handoff",
        "announce",
        "sync",
        "completions",
    ] {
        assert!(
            page.contains(&format!("dw\\-{command}"))
                || page.contains(&format!("\\fB{command}\\fR")),
            "no {command}"
        );
    }
    for variable in ["PAGERDUTY_TOKEN", "SLACK_TOKEN", "DW_ROSTER", "NO_COLOR"] {
        assert!(
            page.contains(&format!("\\fB{variable}\\fR")),
            "no {variable}"
        );
    }
    for code in ["0", "1", "2", "3", "4"] {
        assert!(
            page.contains(&format!(".TP\n\\fB{code}\\fR\n")),
            "no exit status {code}"
        );
    }
    // `dw man` is for maintainers: hidden from the help.
    let help = stdout_ok(Sandbox::empty().bare().arg("--help"));
    assert!(!help.contains("\n  man "), "{help}");
}

/// Every environment variable the source reads: the declared table
/// (`dw::invocation::env::VARS`, all that is read from the environment once
/// dw starts), and anything read elsewhere (`var("…")`, `var_os("…")`,
/// `env("…")`, `number("…")`, clap's `env = "…"`), to check the docs name them all.
fn variables_read_by_the_source() -> std::collections::BTreeSet<String> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut names: std::collections::BTreeSet<String> = dw::invocation::env::VARS
        .iter()
        .filter(|v| v.shown)
        .flat_map(|v| v.names.iter().map(|n| n.to_string()))
        .collect();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let shown = file.display().to_string();
        // The environment is read in one place: the table's reader (and the
        // command line, which clap reads with DW_ROSTER and DW_ME).
        if text.contains("std::env::var") {
            assert!(
                shown.ends_with("src/invocation/env.rs") || shown.ends_with("src/cli/mod.rs"),
                "{shown} reads the environment: declare the variable in src/invocation/env.rs and read it from the Invocation"
            );
        }
        for opener in ["var(\"", "var_os(\"", "env(\"", "number(\"", "env = \""] {
            for (i, _) in text.match_indices(opener) {
                let rest = &text[i + opener.len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_uppercase() || *c == '_')
                    .collect();
                if name.len() > 2 && rest[name.len()..].starts_with('"') {
                    names.insert(name);
                }
            }
        }
    }
    names
}

#[test]
fn help_and_man_page_name_every_variable_dw_reads() {
    let names = variables_read_by_the_source();
    for must in [
        "DW_STATE_DIR",
        "DW_DEADLINE",
        "DW_PAGERDUTY_SERVICE",
        "NO_COLOR",
    ] {
        assert!(
            names.contains(must),
            "{must} not found in the source: {names:?}"
        );
    }
    let help = stdout_ok(Sandbox::empty().bare().arg("--help"));
    let environment = help
        .split("Environment:")
        .nth(1)
        .expect("an Environment section");
    let page = stdout_ok(Sandbox::empty().bare().arg("man"));
    let man_env = page
        .split(".SH ENVIRONMENT")
        .nth(1)
        .and_then(|s| s.split(".SH").next())
        .expect("an ENVIRONMENT section");
    for name in &names {
        assert!(
            environment.contains(name.as_str()),
            "`dw --help` leaves out {name}"
        );
        assert!(
            man_env.contains(&format!("\\fB{name}")) || man_env.contains(name.as_str()),
            "man/dw.1 leaves out {name}"
        );
    }
    assert!(
        !page.contains("dw\\-help(1)"),
        "man/dw.1 points to a dw-help(1) page that does not exist"
    );
}
