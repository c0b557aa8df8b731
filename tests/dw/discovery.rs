//! Finding the roster: `--roster`, `DW_ROSTER`, `roster.toml` above the
//! current folder, then the config folder.

use crate::support::{run_code, skip, stdout_ok, Sandbox, AT, BUNDLED};

/// The primary at 2026-03-03 18:00 UTC, which tells the bundled roster (grace)
/// from the UTC fixture (alice: its week 8 starts Monday 2026-03-02).
fn primary(cmd: &mut crate::support::Dw) -> String {
    stdout_ok(cmd.args([
        "--at",
        "2026-03-03T18:00:00Z",
        "who",
        "--role",
        "1",
        "--field",
        "id",
    ]))
    .trim_end()
    .to_string()
}

#[test]
fn the_two_rosters_used_for_discovery_differ() {
    let sandbox = Sandbox::empty();
    sandbox.copy("utc.toml", "work/u.toml");
    sandbox.copy(BUNDLED, "work/b.toml");
    assert_eq!(
        primary(sandbox.bare().args(["--roster", "b.toml"])),
        "grace"
    );
    assert_eq!(
        primary(sandbox.bare().args(["--roster", "u.toml"])),
        "alice"
    );
}

#[test]
fn roster_toml_is_found_in_a_parent_of_the_current_folder() {
    let sandbox = Sandbox::empty();
    sandbox.copy(BUNDLED, "work/roster.toml");
    let deep = sandbox.work().join("a").join("b");
    std::fs::create_dir_all(&deep).unwrap();
    assert_eq!(primary(sandbox.bare().current_dir(&deep)), "grace");
    assert_eq!(primary(&mut sandbox.bare()), "grace");
    // -v names the file it chose.
    let out = sandbox
        .bare()
        .current_dir(&deep)
        .args(["-v", "--at", AT, "who", "--role", "1", "--field", "id"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&*sandbox.work().join("roster.toml").to_string_lossy()),
        "{stderr}"
    );
}

#[test]
fn dw_roster_is_used_and_the_flag_wins_over_it() {
    let sandbox = Sandbox::empty();
    let utc = sandbox.copy("utc.toml", "elsewhere/team.toml");
    sandbox.copy(BUNDLED, "work/roster.toml");
    // DW_ROSTER beats roster.toml in the current folder.
    assert_eq!(primary(sandbox.bare().env("DW_ROSTER", &utc)), "alice");
    // --roster beats DW_ROSTER.
    assert_eq!(
        primary(
            sandbox
                .bare()
                .env("DW_ROSTER", sandbox.root().join("nowhere.toml"))
                .args(["--roster", "roster.toml"])
        ),
        "grace"
    );
    // A DW_ROSTER that does not exist is an error, not a silent fallback.
    let (_, stderr) = run_code(
        sandbox
            .bare()
            .env("DW_ROSTER", sandbox.root().join("nowhere.toml"))
            .args(["--at", AT, "who"]),
        2,
    );
    assert!(stderr.contains("nowhere.toml"), "{stderr}");
}

#[test]
fn the_config_folder_is_the_last_place_looked() {
    let sandbox = Sandbox::empty();
    sandbox.copy("utc.toml", "home/.config/dw/roster.toml");
    // XDG_CONFIG_HOME/dw/roster.toml when no roster.toml is above the cwd.
    assert_eq!(primary(&mut sandbox.bare()), "alice");
    // ~/.config/dw/roster.toml when XDG_CONFIG_HOME is not set.
    assert_eq!(
        primary(sandbox.bare().env_remove("XDG_CONFIG_HOME")),
        "alice"
    );
    // roster.toml above the cwd comes first.
    sandbox.copy(BUNDLED, "work/roster.toml");
    assert_eq!(primary(&mut sandbox.bare()), "grace");
}

#[test]
fn no_roster_anywhere_exits_2_with_a_hint() {
    let sandbox = Sandbox::empty();
    if let Some(stray) = sandbox
        .work()
        .ancestors()
        .map(|d| d.join("roster.toml"))
        .find(|p| p.is_file())
    {
        return skip(&format!(
            "{} exists above the temporary folder",
            stray.display()
        ));
    }
    let (stdout, stderr) = run_code(sandbox.bare().args(["--at", AT, "who"]), 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("no roster found"), "{stderr}");
    assert!(stderr.contains("--roster"), "{stderr}");
    assert!(stderr.contains("DW_ROSTER"), "{stderr}");
}

#[test]
fn the_walk_stops_at_a_repository_root_and_at_home() {
    let sandbox = Sandbox::empty();
    // A roster above the repository is not the repository's.
    sandbox.copy(BUNDLED, "work/roster.toml");
    sandbox.write("work/repo/.git/HEAD", "ref: refs/heads/main\n");
    sandbox.write("work/repo/src/.keep", "");
    let (_, stderr) = run_code(
        sandbox
            .bare()
            .current_dir(sandbox.work().join("repo/src"))
            .args(["--at", AT, "who"]),
        2,
    );
    assert!(stderr.contains("no roster found"), "{stderr}");
    // The repository's own root is still searched.
    sandbox.copy("utc.toml", "work/repo/roster.toml");
    assert_eq!(
        primary(sandbox.bare().current_dir(sandbox.work().join("repo/src"))),
        "alice"
    );
    // Nor is a roster above $HOME.
    sandbox.copy(BUNDLED, "roster.toml");
    sandbox.write("home/projects/.keep", "");
    let (_, stderr) = run_code(
        sandbox
            .bare()
            .current_dir(sandbox.home().join("projects"))
            .args(["--at", AT, "who"]),
        2,
    );
    assert!(stderr.contains("no roster found"), "{stderr}");
}

/// Whether this process runs as root (so it can give files to another user).
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .and_then(|l| l.split_whitespace().nth(2))
            == Some("0")
    })
}

#[test]
fn a_roster_owned_by_another_user_is_refused_unless_named() {
    use std::os::unix::fs::chown;
    if !is_root() {
        // Not #[ignore]: as root (CI containers, this repository's .ci/run) it runs.
        eprintln!(
            "skipped: giving a file to another user needs root; \
             a_roster_owned_by_another_user_is_refused_unless_named did not run"
        );
        return;
    }
    const OTHER: u32 = 4242;
    for owned in ["file", "folder"] {
        let sandbox = Sandbox::empty();
        let shared = sandbox.root().join("shared");
        let roster = sandbox.copy("utc.toml", "shared/roster.toml");
        sandbox.write("shared/team/.keep", "");
        let given = if owned == "file" { &roster } else { &shared };
        chown(given, Some(OTHER), Some(OTHER)).expect("chown");
        let cwd = shared.join("team");
        let (_, stderr) = run_code(
            sandbox.bare().current_dir(&cwd).args(["--at", AT, "who"]),
            2,
        );
        assert!(
            stderr.contains(&format!(
                "found in a {owned} owned by another user (uid {OTHER}, not you, uid 0)"
            )),
            "{owned}: {stderr}"
        );
        assert!(
            stderr.contains("hint: if you trust it, name it: --roster"),
            "{stderr}"
        );
        // --roster and DW_ROSTER are used as given.
        assert_eq!(
            primary(
                sandbox
                    .bare()
                    .current_dir(&cwd)
                    .arg("--roster")
                    .arg(&roster)
            ),
            "alice"
        );
        assert_eq!(
            primary(sandbox.bare().current_dir(&cwd).env("DW_ROSTER", &roster)),
            "alice"
        );
    }
}
