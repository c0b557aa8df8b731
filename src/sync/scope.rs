//! What a sync reads and in what order: the roster's schedules, the windows
//! PagerDuty renders at once, and the order of the report's rows.

use chrono::{DateTime, Duration, Utc};

use crate::roster::Roster;

use super::reconcile::{Row, Status};

/// The longest window dw asks PagerDuty to render at once.
pub const WINDOW_DAYS: i64 = 90;

/// `[since, until)` cut into windows of at most [`WINDOW_DAYS`], in order.
pub fn windows(since: DateTime<Utc>, until: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut out = Vec::new();
    let mut from = since;
    while from < until {
        let to = (from + Duration::days(WINDOW_DAYS)).min(until);
        out.push((from, to));
        from = to;
    }
    out
}

/// The schedules of the roster, each once, in role order.
pub fn schedules(roster: &Roster) -> Vec<String> {
    let mut roles: Vec<(&String, &String)> = roster.pagerduty.schedules.iter().collect();
    roles.sort_by_key(|(role, _)| roster.rank_of(role));
    let mut out: Vec<String> = Vec::new();
    for (_, id) in roles {
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

/// Rows of every schedule in time order (then rank), removals last.
pub fn order(roster: &Roster, rows: &mut [Row]) {
    rows.sort_by_key(|r| {
        (
            r.status == Status::Removed,
            r.week,
            roster.rank_of(&r.role),
            r.from,
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(d: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::days(d)
    }

    #[test]
    fn windows_cover_the_range_in_pieces_pagerduty_accepts() {
        assert!(windows(day(0), day(0)).is_empty());
        assert!(windows(day(5), day(0)).is_empty());
        assert_eq!(windows(day(0), day(90)), vec![(day(0), day(90))]);
        assert_eq!(
            windows(day(0), day(200)),
            vec![(day(0), day(90)), (day(90), day(180)), (day(180), day(200))]
        );
    }

    const ROSTER: &str = r#"
[team]
name = "T"
timezone = "UTC"
start = 2026-03-03

[pagerduty]
schedules = { secondary = "PSEC", primary = "PPRI" }

[[members]]
id = "ada"
name = "Ada"
email = "ada@example.com"

[[members]]
id = "ken"
name = "Ken"
email = "ken@example.com"
"#;

    fn row(role: &str, week: Option<usize>, status: Status, day_: i64) -> Row {
        Row {
            schedule: "S".into(),
            role: role.into(),
            week: week.map(crate::rotation::WeekIx),
            member: None,
            user: "U".into(),
            from: day(day_),
            to: day(day_ + 1),
            status,
            override_id: None,
            override_user: None,
            replaces: Vec::new(),
            reason: None,
            error: None,
        }
    }

    #[test]
    fn schedules_come_in_role_order_and_rows_by_week_then_rank_removals_last() {
        let roster = crate::validate::parse(ROSTER, "t.toml").unwrap();
        assert_eq!(schedules(&roster), ["PPRI", "PSEC"]);
        let mut rows = vec![
            row("primary", None, Status::Removed, 0),
            row("secondary", Some(1), Status::Created, 7),
            row("primary", Some(1), Status::Unchanged, 8),
            row("primary", Some(1), Status::Created, 7),
            row("secondary", Some(0), Status::Manual, 0),
        ];
        order(&roster, &mut rows);
        let got: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.role.as_str(),
                    r.week.map(crate::rotation::WeekIx::get),
                    r.status,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("secondary", Some(0), Status::Manual),
                ("primary", Some(1), Status::Created),
                ("primary", Some(1), Status::Unchanged),
                ("secondary", Some(1), Status::Created),
                ("primary", None, Status::Removed),
            ]
        );
    }
}
