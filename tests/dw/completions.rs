//! The scripts in `completions/` are exactly what `dw completions SHELL`
//! prints; they run nothing when sourced, and on TAB they ask dw, which
//! completes commands, flags and values, member ids, role names and week
//! dates from the roster included (`DW_COMPLETE=SHELL dw -- WORDS…`).

use std::path::{Path, PathBuf};

use crate::support::{dw_binary, skip, stdout_ok, Run, Sandbox, AT, BUNDLED};

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

/// The arguments that make `shell` source `script` and nothing else, then
/// show the registration where the shell can.
fn sourcing(shell: &str, script: &Path) -> Vec<String> {
    let script = script.display();
    let (flags, code): (&[&str], String) = match shell {
        "bash" => (
            &["--norc", "--noprofile", "-c"],
            format!("source '{script}' || exit 9\ncomplete -p dw"),
        ),
        // compinit first: the script registers itself with compdef.
        "zsh" => (
            &["-f", "-c"],
            format!("autoload -Uz compinit && compinit -u -D && source '{script}' || exit 9"),
        ),
        _ => (
            &["--no-config", "-c"],
            format!("source '{script}'; or exit 9\ncomplete --command dw"),
        ),
    };
    let mut argv: Vec<String> = flags.iter().map(|s| s.to_string()).collect();
    argv.push(code);
    argv
}

/// `shell` at its usual place.
fn shell_program(shell: &str) -> Option<PathBuf> {
    ["/usr/bin", "/bin", "/usr/local/bin"]
        .iter()
        .map(|d| Path::new(d).join(shell))
        .find(|p| p.is_file())
}

#[test]
fn sourcing_a_completion_script_runs_nothing() {
    // A `dw` first on PATH that records every run: sourcing the script
    // must never execute it (only a TAB does, to ask for completions).
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
        let Some(program) = shell_program(shell) else {
            skip(&format!(
                "{shell} is not installed: its completion script was not sourced \
                 (.ci/run installs bash, zsh and fish)"
            ));
            continue;
        };
        let argv = sourcing(shell, &completions.join(format!("dw.{shell}")));
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
        // Registered: bash and fish say so (zsh only inside its line editor).
        if shell != "zsh" {
            assert!(stdout.contains("dw"), "{shell}: not registered:\n{stdout}");
        }
    }
}

/// What a completion script asks for the line `words` (the word being
/// completed last), as fish asks it: `DW_COMPLETE=fish dw -- dw WORDS…`.
pub(super) fn complete(sandbox: &Sandbox, words: &[&str]) -> Run {
    let mut dw = sandbox.bare();
    dw.env("DW_COMPLETE", "fish")
        .arg("--")
        .arg("dw")
        .args(words);
    dw.run()
}

/// The values offered for `words`, without their help; nothing on stderr.
/// The flags, which an empty word completes to as well, only when the word
/// starts with `-`.
pub(super) fn offered(sandbox: &Sandbox, words: &[&str]) -> Vec<String> {
    let run = complete(sandbox, words);
    run.code(0);
    assert_eq!(run.stderr, "", "dw {}: stderr", words.join(" "));
    let flags = words.last().is_some_and(|w| w.starts_with('-'));
    run.stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .filter(|v| flags || !v.starts_with('-'))
        .collect()
}

/// The bundled roster as `roster.toml` in the working folder (found by
/// discovery), nothing passed on the command line.
pub(super) fn discovered() -> Sandbox {
    Sandbox::empty().roster(BUNDLED)
}

#[test]
fn completions_name_the_subcommands() {
    let sandbox = Sandbox::empty();
    let commands = offered(&sandbox, &[""]);
    for word in ["who", "schedule", "next", "roles", "stats", "check", "swap"] {
        assert!(commands.iter().any(|c| c == word), "{word}: {commands:?}");
    }
    assert!(!commands.iter().any(|c| c == "man"), "hidden: {commands:?}");
    assert!(offered(&sandbox, &["--"]).iter().any(|c| c == "--roster"));
    // The values clap knows, with their help.
    complete(&sandbox, &["who", "--format", ""])
        .code(0)
        .stdout_has("table\tAligned columns for people\n");
}

#[test]
fn member_ids_complete_from_the_roster() {
    let sandbox = discovered();
    assert_eq!(offered(&sandbox, &["swap", "a"]), ["ada"]);
    let all = offered(&sandbox, &["swap", "ada", ""]);
    assert!(
        all.len() == 8 && all.iter().any(|m| m == "grace"),
        "{all:?}"
    );
    complete(&sandbox, &["next", "gr"])
        .code(0)
        .stdout_is("grace\tGrace Hopper\n");
    for line in [
        &["cover", "l"][..],
        &["leave", "l"],
        &["explain", "l"],
        &["away", "add", "l"],
        &["schedule", "--member", "l"],
        &["incident", "start", "--as", "l"],
    ] {
        assert_eq!(offered(&sandbox, line), ["linus"], "dw {}", line.join(" "));
    }
}

