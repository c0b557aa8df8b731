//! Shell completion, member ids, role names and week dates included.
//!
//! The script `dw completions SHELL` prints is a few lines that ask dw
//! itself, as `DW_COMPLETE=SHELL dw -- WORDS…`, each time the shell completes
//! a `dw` command line: clap_complete's engine walks the line over the same
//! command definition that parses it, so every subcommand, flag and value
//! it offers is one dw takes (hidden flags, such as the `--json` and `--at`
//! that `dw completions` refuses, are not offered). The values that name a
//! member, a role or a week come from the roster, found as every command
//! finds it (`--roster` on the line, `DW_ROSTER`, discovery). Without a
//! roster, or with one that does not load, they complete to nothing:
//! completion never prints an error and never uses the network.

use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
use clap::{Command, CommandFactory};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
use clap_complete::Shell;

use super::{parse_at, At, Cli};
use crate::invocation::{env, Context, Env, Invocation};
use crate::roster::{Rank, Roster};
use crate::rotation::{Rotation, WeekIx};

/// How many week dates are offered: the current week's and the next ones.
const WEEKS: usize = 9;

/// The script that registers dw's completion with `shell`: it calls `dw`
/// (from `PATH`) when the shell completes, and runs nothing when sourced.
pub fn registration(shell: Shell) -> Option<String> {
    let mut buf = Vec::new();
    adapter(shell)?
        .write_registration(env::COMPLETE, "dw", "dw", "dw", &mut buf)
        .ok()?;
    Some(String::from_utf8_lossy(&buf).into_owned())
}

fn adapter(shell: Shell) -> Option<&'static dyn EnvCompleter> {
    Some(match shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
        Shell::Elvish => &Elvish,
        Shell::PowerShell => &Powershell,
        _ => return None,
    })
}

/// When `DW_COMPLETE` names a shell, answer the completion request of that
/// shell's script on stdout and return `true`: dw then exits 0 without
/// running a command. `args` are the process's arguments: `dw -- WORDS…`
/// (without words, the registration script, as `DW_COMPLETE=bash dw` prints).
pub fn answer(args: &[OsString], cwd: Option<&Path>) -> bool {
    let env = Env::from_process();
    let Some(name) = env.get(env::COMPLETE) else {
        return false;
    };
    // `DW_COMPLETE=/bin/bash` as well as `DW_COMPLETE=bash`.
    let name = Path::new(&name)
        .file_stem()
        .map_or(name.clone(), |s| s.to_string_lossy().into_owned());
    let shells = clap_complete::env::Shells::builtins();
    let Some(shell) = shells.completer(&name) else {
        // Not a shell dw completes for (or `DW_COMPLETE=0`): an ordinary run.
        return false;
    };
    let words: Vec<OsString> = match args.iter().position(|a| a == "--") {
        Some(i) => args[i + 1..].to_vec(),
        None => Vec::new(),
    };
    let mut buf = Vec::new();
    if words.is_empty() {
        let _ = shell.write_registration(env::COMPLETE, "dw", "dw", "dw", &mut buf);
    } else {
        let roster = Arc::new(Lazy::new(&words, &env));
        let words = as_typed(words, &name);
        let mut cmd = command(&roster);
        if name == "bash" {
            cmd = escaped_for_bash(cmd);
        }
        // An error (a line the engine cannot walk) completes to nothing.
        if shell
            .write_complete(&mut cmd, words, cwd, &mut buf)
            .is_err()
        {
            buf.clear();
        }
    }
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(&buf).and_then(|()| out.flush());
    true
}

/// What a completed value names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A member id.
    Member,
    /// A role name.
    Role,
    /// A week, as the date of its handoff (YYYY-MM-DD).
    Week,
    /// A moment, as the local time of a handoff (YYYY-MM-DDTHH:MM).
    Handoff,
    /// The first day of an away range in the roster.
    AwayStart,
    /// A moment for `--at`: the words dw accepts, then the handoffs'
    /// local times (the words also without a roster).
    At,
}

