//! What `dw incident start` sends, decided before anything is sent: the
//! incident for PagerDuty and the channel of the Slack post. Pure.

use chrono::NaiveDate;

/// How urgent an incident is, in PagerDuty's terms (also `--urgency`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Urgency {
    High,
    Low,
}

impl Urgency {
    /// PagerDuty's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::High => "high",
            Urgency::Low => "low",
        }
    }
}

/// Who an incident hurts (also `--impact`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Impact {
    /// One customer
    One,
    /// Many customers
    Many,
}

/// What the person starting the incident said (flags or prompts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    pub title: String,
    /// The PagerDuty service ID.
    pub service: String,
    pub urgency: Urgency,
    pub impact: Option<Impact>,
    /// Free text; empty when none was given.
    pub details: String,
}

/// The incident to open and where to announce it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub title: String,
    pub service: String,
    /// PagerDuty's word: "high" or "low".
    pub urgency: &'static str,
    /// As said in the incident and the Slack post.
    pub impact: &'static str,
    /// The incident body: the details, then the impact.
    pub details: String,
    /// PagerDuty de-duplication key.
    pub incident_key: String,
    pub escalation_policy: Option<String>,
    /// Who the Slack post says started the incident.
    pub started_by: String,
    /// The Slack channel to post in; `None` with `--no-slack`.
    pub slack_channel: Option<String>,
}

/// Where the plan's settings come from besides the answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// `--incident-key`, when given.
    pub incident_key: Option<String>,
    /// Today in the team's time zone (part of the default key).
    pub today: NaiveDate,
    pub escalation_policy: Option<String>,
    pub started_by: String,
    pub slack_channel: Option<String>,
}

/// Where the incident post's channel comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelSource {
    /// `DW_INCIDENT_CHANNEL`.
    Env,
    /// The roster's `[slack] incident_channel`.
    Roster,
    /// The roster names no incident channel: its team channel (`[slack] channel`).
    TeamChannel,
    /// The roster cannot be read: dw's built-in channel.
    BuiltIn,
    /// The roster names no Slack channel at all: no post.
    Nowhere,
}

/// The channel of the incident post, and why that one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelChoice {
    pub channel: Option<String>,
    pub source: ChannelSource,
}

impl ChannelChoice {
    /// Why this channel, for the note `incident start` prints.
    pub fn why(&self) -> &'static str {
        match self.source {
            ChannelSource::Env => "DW_INCIDENT_CHANNEL is set",
            ChannelSource::Roster => "the roster's [slack] incident_channel",
            ChannelSource::TeamChannel => {
                "the team channel: the roster names no [slack] incident_channel"
            }
            ChannelSource::BuiltIn => "dw's built-in incident channel: the roster cannot be read",
            ChannelSource::Nowhere => {
                "the roster names no [slack] incident_channel or channel and DW_INCIDENT_CHANNEL is not set"
            }
        }
    }
}

/// The incident channel: `DW_INCIDENT_CHANNEL` (`env`), else the roster's
/// `[slack] incident_channel`, else its team channel. `slack` is `None` when
/// the roster cannot be read: then dw's built-in `channel_if_unreadable`.
pub fn incident_channel(
    env: Option<&str>,
    slack: Option<&crate::roster::SlackSettings>,
    channel_if_unreadable: &str,
) -> ChannelChoice {
    let choice = |channel: Option<&str>, source| ChannelChoice {
        channel: channel.map(str::to_string),
        source,
    };
    if let Some(c) = env.filter(|c| !c.trim().is_empty()) {
        return choice(Some(c), ChannelSource::Env);
    }
    let Some(slack) = slack else {
        return choice(Some(channel_if_unreadable), ChannelSource::BuiltIn);
    };
    if let Some(c) = &slack.incident_channel {
        return choice(Some(c), ChannelSource::Roster);
    }
    match &slack.channel {
        Some(c) => choice(Some(c), ChannelSource::TeamChannel),
        None => choice(None, ChannelSource::Nowhere),
    }
}

/// `dw check`'s warning for a roster with Slack settings but no incident
/// channel: where `incident start` would post instead, and the fix.
pub fn missing_channel_warning(slack: &crate::roster::SlackSettings) -> Option<String> {
    if slack.incident_channel.is_some() || *slack == crate::roster::SlackSettings::default() {
        return None;
    }
    let instead = match &slack.channel {
        Some(c) => format!("announces incidents in the team channel {c}"),
        None => "opens incidents without a Slack post".into(),
    };
    Some(format!(
        "[slack] names no incident_channel, so `dw incident start` {instead} unless \
         DW_INCIDENT_CHANNEL is set; add incident_channel = \"#…\" under [slack]"
    ))
}

/// A stable de-duplication key: the same service, title and local date give
/// the same key, so running the command twice opens one incident.
pub fn default_key(service: &str, title: &str, date: NaiveDate) -> String {
    let text = format!("{service}\n{}\n{date}", title.trim().to_lowercase());
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("dw-{hash:016x}")
}

