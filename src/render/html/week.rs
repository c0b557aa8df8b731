//! The grid of the calendar page: one row group (`<tbody>`) per on-call
//! week, its dates on the first row, one row per role shown under them,
//! and under a role the covers of it, on the days they span.

use crate::roster::{MemberIx, Rank};
use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::rotation::{CoverSpan, Rotation, Week};
use crate::text::html::escape;

use super::{initials, long_time, theme, zone};

/// What every week's rows need: the calendar, the highlighted member, now.
pub(super) struct Grid<'a, 'r> {
    rot: &'a Rotation<'r>,
    member: Option<MemberIx>,
    now: DateTime<Tz>,
    /// The ranks whose rows a week has, in rank order.
    ranks: &'a [Rank],
}

/// A change of the zone's offset: its first instant and how far the clocks move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ClockChange {
    pub at: DateTime<Tz>,
    pub seconds: i32,
}

/// The offset changes of the zone between two instants (`from` included,
/// `to` included too: a week ending on a change is an hour short).
pub(super) fn clock_changes(from: &DateTime<Tz>, to: &DateTime<Tz>) -> Vec<ClockChange> {
    let tz = from.timezone();
    // Whole seconds: zones change their offsets on whole minutes.
    let instant = |s: i64| DateTime::<Utc>::from_timestamp(s, 0).unwrap_or_default();
    let offset = |s: i64| {
        tz.offset_from_utc_datetime(&instant(s).naive_utc())
            .fix()
            .local_minus_utc()
    };
    let (from, to) = (from.timestamp(), to.timestamp());
    let mut found = Vec::new();
    let mut t = from;
    while t < to {
        let next = (t + 6 * 3600).min(to);
        if offset(t) != offset(next) {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset(mid) == offset(lo) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            found.push(ClockChange {
                at: instant(hi).with_timezone(&tz),
                seconds: offset(hi) - offset(lo),
            });
        }
        t = next;
    }
    found
}

/// `forward 1 h`, `back 30 min`.
fn clock_words(seconds: i32) -> String {
    let way = if seconds > 0 { "forward" } else { "back" };
    let minutes = seconds.unsigned_abs() / 60;
    let amount = match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    };
    format!("{way} {amount}")
}

fn attr_time(t: &DateTime<Tz>) -> String {
    crate::render::rfc3339(t)
}

/// `Thu 18:00`.
fn short_time(t: &DateTime<Tz>) -> String {
    t.format("%a %H:%M").to_string()
}

/// `Tue 3 Mar 10:00 CST`.
fn handoff_time(t: &DateTime<Tz>) -> String {
    format!("{} {}", t.format("%a %-d %b %H:%M"), zone(t))
}

impl<'a, 'r> Grid<'a, 'r> {
    pub(super) fn new(
        rot: &'a Rotation<'r>,
        member: Option<MemberIx>,
        now: DateTime<Tz>,
        ranks: &'a [Rank],
    ) -> Self {
        Grid {
            rot,
            member,
            now,
            ranks,
        }
    }

    fn shown(&self, rank: Rank) -> bool {
        self.ranks.contains(&rank)
    }

    fn me(&self, m: MemberIx) -> bool {
        self.member == Some(m)
    }

    /// `<span class="chip m3">GH</span>Grace Hopper`, with the ◆ of the
    /// highlighted member.
    fn person(&self, m: MemberIx, with_id: bool) -> String {
        let member = &self.rot.roster().members[m];
        let mark = if self.me(m) {
            "<span class=\"me-mark\" aria-hidden=\"true\">◆</span>"
        } else {
            ""
        };
        let id = if with_id {
            format!(" <span class=\"id\">{}</span>", escape(&member.id))
        } else {
            String::new()
        };
        format!(
            "{mark}<span class=\"chip\" aria-hidden=\"true\">{}</span><span class=\"name\">{}</span>{id}",
            escape(&initials(&member.name, &member.id)),
            escape(&member.name),
        )
    }