/// The arguments that complete from the roster: subcommand path, argument
/// id (the field's name), what the value names.
const FROM_ROSTER: &[(&[&str], &str, Kind)] = &[
    (&[], "at", Kind::At),
    (&["who"], "role", Kind::Role),
    (&["schedule"], "member", Kind::Member),
    (&["schedule"], "from", Kind::Week),
    (&["schedule"], "roles", Kind::Role),
    (&["next"], "id", Kind::Member),
    (&["stats"], "from", Kind::Week),
    (&["stats"], "to", Kind::Week),
    (&["plan"], "from", Kind::Week),
    (&["explain"], "id", Kind::Member),
    (&["incident", "start"], "as_member", Kind::Member),
    (&["away", "add"], "id", Kind::Member),
    (&["away", "add"], "from", Kind::Week),
    (&["away", "add"], "to", Kind::Week),
    (&["away", "remove"], "id", Kind::Member),
    (&["away", "remove"], "from", Kind::AwayStart),
    (&["swap"], "first", Kind::Member),
    (&["swap"], "second", Kind::Member),
    (&["swap"], "week", Kind::Week),
    (&["swap"], "back", Kind::Week),
    (&["cover"], "id", Kind::Member),
    (&["cover"], "role", Kind::Role),
    (&["cover"], "from", Kind::Handoff),
    (&["cover"], "to", Kind::Handoff),
    (&["join"], "on", Kind::Week),
    (&["leave"], "id", Kind::Member),
    (&["leave"], "on", Kind::Week),
];

/// dw's command line with the roster's values attached to [`FROM_ROSTER`].
fn command(roster: &Arc<Lazy>) -> Command {
    let mut cmd = Cli::command();
    for (path, id, kind) in FROM_ROSTER {
        let (roster, kind) = (Arc::clone(roster), *kind);
        let values = ArgValueCandidates::new(move || match (roster.get(), kind) {
            (l, Kind::At) => at_candidates(l),
            (Some(l), _) => candidates(l, kind),
            (None, _) => Vec::new(),
        });
        cmd = attach(cmd, path, id, &values);
    }
    cmd
}

/// `cmd` with `values` added to the argument `id` of the subcommand at
/// `path`; in place, so the order of commands and flags stays the help's.
fn attach(cmd: Command, path: &[&str], id: &str, values: &ArgValueCandidates) -> Command {
    match path.split_first() {
        None => cmd.mut_args(|a| {
            if a.get_id() == id {
                a.add(values.clone())
            } else {
                a
            }
        }),
        Some((name, rest)) => cmd.mut_subcommands(|s| {
            if s.get_name() == *name {
                attach(s, rest, id, values)
            } else {
                s
            }
        }),
    }
}

/// The roster of the line being completed, read at most once, and only
/// when a value that needs it is completed.
struct Lazy {
    roster: Option<PathBuf>,
    at: Option<At>,
    loaded: OnceLock<Option<Loaded>>,
}

struct Loaded {
    roster: Roster,
    /// The moment asked about: `--at` on the line, else now.
    now: DateTime<Utc>,
}

impl Lazy {
    /// `--roster` and `--at` as the words give them (the last one wins, as
    /// when parsing; a `--at` that is not a moment does not count); `~/` is
    /// the home folder, which the shell has not expanded in the words it
    /// passes. The last word is the one being completed, not yet a value:
    /// `dw --at 2026-03-03T12:00 who --at <TAB>` completes for the first.
    fn new(words: &[OsString], env: &Env) -> Self {
        let mut roster = None;
        let mut at = None;
        let given = &words[..words.len().saturating_sub(1)];
        let mut words = given.iter().skip(1).map(|w| w.to_string_lossy());
        while let Some(word) = words.next() {
            let (flag, value) = match word.split_once('=') {
                Some((flag, value)) => (flag.to_string(), Some(value.to_string())),
                None => (word.to_string(), None),
            };
            match flag.as_str() {
                "--" => break,
                "--roster" => {
                    roster = value
                        .or_else(|| words.next().map(|w| w.into_owned()))
                        .map(|p| home_relative(&p, env));
                }
                "--at" => {
                    let value = value.or_else(|| words.next().map(|w| w.into_owned()));
                    if let Some(moment) = value.and_then(|v| parse_at(&v).ok()) {
                        at = Some(moment);
                    }
                }
                _ => {}
            }
        }
        Lazy {
            roster,
            at,
            loaded: OnceLock::new(),
        }
    }

