//! The scripts in `completions/` are exactly what `dw completions SHELL` prints.

use crate::support::{stdout_ok, Sandbox};

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "elvish", "powershell"];

const REGENERATE: &str = "for s in bash zsh fish elvish powershell; do \
cargo run -q -- completions $s > completions/dw.$s; done";

#[test]
fn checked_in_completions_are_up_to_date() {
    // No roster anywhere: completions must not need one.
    let sandbox = Sandbox::empty();
    let mut stale = Vec::new();
    for shell in SHELLS {
        let printed = stdout_ok(sandbox.bare().args(["completions", shell]));
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("completions")
            .join(format!("dw.{shell}"));
        let checked_in =
            std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        assert!(!printed.is_empty(), "{shell}: empty script");
        if printed.as_bytes() != checked_in.as_slice() {
            stale.push(format!("completions/dw.{shell}"));
        }
    }
    assert!(
        stale.is_empty(),
        "{} differ from `dw completions`; regenerate them with:\n    {REGENERATE}",
        stale.join(", ")
    );
}

#[test]
fn completions_name_the_subcommands() {
    let sandbox = Sandbox::empty();
    for shell in SHELLS {
        let script = stdout_ok(sandbox.bare().args(["completions", shell]));
        for word in [
            "who", "schedule", "next", "roles", "stats", "check", "roster",
        ] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
    }
}
