//! `dw schedule --html`: one self-contained calendar page. Inline CSS, one
//! small inline script (the handoffs in the reader's time zone), no fonts,
//! images or requests: a Content-Security-Policy forbids them. Pure: the
//! weeks and the moment come in, the page goes out to a writer as the weeks
//! come (one week held at a time). Every roster string goes through
//! [`crate::text::html::escape`].

mod theme;
mod week;

use std::borrow::Borrow;
use std::io::{self, Write};

use crate::roster::{MemberIx, Rank};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::rotation::{Rotation, Week, WeekIx};
use crate::text::html::escape;

use super::style::zone;

const CSS: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");
/// `sha256-…` of [`SCRIPT`], so the policy lets this script run and no other
/// (a unit test recomputes it).
const SCRIPT_HASH: &str = "sha256-snwSp0YZNLvGkrHwmjfgpDkZE7AhwhNcC4cWCvJyOsE=";

/// What the page is made for besides the weeks.
#[derive(Debug, Clone)]
pub struct HtmlPage {
    /// The member whose weeks and covers are highlighted (`--member`).
    pub member: Option<MemberIx>,
    /// The moment the page is made for (`--at`, else the clock): its date
    /// is today on the page, and the footer says when the page was made.
    pub now: DateTime<Utc>,
    /// The ranks whose rows the page shows, in rank order (`--roles`);
    /// `None`: the named roles.
    pub ranks: Option<Vec<Rank>>,
}

/// The file name of the calendar feed the page links to, relative to the
/// page: `dw.ics` for the team, `dw-ID.ics` for one member.
pub fn ics_feed_name(member_id: Option<&str>) -> String {
    match member_id {
        Some(id) => format!("dw-{id}.ics"),
        None => "dw.ics".to_string(),
    }
}

/// `Tue 3 Mar 2026 10:00 CST`.
fn long_time(t: &DateTime<Tz>) -> String {
    format!("{} {}", t.format("%a %-d %b %Y %H:%M"), zone(t))
}

/// `Tue 3 Mar 2026`.
fn long_date(d: chrono::NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// The initials shown on a member's colour: the first letters of the first
/// and last words of the name (`GH`), else of the id.
fn initials(name: &str, id: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let letters: String = match words.as_slice() {
        [] => id.chars().take(2).collect(),
        [one] => one.chars().take(2).collect(),
        [first, .., last] => first.chars().take(1).chain(last.chars().take(1)).collect(),
    };
    letters.to_uppercase()
}

/// The calendar page of `weeks` (consecutive, in order) of `rot`, whole:
/// [`write_schedule_html`] into memory.
#[cfg(test)]
pub fn schedule_html(rot: &Rotation<'_>, weeks: &[Week], page: &HtmlPage) -> String {
    let span = match (weeks.first(), weeks.last()) {
        (Some(first), Some(last)) => Some((first.index, last.index)),
        _ => None,
    };
    let mut out = Vec::with_capacity(24_000 + weeks.len() * 3_000);
    // Writing into memory does not fail, and only text is written.
    let _ = write_schedule_html(&mut out, rot, weeks, span, page);
    String::from_utf8_lossy(&out).into_owned()
}

/// Write the calendar page of `rot`'s weeks `span` (first and last index;
/// `None`: no weeks) to `out`: `weeks` are those weeks in order, each written
/// as it comes, so the page of thousands of weeks is never held whole. Each
/// `write_all` hands over a whole part (the head, a week, the legend, the
/// foot), so a writer may look at what it is given part by part.
pub fn write_schedule_html<W: Write, K: Borrow<Week>>(
    mut out: W,
    rot: &Rotation<'_>,
    weeks: impl IntoIterator<Item = K>,
    span: Option<(WeekIx, WeekIx)>,
    page: &HtmlPage,
) -> io::Result<()> {
    let roster = rot.roster();
    let team = &roster.team;
    let tz = team.timezone;
    let now = page.now.with_timezone(&tz);
    let member = page
        .member
        .and_then(|m| roster.members.get(m.0).map(|x| (m, x)));
    let feed = ics_feed_name(member.map(|(_, m)| m.id.as_str()));
    let ranks: Vec<Rank> = match &page.ranks {
        Some(ranks) => ranks.clone(),
        None => Rank::up_to(team.roles.len()).collect(),
    };
    let grid = week::Grid::new(rot, page.member, now, &ranks);
    let team_name = escape(&team.name);
    let today = now.date_naive();
    // The weeks are consecutive: together they hold the days from the first
    // one's first date to the last one's last.
    let (span, holds_today) = match span {
        Some((first, last)) => {
            let from = rot.dates(first).0;
            let to = rot.dates(last).1;
            (
                format!(
                    "weeks {first}–{last}, {} – {}",
                    long_date(from),
                    long_date(to)
                ),
                from <= today && today <= to,
            )
        }
        None => ("no weeks".to_string(), false),
    };
    let mut head = String::with_capacity(24_000);
    head.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\" data-timezone=\"{tz_name}\">\n<head>\n\
         <meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"generator\" content=\"dw {version}\">\n\
         <title>{team_name} on call: {span}</title>\n<style>\n:root{{{light}}}\n\
         @media (prefers-color-scheme: dark){{:root{{{dark}}}}}\n\
         @media print{{:root{{{light}}}}}\n{classes}\n{CSS}</style>\n</head>\n<body>\n",
        tz_name = escape(tz.name()),
        version = env!("CARGO_PKG_VERSION"),
        light = theme::LIGHT.vars(),
        dark = theme::DARK.vars(),
        classes = theme::member_classes(),
    ));
    // The header: who, where, the feed.
    head.push_str(&format!(
        "<header>\n<h1>{team_name} on call</h1>\n\
         <p class=\"meta\">Times are in the team's time zone, {tz_name}; \
         the on-call week changes hands every {day} at {time}. \
         <span id=\"reader-zone\" hidden></span></p>\n\
         <p class=\"subscribe noprint\"><a href=\"{feed}\" type=\"text/calendar\">\
         Subscribe to the calendar ({feed})</a></p>\n",
        tz_name = escape(tz.name()),
        day = team.start.format("%A"),
        time = team.handoff_time.format("%H:%M"),
        feed = escape(&feed),
    ));
    if let Some((m, mm)) = member {
        head.push_str(&format!(
            "<p class=\"me-note\"><span class=\"me-mark\" aria-hidden=\"true\">◆</span>\
             Highlighted: <span class=\"chip m{c}\">{ini}</span>{name} ({id}): \
             their weeks, covers and time away are outlined and marked ◆.</p>\n",
            c = theme::member_class(m),
            ini = escape(&initials(&mm.name, &mm.id)),
            name = escape(&mm.name),
            id = escape(&mm.id),
        ));
    }
    if holds_today {
        head.push_str("<p class=\"noprint\"><a href=\"#today\">Jump to today</a></p>\n");
    }
    head.push_str("</header>\n<main>\n");
    head.push_str(&grid.table_start(&span));
    out.write_all(head.as_bytes())?;
    for w in weeks {
        out.write_all(grid.week(w.borrow()).as_bytes())?;
    }
    let mut foot = String::from("</table>\n");
    foot.push_str(&legend(rot, page.member, &ranks, page.ranks.is_some()));
    foot.push_str(&format!(
        "</main>\n<footer>\n<p>Made by dw {version} for {made}. \
         The calendar feed: <a href=\"{feed}\">{feed}</a>.</p>\n</footer>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        version = env!("CARGO_PKG_VERSION"),
        made = escape(&long_time(&now)),
        feed = escape(&feed),
    ));
    out.write_all(foot.as_bytes())
}