#[test]
fn role_names_complete_and_file_names_do_not() {
    let sandbox = discovered();
    sandbox.write("work/primary-notes.txt", "not a role");
    let roles = ["primary", "secondary", "tertiary"];
    assert_eq!(offered(&sandbox, &["who", "--role", ""]), roles);
    assert_eq!(offered(&sandbox, &["who", "--role", "p"]), ["primary"]);
    assert_eq!(
        offered(&sandbox, &["cover", "ada", "--role", "s"]),
        ["secondary"]
    );
    // A list completes its last element.
    assert_eq!(
        offered(&sandbox, &["schedule", "--ics", "--roles", "primary,t"]),
        ["primary,tertiary"]
    );
}

#[test]
fn week_dates_are_the_handoffs_from_the_week_of_at_on_the_line() {
    let sandbox = discovered();
    let run = complete(
        &sandbox,
        &["--at", AT, "swap", "ada", "grace", "--week", ""],
    );
    run.code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 9, "{}", run.stdout);
    // AT is in week 8, which began at Tuesday's 10:00 handoff.
    assert_eq!(
        lines[0],
        "2026-03-03\tweek 8: grace primary, linus secondary"
    );
    assert!(
        lines[1].starts_with("2026-03-10\tweek 9: "),
        "{}",
        run.stdout
    );
    assert!(
        lines[8].starts_with("2026-04-28\tweek 16: "),
        "{}",
        run.stdout
    );
    // `--at=`, another command's date flag; the prefix typed filters.
    assert_eq!(
        offered(
            &sandbox,
            &["--at=2026-03-09", "schedule", "--from", "2026-03-1"]
        ),
        ["2026-03-10", "2026-03-17"]
    );
    for flag in [
        &["swap", "ada", "grace", "--back"][..],
        &["leave", "ada", "--on"],
        &["join", "zoe", "--on"],
        &["stats", "--to"],
        &["plan", "--from"],
    ] {
        let mut line = vec!["--at", AT];
        line.extend_from_slice(flag);
        line.push("2026-03-1");
        assert_eq!(
            offered(&sandbox, &line),
            ["2026-03-10", "2026-03-17"],
            "{flag:?}"
        );
    }
    // A cover starts and ends at a moment: the handoffs' local times.
    assert_eq!(
        offered(
            &sandbox,
            &["--at", AT, "cover", "ada", "--from", "2026-03-1"]
        ),
        ["2026-03-10T10:00", "2026-03-17T10:00"]
    );
    // Before the rotation begins: from week 0.
    let early = offered(
        &sandbox,
        &["--at", "2025-12-01", "swap", "a", "b", "--week", ""],
    );
    assert_eq!(early.first().map(String::as_str), Some("2026-01-06"));
    // `away remove --from` offers the away ranges the roster has.
    complete(&sandbox, &["away", "remove", "grace", "--from", ""])
        .code(0)
        .stdout_is("2026-02-12\tgrace away to 2026-02-20, PTO\n");
}

#[test]
fn the_roster_is_found_as_every_command_finds_it() {
    // --roster on the line (either spelling), DW_ROSTER, discovery upwards.
    let sandbox = Sandbox::empty().roster("nobody.toml");
    assert_eq!(
        offered(&sandbox, &["--roster", "nobody.toml", "swap", ""]),
        ["ann", "ben"]
    );
    assert_eq!(
        offered(&sandbox, &["swap", "--roster=nobody.toml", "b"]),
        ["ben"]
    );
    let env = Sandbox::empty()
        .roster("nobody.toml")
        .env("DW_ROSTER", "nobody.toml");
    assert_eq!(offered(&env, &["next", "a"]), ["ann"]);
    // --roster on the line wins over DW_ROSTER.
    env.copy("utc.toml", "work/utc.toml");
    let utc = offered(&env, &["--roster", "utc.toml", "next", ""]);
    assert!(
        !utc.is_empty() && !utc.contains(&"ann".to_string()),
        "{utc:?}"
    );
    let below = discovered();
    std::fs::create_dir_all(below.work().join("deep/er")).expect("mkdir");
    let mut dw = below.bare();
    dw.env("DW_COMPLETE", "fish")
        .current_dir(below.work().join("deep/er"))
        .args(["--", "dw", "swap", "a"]);
    dw.run().code(0).stdout_is("ada\tAda Lovelace\n");
}

#[test]
fn without_a_readable_roster_values_complete_to_nothing_silently() {
    let none = Sandbox::empty();
    let broken = Sandbox::empty().roster("bad.toml");
    for (sandbox, lead) in [
        (&none, &[][..]),
        (&broken, &["--roster", "bad.toml"][..]),
        (&none, &["--roster", "missing.toml"][..]),
        (&none, &["--roster", "/dev/null"][..]),
    ] {
        for words in [
            &["swap", "a"][..],
            &["who", "--role", ""],
            &["swap", "ada", "grace", "--week", ""],
        ] {
            let mut line = lead.to_vec();
            line.extend_from_slice(words);
            complete(sandbox, &line).code(0).stdout_is("").stderr_is("");
        }
    }
    // The rest still completes.
    assert!(offered(&none, &["sw"]).contains(&"swap".to_string()));
}

