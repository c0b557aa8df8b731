use super::*;
use crate::render::notes::Person;
use crate::rotation::Rotation;
use crate::validate::parse;

fn reminder(slack: Option<&str>) -> Reminder {
    Reminder {
        rank: crate::roster::Rank::PRIMARY,
        role: "primary".into(),
        person: Person {
            id: "ada".into(),
            name: "Ada".into(),
            slack: slack.map(String::from),
        },
        duties: Vec::new(),
    }
}

#[test]
fn the_flags_make_three_modes_and_dry_run_alone_previews() {
    for (post, dry_run, mode) in [
        (false, false, Mode::Preview),
        // Like `dw handoff --dry-run` and `dw announce --dry-run`.
        (false, true, Mode::Preview),
        (true, true, Mode::DryRun),
        (true, false, Mode::Post),
    ] {
        assert_eq!(
            Mode::of(post, dry_run),
            mode,
            "post {post}, dry run {dry_run}"
        );
    }
}

#[test]
fn slack_is_read_only_for_members_with_an_id_when_posting_or_dry_running() {
    let with = reminder(Some("U0000000A"));
    let without = reminder(None);
    for (r, mode, want) in [
        (&with, Mode::Preview, First::Settled(Status::Preview)),
        (&with, Mode::DryRun, First::Read { user: "U0000000A" }),
        (&with, Mode::Post, First::Read { user: "U0000000A" }),
        (&without, Mode::Preview, First::Settled(Status::NoSlackId)),
        (&without, Mode::DryRun, First::Settled(Status::NoSlackId)),
        (&without, Mode::Post, First::Settled(Status::NoSlackId)),
    ] {
        assert_eq!(first(r, mode), want, "{mode:?} {:?}", r.person.slack);
    }
}

#[test]
fn the_dm_decides_each_step_and_posts_go_to_the_opened_dm() {
    let read = |reminded| Dm::Read {
        channel: "D0000000A".into(),
        reminded,
    };
    let to_dm = Some("D0000000A".to_string());
    for (dm, mode, want, status) in [
        (
            read(false),
            Mode::Post,
            Step::Post {
                channel: "D0000000A".into(),
            },
            Status::Sent,
        ),
        (
            read(true),
            Mode::Post,
            Step::AlreadySent,
            Status::AlreadySent,
        ),
        (
            read(false),
            Mode::DryRun,
            Step::Show {
                channel: to_dm.clone(),
            },
            Status::DryRun,
        ),
        (
            read(true),
            Mode::DryRun,
            Step::AlreadySent,
            Status::AlreadySent,
        ),
        // No DM yet, or not read (no token): shown, never sent.
        (
            Dm::Missing,
            Mode::DryRun,
            Step::Show { channel: None },
            Status::DryRun,
        ),
        (
            Dm::NotRead,
            Mode::DryRun,
            Step::Show { channel: None },
            Status::DryRun,
        ),
        (
            Dm::Missing,
            Mode::Post,
            Step::Show { channel: None },
            Status::DryRun,
        ),
    ] {
        let got = step(dm.clone(), mode);
        assert_eq!(got, want, "{dm:?} {mode:?}");
        assert_eq!(status_of(&got), status, "{dm:?} {mode:?}");
    }
}

#[test]
fn a_failed_post_is_settled_by_looking_again() {
    for (recheck, want) in [
        (Recheck::Found, Settled::Sent),
        (Recheck::Missing, Settled::PostFailed),
        (Recheck::Failed, Settled::Unknown),
    ] {
        assert_eq!(after_failed_post(recheck), want, "{recheck:?}");
    }
}

#[test]
fn statuses_are_snake_case_in_json() {
    for (status, json) in [
        (Status::Preview, "\"preview\""),
        (Status::Sent, "\"sent\""),
        (Status::AlreadySent, "\"already_sent\""),
        (Status::DryRun, "\"dry_run\""),
        (Status::NoSlackId, "\"no_slack_id\""),
    ] {
        assert_eq!(serde_json::to_string(&status).ok().as_deref(), Some(json));
    }
}

const TEAM: &str = "[team]\nname = \"T\"\ntimezone = \"UTC\"\nstart = 2026-01-06\n\n\
    [[members]]\nid = \"ana\"\nname = \"Ana\"\nemail = \"ana@example.com\"\nslack = \"U0000000A\"\n\n\
    [[members]]\nid = \"bo\"\nname = \"Bo\"\nemail = \"bo@example.com\"\n\n\
    [[members]]\nid = \"cy\"\nname = \"Cy\"\nemail = \"cy@example.com\"\n";

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("an instant")
}

#[test]
fn the_day_before_a_handoff_the_incoming_first_two_ranks_are_due() {
    let roster = parse(TEAM, "t.toml").expect("roster");
    let rot = Rotation::new(&roster);
    for (asked, due_now, handoff) in [
        ("2026-01-05T09:59:00Z", false, "2026-01-06T10:00:00+00:00"),
        ("2026-01-05T10:00:00Z", true, "2026-01-06T10:00:00+00:00"),
        ("2026-01-06T10:00:00Z", false, "2026-01-13T10:00:00+00:00"),
        ("2026-01-12T12:00:00Z", true, "2026-01-13T10:00:00+00:00"),
    ] {
        match due(&roster, &rot, at(asked)).expect("due") {
            Due::NotYet(w) => {
                assert!(!due_now, "{asked}");
                assert_eq!(crate::render::rfc3339(w.handoff()), handoff, "{asked}");
            }
            Due::Open {
                handoff: h,
                reminders,
                ..
            } => {
                assert!(due_now, "{asked}");
                assert_eq!(crate::render::rfc3339(&h.start), handoff, "{asked}");
                let ranks: Vec<(usize, &str)> = reminders
                    .iter()
                    .map(|r| (r.rank.get(), r.role.as_str()))
                    .collect();
                assert_eq!(ranks, [(1, "primary"), (2, "secondary")], "{asked}");
            }
        }
    }
}