    fn get(&self) -> Option<&Loaded> {
        self.loaded.get_or_init(|| self.load()).as_ref()
    }

    /// The roster found as every command finds it, quietly; `None` for any
    /// problem (none found, unreadable, broken).
    fn load(&self) -> Option<Loaded> {
        // The global flags of a plain run, so DW_ROSTER counts as usual.
        let mut global = <Cli as clap::Parser>::try_parse_from(["dw", "--quiet", "roles"])
            .ok()?
            .global;
        global.quiet = true;
        global.verbose = false;
        if let Some(path) = &self.roster {
            global.roster = Some(path.clone());
        }
        global.at = self.at.or(global.at);
        let inv = Invocation::resolve(global);
        let path = inv.search().find().ok()?;
        let (roster, _) = crate::validate::load_scoped(&path).ok()?;
        let Context { roster, now, .. } = Context::new(inv, path, roster);
        Some(Loaded { roster, now })
    }
}

fn home_relative(path: &str, env: &Env) -> PathBuf {
    match (path.strip_prefix("~/"), env.os(env::HOME)) {
        (Some(rest), Some(home)) => Path::new(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// The values of `kind` in `l`'s roster, with a short help each.
fn candidates(l: &Loaded, kind: Kind) -> Vec<CompletionCandidate> {
    let roster = &l.roster;
    let value = |v: &str, help: String| CompletionCandidate::new(v).help(Some(help.into()));
    match kind {
        Kind::Member => roster
            .members
            .iter()
            .map(|m| value(&m.id, m.name.clone()))
            .collect(),
        Kind::Role => roster
            .team
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| value(r, format!("rank {}", i + 1)))
            .collect(),
        Kind::Week | Kind::Handoff => {
            let format = if kind == Kind::Week {
                "%Y-%m-%d"
            } else {
                "%Y-%m-%dT%H:%M"
            };
            let rot = Rotation::new(roster);
            let first = rot.week_at(&l.now).unwrap_or(WeekIx::FIRST);
            if first >= WeekIx::END {
                return Vec::new();
            }
            rot.iter()
                .skip(first.get())
                .take(WEEKS)
                .map(|week| {
                    let (start, _) = rot.bounds(week.index);
                    let ranks: Vec<String> = week
                        .ranks
                        .iter()
                        .take(2)
                        .enumerate()
                        .filter_map(|(i, s)| {
                            let id = &roster.members.get(s.member.0)?.id;
                            Some(format!("{id} {}", rot.role_name(Rank::from_index(i))))
                        })
                        .collect();
                    let help = match ranks.is_empty() {
                        true => format!("week {}", week.index),
                        false => format!("week {}: {}", week.index, ranks.join(", ")),
                    };
                    value(&start.format(format).to_string(), help)
                })
                .collect()
        }
        Kind::At => at_candidates(Some(l)),
        Kind::AwayStart => {
            let mut seen = Vec::new();
            let mut out = Vec::new();
            for m in &roster.members {
                for a in &m.away {
                    if seen.contains(&a.from) {
                        continue;
                    }
                    seen.push(a.from);
                    let why = a
                        .reason
                        .as_deref()
                        .map(|r| format!(", {r}"))
                        .unwrap_or_default();
                    out.push(value(
                        &a.from.to_string(),
                        format!("{} away to {}{why}", m.id, a.to),
                    ));
                }
            }
            out
        }
    }
}

/// The words `--at` takes, in the order offered; `next DAY` for the
/// handoff day goes after the weekdays.
const AT_WORDS: [&str; 4] = ["now", "today", "tomorrow", "yesterday"];
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The values of `--at`: the words dw takes (each with the moment it means
/// and its week, when the roster is there), then the handoffs' local times
/// as for `cover --from`.
fn at_candidates(l: Option<&Loaded>) -> Vec<CompletionCandidate> {
    let mut words: Vec<String> = AT_WORDS.iter().map(|w| w.to_string()).collect();
    words.extend(WEEKDAYS.iter().map(|w| w.to_string()));
    if let Some(l) = l {
        let day = l.roster.team.handoff_day.num_days_from_monday() as usize;
        if let Some(name) = WEEKDAYS.get(day) {
            words.push(format!("next {name}"));
        }
    }
    words.extend(["next handoff".to_string(), "next week".to_string()]);
    let Some(l) = l else {
        return words.iter().map(CompletionCandidate::new).collect();
    };
    let team = &l.roster.team;
    let rot = Rotation::new(&l.roster);
    let handoff = crate::when::Handoff {
        day: team.handoff_day,
        time: team.handoff_time,
    };
    let mut out: Vec<CompletionCandidate> = words
        .iter()
        .map(|w| {
            let help = crate::when::parse_relative(w).map(|rel| {
                let t = crate::when::resolve(rel, l.now, &team.timezone, handoff);
                let week = rot
                    .week_at(&t)
                    .map(|k| format!(", week {k}"))
                    .unwrap_or_default();
                format!(
                    "{} {}{week}",
                    t.format("%a %Y-%m-%d %H:%M"),
                    crate::render::zone(&t)
                )
            });
            CompletionCandidate::new(w).help(help.map(Into::into))
        })
        .collect();
    out.extend(candidates(l, Kind::Handoff));
    out
}

/// The words as the engine should see them: fish passes the word being
/// completed as typed (`next\\ h`, `"next h`), while the values it matches
/// are plain (`next handoff`); its quotes and escapes are undone. Fish
/// escapes what it inserts.
fn as_typed(mut words: Vec<OsString>, shell: &str) -> Vec<OsString> {
    if shell == "fish" {
        if let Some(last) = words.last_mut() {
            if let Some(text) = last.to_str().filter(|t| t.contains(['\\', '"', '\''])) {
                *last = OsString::from(unquote(text));
            }
        }
    }
    words
}

/// A word as the shell reads it: `next\\ h`, `"next h` and `'next h` are
/// `next h` (a backslash keeps the character after it, except inside single
/// quotes; an open quote may stay open).
fn unquote(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (Some('\''), c) => out.push(c),
            (_, '\\') => out.extend(chars.next()),
            (_, c) => out.push(c),
        }
    }
    out
}

/// Bash inserts a value as it is given, so a value with a space (`next
/// handoff`, a role name) is given with the space escaped (`next\ handoff`);
/// the word being completed comes as typed (`next\ h`), and matches it.
fn escaped_for_bash(cmd: Command) -> Command {
    cmd.mut_args(bash_arg).mut_subcommands(escaped_for_bash)
}

fn bash_arg(a: clap::Arg) -> clap::Arg {
    let Some(values) = a.get::<ArgValueCandidates>().cloned() else {
        return a;
    };
    a.add(ArgValueCandidates::new(move || {
        values
            .candidates()
            .into_iter()
            .map(|c| {
                let value = c.get_value().to_string_lossy();
                if value.contains(' ') {
                    let escaped = value.replace(' ', "\\ ");
                    let help = c.get_help().cloned();
                    CompletionCandidate::new(escaped).help(help)
                } else {
                    c
                }
            })
            .collect::<Vec<_>>()
    }))
}

#[cfg(test)]
#[path = "complete_tests.rs"]
mod tests;
