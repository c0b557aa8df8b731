//! `man/` holds exactly what the hidden `dw man --out DIR` writes: `dw.1`
//! (clap_mangen, plus ENVIRONMENT and EXIT STATUS) and one page per command,
//! as `completions/` is for `dw completions`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{stdout_ok, Sandbox};

const REGENERATE: &str = "rm -f man/*.1 && cargo run -q -- man --out man";

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
