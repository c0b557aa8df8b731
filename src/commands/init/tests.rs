//! Unit tests of `init`.

use super::*;
use crate::cli::{Cli, Command};
use clap::Parser;

fn args(argv: &[&str]) -> (Global, InitArgs) {
    let mut full = vec!["dw", "init"];
    full.extend_from_slice(argv);
    let cli = Cli::try_parse_from(full).unwrap();
    match cli.command {
        Command::Init(a) => (cli.global, a),
        other => panic!("parsed as {other:?}"),
    }
}

#[test]
fn the_source_follows_the_flags_and_the_terminal() {
    let full = ["--team", "T", "--member", "a:A:a@example.com"];
    assert_eq!(decide(&args(&full).1, false).unwrap(), Source::Flags);
    assert_eq!(decide(&args(&full).1, true).unwrap(), Source::Flags);
    assert_eq!(decide(&args(&[]).1, true).unwrap(), Source::Ask);
    assert_eq!(
        decide(&args(&["--team", "T"]).1, true).unwrap(),
        Source::Ask
    );
    assert_eq!(
        decide(&args(&["--from-pagerduty", "P1"]).1, false).unwrap(),
        Source::PagerDuty
    );
    let e = decide(&args(&["--team", "T"]).1, false).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("--member ID:NAME:EMAIL"), "{e}");
    assert!(!e.to_string().contains("--team"), "{e}");
    let e = decide(&args(&[]).1, false).unwrap_err();
    assert!(e.to_string().contains("--team NAME and --member"), "{e}");
}

#[test]
fn the_path_is_the_argument_or_the_roster_flag_or_roster_toml() {
    let (g, a) = args(&[]);
    assert_eq!(target(&a, &g).unwrap(), PathBuf::from("roster.toml"));
    let (g, a) = args(&["team.toml"]);
    assert_eq!(target(&a, &g).unwrap(), PathBuf::from("team.toml"));
    let (g, a) = args(&["--roster", "x.toml"]);
    assert_eq!(target(&a, &g).unwrap(), PathBuf::from("x.toml"));
    let (g, a) = args(&["--roster", "x.toml", "y.toml"]);
    assert_eq!(target(&a, &g).unwrap_err().exit_code(), 2);
}

#[test]
fn flags_default_to_a_tuesday_rotation_in_utc_from_the_next_tuesday() {
    let (g, a) = args(&["--team", "T", "--member", "a:A:a@example.com"]);
    // Thursday 2026-03-05.
    let clock = "2026-03-05T12:00:00Z".parse().unwrap();
    let r = from_flags(&g, &a, clock, None).unwrap();
    assert_eq!(r.timezone, Tz::UTC);
    assert_eq!(r.handoff_day, Weekday::Tue);
    assert_eq!(r.start.to_string(), "2026-03-10");
    assert_eq!(r.roles, DEFAULT_ROLES);
    // Today is read in the team's zone: 23:30 UTC on Monday is Tuesday in Berlin.
    let (g, a) = args(&[
        "--team",
        "T",
        "--timezone",
        "Europe/Berlin",
        "--handoff-day",
        "monday",
        "--member",
        "a:A:a@example.com",
    ]);
    // Monday 23:30 UTC: in UTC the next Monday is today, in Berlin a week on.
    let clock = "2026-03-09T23:30:00Z".parse().unwrap();
    assert_eq!(
        from_flags(&g, &a, clock, None).unwrap().start.to_string(),
        "2026-03-16"
    );
}
