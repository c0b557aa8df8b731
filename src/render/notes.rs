//! Handoff notes, announcements and incident messages: pure text builders.
//!
//! Everything that comes from a person or from PagerDuty and goes to Slack
//! passes through `mrkdwn::escape`.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::pagerduty::types::Incident;
use crate::roster::Rank;
use crate::rotation::WeekIx;

use super::human;
use super::mrkdwn::{escape, mention};
use crate::text::markdown as md;

/// A member as the notes show them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub slack: Option<String>,
}

/// One rank before and after the handoff.
#[derive(Debug, Clone, Serialize)]
pub struct RoleChange {
    pub rank: Rank,
    pub role: String,
    pub outgoing: Option<Person>,
    pub incoming: Option<Person>,
}

/// An incident as the notes show it.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentLine {
    pub id: String,
    pub number: Option<u64>,
    pub title: String,
    pub status: String,
    pub urgency: Option<String>,
    pub url: Option<String>,
    pub created_at: Option<String>,
    /// How long ago it was opened, e.g. `2d 3h`.
    pub age: Option<String>,
    pub assignees: Vec<String>,
    pub resolved_at: Option<String>,
}

/// `2d 3h`, `5h 10m`, `12m`.
pub fn age(from: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (now - from).num_minutes().max(0);
    let (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (d, h) {
        (0, 0) => format!("{m}m"),
        (0, _) => format!("{h}h {m}m"),
        _ => format!("{d}d {h}h"),
    }
}

impl IncidentLine {
    /// The notes' view of a PagerDuty incident at `now`.
    pub fn from_incident(i: &Incident, now: DateTime<Utc>) -> Self {
        let created = i
            .created_at
            .as_deref()
            .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
            .map(|c| c.with_timezone(&Utc));
        IncidentLine {
            id: i.id.clone(),
            number: i.incident_number,
            title: i.title.clone(),
            status: i.status.clone(),
            urgency: i.urgency.clone(),
            url: i.html_url.clone(),
            created_at: i.created_at.clone(),
            age: created.map(|c| age(c, now)),
            assignees: i.assignees(),
            resolved_at: i.resolved_at.clone(),
        }
    }

    fn label(&self) -> String {
        match self.number {
            Some(n) => format!("#{n} {}", self.title),
            None => format!("{} {}", self.id, self.title),
        }
    }
}

/// What the notes say about PagerDuty incidents.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Incidents {
    pub fetched: bool,
    /// Why they were not fetched (no token, an error).
    pub reason: Option<String>,
    pub open: Vec<IncidentLine>,
    pub ending_shift: Vec<IncidentLine>,
}

impl Incidents {
    /// Incidents that could not be fetched, and why.
    pub fn not_fetched(reason: impl Into<String>) -> Self {
        Incidents {
            reason: Some(reason.into()),
            ..Incidents::default()
        }
    }
}

/// Everything in the Monday handoff notes.
#[derive(Debug, Clone, Serialize)]
pub struct Handoff {
    pub team: String,
    #[serde(serialize_with = "rfc3339")]
    pub handoff: DateTime<Tz>,
    pub outgoing_week: WeekIx,
    pub incoming_week: WeekIx,
    #[serde(serialize_with = "rfc3339")]
    pub shift_start: DateTime<Tz>,
    pub roles: Vec<RoleChange>,
    pub away_next: Vec<Person>,
    pub incidents: Incidents,
    /// Customer issues the outgoing primary carries over (`--issue`, or the editor).
    pub issues: Vec<String>,
    /// The services exempt from an analysis when rolled back while testing
    /// in production, as a phrase (`a Check or Documentation service`).
    #[serde(skip)]
    pub exempt: Option<String>,
}

/// At most this many incidents per list in a Slack post; the rest are counted.
pub const MAX_LISTED: usize = 15;
/// Incident titles are cut to this many characters in a Slack post.
const MAX_TITLE: usize = 200;
/// Slack truncates a message's text past 40,000 characters; stay well below.
pub const MAX_SLACK_TEXT: usize = 39_000;

/// `text` cut to `max` characters, with `…` when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn rfc3339<S: serde::Serializer>(t: &DateTime<Tz>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&super::rfc3339(t))
}

/// The question beside each incident of the ending shift, with the exempt
/// services (`a Check or Documentation service`) if any.
fn analysis_question(exempt: Option<&str>) -> String {
    let except = exempt
        .map(|e| format!(" (except {e} in its production testing phase)"))
        .unwrap_or_default();
    format!(
        "analysis required? yes if it needed a roll back or roll forward{except}, if we started \
         it or were pulled in, or if Support updated the status page"
    )
}

