//! `dw completions SHELL`.

use crate::cli::{CompletionsArgs, Global};
use crate::error::{Error, Result};

/// The completion script for `shell`, as `completions/` holds it: a few
/// lines that ask dw for the completions of the line when the shell
/// completes (see `cli::complete`), and run nothing when sourced.
pub fn script(shell: clap_complete::Shell) -> Result<String> {
    crate::cli::completion_script(shell).ok_or_else(|| {
        Error::usage(
            format!("dw cannot complete in {shell}"),
            "use one of bash, zsh, fish, elvish, powershell",
        )
    })
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
    super::print(&script(args.shell)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_call_dw_only_when_completing_and_expand_nothing_when_sourced() {
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
            clap_complete::Shell::Elvish,
            clap_complete::Shell::PowerShell,
        ] {
            let text = script(shell).expect("a script");
            assert!(!text.contains("$(dw"), "{shell}");
            assert!(text.contains("COMPLETE"), "{shell}");
        }
        // fish runs the command substitution only when it completes: it is
        // inside the quoted --arguments of one `complete` line.
        let fish = script(clap_complete::Shell::Fish).expect("fish");
        assert_eq!(fish.lines().filter(|l| !l.trim().is_empty()).count(), 1);
        assert!(fish.starts_with("complete --keep-order --exclusive --command dw --arguments \"("));
    }
}