/// Decide the incident and the Slack post.
pub fn plan(answers: Answers, setting: Setting) -> Plan {
    let urgency = answers.urgency.as_str();
    let impact = match answers.impact {
        Some(Impact::One) => "one customer",
        Some(Impact::Many) => "many customers",
        None => "not given",
    };
    let incident_key = setting
        .incident_key
        .unwrap_or_else(|| default_key(&answers.service, &answers.title, setting.today));
    let details = if answers.details.trim().is_empty() {
        format!("Impact: {impact}.")
    } else {
        format!("{}\n\nImpact: {impact}.", answers.details)
    };
    Plan {
        title: answers.title,
        service: answers.service,
        urgency,
        impact,
        details,
        incident_key,
        escalation_policy: setting.escalation_policy,
        started_by: setting.started_by,
        slack_channel: setting.slack_channel,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn default_key_is_stable_and_ignores_case_and_spaces() {
        let d = date("2026-03-03");
        let next = date("2026-03-04");
        // (name, left, right, equal)
        let cases = [
            (
                "case and spaces",
                ("P1", "DB down", d),
                ("P1", "  db DOWN ", d),
                true,
            ),
            (
                "another service",
                ("P1", "DB down", d),
                ("P2", "DB down", d),
                false,
            ),
            (
                "another day",
                ("P1", "DB down", d),
                ("P1", "DB down", next),
                false,
            ),
            (
                "DST day and the day after",
                ("P1", "x", date("2026-03-08")),
                ("P1", "x", date("2026-03-09")),
                false,
            ),
            (
                "leap day and 1 March",
                ("P1", "x", date("2028-02-29")),
                ("P1", "x", date("2028-03-01")),
                false,
            ),
        ];
        for (name, (s1, t1, d1), (s2, t2, d2), equal) in cases {
            let (a, b) = (default_key(s1, t1, d1), default_key(s2, t2, d2));
            assert_eq!(a == b, equal, "{name}: {a} vs {b}");
            assert_eq!(a.len(), 19, "{name}");
        }
    }

    fn answers(details: &str, urgency: Urgency, impact: Option<Impact>) -> Answers {
        Answers {
            title: "DB down".into(),
            service: "P1".into(),
            urgency,
            impact,
            details: details.into(),
        }
    }

    fn setting(key: Option<&str>, slack: Option<&str>) -> Setting {
        Setting {
            incident_key: key.map(str::to_string),
            today: date("2028-02-29"),
            escalation_policy: Some("EP1".into()),
            started_by: "Ada".into(),
            slack_channel: slack.map(str::to_string),
        }
    }

    #[test]
    fn plan_says_urgency_impact_and_details_in_pagerduty_words() {
        // (name, answers, urgency, impact, details)
        let cases = [
            (
                "defaults",
                answers("", Urgency::High, None),
                "high",
                "not given",
                "Impact: not given.",
            ),
            (
                "blank details",
                answers("  \n", Urgency::Low, Some(Impact::One)),
                "low",
                "one customer",
                "Impact: one customer.",
            ),
            (
                "details first",
                answers("replica lag", Urgency::High, Some(Impact::Many)),
                "high",
                "many customers",
                "replica lag\n\nImpact: many customers.",
            ),
        ];
        for (name, a, urgency, impact, details) in cases {
            let p = plan(a, setting(None, None));
            assert_eq!(
                (p.urgency, p.impact, p.details.as_str()),
                (urgency, impact, details),
                "{name}"
            );
        }
    }

    #[test]
    fn plan_keys_the_incident_by_flag_or_by_service_title_and_day() {
        let p = plan(answers("", Urgency::High, None), setting(Some("k1"), None));
        assert_eq!(p.incident_key, "k1");
        let p = plan(
            answers("", Urgency::High, None),
            setting(None, Some("#inc")),
        );
        assert_eq!(
            p.incident_key,
            default_key("P1", "DB down", date("2028-02-29"))
        );
        assert_eq!(p.slack_channel.as_deref(), Some("#inc"));
        assert_eq!(p.escalation_policy.as_deref(), Some("EP1"));
        assert_eq!(p.started_by, "Ada");
    }

    #[test]
    fn the_incident_channel_is_the_teams_choice() {
        use crate::roster::SlackSettings;
        let slack = |channel: Option<&str>, incident: Option<&str>| SlackSettings {
            channel: channel.map(String::from),
            incident_channel: incident.map(String::from),
            group: None,
        };
        let both = slack(Some("#team"), Some("#incidents"));
        let team_only = slack(Some("#team"), None);
        let none = SlackSettings::default();
        // (env, roster's [slack] or None when unreadable, channel, source)
        let cases = [
            (Some("#env"), Some(&both), Some("#env"), ChannelSource::Env),
            (Some("#env"), None, Some("#env"), ChannelSource::Env),
            (
                Some(" "),
                Some(&both),
                Some("#incidents"),
                ChannelSource::Roster,
            ),
            (None, Some(&both), Some("#incidents"), ChannelSource::Roster),
            (
                None,
                Some(&team_only),
                Some("#team"),
                ChannelSource::TeamChannel,
            ),
            (None, Some(&none), None, ChannelSource::Nowhere),
            (None, None, Some("#built-in"), ChannelSource::BuiltIn),
        ];
        for (env, roster, channel, source) in cases {
            let c = incident_channel(env, roster, "#built-in");
            assert_eq!(c.channel.as_deref(), channel, "{env:?} {roster:?}");
            assert_eq!(c.source, source, "{env:?} {roster:?}");
            assert!(!c.why().is_empty());
        }
    }

    #[test]
    fn check_warns_of_slack_settings_without_an_incident_channel() {
        use crate::roster::SlackSettings;
        let team = SlackSettings {
            channel: Some("#team".into()),
            ..SlackSettings::default()
        };
        let w = missing_channel_warning(&team).unwrap_or_default();
        assert!(w.contains("in the team channel #team"), "{w}");
        let group = SlackSettings {
            group: Some("team".into()),
            ..SlackSettings::default()
        };
        let w = missing_channel_warning(&group).unwrap_or_default();
        assert!(w.contains("without a Slack post"), "{w}");
        let set = SlackSettings {
            incident_channel: Some("#inc".into()),
            ..team
        };
        assert_eq!(missing_channel_warning(&set), None);
        assert_eq!(missing_channel_warning(&SlackSettings::default()), None);
    }
}
