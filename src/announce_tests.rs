use chrono::TimeZone;
use serde_json::json;

use super::*;

fn week_start() -> DateTime<Tz> {
    chrono_tz::America::Chicago
        .with_ymd_and_hms(2026, 3, 3, 10, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("a Chicago time"))
}

fn users(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

fn all_wanted() -> Wanted {
    Wanted {
        post: Some("*Relay on-call, week 8*".into()),
        topic: Some("primary: Ada &amp; Co".into()),
        group: Some(users(&["U1", "U2"])),
    }
}

#[test]
fn metadata_marks_the_team_and_the_week() {
    let start = week_start();
    let m = metadata("Relay", &start);
    assert_eq!(m["event_type"], "dw_announce");
    assert_eq!(
        m["event_payload"]["week_start"],
        "2026-03-03T10:00:00-06:00"
    );
    let message = json!({"text": "x", "metadata": m});
    assert!(is_announcement(&message, "Relay", &start));
    // (name, message)
    let others = [
        (
            "another team",
            json!({"metadata": metadata("Dreamwork", &start)}),
        ),
        (
            "another week",
            json!({"metadata": metadata("Relay", &(start + Duration::days(7)))}),
        ),
        (
            "a reminder",
            json!({"metadata": {"event_type": "dw_remind", "event_payload": m["event_payload"]}}),
        ),
        ("no metadata", json!({"text": "*Relay on-call, week 8*"})),
        (
            "a topic change",
            json!({"subtype": "channel_topic", "topic": "x"}),
        ),
    ];
    for (name, message) in others {
        assert!(!is_announcement(&message, "Relay", &start), "{name}");
    }
    // 2026-02-24 16:00 UTC, a week before the week starts.
    assert_eq!(history_oldest(&start), "1771948800.000000");
}

#[test]
fn topics_differ_only_in_what_people_read() {
    // (current, wanted, same)
    let cases = [
        ("primary: Ada", "primary: Ada", true),
        ("  primary: Ada\n", "primary: Ada", true),
        ("primary: Ada & Co", "primary: Ada &amp; Co", true),
        ("a &lt;b&gt;", "a <b>", true),
        ("", "primary: Ada", false),
        ("primary: Ada", "primary: Grace", false),
        ("Primary: Ada", "primary: Ada", false),
    ];
    for (current, wanted, same) in cases {
        assert_eq!(
            same_topic(current, wanted),
            same,
            "{current:?} vs {wanted:?}"
        );
    }
}

#[test]
fn groups_differ_as_sets() {
    // (current, wanted, same)
    let cases: [(&[&str], &[&str], bool); 5] = [
        (&["U1", "U2"], &["U1", "U2"], true),
        (&["U2", "U1"], &["U1", "U2"], true),
        (&["U1", "U1", "U2"], &["U1", "U2"], true),
        (&["U1"], &["U1", "U2"], false),
        (&["U1", "U2", "U3"], &["U1", "U2"], false),
    ];
    for (current, wanted, same) in cases {
        assert_eq!(
            same_members(&users(current), &users(wanted)),
            same,
            "{current:?} vs {wanted:?}"
        );
    }
}

#[test]
fn each_step_is_sent_only_when_slack_lacks_it() {
    let in_place = Found {
        post: Read::Is(Some("1.000100".into())),
        topic: Read::Is("primary: Ada & Co".into()),
        group: Read::Is(users(&["U2", "U1"])),
    };
    let nothing = Found {
        post: Read::Is(None),
        topic: Read::Is(String::new()),
        group: Read::Is(users(&["U9"])),
    };
    let send_all = Decision {
        post: Some(PostAction::Send),
        topic: Some(TopicAction::Set),
        group: Some(GroupAction::Update),
    };
    // (name, wanted, found, decision, writes)
    let cases = [
        (
            "first run",
            all_wanted(),
            nothing.clone(),
            send_all.clone(),
            3,
        ),
        (
            "rerun, all in place",
            all_wanted(),
            in_place.clone(),
            Decision {
                post: Some(PostAction::AlreadyPosted("1.000100".into())),
                topic: Some(TopicAction::AlreadySet),
                group: Some(GroupAction::AlreadyHolds),
            },
            0,
        ),
        (
            "rerun after the topic failed",
            all_wanted(),
            Found {
                topic: Read::Is("primary: Grace".into()),
                ..in_place.clone()
            },
            Decision {
                post: Some(PostAction::AlreadyPosted("1.000100".into())),
                topic: Some(TopicAction::Set),
                group: Some(GroupAction::AlreadyHolds),
            },
            1,
        ),
        (
            "dry run without a token: nothing read",
            all_wanted(),
            Found::default(),
            send_all,
            3,
        ),
        (
            "only --group",
            Wanted {
                group: Some(users(&["U1", "U2"])),
                ..Wanted::default()
            },
            in_place,
            Decision {
                group: Some(GroupAction::AlreadyHolds),
                ..Decision::default()
            },
            0,
        ),
        (
            "no flags",
            Wanted::default(),
            nothing,
            Decision::default(),
            0,
        ),
    ];
    for (name, wanted, found, want, writes) in cases {
        let d = decide(&wanted, &found);
        assert_eq!(d, want, "{name}");
        assert_eq!(d.writes(), writes, "{name}");
    }
}

#[test]
fn the_summary_says_what_was_done_and_what_was_in_place() {
    let wanted = all_wanted();
    let already = Decision {
        post: Some(PostAction::AlreadyPosted("1.000100".into())),
        topic: Some(TopicAction::AlreadySet),
        group: Some(GroupAction::AlreadyHolds),
    };
    let r = Report::planned(&already, &wanted, "#relay", "relay-oncall", false);
    assert!(r.all_already());
    assert_eq!(
        summary(&r, crate::rotation::WeekIx(8)),
        "Week 8's ranks are already posted in #relay (at 1.000100): not posted again.\n\
         Topic of #relay already set to \"primary: Ada &amp; Co\".\n\
         @relay-oncall already holds U1, U2.\n\
         Nothing sent: Slack already shows all of it.\n"
    );

    // The topic set this run, the rest in place; a failed group is not a line.
    let mixed = Decision {
        topic: Some(TopicAction::Set),
        group: Some(GroupAction::Update),
        ..already
    };
    let mut r = Report::planned(&mixed, &wanted, "#relay", "@relay-oncall", false);
    assert_eq!(r.topic.as_ref().map(|t| t.status), Some(Status::NotSent));
    if let Some(t) = r.topic.as_mut() {
        t.status = Status::Done;
    }
    if let Some(g) = r.group.as_mut() {
        g.status = Status::Failed;
    }
    assert!(!r.all_already());
    assert_eq!(
        summary(&r, crate::rotation::WeekIx(8)),
        "Week 8's ranks are already posted in #relay (at 1.000100): not posted again.\n\
         Topic of #relay set to \"primary: Ada &amp; Co\".\n"
    );

    let dry = Report::planned(&mixed, &wanted, "#relay", "g", true);
    assert_eq!(dry.group.map(|g| g.status), Some(Status::DryRun));
    assert_eq!(
        serde_json::to_value(Status::NotSent).ok(),
        Some(json!("not_sent"))
    );
    assert!(!Report::default().all_already());
}

#[test]
fn answers_are_recorded_step_by_step() {
    let wanted = all_wanted();
    let send_all = Decision {
        post: Some(PostAction::Send),
        topic: Some(TopicAction::Set),
        group: Some(GroupAction::Update),
    };
    let mut r = Report::planned(&send_all, &wanted, "#relay", "relay-oncall", false);
    assert!(!r.partly_done(), "nothing sent yet");
    r.record(Step::Post, Ok(Some("1.000200".into())));
    r.record(
        Step::Topic,
        Err("Slack conversations.setTopic: internal_error".into()),
    );
    r.record(Step::Group, Ok(None));
    assert!(r.partly_done());
    let statuses: Vec<Option<Status>> = vec![
        r.post.as_ref().map(|p| p.status),
        r.topic.as_ref().map(|t| t.status),
        r.group.as_ref().map(|g| g.status),
    ];
    assert_eq!(
        statuses,
        [Some(Status::Done), Some(Status::Failed), Some(Status::Done)]
    );
    assert_eq!(
        r.post.as_ref().and_then(|p| p.ts.as_deref()),
        Some("1.000200")
    );
    assert_eq!(
        r.topic.as_ref().and_then(|t| t.error.as_deref()),
        Some("Slack conversations.setTopic: internal_error")
    );
    assert_eq!(
        summary(&r, crate::rotation::WeekIx(8)),
        "Posted week 8's ranks in #relay.\n@relay-oncall is now U1, U2.\n"
    );
    // A step not asked for is not invented by an answer.
    let mut only_group = Report::planned(
        &Decision {
            group: Some(GroupAction::Update),
            ..Decision::default()
        },
        &wanted,
        "#relay",
        "g",
        false,
    );
    only_group.record(Step::Post, Ok(Some("1".into())));
    assert_eq!(only_group.post, None);
}
