//! Bad flags, moments, roles, members and settings: exit 2 with a message.

use crate::support::{run_code, Sandbox, BUNDLED};

#[test]
fn a_bad_at_exits_2() {
    let sandbox = Sandbox::empty().roster(BUNDLED);
    for at in ["someday", "+3x", "2026-02-30", "2026-03-03T25:00", ""] {
        let (stdout, stderr) = run_code(&mut sandbox.dw(&["--at", at, "who"]), 2);
        assert_eq!(stdout, "");
        assert!(stderr.contains("--at"), "--at {at:?}:\n{stderr}");
    }
}

#[test]
fn a_moment_before_the_start_exits_2_naming_the_start() {
    let sandbox = Sandbox::empty().roster(BUNDLED);
    for at in ["2026-01-05", "2026-01-06T09:59", "2026-01-06T15:59:59Z"] {
        for cmd in [&["who"][..], &["next"], &["schedule"]] {
            let (stdout, stderr) = run_code(sandbox.dw(&["--at", at]).args(cmd), 2);
            assert_eq!(stdout, "");
            assert!(
                stderr.contains("before the rotation starts") && stderr.contains("2026-01-06"),
                "--at {at} {cmd:?}:\n{stderr}"
            );
        }
    }
    let sandbox = Sandbox::with(BUNDLED);
    let (_, stderr) = run_code(&mut sandbox.dw(&["schedule", "--from", "2025-12-31"]), 2);
    assert!(
        stderr.contains("--from") && stderr.contains("2026-01-06"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_role_exits_2_with_the_roles_in_the_hint() {
    let sandbox = Sandbox::with(BUNDLED);
    for role in ["chief", "0", "primay"] {
        let (stdout, stderr) = run_code(&mut sandbox.dw(&["who", "--role", role]), 2);
        assert_eq!(stdout, "");
        assert!(
            stderr.contains(&format!("unknown role \"{role}\"")),
            "{stderr}"
        );
        assert!(stderr.contains("primary, secondary, tertiary"), "{stderr}");
    }
}

#[test]
fn an_unknown_member_exits_2_listing_the_ids() {
    let sandbox = Sandbox::with(BUNDLED);
    for cmd in [&["schedule", "--member", "nobody"][..], &["next", "nobody"]] {
        let (stdout, stderr) = run_code(&mut sandbox.dw(cmd), 2);
        assert_eq!(stdout, "");
        assert!(stderr.contains("\"nobody\""), "{cmd:?}:\n{stderr}");
        assert!(stderr.contains("ada, grace, linus"), "{cmd:?}:\n{stderr}");
    }
    let (_, stderr) = run_code(sandbox.dw(&["next"]).env("DW_ME", "nobody"), 2);
    assert!(stderr.contains("\"nobody\""), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let sandbox = Sandbox::with(BUNDLED);
    for args in [
        &["frobnicate"][..],
        &["who", "--field", "phone"],
        &["who", "--format", "xml"],
        &["schedule", "--weeks", "0"],
        &["schedule", "--weeks", "many"],
        &["schedule", "--json", "--ics"],
        &["schedule", "--from", "March"],
        &["stats", "--from", "2026-03-01", "--to", "2026-02-01"],
        &["completions", "tcsh"],
        &["-q", "-v", "who"],
    ] {
        let (stdout, _) = run_code(&mut sandbox.dw(args), 2);
        assert_eq!(stdout, "", "{args:?}");
    }
}

#[test]
fn moments_outside_the_computed_weeks_exit_2_in_every_command() {
    for at in ["2000-01-01", "4000-01-01"] {
        let (_, stderr) = run_code(&mut Sandbox::with(BUNDLED).at(at).dw(&["check"]), 2);
        assert!(stderr.contains("--at"), "{at}: {stderr}");
    }
    let sandbox = Sandbox::with(BUNDLED);
    for args in [
        &["schedule", "--from", "9999-12-25"][..],
        &["stats", "--to", "9999-12-31"],
        &["plan", "roster.toml", "roster.toml", "--from", "9999-01-01"],
    ] {
        let (_, stderr) = run_code(&mut sandbox.dw(args), 2);
        assert!(
            stderr.contains("before the rotation starts")
                || stderr.contains("dw computes the first"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn bad_http_settings_are_usage_errors_not_panics() {
    let sandbox = Sandbox::with(BUNDLED);
    for (name, value) in [
        ("DW_HTTP_TIMEOUT", "1e20"),
        ("DW_HTTP_TIMEOUT", "abc"),
        ("DW_HTTP_RETRIES", "-1"),
        ("DW_HTTP_BACKOFF_MS", "18446744073709551615"),
    ] {
        let mut cmd = sandbox.dw(&["handoff"]);
        cmd.env(name, value);
        let (_, stderr) = run_code(&mut cmd, 2);
        assert!(stderr.contains(&format!("{name}={value}")), "{stderr}");
    }
}