/// A person in the Markdown notes, escaped.
fn who(p: &Option<Person>) -> String {
    match p {
        Some(p) => format!("{} ({})", md::inline(&p.name), md::inline(&p.id)),
        None => "nobody".into(),
    }
}

fn incident_facts(i: &IncidentLine, open: bool) -> String {
    let mut facts = vec![i.status.clone()];
    if let Some(u) = &i.urgency {
        facts.push(format!("{u} urgency"));
    }
    if open {
        if let Some(age) = &i.age {
            facts.push(format!("opened {age} ago"));
        }
        if !i.assignees.is_empty() {
            facts.push(format!("assigned to {}", i.assignees.join(", ")));
        }
    } else if let Some(r) = &i.resolved_at {
        facts.push(format!("resolved {r}"));
    }
    facts.join(", ")
}

/// The handoff notes as Markdown, for a terminal or a pull request. Text
/// from the roster, PagerDuty or the command line is escaped
/// (`text::markdown`): it cannot add rows, links, images, HTML or mentions.
pub fn handoff_markdown(h: &Handoff) -> String {
    let mut out = format!(
        "# {} handoff: {}\n\nWeek {} ends, week {} begins.\n\n## Rotation\n\n| role | outgoing | incoming |\n| --- | --- | --- |\n",
        md::inline(&h.team),
        human(&h.handoff),
        h.outgoing_week,
        h.incoming_week
    );
    for r in &h.roles {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            md::inline(&r.role),
            who(&r.outgoing),
            who(&r.incoming)
        ));
    }
    if !h.away_next.is_empty() {
        let away: Vec<String> = h.away_next.iter().map(|p| md::inline(&p.name)).collect();
        out.push_str(&format!("\nAway next week: {}\n", away.join(", ")));
    }
    let (open, ending_shift) = (&h.incidents.open, &h.incidents.ending_shift);
    match &h.incidents.reason {
        Some(reason) if !h.incidents.fetched => {
            out.push_str(&format!(
                "\n## Incidents\n\nIncidents were not fetched: {}.\n",
                md::inline(reason)
            ));
        }
        _ => {
            out.push_str("\n## Open incidents\n\n");
            if open.is_empty() {
                out.push_str("None.\n");
            }
            for i in open {
                out.push_str(&format!(
                    "- {}: {}\n",
                    md_link(i),
                    md::inline(&incident_facts(i, true))
                ));
            }
            out.push_str(&format!(
                "\n## Incidents of the ending shift (since {})\n\n",
                human(&h.shift_start)
            ));
            if ending_shift.is_empty() {
                out.push_str("None.\n");
            }
            // The exempt services are roster text: escaped like any in Markdown.
            let question = analysis_question(h.exempt.as_deref().map(md::inline).as_deref());
            for i in ending_shift {
                out.push_str(&format!(
                    "- {}: {}\n  - [ ] {question} ({})\n",
                    md_link(i),
                    md::inline(&incident_facts(i, false)),
                    md::code(&format!("dw incident analysis --incident {}", i.id))
                ));
            }
        }
    }
    out.push_str("\n## Customer issues to carry over\n\n");
    if h.issues.is_empty() {
        out.push_str("None given (`dw handoff --issue TEXT`).\n");
    }
    for issue in &h.issues {
        out.push_str(&format!("- {}\n", md::inline(issue)));
    }
    out
}

fn md_link(i: &IncidentLine) -> String {
    match &i.url {
        Some(url) => md::link(&i.label(), url),
        None => md::inline(&i.label()),
    }
}

fn slack_link(url: &Option<String>, label: &str) -> String {
    super::mrkdwn::link(url.as_deref(), label)
}

/// A person in a Slack post: a mention that notifies them, else the name.
fn slack_who(p: &Option<Person>) -> String {
    match p {
        Some(p) => mention(p.slack.as_deref(), &p.name),
        None => "nobody".into(),
    }
}

/// "…and N more" under a list that was capped.
fn more(out: &mut String, total: usize) {
    if total > MAX_LISTED {
        out.push_str(&format!(
            "• …and {} more in PagerDuty\n",
            total - MAX_LISTED
        ));
    }
}

