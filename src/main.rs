use clap::Parser;

fn main() -> std::process::ExitCode {
    dw::cli::ignore_empty_env();
    let cli = dw::cli::Cli::parse();
    match dw::commands::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => dw::report(&e),
    }
}
