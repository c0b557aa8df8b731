//! Roster edits at once (issue: lost writes): the edit lock beside the roster
//! serialises read–edit–write, so every edit that exits 0 is in the file, an
//! edit that fails changed nothing, and nothing is left beside the roster.

use std::fs;
use std::process::{Command, Stdio};

use proptest::prelude::*;

use crate::support::{Run, Sandbox};

const ROSTER: &str = "edit/roster.toml";

/// `dw join ID …` for a new member `id`, as a command ready to spawn.
fn join(sandbox: &Sandbox, id: &str) -> Command {
    let mut dw = sandbox.dw(&[
        "join",
        id,
        "--name",
        &format!("Member {id}"),
        "--email",
        &format!("{id}@example.com"),
    ]);
    let mut cmd = std::mem::replace(dw.std(), Command::new("true"));
    cmd.stdin(Stdio::null());
    cmd
}

/// `dw away add ada …` for week `n` after the start, as a command.
fn away(sandbox: &Sandbox, n: usize) -> Command {
    let from =
        chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap() + chrono::Days::new(7 * n as u64);
    let to = from + chrono::Days::new(1);
    let mut dw = sandbox.dw(&[
        "away",
        "add",
        "ada",
        "--from",
        &from.to_string(),
        "--to",
        &to.to_string(),
        "--reason",
        &format!("edit {n}"),
    ]);
    let mut cmd = std::mem::replace(dw.std(), Command::new("true"));
    cmd.stdin(Stdio::null());
    cmd
}

/// Run all `commands` at once (one thread each); their results in order.
fn all_at_once(commands: Vec<Command>) -> Vec<Run> {
    let barrier = std::sync::Barrier::new(commands.len());
    std::thread::scope(|s| {
        let handles: Vec<_> = commands
            .into_iter()
            .map(|mut c| {
                let barrier = &barrier;
                s.spawn(move || {
                    barrier.wait();
                    Run::from_output(&c.output().expect("run dw"))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

/// The files in the sandbox's working folder besides the roster.
fn strays(sandbox: &Sandbox) -> Vec<String> {
    fs::read_dir(sandbox.work())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "roster.toml")
        .collect()
}

fn roster_text(sandbox: &Sandbox) -> String {
    fs::read_to_string(sandbox.work().join("roster.toml")).unwrap()
}

/// Each entry of an edit that exited 0 is in the file; one that failed is not.
fn check_entries(sandbox: &Sandbox, runs: &[Run], marks: &[String]) {
    let text = roster_text(sandbox);
    for (run, mark) in runs.iter().zip(marks) {
        run.no_panic();
        if run.code == 0 {
            assert!(
                text.contains(mark.as_str()),
                "{mark} exited 0 but is not in the roster:\n{text}"
            );
        } else {
            assert!(
                !text.contains(mark.as_str()),
                "{mark} failed but changed the roster"
            );
        }
    }
    assert_eq!(
        strays(sandbox),
        Vec::<String>::new(),
        "files left beside the roster"
    );
    sandbox.run(&["check", "--weeks", "4"]).success();
}

#[test]
fn twenty_parallel_editors_all_land() {
    let sandbox = Sandbox::with(ROSTER);
    let ids: Vec<String> = (0..20).map(|i| format!("p{i:02}")).collect();
    let runs = all_at_once(ids.iter().map(|id| join(&sandbox, id)).collect());
    let marks: Vec<String> = ids.iter().map(|id| format!("id = \"{id}\"")).collect();
    check_entries(&sandbox, &runs, &marks);
    // With the lock nobody has to give up: every one of them landed.
    let landed = runs.iter().filter(|r| r.code == 0).count();
    assert_eq!(
        landed,
        20,
        "{:?}",
        runs.iter().map(|r| &r.stderr).collect::<Vec<_>>()
    );
}

#[test]
fn temporary_files_of_a_killed_edit_are_removed_by_the_next_one() {
    let sandbox = Sandbox::with(ROSTER);
    // A PID above the kernel's maximum belongs to no process.
    let dead = sandbox.work().join(".roster.toml.dw-tmp-99999999-0");
    fs::write(&dead, "half a roster").unwrap();
    // One of a process that is alive (this test) is not dw's to remove.
    let alive = sandbox
        .work()
        .join(format!(".roster.toml.dw-tmp-{}-0", std::process::id()));
    fs::write(&alive, "").unwrap();
    let run = Run::from_output(&away(&sandbox, 0).output().unwrap());
    run.success().stderr_has("removed 1 temporary file(s)");
    assert!(!dead.exists());
    assert!(alive.exists());
}

#[test]
fn a_lock_left_by_a_killed_edit_does_not_block() {
    let sandbox = Sandbox::with(ROSTER);
    fs::write(
        sandbox.work().join(".roster.toml.dw-lock"),
        "pid 99999999, started x\n",
    )
    .unwrap();
    Run::from_output(&away(&sandbox, 0).output().unwrap()).success();
    assert_eq!(strays(&sandbox), Vec::<String>::new());
}

/// SIGINT or SIGTERM while an edit waits for the lock: it stops at once with
/// 130/143, writes nothing and leaves nothing behind.
#[test]
fn an_interrupted_edit_changes_nothing() {
    use std::os::unix::io::AsRawFd;
    let sandbox = Sandbox::with(ROSTER);
    let before = roster_text(&sandbox);
    let lock = fs::File::create(sandbox.work().join(".roster.toml.dw-lock")).unwrap();
    // SAFETY: flock on a file this test owns; released when it is dropped.
    assert_eq!(unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) }, 0);
    for (signal, code) in [(libc::SIGINT, 130), (libc::SIGTERM, 143)] {
        let mut child = away(&sandbox, 0)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // It says when it starts waiting for the lock.
        let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        std::io::BufRead::read_line(&mut stderr, &mut line).unwrap();
        assert!(line.contains("waiting for another dw"), "{line}");
        let pid = libc::pid_t::try_from(child.id()).unwrap();
        // SAFETY: signalling the child this test started.
        unsafe { libc::kill(pid, signal) };
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "{rest}");
        assert!(rest.contains("stopped by"), "{rest}");
        assert_eq!(roster_text(&sandbox), before);
    }
    drop(lock);
    assert_eq!(strays(&sandbox), vec![".roster.toml.dw-lock".to_string()]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, failure_persistence: None, ..ProptestConfig::default() })]

    /// N editors at once, joins and away ranges mixed: every one lands.
    #[test]
    fn parallel_editors_never_lose_an_edit(kinds in proptest::collection::vec(any::<bool>(), 2..7)) {
        let sandbox = Sandbox::with(ROSTER);
        let mut commands = Vec::new();
        let mut marks = Vec::new();
        for (n, join_one) in kinds.iter().enumerate() {
            if *join_one {
                let id = format!("q{n}");
                commands.push(join(&sandbox, &id));
                marks.push(format!("id = \"{id}\""));
            } else {
                commands.push(away(&sandbox, n));
                marks.push(format!("edit {n}\""));
            }
        }
        let runs = all_at_once(commands);
        check_entries(&sandbox, &runs, &marks);
        prop_assert!(runs.iter().all(|r| r.code == 0));
    }
}
