//! `dw remind`: the reminder window and the direct messages to the incoming
//! holders of ranks 1 and 2, in the roster's words. Pure: times and people in, text and JSON out.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use serde_json::{json, Value};

use super::mrkdwn::escape;
use super::notes::Person;
use super::{human, rfc3339};

/// How long before a handoff the reminders go out.
pub const WINDOW_HOURS: i64 = 24;

/// The `event_type` of the metadata dw attaches to a reminder, so a rerun can
/// find the reminders it already sent.
pub const EVENT_TYPE: &str = "dw_remind";

/// Where a moment stands relative to the next handoff's reminder window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Window {
    /// Inside `[opens, handoff)`: time to remind.
    Open {
        opens: DateTime<Tz>,
        handoff: DateTime<Tz>,
    },
    /// Before the window: nothing to send until `opens`.
    NotYet {
        opens: DateTime<Tz>,
        handoff: DateTime<Tz>,
    },
}

impl Window {
    /// The window before `handoff`, seen at `now` (which is before `handoff`:
    /// the handoff is the end of the week holding `now`).
    pub fn at(now: DateTime<Utc>, handoff: DateTime<Tz>) -> Window {
        // 24 real hours, whatever DST does to the wall clock.
        let opens = (handoff.with_timezone(&Utc) - Duration::hours(WINDOW_HOURS))
            .with_timezone(&handoff.timezone());
        if now >= opens.with_timezone(&Utc) {
            Window::Open { opens, handoff }
        } else {
            Window::NotYet { opens, handoff }
        }
    }

    /// When the window opens.
    pub fn opens(&self) -> &DateTime<Tz> {
        match self {
            Window::Open { opens, .. } | Window::NotYet { opens, .. } => opens,
        }
    }

    /// The handoff the window leads to.
    pub fn handoff(&self) -> &DateTime<Tz> {
        match self {
            Window::Open { handoff, .. } | Window::NotYet { handoff, .. } => handoff,
        }
    }
}

/// One reminder: who gets it and what it tells them.
#[derive(Debug, Clone, Serialize)]
pub struct Reminder {
    pub rank: crate::roster::Rank,
    pub role: String,
    pub person: Person,
    /// What the role does, as `dw roles` says it.
    pub duties: Vec<String>,
}

/// What every reminder of one handoff shares.
#[derive(Debug, Clone)]
pub struct Handoff {
    pub team: String,
    /// The shift the reminded people start: from the handoff to the next one.
    pub start: DateTime<Tz>,
    pub end: DateTime<Tz>,
    /// The rank-1 holder handing over, and the one taking over (they meet).
    pub outgoing_primary: Option<Person>,
    pub incoming_primary: Option<Person>,
    /// The team channel the handoff notes are posted in, if the roster has one.
    pub channel: Option<String>,
    /// The roster's words: the roles reminded (rank 1 first), what to do the
    /// day before and when the meeting is (`[handoff] prepare`, `meeting`).
    pub roles: Vec<String>,
    pub prepare: String,
    pub meeting: String,
}

/// `2026-03-10 15:00 UTC`.
pub fn utc(t: &DateTime<Tz>) -> String {
    t.with_timezone(&Utc)
        .format("%Y-%m-%d %H:%M UTC")
        .to_string()
}

/// The weekday name of the day before the handoff (`Monday` for a Tuesday handoff).
pub fn day_before(handoff: &DateTime<Tz>) -> String {
    (handoff.date_naive() - Duration::days(1))
        .format("%A")
        .to_string()
}

fn name(p: &Person) -> String {
    escape(&p.name)
}

/// The direct message (Slack mrkdwn) to one incoming member.
pub fn reminder_text(h: &Handoff, r: &Reminder) -> String {
    let role = escape(&r.role);
    let handoff_day = h.start.format("%A").to_string();
    let mut out = format!(
        "Hi {}, a reminder from dw: you are *{role}* of {} from the handoff on {} ({}) until {}.\n\n",
        name(&r.person),
        escape(&h.team),
        human(&h.start),
        utc(&h.start),
        human(&h.end),
    );
    out.push_str(&format!(
        "• *{}:* {}.\n",
        day_before(&h.start),
        escape(&h.prepare)
    ));
    let lead = escape(h.roles.first().map_or("", String::as_str));
    let meeting = match (&h.outgoing_primary, &h.incoming_primary) {
        (Some(out), Some(inc)) if out.id == inc.id => {
            format!(
                "{} stays {lead} and goes over the open customer issues",
                name(inc)
            )
        }
        (Some(out), Some(inc)) => format!(
            "{} ({lead} now) hands the open customer issues over to {} ({lead} next)",
            name(out),
            name(inc)
        ),
        (None, Some(inc)) => format!(
            "{} ({lead} next) picks up the open customer issues",
            name(inc)
        ),
        (Some(out), None) => format!(
            "{} ({lead} now) hands over the open customer issues",
            name(out)
        ),
        (None, None) => "the team goes over the open customer issues".into(),
    };
    out.push_str(&format!(
        "• *Handoff meeting:* {handoff_day} {}: {meeting}.\n",
        escape(&h.meeting)
    ));
    match r.duties.as_slice() {
        [one] => out.push_str(&format!("• *What the {role} does:* {}\n", escape(one))),
        many => {
            out.push_str(&format!("• *What the {role} does:*\n"));
            for d in many {
                out.push_str(&format!("    ◦ {}\n", escape(d)));
            }
        }
    }
    let notes = match &h.channel {
        Some(c) => format!("`dw handoff` prints them; they are posted in {}", escape(c)),
        None => "`dw handoff` prints them".into(),
    };
    out.push_str(&format!(
        "• *Before the meeting:* read the handoff notes ({notes}).\n"
    ));
    out
}

