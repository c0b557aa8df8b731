//! `dw schedule`: the calendar as a table, JSON, iCalendar or an HTML page.

use crate::cli::ScheduleArgs;
use crate::error::{Error, Result};
use crate::render;
use crate::roster::Rank;
use crate::rotation::WeekIx;

use super::Context;

/// Print `--weeks` weeks from `--from` (default: the current week).
pub fn run(ctx: &Context, args: &ScheduleArgs) -> Result<()> {
    let rot = ctx.rotation();
    let first = ctx.first_week(&rot, args.from)?;
    let member = match &args.member {
        Some(id) => Some(ctx.member(id, "--member")?),
        None => None,
    };
    if first + args.weeks as usize > WeekIx::END {
        ctx.note(&format!(
            "dw: showing weeks up to {}, the last week dw computes",
            crate::rotation::MAX_WEEKS - 1
        ));
    }
    if args.html && ctx.inv.global.json {
        // Refused rather than ignored (clap sees only a --json after `schedule`).
        return Err(Error::usage(
            "--html cannot be used with --json: the page is HTML, never JSON",
            "drop --json for the page, or --html for the weeks as JSON",
        ));
    }
    // Streamed, week by week as the engine makes them: the JSON,
    // iCalendar or HTML of many weeks of a large roster runs to gigabytes.
    let end = (first + args.weeks as usize).min(WeekIx::END);
    let weeks = rot.iter().skip(first.get()).take(end.weeks_since(first));
    let span = end
        .prev()
        .filter(|&last| last >= first)
        .map(|last| (first, last));
    let only = roles_arg(ctx, args)?;
    if args.html {
        let page = render::HtmlPage {
            member,
            now: ctx.asked,
            ranks: only,
        };
        return super::stream(|out| {
            render::write_schedule_html(Redacted(out), &rot, weeks, span, &page)
        });
    }
    if args.ics {
        let ranks = only.or_else(|| {
            // A personal calendar shows the named roles: a "7th" event a week is noise.
            member.map(|_| Rank::up_to(ctx.roster.team.roles.len()).collect())
        });
        return super::stream(|out| {
            render::write_ics(out, &rot, weeks, span, member, ranks.as_deref(), ctx.now)
        });
    }
    if ctx.inv.global.json {
        let pretty = ctx.inv.pretty_json();
        return super::stream(|out| {
            render::write_schedule_json(out, &rot, weeks, member, only.as_deref(), pretty)
        });
    }
    let text = if let Some(m) = member {
        render::member_schedule_table(&rot, weeks, m, only.as_deref(), ctx.color)
    } else {
        render::schedule_table(&rot, weeks, only.as_deref(), ctx.color)
    };
    super::print(&text)
}

/// A writer that removes what `print` removes (registered secrets, URL
/// passwords) from each write: the page's writer hands over whole parts (a
/// week, the legend), so roster text is never split between two writes.
struct Redacted<W>(W);

impl<W: std::io::Write> std::io::Write for Redacted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match std::str::from_utf8(buf)
            .ok()
            .and_then(crate::http::redact::cleaned)
        {
            Some(clean) => self.0.write_all(clean.as_bytes())?,
            None => self.0.write_all(buf)?,
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// The ranks `--roles` names, in rank order without repeats (`None`: not given).
fn roles_arg(ctx: &Context, args: &ScheduleArgs) -> Result<Option<Vec<Rank>>> {
    if args.roles.is_empty() {
        return Ok(None);
    }
    let mut ranks = args
        .roles
        .iter()
        .map(|role| ctx.rank_arg(role, "--roles"))
        .collect::<Result<Vec<Rank>>>()?;
    ranks.sort_unstable();
    ranks.dedup();
    Ok(Some(ranks))
}