#[test]
fn completions_offers_no_flag_it_refuses() {
    let sandbox = Sandbox::empty();
    for last in ["", "-", "--"] {
        let run = complete(&sandbox, &["completions", last]);
        let flags: Vec<&str> = run
            .stdout
            .lines()
            .map(|l| l.split('\t').next().unwrap_or_default())
            .collect();
        assert!(flags.contains(&"--roster"), "{flags:?}");
        for refused in ["--json", "--at"] {
            assert!(!flags.contains(&refused), "{refused}: {flags:?}");
        }
    }
    assert_eq!(
        offered(&sandbox, &["completions", ""])[..5],
        ["bash", "elvish", "fish", "powershell", "zsh"]
    );
    // Other commands take them, and offer them.
    let who = offered(&sandbox, &["who", "--"]);
    assert!(
        ["--json", "--at"]
            .iter()
            .all(|f| who.iter().any(|w| w == f)),
        "{who:?}"
    );
}

/// `shell`, with the checked-in script sourced and the built dw first on
/// PATH, completes `line`: the values it would offer. `None` (after
/// [`skip`]) where the shell is not installed.
fn shell_completes(sandbox: &Sandbox, shell: &str, line: &[&str]) -> Option<Vec<String>> {
    let Some(program) = shell_program(shell) else {
        skip(&format!(
            "{shell} is not installed: its completion was not tried \
             (.ci/run installs bash, zsh and fish)"
        ));
        return None;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("completions/dw.{shell}"));
    let script = script.display();
    let code = if shell == "bash" {
        let words: Vec<String> = line.iter().map(|w| format!("'{w}'")).collect();
        let current = line.last().copied().unwrap_or_default();
        let previous = if line.len() > 1 {
            line[line.len() - 2]
        } else {
            "dw"
        };
        format!(
            "source '{script}' || exit 9\n\
             COMP_WORDS=(dw {words}); COMP_CWORD={cword}\n\
             COMP_LINE='dw {text}'; COMP_POINT=${{#COMP_LINE}}\n\
             _clap_complete_dw dw '{current}' '{previous}'\n\
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            words = words.join(" "),
            cword = line.len(),
            text = line.join(" "),
        )
    } else {
        format!(
            "source '{script}'; or exit 9\ncomplete -C 'dw {}'",
            line.join(" ")
        )
    };
    let flags: &[&str] = if shell == "bash" {
        &["--norc", "--noprofile", "-c"]
    } else {
        &["--no-config", "-c"]
    };
    let bin = dw_binary();
    let path = format!(
        "{}:/usr/local/bin:/usr/bin:/bin",
        bin.parent().expect("target dir").display()
    );
    let out = sandbox
        .command(&program)
        .args(flags)
        .arg(code)
        .env("PATH", path)
        .output()
        .expect("run the shell");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "{shell}: {:?}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        out.status
    );
    Some(
        stdout
            .lines()
            .map(|l| l.split('\t').next().unwrap_or_default().to_string())
            .filter(|l| !l.is_empty())
            .collect(),
    )
}

#[test]
fn bash_and_fish_complete_members_roles_weeks_and_values_through_the_scripts() {
    let sandbox = discovered();
    let cases: [(&[&str], &[&str]); 5] = [
        (&["who", "--format", ""], &["table", "json", "env", "tsv"]),
        (&["swap", "a"], &["ada"]),
        (
            &["who", "--role", ""],
            &["primary", "secondary", "tertiary"],
        ),
        (
            &["--at", AT, "swap", "ada", "grace", "--week", "2026-03-1"],
            &["2026-03-10", "2026-03-17"],
        ),
        (&["completions", "f"], &["fish"]),
    ];
    for shell in ["bash", "fish"] {
        for (line, expected) in cases {
            let Some(got) = shell_completes(&sandbox, shell, line) else {
                break;
            };
            assert_eq!(got, expected, "{shell}: dw {}", line.join(" "));
        }
        // `--at` values with a space: bash is given them escaped (it inserts
        // what it is given), fish plain (it escapes what it inserts); a word
        // typed escaped matches in both.
        let esc = |v: &str| match shell {
            "bash" => v.replace(' ', "\\ "),
            _ => v.to_string(),
        };
        for (typed, expected) in [
            ("next", &["next tuesday", "next handoff", "next week"][..]),
            ("next\\ h", &["next handoff"]),
            ("2026-03-1", &["2026-03-10T10:00", "2026-03-17T10:00"]),
        ] {
            let line = ["--at", AT, "who", "--at", typed];
            let Some(got) = shell_completes(&sandbox, shell, &line) else {
                break;
            };
            let expected: Vec<String> = expected.iter().map(|v| esc(v)).collect();
            assert_eq!(got, expected, "{shell}: dw {}", line.join(" "));
        }
        // The flags `dw completions` refuses are not offered for it.
        let Some(flags) = shell_completes(&sandbox, shell, &["completions", "--"]) else {
            continue;
        };
        assert!(flags.iter().any(|f| f == "--roster"), "{shell}: {flags:?}");
        for refused in ["--json", "--at"] {
            assert!(!flags.iter().any(|f| f == refused), "{shell}: {flags:?}");
        }
    }
}