/// The message metadata that marks a reminder: which handoff, which role.
pub fn metadata(handoff: &DateTime<Tz>, role: &str) -> Value {
    json!({
        "event_type": EVENT_TYPE,
        "event_payload": {"handoff": rfc3339(handoff), "role": role},
    })
}

/// Whether a message from `conversations.history` is the reminder of this
/// handoff and role (its metadata, as `metadata` wrote it).
pub fn is_reminder(message: &Value, handoff: &DateTime<Tz>, role: &str) -> bool {
    let Some(m) = message.get("metadata") else {
        return false;
    };
    m.get("event_type").and_then(Value::as_str) == Some(EVENT_TYPE)
        && m.pointer("/event_payload/handoff").and_then(Value::as_str)
            == Some(rfc3339(handoff).as_str())
        && m.pointer("/event_payload/role").and_then(Value::as_str) == Some(role)
}

/// Slack's `oldest`: seconds since the epoch, with microseconds.
pub fn slack_ts(t: &DateTime<Tz>) -> String {
    format!("{}.000000", t.timestamp())
}

/// What `dw remind` says outside the window.
pub fn not_yet_text(window: &Window) -> String {
    format!(
        "No reminders now: the next handoff is {}; its reminders go out from {} ({}), {WINDOW_HOURS} hours before.\n",
        human(window.handoff()),
        human(window.opens()),
        utc(window.opens()),
    )
}

/// The preview of the messages (without `--post`).
pub fn preview(h: &Handoff, reminders: &[Reminder]) -> String {
    let mut out = format!(
        "Reminders for the handoff on {} ({}):\n",
        human(&h.start),
        utc(&h.start)
    );
    if reminders.is_empty() {
        let roles: Vec<&str> = h.roles.iter().map(String::as_str).collect();
        out.push_str(&format!(
            "\nNobody holds the {} rank after this handoff.\n",
            roles.join(" or ")
        ));
    }
    for r in reminders {
        let to = match &r.person.slack {
            Some(id) => format!("Slack {id}"),
            None => "no Slack user ID: not sent".into(),
        };
        out.push_str(&format!(
            "\n--- to {} ({}), {to}\n{}",
            r.person.name,
            r.role,
            reminder_text(h, r)
        ));
    }
    out
}

/// The line the summary gives a reminder, if any (`--post`, `--post --dry-run`).
pub fn summary_line(r: &Reminder, status: crate::remind::Status) -> Option<String> {
    use crate::remind::Status;
    match status {
        Status::Sent => Some(format!(
            "Reminded {} ({}) by Slack DM.\n",
            r.person.name, r.role
        )),
        Status::AlreadySent => Some(format!(
            "{} ({}) was already reminded of this handoff.\n",
            r.person.name, r.role
        )),
        Status::Preview | Status::DryRun | Status::NoSlackId => None,
    }
}

/// What a dry run says of a member who has no DM with dw's bot yet.
pub fn no_dm_yet_line(r: &Reminder, user: &str) -> String {
    format!(
        "{} ({}) has no DM with dw's bot yet: --post opens one (conversations.open with users {user}) and posts there.\n",
        r.person.name, r.role
    )
}

/// The channel a dry run shows for a DM that is not open yet.
pub fn unopened_dm(user: &str) -> String {
    format!("(ID of the DM with {user} from conversations.open)")
}