/// The handoff notes in Slack's mrkdwn; user and PagerDuty text escaped.
pub fn handoff_slack(h: &Handoff) -> String {
    let mut out = format!(
        "*{} handoff: {}* (week {} → week {})\n",
        escape(&h.team),
        human(&h.handoff),
        h.outgoing_week,
        h.incoming_week
    );
    for r in &h.roles {
        out.push_str(&format!(
            "• {}: {} → {}\n",
            escape(&r.role),
            slack_who(&r.outgoing),
            slack_who(&r.incoming)
        ));
    }
    if !h.away_next.is_empty() {
        let away: Vec<String> = h.away_next.iter().map(|p| escape(&p.name)).collect();
        out.push_str(&format!("Away next week: {}\n", away.join(", ")));
    }
    let (open, ending_shift) = (&h.incidents.open, &h.incidents.ending_shift);
    match &h.incidents.reason {
        Some(reason) if !h.incidents.fetched => {
            out.push_str(&format!(
                "_Incidents were not fetched: {}._\n",
                escape(reason)
            ));
        }
        _ => {
            out.push_str(&format!(
                "*Open incidents:* {}\n",
                if open.is_empty() { "none" } else { "" }
            ));
            for i in open.iter().take(MAX_LISTED) {
                out.push_str(&format!(
                    "• {}: {}\n",
                    slack_link(&i.url, &cut(&i.label(), MAX_TITLE)),
                    escape(&cut(&incident_facts(i, true), MAX_TITLE))
                ));
            }
            more(&mut out, open.len());
            out.push_str(&format!(
                "*Incidents of the ending shift:* {}\n",
                if ending_shift.is_empty() { "none" } else { "" }
            ));
            for i in ending_shift.iter().take(MAX_LISTED) {
                out.push_str(&format!(
                    "• {}: {}. Analysis required? (`dw incident analysis --incident {}`)\n",
                    slack_link(&i.url, &cut(&i.label(), MAX_TITLE)),
                    escape(&cut(&incident_facts(i, false), MAX_TITLE)),
                    escape(&cut(&i.id, 40))
                ));
            }
            more(&mut out, ending_shift.len());
        }
    }
    if h.issues.is_empty() {
        out.push_str("*Customer issues to carry over:* none given; reply in the thread.\n");
    } else {
        out.push_str("*Customer issues to carry over:*\n");
        for issue in &h.issues {
            out.push_str(&format!("• {}\n", escape(&cut(issue, 2_000))));
        }
    }
    // Slack cuts longer texts; end it cleanly instead.
    if out.chars().count() > MAX_SLACK_TEXT {
        const CUT_NOTE: &str = "\n_(cut: the full notes are in `dw handoff`)_\n";
        out = super::mrkdwn::cut(&out, MAX_SLACK_TEXT - CUT_NOTE.chars().count());
        out.push_str(CUT_NOTE);
    }
    out
}

/// This week's ranks for `dw announce`, in mrkdwn with mentions.
pub fn announcement(
    team: &str,
    week: WeekIx,
    start: &DateTime<Tz>,
    end: &DateTime<Tz>,
    ranks: &[(String, Person)],
    away: &[Person],
) -> String {
    let mut out = format!(
        "*{} on-call, week {week}* ({} → {})\n",
        escape(team),
        human(start),
        human(end)
    );
    if ranks.is_empty() {
        out.push_str("Nobody is available this week.\n");
    }
    for (role, p) in ranks {
        let who = mention(p.slack.as_deref(), &p.name);
        let name = escape(&p.name);
        // Without a Slack ID the mention is the name already: say it once.
        let who = if who == name {
            name
        } else {
            format!("{who} ({name})")
        };
        out.push_str(&format!("• {}: {who}\n", escape(role)));
    }
    if !away.is_empty() {
        let ids: Vec<String> = away.iter().map(|p| escape(&p.name)).collect();
        out.push_str(&format!("Away: {}\n", ids.join(", ")));
    }
    out
}

