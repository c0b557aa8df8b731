//! The arguments of `dw init`, which starts a roster.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use clap::{Args, ValueHint};

use super::parse_date;

/// `dw init`.
#[derive(Debug, Args)]
#[command(
    long_about = "Start a roster: write a commented roster.toml that passes `dw check`.\n\n\
Every setting has a flag. On a terminal, when the team's name or its members are not given, \
dw asks for each setting not given by a flag (Enter keeps the default shown). Without a \
terminal the name and at least one member must be given. An existing file is never \
replaced without --force.\n\n\
With --from-pagerduty, the rotation comes from a PagerDuty schedule's weekly layer: its \
users in order (with their names, emails and PagerDuty IDs, and with SLACK_TOKEN their Slack \
IDs, found by email), its time zone and handoff, and a start such that the roster's first \
weeks are PagerDuty's. What a weekly rotation cannot hold (restrictions, other layers, \
overrides, users Slack does not know) is listed on stderr, not guessed at.",
    after_help = "Examples:\n  \
dw init\n  \
dw init --team Payments --timezone Europe/Berlin --handoff-day monday \\\n    \
--member ada:'Ada Lovelace':ada@example.com --member grace:'Grace Hopper':grace@example.com\n  \
PAGERDUTY_TOKEN=… dw init --from-pagerduty PABC123 --secondary PDEF456 --team Payments"
)]
pub struct InitArgs {
    /// Where to write the roster [default: --roster or DW_ROSTER if set, else roster.toml in the current folder]
    #[arg(value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub path: Option<PathBuf>,

    /// The team's name, as announcements and calendars show it
    #[arg(long, value_name = "NAME")]
    pub team: Option<String>,

    /// The team's time zone, an IANA name such as Europe/Berlin [default: UTC]
    #[arg(long, value_name = "ZONE", value_parser = parse_timezone)]
    pub timezone: Option<Tz>,

    /// The weekday each week begins on, at the handoff [default: tuesday]
    #[arg(long, value_name = "DAY", value_parser = parse_weekday, conflicts_with = "from_pagerduty")]
    pub handoff_day: Option<Weekday>,

    /// The local time of the handoff, HH:MM or H:MM, 24-hour [default: 10:00]
    #[arg(long, value_name = "HH:MM", value_parser = parse_time, conflicts_with = "from_pagerduty")]
    pub handoff_time: Option<NaiveTime>,

    /// The date week 0 begins, a handoff day [default: the next handoff day on or after today]
    #[arg(long, value_name = "DATE", value_parser = parse_date, conflicts_with = "from_pagerduty")]
    pub start: Option<NaiveDate>,

    /// A member, as ID:NAME:EMAIL, in rotation order (repeat for each; the ID is lower case a-z, 0-9, '.', '_', '-')
    #[arg(long, value_name = "ID:NAME:EMAIL", value_parser = parse_member, conflicts_with = "from_pagerduty")]
    pub member: Vec<MemberArg>,

    /// The team's Slack channel, for handoff notes and announcements (#name or a channel ID)
    #[arg(long, value_name = "CHANNEL")]
    pub slack_channel: Option<String>,

    /// The Slack channel where `dw incident start` announces incidents
    #[arg(long, value_name = "CHANNEL")]
    pub incident_channel: Option<String>,

    /// The role names of ranks 1, 2, 3 …, comma-separated [default: primary,secondary,tertiary]
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub roles: Option<Vec<String>>,

    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,

    /// Take the rotation from this PagerDuty schedule's weekly layer (needs PAGERDUTY_TOKEN, read access)
    #[arg(long, value_name = "SCHEDULE_ID")]
    pub from_pagerduty: Option<String>,

    /// With --from-pagerduty: the schedule of rank 2 (secondary by default), for [pagerduty] schedules
    #[arg(long, value_name = "SCHEDULE_ID", requires = "from_pagerduty")]
    pub secondary: Option<String>,
}

/// One `--member ID:NAME:EMAIL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberArg {
    pub id: String,
    pub name: String,
    pub email: String,
}

/// `ID:NAME:EMAIL`: the ID up to the first colon, the email after the
/// last, the name (which may hold colons) between.
pub fn parse_member(s: &str) -> Result<MemberArg, String> {
    let how = "write ID:NAME:EMAIL, for example ada:'Ada Lovelace':ada@example.com";
    let (id, rest) = s
        .split_once(':')
        .ok_or_else(|| format!("`{s}` is not ID:NAME:EMAIL: {how}"))?;
    let (name, email) = rest
        .rsplit_once(':')
        .ok_or_else(|| format!("`{s}` is not ID:NAME:EMAIL: {how}"))?;
    let (id, name, email) = (id.trim(), name.trim(), email.trim());
    if id.is_empty() || name.is_empty() || email.is_empty() {
        return Err(format!(
            "`{s}` leaves the ID, the name or the email empty: {how}"
        ));
    }
    Ok(MemberArg {
        id: id.to_string(),
        name: name.to_string(),
        email: email.to_string(),
    })
}

/// An IANA time zone name; a near miss gets "did you mean".
pub fn parse_timezone(s: &str) -> Result<Tz, String> {
    s.trim().parse::<Tz>().map_err(|_| {
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        format!(
            "`{s}` is not a time zone dw knows: {}write an IANA name such as Europe/Berlin, America/Chicago or UTC",
            crate::roster::did_you_mean(s.trim(), &names)
        )
    })
}

/// A weekday in English: `tuesday` or `tue`, any case.
pub fn parse_weekday(s: &str) -> Result<Weekday, String> {
    s.trim()
        .parse::<Weekday>()
        .map_err(|_| format!("`{s}` is not a weekday: write monday, tuesday, … sunday"))
}

/// A local time `HH:MM`, 24-hour.
pub fn parse_time(s: &str) -> Result<NaiveTime, String> {
    crate::roster::parse_hhmm(s.trim())
        .ok_or_else(|| format!("`{s}` is not a time: write HH:MM, 24-hour, for example 09:30"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_is_id_name_email_and_the_name_may_hold_colons() {
        assert_eq!(
            parse_member("ada:Ada Lovelace:ada@example.com"),
            Ok(MemberArg {
                id: "ada".into(),
                name: "Ada Lovelace".into(),
                email: "ada@example.com".into()
            })
        );
        assert_eq!(
            parse_member("k:Team: Kernel:k@example.com").map(|m| m.name),
            Ok("Team: Kernel".into())
        );
        for bad in ["ada", "ada:ada@example.com", "::", "ada: :a@b"] {
            assert!(parse_member(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn zones_weekdays_and_times_are_checked_with_a_way_out() {
        assert_eq!(
            parse_timezone("Europe/Berlin"),
            Ok(chrono_tz::Europe::Berlin)
        );
        let e = parse_timezone("Europe/Berln").unwrap_err();
        assert!(e.contains("did you mean \"Europe/Berlin\""), "{e}");
        assert_eq!(parse_weekday("Tue"), Ok(Weekday::Tue));
        assert!(parse_weekday("someday").is_err());
        assert_eq!(
            parse_time("09:30"),
            Ok(NaiveTime::from_hms_opt(9, 30, 0).unwrap())
        );
        // A one-digit hour is read as in the roster's handoff_time.
        assert_eq!(
            parse_time("9:30"),
            Ok(NaiveTime::from_hms_opt(9, 30, 0).unwrap())
        );
        assert!(parse_time("9:3").is_err());
    }
}