    /// `<table>`, its caption, columns and head.
    pub(super) fn table_start(&self, span: &str) -> String {
        let roster = self.rot.roster();
        let team = &roster.team;
        let mut out = format!(
            "<table class=\"grid\" aria-describedby=\"legend\">\n\
             <caption>{} on-call calendar, {} (times in {})</caption>\n\
             <colgroup><col class=\"c-week\"><col class=\"c-role\">\
             <col span=\"7\" class=\"c-day\"><col class=\"c-away\"></colgroup>\n\
             <thead><tr><th scope=\"col\">Week</th><th scope=\"col\">Role</th>",
            escape(&team.name),
            escape(span),
            escape(team.timezone.name())
        );
        let first = team.start;
        for d in 0..7 {
            let date = first + Duration::days(d);
            out.push_str(&format!(
                "<th scope=\"col\"><abbr title=\"{}\">{}</abbr></th>",
                date.format("%A"),
                date.format("%a")
            ));
        }
        out.push_str("<th scope=\"col\">Away</th></tr></thead>\n");
        out
    }

    /// The row group of one week.
    pub(super) fn week(&self, week: &Week) -> String {
        let rot = self.rot;
        let roster = rot.roster();
        let k = week.index;
        let (start, end) = rot.bounds(k);
        let (first_date, _) = rot.dates(k);
        let covers: Vec<CoverSpan<'r>> = rot
            .covers_in(k)
            .into_iter()
            .filter(|c| self.shown(c.rank))
            .collect();
        let cover_rows = self
            .ranks
            .iter()
            .filter(|r| covers.iter().any(|c| c.rank == **r))
            .count();
        let rows = 1 + self.ranks.len() + cover_rows;
        let changes = clock_changes(&start, &end);
        let current = start <= self.now && self.now < end;

        // What the highlighted member does this week, for the week's header.
        let mut mine: Vec<String> = Vec::new();
        if let Some(m) = self.member {
            let id = escape(&roster.members[m].id).into_owned();
            if let Some(rank) = week.rank_of(m).filter(|r| self.shown(*r)) {
                mine.push(format!("{id}: {}", escape(&rot.role_name(rank))));
            }
            for c in covers.iter().filter(|c| c.member == m) {
                mine.push(format!(
                    "{id} covers {} {}",
                    escape(&rot.role_name(c.rank)),
                    short_time(&c.from)
                ));
            }
            if week.away.iter().any(|a| a.member == m) {
                mine.push(format!("{id}: away"));
            }
        }

        let mut classes = vec!["week"];
        if current {
            classes.push("current");
        }
        if !changes.is_empty() {
            classes.push("dst");
        }
        if !mine.is_empty() {
            classes.push("mine");
        }
        let mut out = format!(
            "<tbody class=\"{}\" data-week=\"{k}\" id=\"week-{k}\">\n<tr class=\"days\">",
            classes.join(" ")
        );

        // The week's header cell: number, handoffs, clock changes, the member.
        out.push_str(&format!(
            "<th scope=\"rowgroup\" rowspan=\"{rows}\" class=\"wk\" data-week=\"{k}\">\
             <div class=\"wk-n\">Week {k}{badge}</div>\
             <div>from <time class=\"handoff\" datetime=\"{s}\">{sh}</time></div>\
             <div>to <time class=\"handoff\" datetime=\"{e}\">{eh}</time></div>",
            badge = if current {
                " <span class=\"badge\">this week</span>"
            } else {
                ""
            },
            s = attr_time(&start),
            sh = escape(&handoff_time(&start)),
            e = attr_time(&end),
            eh = escape(&handoff_time(&end)),
        ));
        for ch in &changes {
            // The wall clock just before the change, and what it reads after.
            let before = ch.at.naive_utc()
                + Duration::seconds(i64::from(
                    ch.at.offset().fix().local_minus_utc() - ch.seconds,
                ));
            out.push_str(&format!(
                "<div class=\"dst\"><span class=\"badge\">DST</span> \
                 <time datetime=\"{}\">{}, {} → {}</time> (clocks go {})</div>",
                attr_time(&ch.at),
                ch.at.format("%a %-d %b %Y"),
                before.format("%H:%M"),
                ch.at.format("%H:%M"),
                clock_words(ch.seconds),
            ));
        }
        for note in &mine {
            out.push_str(&format!(
                "<div class=\"me-note\"><span class=\"me-mark\" aria-hidden=\"true\">◆</span>{note}</div>"
            ));
        }
        out.push_str("</th><th scope=\"row\" class=\"rl\">date</th>");

        // The seven dates.
        let today = self.now.date_naive();
        for d in 0..7 {
            let date = first_date + Duration::days(d);
            out.push_str(&self.day_cell(date, today, &changes));
        }

        // Away, beside all the week's rows.
        out.push_str(&format!(
            "<td class=\"away\" rowspan=\"{rows}\" data-week=\"{k}\">"
        ));
        if week.away.is_empty() {
            out.push_str("<span class=\"none\">nobody</span>");
        } else {
            out.push_str("<ul>");
            for a in &week.away {
                let m = &roster.members[a.member];
                let why = match &a.reason {
                    Some(r) if !r.is_empty() => {
                        format!(" <span class=\"why\">{}</span>", escape(r))
                    }
                    _ => String::new(),
                };
                out.push_str(&format!(
                    "<li data-week=\"{k}\" data-member=\"{id}\" class=\"m{c}{me}\" \
                     aria-label=\"away in week {k}: {name} ({id}){label_why}\">{person}{why}</li>",
                    id = escape(&m.id),
                    c = theme::member_class(a.member),
                    me = if self.me(a.member) { " me" } else { "" },
                    name = escape(&m.name),
                    label_why = a
                        .reason
                        .as_deref()
                        .filter(|r| !r.is_empty())
                        .map(|r| format!(", {}", escape(r)))
                        .unwrap_or_default(),
                    person = self.person(a.member, false),
                ));
            }
            out.push_str("</ul>");
        }
        out.push_str("</td></tr>\n");

        // One row per role shown, and its covers under it.
        for &rank in self.ranks {
            out.push_str(&self.role_row(week, rank));
            let of_rank: Vec<&CoverSpan<'r>> = covers.iter().filter(|c| c.rank == rank).collect();
            if !of_rank.is_empty() {
                out.push_str(&self.cover_row(week, rank, first_date, &of_rank));
            }
        }
        out.push_str("</tbody>\n");
        out
    }

