//! `dw completions SHELL`.

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Arg, Command, CommandFactory};

use crate::cli::{Cli, CompletionsArgs, Global};
use crate::error::{Error, Result};

/// The completion script for `shell`, as `completions/` holds it. Inert
/// when sourced: the help texts it carries are made [`inert`] first.
pub fn script(shell: clap_complete::Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut inert(Cli::command()), "dw", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// A help text no shell can expand: the generators quote help for the
/// innermost context only (fish puts a value's help in single quotes inside
/// a double-quoted list, where `$(…)` still runs), so the characters that
/// start an expansion or end a quote are replaced: `$` is dropped, a
/// backtick or a double quote becomes `'`, a backslash `/`.
fn quiet(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '$')
        .map(|c| match c {
            '`' | '"' => '\'',
            '\\' => '/',
            c => c,
        })
        .collect()
}

/// `cmd` with every about, help and possible-value help text [`quiet`], its
/// subcommands too.
fn inert(mut cmd: Command) -> Command {
    if let Some(about) = cmd.get_about().map(|s| quiet(&s.to_string())) {
        cmd = cmd.about(about);
    }
    if let Some(about) = cmd.get_long_about().map(|s| quiet(&s.to_string())) {
        cmd = cmd.long_about(about);
    }
    let args: Vec<_> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    for id in args {
        cmd = cmd.mut_arg(id, inert_arg);
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subcommands {
        cmd = cmd.mut_subcommand(name, inert);
    }
    cmd
}

fn inert_arg(mut arg: Arg) -> Arg {
    if let Some(help) = arg.get_help().map(|s| quiet(&s.to_string())) {
        arg = arg.help(help);
    }
    if let Some(help) = arg.get_long_help().map(|s| quiet(&s.to_string())) {
        arg = arg.long_help(help);
    }
    let values = arg.get_possible_values();
    if values.iter().any(|v| v.get_help().is_some()) {
        let values: Vec<PossibleValue> = values
            .iter()
            .map(|v| match v.get_help().map(|h| quiet(&h.to_string())) {
                Some(help) => v.clone().help(help),
                None => v.clone(),
            })
            .collect();
        // Only the script is generated from this command: nothing parses with it.
        arg = arg.value_parser(PossibleValuesParser::new(values));
    }
    arg
}

/// Print the completion script; `--json` and `--at` mean nothing for it and are refused.
pub fn run(global: &Global, args: &CompletionsArgs) -> Result<()> {
    if args.json || global.json {
        return Err(Error::usage(
            "--json: `dw completions` prints a shell script, never JSON",
            "drop --json: dw completions bash > ~/.local/share/bash-completion/completions/dw",
        ));
    }
    if args.at.is_some() || global.at.is_some() {
        return Err(Error::usage(
            "--at: the completion script is the same at every moment",
            "drop --at: dw completions bash",
        ));
    }
    super::print(&script(args.shell))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_texts_in_scripts_cannot_expand() {
        assert_eq!(
            quiet(r#"eval "$(dw who)" `x` a\b it's"#),
            "eval '(dw who)' 'x' a/b it's"
        );
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
            clap_complete::Shell::Elvish,
            clap_complete::Shell::PowerShell,
        ] {
            let text = script(shell);
            assert!(!text.contains("$(dw"), "{shell}");
            assert!(text.contains("who"), "{shell}");
        }
        // The values of --format keep their help, quieted.
        let fish = script(clap_complete::Shell::Fish);
        for value in ["table\\t'", "json\\t'", "env\\t'", "tsv\\t'"] {
            assert!(fish.contains(value), "{value}");
        }
    }
}
