//! `dw completions SHELL`.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;

/// The completion script for `shell`, as `completions/` holds it.
pub fn script(shell: clap_complete::Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "dw", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// Print the completion script.
pub fn run(args: &CompletionsArgs) -> Result<()> {
    super::print(&script(args.shell))
}