/// The warning for a member the roster gives no Slack user ID.
pub fn no_slack_id_warning(r: &Reminder) -> String {
    format!(
        "dw: {} ({}, {}) has no Slack user ID in the roster, so gets no reminder\n  hint: add slack = \"U…\" to member \"{}\" (Slack: profile → ⋮ → Copy member ID)",
        r.person.id, r.person.name, r.role, r.person.id
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn chicago(y: i32, mo: u32, d: u32, h: u32) -> DateTime<Tz> {
        chrono_tz::America::Chicago
            .with_ymd_and_hms(y, mo, d, h, 0, 0)
            .unwrap()
    }

    fn person(id: &str, name: &str) -> Person {
        Person {
            id: id.into(),
            name: name.into(),
            slack: Some(format!("U{}", id.to_uppercase())),
        }
    }

    fn handoff() -> Handoff {
        Handoff {
            team: "Dreamwork".into(),
            start: chicago(2026, 3, 10, 10),
            end: chicago(2026, 3, 17, 10),
            outgoing_primary: Some(person("grace", "Grace <Hopper>")),
            incoming_primary: Some(person("ada", "Ada Lovelace")),
            channel: Some("#org-dreamwork".into()),
            roles: vec!["primary".into(), "secondary".into()],
            prepare: crate::handbook::PREPARE.into(),
            meeting: crate::handbook::MEETING.into(),
        }
    }

    #[test]
    fn the_window_is_the_24_real_hours_before_the_handoff() {
        // 2026-03-08 is the spring-forward Sunday in Chicago; the window of
        // the Tuesday 10:00 CDT handoff opens Monday 10:00 CDT = 15:00 UTC.
        let handoff = chicago(2026, 3, 10, 10);
        let before = Utc.with_ymd_and_hms(2026, 3, 9, 14, 59, 0).unwrap();
        let inside = Utc.with_ymd_and_hms(2026, 3, 9, 15, 0, 0).unwrap();
        assert!(matches!(Window::at(before, handoff), Window::NotYet { .. }));
        let w = Window::at(inside, handoff);
        assert!(matches!(w, Window::Open { .. }));
        assert_eq!(rfc3339(w.opens()), "2026-03-09T10:00:00-05:00");
        // Across the DST change itself: Monday 10:00 CST, 24 h before Tuesday 10:00 CST.
        let handoff = chicago(2026, 11, 3, 10);
        let w = Window::at(Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap(), handoff);
        assert!(matches!(w, Window::NotYet { .. }));
        assert_eq!(rfc3339(w.opens()), "2026-11-02T10:00:00-06:00");
    }

    #[test]
    fn the_message_says_role_times_meeting_duties_and_notes() {
        let r = Reminder {
            rank: crate::roster::Rank::PRIMARY,
            role: "primary".into(),
            person: person("ada", "Ada Lovelace"),
            duties: vec!["On call through PagerDuty.".into()],
        };
        let text = reminder_text(&handoff(), &r);
        assert!(text.starts_with("Hi Ada Lovelace, a reminder from dw: you are *primary* of Dreamwork from the handoff on Tue 2026-03-10 10:00 CDT (2026-03-10 15:00 UTC) until Tue 2026-03-17 10:00 CDT."), "{text}");
        assert!(text.contains("• *Monday:* find a stopping point"), "{text}");
        assert!(text.contains("*Handoff meeting:* Tuesday after standup: Grace &lt;Hopper&gt; (primary now) hands the open customer issues over to Ada Lovelace (primary next)."), "{text}");
        assert!(text.contains("*What the primary does:* On call through PagerDuty."));
        assert!(text.contains("`dw handoff` prints them; they are posted in #org-dreamwork"));
        assert!(!text.contains('<'), "user text is escaped: {text}");
    }

    #[test]
    fn the_message_takes_the_rosters_words() {
        let mut h = handoff();
        h.roles = vec!["pager".into(), "backup".into()];
        h.prepare = "wrap up <today>".into();
        h.meeting = "at the 11:00 sync".into();
        let r = Reminder {
            rank: crate::roster::Rank::PRIMARY,
            role: "pager".into(),
            person: person("ada", "Ada Lovelace"),
            duties: vec!["Carry the pager".into(), "Triage alerts".into()],
        };
        let text = reminder_text(&h, &r);
        assert!(
            text.contains("• *Monday:* wrap up &lt;today&gt;.\n"),
            "{text}"
        );
        assert!(text.contains("*Handoff meeting:* Tuesday at the 11:00 sync: Grace &lt;Hopper&gt; (pager now) hands the open customer issues over to Ada Lovelace (pager next)."), "{text}");
        assert!(
            text.contains("• *What the pager does:*\n    ◦ Carry the pager\n    ◦ Triage alerts\n"),
            "{text}"
        );
        assert!(!text.contains("primary"), "{text}");
        let none = preview(&h, &[]);
        assert!(
            none.contains("Nobody holds the pager or backup rank after this handoff."),
            "{none}"
        );
    }

    #[test]
    fn metadata_marks_the_handoff_and_role() {
        let h = chicago(2026, 3, 10, 10);
        let m = metadata(&h, "secondary");
        assert_eq!(m["event_type"], "dw_remind");
        assert_eq!(m["event_payload"]["handoff"], "2026-03-10T10:00:00-05:00");
        let message = json!({"text": "x", "metadata": m});
        assert!(is_reminder(&message, &h, "secondary"));
        assert!(!is_reminder(&message, &h, "primary"));
        assert!(!is_reminder(
            &message,
            &chicago(2026, 3, 17, 10),
            "secondary"
        ));
        assert!(!is_reminder(&json!({"text": "x"}), &h, "secondary"));
        assert_eq!(slack_ts(&h), "1773154800.000000");
    }

    #[test]
    fn outside_the_window_it_says_when_it_opens() {
        let w = Window::at(
            Utc.with_ymd_and_hms(2026, 3, 3, 18, 0, 0).unwrap(),
            chicago(2026, 3, 10, 10),
        );
        assert_eq!(
            not_yet_text(&w),
            "No reminders now: the next handoff is Tue 2026-03-10 10:00 CDT; its reminders go out from Mon 2026-03-09 10:00 CDT (2026-03-09 15:00 UTC), 24 hours before.\n"
        );
    }
}
