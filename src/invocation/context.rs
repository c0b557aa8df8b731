//! What a command with a roster starts from: the invocation, the roster,
//! the moment asked about, and the arguments resolved against the roster
//! (weeks, members, ranks).

use crate::roster::{MemberIx, Rank};
use chrono::{DateTime, Utc};

use crate::cli::At;
use crate::error::{Error, Result};
use crate::render;
use crate::render::notes::Person;
use crate::roster::{self, Roster};
use crate::rotation::{resolve_local, BeforeStart, Rotation, WeekIx};
use crate::validate::{self, WeekProblem};

use super::Invocation;

/// The invocation with its roster loaded.
pub struct Context {
    pub inv: Invocation,
    pub roster: Roster,
    pub roster_path: std::path::PathBuf,
    /// The moment asked about (`--at`, else the clock); week 0's start when
    /// the clock is before it (a rotation not started answers for week 0).
    pub now: DateTime<Utc>,
    /// The moment asked about as given, even before the rotation starts
    /// (`dw remind` needs it: the first handoff is week 0's start).
    pub asked: DateTime<Utc>,
    pub color: bool,
    /// Rules the roster breaks only in some weeks (the rotation ignores the
    /// overrides that do not fit there).
    pub week_problems: Vec<WeekProblem>,
}

impl Context {
    /// A context for an already loaded roster, at the invocation's clock.
    pub fn new(inv: Invocation, path: std::path::PathBuf, roster: Roster) -> Self {
        let mut now = resolve_at(
            inv.global.at,
            inv.clock,
            &roster.team.timezone,
            handoff_of(&roster),
        );
        let asked = now;
        if !inv.global.quiet {
            if let Some(At::Relative(rel)) = inv.global.at {
                if let Some(note) = crate::when::day_word_note(&Rotation::new(&roster), rel, asked)
                {
                    eprintln!("{note}");
                }
            }
        }
        if inv.global.at.is_none() {
            // A rotation that has not started yet answers for week 0 (an
            // explicit --at before the start stays an error).
            let start = Rotation::new(&roster).week_start(WeekIx::FIRST);
            if now < start {
                now = start.with_timezone(&Utc);
                if !inv.global.quiet {
                    eprintln!(
                        "dw: the rotation has not started yet: week 0 begins {}; answering for week 0",
                        render::human(&start)
                    );
                }
            }
        }
        let color = inv.color();
        Context {
            inv,
            roster,
            roster_path: path,
            now,
            asked,
            color,
            week_problems: Vec::new(),
        }
    }

    /// One warning on stderr naming the weeks in which the roster breaks a
    /// rule, so that a mistake months ahead does not go unnoticed.
    pub fn warn_week_problems(&self) {
        if let Some(text) = week_problems_warning(&self.roster_path, &self.week_problems) {
            eprintln!("{text}");
        }
    }

    /// Exit 2 with every week problem in `weeks` (week indices): for commands
    /// that write or compare those weeks.
    pub fn refuse_week_problems(&self, weeks: std::ops::Range<WeekIx>) -> Result<()> {
        let rot = self.rotation();
        let inside: Vec<WeekProblem> = self
            .week_problems
            .iter()
            .filter(|p| rot.week_of_date(p.week).is_ok_and(|k| weeks.contains(&k)))
            .cloned()
            .collect();
        if inside.is_empty() {
            return Ok(());
        }
        Err(validate::week_problems_error(&self.roster_path.display().to_string(), &inside).into())
    }

    /// The calendar of the roster.
    pub fn rotation(&self) -> Rotation<'_> {
        Rotation::new(&self.roster)
    }

    /// The index of the week holding the moment asked about.
    pub fn current_week(&self, rot: &Rotation<'_>) -> Result<WeekIx> {
        let k = rot
            .week_at(&self.now)
            .map_err(|e| before_start(&e, "--at"))?;
        within_limit(k, "--at")
    }

    /// The week whose dates include `date` (given as `flag`).
    pub fn week_of(
        &self,
        rot: &Rotation<'_>,
        date: chrono::NaiveDate,
        flag: &str,
    ) -> Result<WeekIx> {
        let k = rot.week_of_date(date).map_err(|e| before_start(&e, flag))?;
        within_limit(k, flag)
    }

    /// `--from DATE`'s week if given, else the current week.
    pub fn first_week(
        &self,
        rot: &Rotation<'_>,
        from: Option<chrono::NaiveDate>,
    ) -> Result<WeekIx> {
        match from {
            Some(date) => self.week_of(rot, date, "--from"),
            None => self.current_week(rot),
        }
    }

    /// A member index from an id given on the command line.
    pub fn member(&self, id: &str, flag: &str) -> Result<MemberIx> {
        self.roster.member_index(id).ok_or_else(|| {
            let ids: Vec<&str> = self.roster.members.iter().map(|m| m.id.as_str()).collect();
            let suggestion = roster::did_you_mean(id, &ids);
            Error::usage(
                format!(
                    "{flag}: no member has the id \"{id}\" in {}",
                    self.roster_path.display()
                ),
                format!("{suggestion}use one of: {}", ids.join(", ")),
            )
        })
    }

    /// The rank a `--role`/`--roles` value names: a role name, an ordinal or
    /// a number, at most the roster's member count (no week has more ranks).
    /// A typo gets "did you mean" (a prefix counts: `prim` → primary).
    pub fn rank_arg(&self, role: &str, flag: &str) -> Result<Rank> {
        let max = self.roster.members.len().max(1);
        let team = &self.roster.team;
        match self.roster.rank_of(role) {
            Some(rank) if rank.get() <= max => Ok(rank),
            Some(rank) => Err(Error::usage(
                format!(
                    "{flag}: no week of {} has a rank {rank}: the roster has {} member{}",
                    self.roster_path.display(),
                    self.roster.members.len(),
                    if self.roster.members.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                ),
                format!("use {}", team.role_choices(max)),
            )),
            None => {
                let roles: Vec<&str> = team.roles.iter().map(String::as_str).collect();
                let suggestion = roster::did_you_mean(role, &roles);
                Err(Error::usage(
                    format!("{flag}: unknown role \"{role}\""),
                    format!("{suggestion}use {}", team.role_choices(max)),
                ))
            }
        }
    }

    /// A note for people on stderr, unless --quiet.
    pub fn note(&self, text: &str) {
        self.inv.note(text);
    }

    /// The team channel (`[slack] channel`) where handoffs and announcements go.
    pub fn team_channel(&self) -> Result<String> {
        slack_channel(self.roster.slack.channel.as_ref(), "channel", "#team", "")
    }
}

