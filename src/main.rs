use clap::Parser;

fn main() {
    let cli = dw::cli::Cli::parse();
    let code = match dw::commands::run(cli) {
        Ok(()) => 0,
        Err(e) => dw::report(&e),
    };
    std::process::exit(code);
}
