//! Rosters dw refuses: every problem with file:line:column and a hint.

use crate::support::{run_code, snapshot_failure, Sandbox, AT};

#[test]
fn bad_roster_lists_every_error_with_position_and_hint() {
    let sandbox = Sandbox::with("bad.toml");
    let stderr = snapshot_failure("bad_roster", &sandbox, &["who"], 2);
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("bad.toml:"))
        .collect();
    assert_eq!(problems.len(), 12, "{stderr}");
    for p in &problems {
        // file:line:column: message
        let mut parts = p.splitn(4, ':');
        assert_eq!(parts.next(), Some("bad.toml"));
        let line: usize = parts.next().unwrap().parse().expect("a line number");
        let col: usize = parts.next().unwrap().parse().expect("a column number");
        assert!(line >= 1 && col >= 1, "{p}");
    }
    let hints = stderr.lines().filter(|l| l.starts_with("  hint: ")).count();
    assert_eq!(hints, problems.len(), "every problem has a hint:\n{stderr}");
    assert!(stderr.ends_with("12 problems in bad.toml\n"), "{stderr}");
    for needle in [
        "America/Chicgo",
        "handoff_time",
        "named twice",
        "unknown key `colour`",
        "`token` in [slack] looks like a secret",
        "environment",
        "\"Ada Lovelace\" is not of the form",
        "not an email address",
        "not after joined",
        "ends (2026-02-12) before it starts",
        "used twice",
        "did you mean `email`?",
        "unknown key `membr` in override #1",
    ] {
        assert!(stderr.contains(needle), "missing {needle:?} in:\n{stderr}");
    }
    // Every command refuses a bad roster the same way.
    for cmd in [
        &["schedule"][..],
        &["next"],
        &["roles"],
        &["stats"],
        &["check"],
    ] {
        let (stdout, again) = run_code(&mut sandbox.dw(cmd), 2);
        assert_eq!(stdout, "", "{cmd:?}");
        assert_eq!(again, stderr, "{cmd:?}");
    }
}

#[test]
fn overrides_the_rotation_cannot_apply_are_roster_errors() {
    let sandbox = Sandbox::with("bad_override.toml");
    let stderr = snapshot_failure("bad_override", &sandbox, &["check"], 2);
    assert!(stderr.contains("before the rotation starts"), "{stderr}");
    assert!(stderr.contains("unknown role"), "{stderr}");
    assert!(stderr.contains("unknown member \"zed\""), "{stderr}");
}

#[test]
fn override_of_a_member_holding_no_rank_is_a_roster_error() {
    let sandbox = Sandbox::empty().at(AT);
    sandbox.write(
        "work/roster.toml",
        br#"[team]
name = "Overridden"
timezone = "UTC"
start = 2026-01-06

[[members]]
id = "ann"
name = "Ann"
email = "ann@example.com"
away = [{ from = 2026-01-20, to = 2026-01-22 }]

[[members]]
id = "ben"
name = "Ben"
email = "ben@example.com"

[[overrides]]
week = 2026-01-21
role = "primary"
member = "ann"
"#,
    );
    let (_, stderr) = run_code(&mut sandbox.dw(&["--roster", "roster.toml", "check"]), 2);
    assert!(stderr.starts_with("roster.toml:17:"), "{stderr}");
    assert!(stderr.contains("ann"), "{stderr}");
    assert!(stderr.contains("hint: "), "{stderr}");
}

#[test]
fn unreadable_empty_and_binary_rosters_exit_2_without_panic() {
    let sandbox = Sandbox::empty().at(AT);
    sandbox.write("work/empty.toml", b"");
    sandbox.write("work/binary.toml", b"\xff\xfe\x00\x01[team]\x00\x80");
    sandbox.write("work/syntax.toml", b"[team\nname = \"x\"\n");
    let deep = "a = ".to_string() + &"[".repeat(100_000);
    sandbox.write("work/deep.toml", deep.as_bytes());
    for (file, needle) in [
        ("missing.toml", "missing.toml: cannot read the roster"),
        ("empty.toml", "empty.toml: the roster is empty"),
        (
            "binary.toml",
            "binary.toml:1:1: the roster is not valid UTF-8",
        ),
        ("syntax.toml", "syntax.toml:1:6: TOML syntax"),
        ("deep.toml", "deep.toml:1:"),
    ] {
        let (stdout, stderr) = run_code(&mut sandbox.dw(&["--roster", file, "who"]), 2);
        assert_eq!(stdout, "");
        assert!(stderr.starts_with(needle), "{file}:\n{stderr}");
        assert!(stderr.contains("hint: "), "{file}:\n{stderr}");
    }
}
