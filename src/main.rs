use clap::Parser;

fn main() {
    dw::cli::ignore_empty_env();
    let cli = dw::cli::Cli::parse();
    let code = match dw::commands::run(cli) {
        Ok(()) => 0,
        Err(e) => dw::report(&e),
    };
    std::process::exit(code);
}
