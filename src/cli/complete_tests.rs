use super::*;

/// The argument `id` of the subcommand at `path`, if the command line has it.
fn find<'c>(cmd: &'c Command, path: &[&str], id: &str) -> Option<&'c clap::Arg> {
    match path.split_first() {
        None => cmd.get_arguments().find(|a| a.get_id() == id),
        Some((name, rest)) => find(cmd.find_subcommand(name)?, rest, id),
    }
}

#[test]
fn every_argument_completed_from_the_roster_exists_and_gets_its_values() {
    let cmd = command(&Arc::new(Lazy::new(&[], &Env::default())));
    for (path, id, _) in FROM_ROSTER {
        let arg = find(&cmd, path, id)
            .unwrap_or_else(|| panic!("dw {} has no argument {id}", path.join(" ")));
        assert!(
            arg.get::<ArgValueCandidates>().is_some(),
            "dw {} {id}",
            path.join(" ")
        );
    }
    // Attached in place: the commands keep the order of the help.
    let names = |c: &Command| -> Vec<String> {
        c.get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect()
    };
    assert_eq!(names(&cmd), names(&Cli::command()));
}

fn words(line: &[&str]) -> Vec<OsString> {
    line.iter().map(OsString::from).collect()
}

#[test]
fn roster_and_at_are_taken_from_the_line_in_each_spelling() {
    let env = Env::from_pairs(&[(env::HOME, "/home/ada")]);
    let lazy = Lazy::new(
        &words(&[
            "dw",
            "--roster",
            "team.toml",
            "--at=2026-03-03",
            "swap",
            "a",
        ]),
        &env,
    );
    assert_eq!(lazy.roster, Some(PathBuf::from("team.toml")));
    assert!(matches!(lazy.at, Some(At::Local(_))));
    let lazy = Lazy::new(
        &words(&["dw", "who", "--roster=~/r.toml", "--role", ""]),
        &env,
    );
    assert_eq!(lazy.roster, Some(PathBuf::from("/home/ada/r.toml")));
    assert_eq!(lazy.at, None);
    // After `--` nothing is a flag; a bad --at is no --at.
    let lazy = Lazy::new(
        &words(&["dw", "--at", "someday", "next", "--", "--roster", "x"]),
        &env,
    );
    assert_eq!((lazy.roster, lazy.at), (None, None));
    // The last word is the one being completed: an earlier --at counts.
    let lazy = Lazy::new(
        &words(&[
            "dw",
            "--at",
            "2026-03-03T12:00",
            "who",
            "--at",
            "2026-03-10",
        ]),
        &env,
    );
    assert_eq!(
        lazy.at,
        parse_at("2026-03-03T12:00").ok(),
        "the value being typed is not the moment"
    );
}

#[test]
fn every_at_word_offered_is_one_at_takes() {
    let offered = at_candidates(None);
    assert!(offered.len() >= 13);
    for c in &offered {
        let word = c.get_value().to_string_lossy();
        assert!(parse_at(&word).is_ok(), "{word}");
    }
    for day in WEEKDAYS {
        assert!(parse_at(&format!("next {day}")).is_ok(), "next {day}");
    }
}

#[test]
fn a_typed_word_reads_as_the_shell_reads_it() {
    assert_eq!(unquote("next\\ h"), "next h");
    assert_eq!(unquote("\"next h"), "next h");
    assert_eq!(unquote("'next\\ h'"), "next\\ h");
    assert_eq!(unquote("a\"b c\"d"), "ab cd");
    assert_eq!(unquote("trailing\\"), "trailing");
}

#[test]
fn every_shell_dw_offers_has_a_script() {
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        let script = registration(shell).unwrap_or_default();
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
    }
}