    fn day_cell(&self, date: NaiveDate, today: NaiveDate, changes: &[ClockChange]) -> String {
        let is_today = date == today;
        let mut marks = String::new();
        if is_today {
            marks.push_str(" <span class=\"badge\">today</span>");
        }
        for ch in changes.iter().filter(|ch| ch.at.date_naive() == date) {
            marks.push_str(&format!(
                " <span class=\"badge\" title=\"clocks go {w}\">DST {w}</span>",
                w = clock_words(ch.seconds)
            ));
        }
        format!(
            "<td class=\"day{}\" data-date=\"{date}\"{}><time datetime=\"{date}\">{}</time>{marks}</td>",
            if is_today { " today" } else { "" },
            if is_today {
                " id=\"today\" aria-current=\"date\""
            } else {
                ""
            },
            date.format("%-d %b"),
        )
    }

    /// The holder of one rank across the week's seven days.
    fn role_row(&self, week: &Week, rank: Rank) -> String {
        let rot = self.rot;
        let roster = rot.roster();
        let k = week.index;
        let role = escape(&rot.role_name(rank)).into_owned();
        let cell = match week.slot(rank) {
            Some(slot) => {
                let m = &roster.members[slot.member];
                let (ovr, ovr_label) = match &slot.override_reason {
                    Some(r) if !r.is_empty() => (
                        format!(
                            "<span class=\"ovr\"><span class=\"badge\">override</span>{}</span>",
                            escape(r)
                        ),
                        format!(", override: {}", escape(r)),
                    ),
                    Some(_) => (
                        "<span class=\"ovr\"><span class=\"badge\">override</span></span>"
                            .to_string(),
                        ", override".to_string(),
                    ),
                    None => (String::new(), String::new()),
                };
                format!(
                    "<td colspan=\"7\" class=\"holder m{c}{me}\" data-week=\"{k}\" data-role=\"{role}\" \
                     data-member=\"{id}\" aria-label=\"{role} in week {k}: {name} ({id}){ovr_label}\">\
                     {person}{ovr}</td>",
                    c = theme::member_class(slot.member),
                    me = if self.me(slot.member) { " me" } else { "" },
                    id = escape(&m.id),
                    name = escape(&m.name),
                    person = self.person(slot.member, true),
                )
            }
            None => format!(
                "<td colspan=\"7\" class=\"holder none\" data-week=\"{k}\" data-role=\"{role}\" \
                 data-member=\"\" aria-label=\"{role} in week {k}: nobody available\">nobody available</td>"
            ),
        };
        format!(
            "<tr class=\"role\" data-role=\"{role}\"><th scope=\"row\">{role}</th>{cell}</tr>\n"
        )
    }

