//! The scripts in `completions/` are exactly what `dw completions SHELL` prints.

use std::path::Path;

use crate::support::{skip, stdout_ok, Sandbox};

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

/// The arguments that make `shell` source `script`, then print the
/// completions of `dw who --format ` where the shell can be asked for them.
fn sourcing(shell: &str, script: &Path) -> Option<Vec<String>> {
    let script = script.display();
    let code = match shell {
        "bash" => format!(
            "source '{script}' || exit 9\n\
             COMP_WORDS=(dw who --format ''); COMP_CWORD=3\n\
             COMP_LINE='dw who --format '; COMP_POINT=${{#COMP_LINE}}\n\
             _dw dw '' --format\n\
             printf '%s\\n' \"${{COMPREPLY[@]}}\""
        ),
        // compinit first: the script registers itself with compdef.
        "zsh" => format!("autoload -Uz compinit && compinit -u -D && source '{script}' || exit 9"),
        "fish" => format!("source '{script}'; or exit 9\ncomplete -C 'dw who --format '"),
        _ => return None,
    };
    let args: &[&str] = match shell {
        "bash" => &["--norc", "--noprofile", "-c"],
        "zsh" => &["-f", "-c"],
        _ => &["--no-config", "-c"],
    };
    let mut argv: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    argv.push(code);
    Some(argv)
}

#[test]
fn sourcing_a_completion_script_runs_nothing() {
    // A `dw` first on PATH that records every run: sourcing the script (and
    // completing a flag's values) must never execute it.
    let sandbox = Sandbox::empty();
    let ran = sandbox.root().join("dw-ran");
    let fake = sandbox.write(
        "bin/dw",
        format!("#!/bin/sh\necho \"$@\" >> '{}'\n", ran.display()),
    );
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let path = format!(
        "{}:/usr/local/bin:/usr/bin:/bin",
        sandbox.root().join("bin").display()
    );
    let completions = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for shell in ["bash", "zsh", "fish"] {
        let Some(program) = ["/usr/bin", "/bin", "/usr/local/bin"]
            .iter()
            .map(|d| Path::new(d).join(shell))
            .find(|p| p.is_file())
        else {
            skip(&format!(
                "{shell} is not installed: its completion script was not sourced \
                 (.ci/run installs bash, zsh and fish)"
            ));
            continue;
        };
        let argv = sourcing(shell, &completions.join(format!("dw.{shell}"))).expect("shell");
        let out = sandbox
            .command(&program)
            .args(&argv)
            .env("PATH", &path)
            .output()
            .expect("run the shell");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "{shell}: {:?}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
            out.status
        );
        assert!(
            !ran.exists(),
            "sourcing completions/dw.{shell} ran dw: {}",
            std::fs::read_to_string(&ran).unwrap_or_default()
        );
        assert!(stderr.is_empty(), "{shell} printed on stderr: {stderr}");
        if shell != "zsh" {
            // zsh completes only inside its line editor; bash and fish can be asked.
            for value in ["table", "json", "env", "tsv"] {
                assert!(
                    stdout.lines().any(|l| l.split('\t').next() == Some(value)),
                    "{shell}: --format does not complete {value}:\n{stdout}"
                );
            }
        }
    }
}
