//! `dw-roster(5)`: the roster file format, for `man dw-roster`. The same
//! reference as docs/roster.md, kept as data here so the page is generated
//! with the others (and a test notices when `man/` is stale).

use super::{item, roff};

/// A table of the roster: its heading, what it is for, and its keys.
struct Table {
    name: &'static str,
    about: &'static str,
    keys: &'static [(&'static str, &'static str)],
}

const TABLES: &[Table] = &[
    Table {
        name: "[team]",
        about: "The team and its week. Required.",
        keys: &[
            (
                "name",
                "The team's name, shown in titles and messages. Required.",
            ),
            (
                "timezone",
                "An IANA time zone name such as \"Europe/Berlin\"; handoffs and dates are in it. \
                 Default \"UTC\".",
            ),
            (
                "handoff_day",
                "The weekday the rotation hands over, in English. Default \"tuesday\".",
            ),
            (
                "handoff_time",
                "The local time of the handoff, \"HH:MM\" (24 hours). Default \"10:00\".",
            ),
            (
                "start",
                "The date week 0 begins, a TOML date without quotes (2026-01-06); it must fall \
                 on handoff_day. Required.",
            ),
            (
                "roles",
                "The names of ranks 1, 2, 3, ...; a rank past them is called by its ordinal \
                 (4th, 5th, ... after three names; 3rd, 4th, ... after two). Default \
                 [\"primary\", \"secondary\", \"tertiary\"]. A role name starts with a letter \
                 and uses letters, digits, - and _.",
            ),
        ],
    },
    Table {
        name: "[slack]",
        about: "Optional; needed by handoff --post, remind --post, announce and incident start.",
        keys: &[
            (
                "channel",
                "The team channel (\"#team-oncall\" or its ID C...): handoff notes, \
                 announcements, its topic.",
            ),
            (
                "incident_channel",
                "Where dw incident start posts. Without it, DW_INCIDENT_CHANNEL or the team \
                 channel (with a warning, and dw check warns too).",
            ),
            (
                "group",
                "The user group (handle or ID S...) that announce --group gives to ranks 1 and 2.",
            ),
        ],
    },
    Table {
        name: "[pagerduty]",
        about: "Optional; needed by sync pagerduty, check --pagerduty, the incidents of handoff, \
                and incident start.",
        keys: &[
            (
                "service",
                "The service ID new incidents are opened on, and whose incidents handoff lists.",
            ),
            (
                "escalation_policy",
                "The escalation policy ID of new incidents; without service, handoff lists the \
                 incidents of the services that use it.",
            ),
            (
                "schedules",
                "A table role = schedule ID, e.g. { primary = \"PSCHED1\" }: the schedules sync \
                 pagerduty keeps in line with the roster. Two roles may not share one.",
            ),
        ],
    },
    Table {
        name: "[[members]]",
        about: "One table per member, in rotation order.",
        keys: &[
            (
                "id",
                "A short unique id, [a-z0-9._-]+, at most 64 characters. Required.",
            ),
            ("name", "The full name. Required."),
            ("email", "The email address. Required."),
            (
                "slack",
                "The Slack user ID (U...), for mentions and direct messages.",
            ),
            (
                "pagerduty",
                "The PagerDuty user ID (P...), for sync pagerduty.",
            ),
            (
                "joined",
                "The first date the member may be on call: they take part from the first week \
                 whose dates all fall on or after it.",
            ),
            ("left", "The first date the member is no longer on call."),
            (
                "away",
                "A list of { from = DATE, to = DATE, reason = \"...\" }, dates inclusive. A week \
                 any of whose dates is away skips the member, who keeps their place in the queue.",
            ),
        ],
    },
    Table {
        name: "[[overrides]]",
        about: "One member takes a rank for one whole week; whoever held it takes the member's \
                usual rank. The queue does not change.",
        keys: &[
            ("week", "Any date of that week."),
            (
                "role",
                "A role name, an ordinal (\"4th\") or a rank number.",
            ),
            ("member", "Who takes the rank."),
            ("reason", "Optional text shown with the week."),
        ],
    },
    Table {
        name: "[[covers]]",
        about: "One member holds one rank for a span shorter than a week; the week's ranks and \
                the queue do not change, and the usual holder keeps the rest of the week.",
        keys: &[
            ("role", "A role name, an ordinal or a rank number."),
            ("member", "Who covers; they keep their own rank too."),
            (
                "from",
                "A local date-time in the team's time zone (2026-03-05T18:00:00), or a quoted \
                 \"2026-03-05 18:00\".",
            ),
            ("to", "The end, not included; after from."),
            ("reason", "Optional text shown with the cover."),
        ],
    },
    Table {
        name: "[duties]",
        about: "Optional: what each role does, for dw roles and dw remind. Without an entry a \
                role keeps dw's built-in duties, said with the roster's role names and handoff \
                day.",
        keys: &[
            (
                "ROLE",
                "A role name of [team] roles = a list of texts, e.g. pager = [\"Carry the \
                 pager\", \"Triage alerts\"]. Any other key is an error.",
            ),
            (
                "beyond",
                "The duties of every rank past the named roles (4th, 5th, ... with three).",
            ),
        ],
    },
    Table {
        name: "[handoff]",
        about: "Optional: the routine around a handoff, for dw remind.",
        keys: &[
            (
                "prepare",
                "What the incoming people do the day before the handoff. Default \"find a \
                 stopping point in what you are working on, so you can put it down for the \
                 handoff\".",
            ),
            (
                "meeting",
                "When, on the handoff day, the handoff meeting is. Default \"after standup\".",
            ),
        ],
    },
    Table {
        name: "[analysis]",
        about: "Optional: the rules of dw incident analysis.",
        keys: &[
            (
                "testing_phase_exempt",
                "Services exempt from an analysis when rolled back during their production \
                 testing phase. Default [\"check\", \"documentation\"]; [] exempts none.",
            ),
            (
                "questions",
                "The sections of the analysis template, in order; the one named Timeline gets \
                 PagerDuty's log. Default Summary, Customer impact, Timeline, Root cause, What \
                 went well, What went badly, Action items.",
            ),
        ],
    },
];