    /// The covers of one rank, each on the days it spans; covers whose days
    /// overlap share a cell.
    fn cover_row(
        &self,
        week: &Week,
        rank: Rank,
        first_date: NaiveDate,
        covers: &[&CoverSpan<'r>],
    ) -> String {
        let rot = self.rot;
        let roster = rot.roster();
        let k = week.index;
        let role = escape(&rot.role_name(rank)).into_owned();
        // The columns (0..7) a cover spans: from its first to its last
        // moment; the morning of the eighth date belongs to the last column.
        let column =
            |t: &DateTime<Tz>| (t.date_naive() - first_date).num_days().clamp(0, 6) as usize;
        let mut spans: Vec<(usize, usize, &CoverSpan<'r>)> = covers
            .iter()
            .map(|c| {
                let last = c.to - Duration::seconds(1);
                let from = column(&c.from);
                (from, column(&last).max(from), *c)
            })
            .collect();
        spans.sort_by_key(|(from, to, c)| (*from, *to, c.from));
        // Group covers whose columns overlap.
        let mut groups: Vec<(usize, usize, Vec<&CoverSpan<'r>>)> = Vec::new();
        for (from, to, c) in spans {
            match groups.last_mut() {
                Some(g) if from <= g.1 => {
                    g.1 = g.1.max(to);
                    g.2.push(c);
                }
                _ => groups.push((from, to, vec![c])),
            }
        }
        let mut out = format!(
            "<tr class=\"covers\" data-role=\"{role}\"><th scope=\"row\" class=\"rl\">{role} cover</th>"
        );
        let mut col = 0;
        for (from, to, group) in groups {
            if from > col {
                out.push_str(&format!("<td colspan=\"{}\"></td>", from - col));
            }
            out.push_str(&format!(
                "<td colspan=\"{}\" class=\"cover-cell\">",
                to - from + 1
            ));
            for c in group {
                let m = &roster.members[c.member];
                let why = if c.reason.is_empty() {
                    String::new()
                } else {
                    format!(" <span class=\"why\">{}</span>", escape(c.reason))
                };
                let label_why = if c.reason.is_empty() {
                    String::new()
                } else {
                    format!(": {}", escape(c.reason))
                };
                out.push_str(&format!(
                    "<div class=\"cover m{cl}{me}\" data-week=\"{k}\" data-role=\"{role}\" \
                     data-member=\"{id}\" data-from=\"{f}\" data-to=\"{t}\" \
                     aria-label=\"{role} cover in week {k}: {name} ({id}) from {fl} to {tl}{label_why}\">\
                     <span class=\"badge\">cover</span>{person} \
                     <span class=\"when\"><time datetime=\"{f}\">{fs}</time> → \
                     <time datetime=\"{t}\">{ts}</time></span>{why}</div>",
                    cl = theme::member_class(c.member),
                    me = if self.me(c.member) { " me" } else { "" },
                    id = escape(&m.id),
                    name = escape(&m.name),
                    f = attr_time(&c.from),
                    t = attr_time(&c.to),
                    fl = escape(&long_time(&c.from)),
                    tl = escape(&long_time(&c.to)),
                    fs = short_time(&c.from),
                    ts = short_time(&c.to),
                    person = self.person(c.member, false),
                ));
            }
            out.push_str("</td>");
            col = to + 1;
        }
        if col < 7 {
            out.push_str(&format!("<td colspan=\"{}\"></td>", 7 - col));
        }
        out.push_str("</tr>\n");
        out
    }
}