/// The one warning about rules broken in some weeks, or `None` when there are none.
pub fn week_problems_warning(path: &std::path::Path, problems: &[WeekProblem]) -> Option<String> {
    let first = problems.first()?;
    let mut weeks: Vec<chrono::NaiveDate> = problems.iter().map(|p| p.week).collect();
    weeks.sort();
    weeks.dedup();
    let at = first.diagnostic.location(&path.display().to_string());
    let what = if problems.len() == 1 {
        format!("{at}: {}", first.diagnostic.message)
    } else {
        format!(
            "{at}: {} and {} more",
            first.diagnostic.message,
            problems.len() - 1
        )
    };
    let dates: Vec<String> = weeks.iter().map(|d| format!("the week of {d}")).collect();
    Some(format!(
        "dw: warning: the roster breaks a rule in {} ({what}); dw ignores it there and carries on; run `dw check` for how to fix it",
        dates.join(", ")
    ))
}

/// The instant `--at` names (the clock when it is not given), in the team's zone `tz`.
pub fn resolve_at(
    at: Option<At>,
    clock: DateTime<Utc>,
    tz: &chrono_tz::Tz,
    handoff: crate::when::Handoff,
) -> DateTime<Utc> {
    match at {
        None => clock,
        Some(At::Instant(t)) => t.with_timezone(&Utc),
        Some(At::Local(t)) => resolve_local(tz, t).with_timezone(&Utc),
        Some(At::Relative(rel)) => {
            crate::when::resolve(rel, clock, tz, handoff).with_timezone(&Utc)
        }
    }
}

/// The team's handoff, for the words `next handoff` and `tuesday 10:00`.
pub fn handoff_of(roster: &Roster) -> crate::when::Handoff {
    crate::when::Handoff {
        day: roster.team.handoff_day,
        time: roster.team.handoff_time,
    }
}

/// A Slack channel named in `[slack]`, or exit 2 saying which key to add.
pub fn slack_channel(
    value: Option<&String>,
    key: &str,
    example: &str,
    extra: &str,
) -> Result<String> {
    value.cloned().ok_or_else(|| {
        Error::usage(
            format!("the roster has no [slack] {key}"),
            format!("add {key} = \"{example}\" under [slack]{extra}"),
        )
    })
}

/// Who answers now for the first `max` ranks, as (role, person) for
/// messages: inside a cover, the covering member (the person to ping).
pub fn on_call(ctx: &Context, max: usize) -> Vec<(String, Person)> {
    let rot = ctx.rotation();
    let now = ctx.now.with_timezone(&ctx.roster.team.timezone);
    Rank::up_to(max)
        .map_while(|rank| rot.holder_at(rank, &now).map(|h| (rank, h.member)))
        .map(|(rank, m)| (ctx.roster.role_name(rank), person(&ctx.roster, m)))
        .collect()
}

/// A member as messages show them.
pub fn person(roster: &Roster, member: MemberIx) -> Person {
    let m = &roster.members[member];
    Person {
        id: m.id.clone(),
        name: m.name.clone(),
        slack: m.slack.clone(),
    }
}

/// Week `k`, or exit 2 if it is past the weeks dw computes.
fn within_limit(k: WeekIx, flag: &str) -> Result<WeekIx> {
    if k.get() >= crate::rotation::MAX_WEEKS {
        return Err(Error::usage(
            format!(
                "{flag} is week {k} of the rotation; dw computes the first {} weeks",
                crate::rotation::MAX_WEEKS
            ),
            "ask about an earlier moment",
        ));
    }
    Ok(k)
}

/// The error for a moment before week 0.
pub fn before_start(e: &BeforeStart, flag: &str) -> Error {
    Error::usage(
        format!(
            "{flag} is before the rotation starts: week 0 begins {}",
            render::human(&e.start)
        ),
        "ask about a moment on or after [team] start in the roster",
    )
}