/// The channel topic: `primary: Ada Lovelace, secondary: Linus Torvalds`.
pub fn topic(ranks: &[(String, Person)]) -> String {
    ranks
        .iter()
        .take(2)
        .map(|(role, p)| format!("{role}: {}", p.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What `dw incident start` posts in the incident channel.
#[derive(Debug, Clone)]
pub struct IncidentMessage {
    pub title: String,
    pub impact: String,
    pub urgency: String,
    pub url: Option<String>,
    pub number: Option<u64>,
    pub started_by: String,
    pub on_call: Vec<(String, Person)>,
}

/// The incident announcement in mrkdwn: title, impact, link, who started it, who is on call.
pub fn incident_message(m: &IncidentMessage) -> String {
    let label = match m.number {
        Some(n) => format!("PagerDuty incident #{n}"),
        None => "PagerDuty incident".into(),
    };
    let mut out = format!(
        ":rotating_light: *Incident: {}*\nImpact: {} · Urgency: {}\n{}\nStarted by {}\n",
        escape(&m.title),
        escape(&m.impact),
        escape(&m.urgency),
        slack_link(&m.url, &label),
        escape(&m.started_by)
    );
    if !m.on_call.is_empty() {
        let people: Vec<String> = m
            .on_call
            .iter()
            .map(|(role, p)| format!("{} {}", escape(role), mention(p.slack.as_deref(), &p.name)))
            .collect();
        out.push_str(&format!("On call: {}\n", people.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ages_read_naturally() {
        let t0 = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
        assert_eq!(age(t0, t0 + chrono::Duration::minutes(12)), "12m");
        assert_eq!(age(t0, t0 + chrono::Duration::minutes(310)), "5h 10m");
        assert_eq!(age(t0, t0 + chrono::Duration::hours(51)), "2d 3h");
        assert_eq!(age(t0 + chrono::Duration::hours(1), t0), "0m");
    }

    #[test]
    fn incident_message_escapes_the_title() {
        let m = IncidentMessage {
            title: "<!channel> <@U123> <https://evil|click>".into(),
            impact: "many customers".into(),
            urgency: "high".into(),
            url: Some("https://x.pagerduty.com/incidents/P1".into()),
            number: Some(7),
            started_by: "Ada <ada@example.com>".into(),
            on_call: vec![(
                "primary".into(),
                Person {
                    id: "ada".into(),
                    name: "Ada".into(),
                    slack: Some("U0000000A".into()),
                },
            )],
        };
        let text = incident_message(&m);
        assert!(
            text.contains("&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|click&gt;"),
            "{text}"
        );
        assert!(!text.contains("<!channel>"));
        assert!(text.contains("<https://x.pagerduty.com/incidents/P1|PagerDuty incident #7>"));
        assert!(text.contains("primary <@U0000000A>"));
    }

    #[test]
    fn long_incident_lists_are_capped_below_slacks_limit() {
        let t0 = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
        let tz: Tz = "UTC".parse().unwrap();
        let line = |n: u64| IncidentLine {
            id: format!("P{n}"),
            number: Some(n),
            title: "x".repeat(5_000),
            status: "triggered".into(),
            urgency: Some("high".into()),
            url: Some(format!("https://x.pagerduty.com/incidents/P{n}")),
            created_at: None,
            age: None,
            assignees: Vec::new(),
            resolved_at: None,
        };
        let h = Handoff {
            team: "T".into(),
            handoff: t0.with_timezone(&tz),
            outgoing_week: WeekIx(0),
            incoming_week: WeekIx(1),
            shift_start: t0.with_timezone(&tz),
            roles: Vec::new(),
            away_next: Vec::new(),
            incidents: Incidents {
                fetched: true,
                reason: None,
                open: (0..40).map(line).collect(),
                ending_shift: (0..40).map(line).collect(),
            },
            issues: vec!["y".repeat(100_000)],
            exempt: None,
        };
        let text = handoff_slack(&h);
        assert!(text.chars().count() <= MAX_SLACK_TEXT, "{}", text.len());
        assert_eq!(
            text.matches("…and 25 more in PagerDuty").count(),
            2,
            "{text}"
        );
    }

    #[test]
    fn a_cut_handoff_post_never_ends_inside_an_escape() {
        let t0 = DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z").unwrap();
        let tz: Tz = "UTC".parse().unwrap();
        for pad in 0..9 {
            let h = Handoff {
                team: "T".repeat(pad + 1),
                handoff: t0.with_timezone(&tz),
                outgoing_week: WeekIx(0),
                incoming_week: WeekIx(1),
                shift_start: t0.with_timezone(&tz),
                roles: Vec::new(),
                away_next: Vec::new(),
                incidents: Incidents::not_fetched("x"),
                issues: vec!["&<".repeat(1_000); 20],
                exempt: None,
            };
            let text = handoff_slack(&h);
            assert!(text.chars().count() <= MAX_SLACK_TEXT);
            let kept = text
                .strip_suffix("\n_(cut: the full notes are in `dw handoff`)_\n")
                .expect("cut")
                .trim_end_matches('…');
            assert!(kept.ends_with(';'), "{pad}: …{}", &kept[kept.len() - 20..]);
        }
    }

    #[test]
    fn the_analysis_question_names_the_rosters_exempt_services() {
        assert_eq!(
            analysis_question(Some("a Check or Documentation service")),
            "analysis required? yes if it needed a roll back or roll forward (except a Check or \
             Documentation service in its production testing phase), if we started it or were \
             pulled in, or if Support updated the status page"
        );
        let none = analysis_question(None);
        assert!(
            none.starts_with(
                "analysis required? yes if it needed a roll back or roll forward, if we started"
            ),
            "{none}"
        );
    }
}