const EXAMPLE: &str = r##"[team]
name = "Platform"
timezone = "Europe/Berlin"
handoff_day = "wednesday"
handoff_time = "09:30"
start = 2026-01-07

[slack]
channel = "#platform-oncall"
incident_channel = "#platform-incidents"

[[members]]
id = "ana"
name = "Ana Lima"
email = "ana@example.com"
away = [{ from = 2026-02-02, to = 2026-02-06, reason = "PTO" }]

[[members]]
id = "bo"
name = "Bo Berg"
email = "bo@example.com"

[[covers]]
role = "primary"
member = "ana"
from = 2026-03-05T18:00:00
to = 2026-03-06T08:00:00
reason = "bo at the dentist""##;

/// The whole page, as roff.
pub fn page() -> String {
    let mut out = format!(
        ".TH dw-roster 5 \"dw {}\" \"dw manual\"\n",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str(".SH NAME\ndw\\-roster \\- the on\\-call rotation file dw reads (roster.toml)\n");
    out.push_str(".SH SYNOPSIS\n");
    out.push_str(&roff(
        "roster.toml, found at --roster PATH, then $DW_ROSTER, then roster.toml in the current \
         folder or the nearest parent, then $XDG_CONFIG_HOME/dw/roster.toml. The walk up the \
         parents stops at the first folder holding .git and at $HOME (both still searched), \
         and refuses a roster.toml in a file or folder owned by another user than you or root \
         (exit 2): name it with --roster or $DW_ROSTER, which are used as given.",
    ));
    out.push('\n');
    out.push_str(".SH DESCRIPTION\n");
    out.push_str(&roff(
        "A TOML 1.0 file, kept in git, that says who is on the rotation and in which order, \
         when the week hands over, who is away, the swaps and covers, and the Slack and \
         PagerDuty names dw uses. dw init writes a commented one; dw check says whether it is \
         sound.",
    ));
    out.push_str("\n.PP\n");
    out.push_str(&roff(
        "Week k begins at start + 7k days at handoff_time, local time, so a week across a \
         daylight saving change lasts 167 or 169 hours. A member takes part in a week only if \
         all 7 of its dates lie between joined (included) and left (excluded). Rank 1 goes to \
         the first member in the queue who is not away, who then moves to the back; ranks 2, \
         3, ... follow the queue. Someone skipped because away keeps their place, so they hold \
         rank 1 the week they are back.",
    ));
    out.push('\n');
    for table in TABLES {
        out.push_str(&format!(".SH \"{}\"\n", roff(table.name)));
        out.push_str(&roff(table.about));
        out.push('\n');
        for (key, text) in table.keys {
            item(&mut out, key, text);
        }
    }
    out.push_str(".SH RULES\n");
    out.push_str(&roff(
        "Unknown keys are errors everywhere, so a typo cannot pass silently, and so is a key \
         that looks like a secret (token, password, secret, ..._key): tokens come from the \
         environment, never from a file in git. Every problem is reported at once, each with \
         file:line:column and a hint. A rule broken only in some weeks (an override that does \
         not fit) is a warning naming the weeks for most commands, and an error for dw check.",
    ));
    out.push_str("\n.PP\n");
    out.push_str(&roff(
        "Limits: a file of at most 4 MiB; 1,000 members, 10,000 overrides, 10,000 covers, \
         1,000 away ranges per member; ids of 64 characters, names and Slack or PagerDuty ids \
         of 200, emails of 254, reasons of 500; handbook texts of 500 and lists of 50.",
    ));
    out.push_str("\n.PP\n");
    out.push_str(&roff(
        "Roster text is plain: no string of the file, keys included, may hold a control \
         character (C0 such as a tab, a line break or an escape; DEL; C1), a bidi control \
         (U+202A to U+202E, U+2066 to U+2069) or a line or paragraph separator (U+2028, \
         U+2029), raw or as a TOML escape. Each is a roster error at its line and column, \
         naming the character (U+001B). The editing commands refuse them in their flags.",
    ));
    out.push('\n');
    out.push_str(".SH EXAMPLE\n.PP\n.nf\n");
    for line in EXAMPLE.lines() {
        out.push_str(&roff(line));
        out.push('\n');
    }
    out.push_str(".fi\n");
    out.push_str(".SH \"SEE ALSO\"\n");
    out.push_str(
        "\\fBdw\\fR(1), \\fBdw\\-check\\fR(1), \\fBdw\\-explain\\fR(1); docs/roster.md and \
         docs/rotation.md in the dw repository (worked examples of every rule).\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_is_a_sound_roster() {
        let roster = crate::validate::parse(EXAMPLE, "dw-roster.5");
        assert!(roster.is_ok(), "{:?}", roster.err());
    }

    #[test]
    fn every_key_the_parser_allows_is_described() {
        let page = page();
        for key in [
            "name",
            "timezone",
            "handoff_day",
            "handoff_time",
            "start",
            "roles",
            "channel",
            "incident_channel",
            "group",
            "service",
            "escalation_policy",
            "schedules",
            "id",
            "email",
            "slack",
            "pagerduty",
            "joined",
            "left",
            "away",
            "week",
            "role",
            "member",
            "reason",
            "from",
            "to",
            "beyond",
            "prepare",
            "meeting",
            "testing_phase_exempt",
            "questions",
        ] {
            let tag = format!(".TP\n\\fB{}\\fR\n", roff(key));
            assert!(page.contains(&tag), "no {key}");
        }
    }
}
