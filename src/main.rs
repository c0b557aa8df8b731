fn main() -> std::process::ExitCode {
    dw::cli::ignore_empty_env();
    let cli = dw::cli::parse();
    match dw::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => dw::report(&e),
    }
}