/// The team (each member's colour, initials, name and id) and the marks;
/// `ranks` are the rows shown, `asked` whether `--roles` chose them.
fn legend(rot: &Rotation<'_>, member: Option<MemberIx>, ranks: &[Rank], asked: bool) -> String {
    let roster = rot.roster();
    let mut out = String::from(
        "<div class=\"cols\">\n<section class=\"team\" aria-labelledby=\"team-h\">\n\
         <h2 id=\"team-h\">The team</h2>\n\
         <p class=\"muted noprint\">Each member's own calendar feed is beside this page.</p>\n<ul>\n",
    );
    for (i, m) in roster.each_member() {
        let mut when = String::new();
        if let Some(j) = m.joined {
            when.push_str(&format!(" · joins {}", long_date(j)));
        }
        if let Some(l) = m.left {
            when.push_str(&format!(" · leaves {}", long_date(l)));
        }
        let me = if member == Some(i) {
            " class=\"me\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<li data-member=\"{id}\"{me}><span class=\"chip m{c}\" aria-hidden=\"true\">{ini}</span>\
             {name} <span class=\"muted\">({id}){when}</span> \
             <a class=\"noprint\" href=\"{feed}\" type=\"text/calendar\" \
             aria-label=\"{name}'s calendar feed\">{feed}</a></li>\n",
            id = escape(&m.id),
            feed = escape(&ics_feed_name(Some(&m.id))),
            c = theme::member_class(i),
            ini = escape(&initials(&m.name, &m.id)),
            name = escape(&m.name),
        ));
    }
    let roles: Vec<String> = ranks
        .iter()
        .map(|r| escape(&rot.role_name(*r)).into_owned())
        .collect();
    out.push_str(&format!(
        "</ul>\n</section>\n<section class=\"legend\" id=\"legend\" aria-labelledby=\"legend-h\">\n\
         <h2 id=\"legend-h\">How to read it</h2>\n<ul>\n\
         <li>One row group per on-call week, from one handoff to the next; the columns are \
         its seven days. The rows under the dates are the roles: {roles}.</li>\n\
         <li>Each member has a colour and always their initials and name.</li>\n\
         <li><span class=\"badge\">cover</span> A dashed box: someone holds a role for part of \
         the week, on the days it spans, from and to the times shown, with its reason.</li>\n\
         <li><span class=\"badge\">override</span> The rotation was changed by hand for that \
         week, with its reason.</li>\n\
         <li><span class=\"badge\">DST</span> The clocks change during that week, so it is an \
         hour (or half an hour) shorter or longer.</li>\n\
         <li><span class=\"badge\">today</span> Today's date is outlined; \
         <span class=\"badge\">this week</span> marks the week on call now.</li>\n\
         <li>Away: members out that week, who take their turn later.</li>\n",
        roles = roles.join(", "),
    ));
    if member.is_some() {
        out.push_str(
            "<li><span class=\"me-mark\">◆</span> The highlighted member's cells, outlined.</li>\n",
        );
    }
    if asked {
        out.push_str(
            "<li>Only the roles asked for (<code>--roles</code>) are shown; every rank is in \
             <code>dw schedule</code>.</li>\n",
        );
    } else {
        out.push_str(&format!(
            "<li>Only the named roles are shown; ranks after them ({}) are in <code>dw schedule</code>.</li>\n",
            escape(&rot.role_name(Rank::from_index(roster.team.roles.len()))),
        ));
    }
    out.push_str("</ul>\n</section>\n</div>\n");
    out
}

#[cfg(test)]
mod tests;
