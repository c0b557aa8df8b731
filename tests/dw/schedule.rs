//! `dw schedule`: the table, `--member`, `--from`, `--weeks`, `--json`.

use crate::support::shape::{assert_week_shape, keys};

use crate::support::{json, snapshot, Sandbox, BUNDLED};

#[test]
fn schedule_table() {
    snapshot("schedule", &Sandbox::with(BUNDLED), &["schedule"]);
}

#[test]
fn schedule_table_of_one_member_shows_away_weeks() {
    snapshot(
        "schedule_member",
        &Sandbox::with(BUNDLED),
        &[
            "schedule",
            "--member",
            "grace",
            "--from",
            "2026-02-03",
            "--weeks",
            "6",
        ],
    );
}

#[test]
fn schedule_table_utc() {
    let sandbox = Sandbox::empty()
        .roster("utc.toml")
        .at("2026-01-05T09:00:00Z");
    snapshot("schedule_utc", &sandbox, &["schedule", "--weeks", "5"]);
}

#[test]
fn schedule_table_with_a_week_nobody_holds() {
    let sandbox = Sandbox::empty()
        .roster("nobody.toml")
        .at("2026-01-06T10:00");
    snapshot("schedule_nobody", &sandbox, &["schedule"]);
}

#[test]
fn schedule_json_is_team_and_n_weeks_in_order() {
    let sandbox = Sandbox::with(BUNDLED);
    for n in [1usize, 3, 8, 30] {
        let n_text = n.to_string();
        let s = json(&mut sandbox.dw(&["schedule", "--json", "--weeks", &n_text]));
        assert_eq!(keys(&s), vec!["team", "weeks"], "{s}");
        assert_eq!(s["team"], "Dreamwork");
        let weeks = s["weeks"].as_array().unwrap();
        assert_eq!(weeks.len(), n, "--weeks {n}");
        for (i, w) in weeks.iter().enumerate() {
            assert_week_shape(w);
            assert_eq!(w["week"], 8 + i as u64);
            if i > 0 {
                assert_eq!(w["start"], weeks[i - 1]["end"], "weeks are contiguous");
            }
        }
    }
    // Without --weeks: 8 weeks, starting with the week of --at, whose element
    // is exactly what `who --json` prints.
    let s = json(&mut sandbox.dw(&["schedule", "--json"]));
    assert_eq!(s["weeks"].as_array().unwrap().len(), 8);
    let who = json(&mut sandbox.dw(&["who", "--json"]));
    assert_eq!(s["weeks"][0], who);
}

#[test]
fn schedule_from_starts_at_the_week_holding_that_date() {
    let sandbox = Sandbox::with(BUNDLED);
    // Week 8's dates are 2026-03-03 … 2026-03-09; week 9 starts 2026-03-10.
    for (from, week) in [
        ("2026-01-06", 0),
        ("2026-03-03", 8),
        ("2026-03-09", 8),
        ("2026-03-10", 9),
        ("2027-01-01", 51),
    ] {
        let s = json(&mut sandbox.dw(&["schedule", "--json", "--weeks", "1", "--from", from]));
        assert_eq!(s["weeks"][0]["week"], week, "--from {from}");
    }
}

#[test]
fn schedule_json_of_one_member() {
    let sandbox = Sandbox::with(BUNDLED);
    let s = json(&mut sandbox.dw(&[
        "schedule",
        "--json",
        "--member",
        "grace",
        "--from",
        "2026-02-03",
        "--weeks",
        "5",
    ]));
    let weeks = s["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 5);
    for w in weeks {
        assert_week_shape(w);
        let entries = w["ranks"].as_array().unwrap().len() + w["away"].as_array().unwrap().len();
        assert_eq!(entries, 1, "grace alone, ranked or away: {w}");
        for r in w["ranks"].as_array().unwrap() {
            assert_eq!(r["id"], "grace");
        }
    }
    // Grace's away range (2026-02-12 … 02-20) touches weeks 5 and 6.
    let away: Vec<u64> = weeks
        .iter()
        .filter(|w| !w["away"].as_array().unwrap().is_empty())
        .map(|w| w["week"].as_u64().unwrap())
        .collect();
    assert_eq!(away, [5, 6]);
    assert_eq!(weeks[1]["away"][0]["reason"], "PTO");
}

#[test]
fn schedule_roles_filters_the_table_json_and_one_members_weeks() {
    // `--role` as in `dw who --role`, or `--roles` with a list; names as in
    // the roster, ordinals or rank numbers.
    let sandbox = Sandbox::with(BUNDLED);
    snapshot(
        "schedule_roles",
        &sandbox,
        &["schedule", "--roles", "primary,secondary", "--weeks", "4"],
    );
    let by_role = sandbox
        .dw(&["schedule", "--role", "secondary,1", "--weeks", "4"])
        .ok();
    let by_roles = sandbox
        .dw(&["schedule", "--roles", "primary,secondary", "--weeks", "4"])
        .ok();
    assert_eq!(by_role, by_roles);
    // JSON (one line: the fast writer; and indented), every week keeps only
    // those ranks and their covers, the away list whole.
    let all =
        json(&mut sandbox.dw(&["schedule", "--json", "--from", "2026-02-10", "--weeks", "6"]));
    let some = json(&mut sandbox.dw(&[
        "schedule",
        "--json",
        "--from",
        "2026-02-10",
        "--weeks",
        "6",
        "--roles",
        "primary",
    ]));
    for (a, s) in all["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .zip(some["weeks"].as_array().unwrap())
    {
        let ranks = s["ranks"].as_array().unwrap();
        assert_eq!(ranks.len(), 1, "{s}");
        assert_eq!(ranks[0], a["ranks"][0]);
        assert!(
            s["covers"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["rank"] == 1),
            "{s}"
        );
        assert_eq!(s["away"], a["away"]);
    }
    // One member: only the weeks they hold (or cover) the role.
    let ken = sandbox
        .dw(&[
            "schedule", "--member", "ken", "--roles", "primary", "--weeks", "12",
        ])
        .ok();
    let weeks: Vec<&str> = ken
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.parse::<u32>().is_ok())
        .collect();
    assert_eq!(weeks, ["8", "11", "14"], "{ken}");
}

/// `--html` is written as the weeks come, like `--json` and `--ics`: the page
/// of every week dw computes (some 200 MB) is never held whole.
#[test]
fn schedule_html_streams_in_bounded_memory() {
    use crate::support::measure::measured;
    let sandbox = Sandbox::with(BUNDLED);
    let run = measured(
        sandbox
            .dw(&[
                "schedule",
                "--html",
                "--from",
                "2026-01-06",
                "--weeks",
                "100000",
            ])
            .std(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout_bytes > 100_000_000, "{}", run.stdout_bytes);
    assert!(run.stdout.ends_with("</html>\n"), "the page ends");
    run.peak_below_mib(64);
}

/// The page hides a URL's password in roster text, as every printed text does.
#[test]
fn schedule_html_hides_url_passwords() {
    let sandbox = Sandbox::empty().at(crate::support::AT);
    let roster = crate::support::fixture_text(BUNDLED).replacen(
        "name = \"Grace Hopper\"",
        "name = \"Grace https://u:hunter2@host.example Hopper\"",
        1,
    );
    sandbox.write("work/r.toml", roster);
    sandbox
        .run(&["--roster", "r.toml", "schedule", "--html"])
        .success()
        .stdout_has("Grace https://u:***@host.example Hopper")
        .stdout_lacks("hunter2");
}
