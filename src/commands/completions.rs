//! `dw completions SHELL`.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, Global};
use crate::error::{Error, Result};

/// The completion script for `shell`, as `completions/` holds it.
pub fn script(shell: clap_complete::Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "dw", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
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
