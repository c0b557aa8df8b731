use super::*;

const ROSTER: &str = include_str!("../../tests/fixtures/edit/roster.toml");

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn probe() {
    let out = away_add(ROSTER, "ada", d("2026-04-01"), d("2026-04-02"), Some("dentist")).unwrap();
    let out = away_add(&out, "grace", d("2026-04-01"), d("2026-04-02"), None).unwrap();
    let out = away_add(&out, "ken", d("2026-10-01"), d("2026-10-02"), None).unwrap();
    let out = away_remove(&out, "grace", d("2026-02-12")).unwrap();
    let out = add_overrides(&out, &[NewOverride{week: d("2026-03-10"), role: RoleRef::Name("primary".into()), member: "ken".into(), reason: "swap".into()}]).unwrap();
    let out = add_cover(&out, &NewCover{role: RoleRef::Rank(1), member: "ken".into(), from: d("2026-03-11").and_hms_opt(18,0,0).unwrap(), to: d("2026-03-12").and_hms_opt(8,0,0).unwrap(), reason: Some("x".into())}).unwrap();
    let out = join(&out, &NewMember{id: "alan".into(), name: "Alan".into(), email: "a@x".into(), slack: None, pagerduty: Some("P1".into()), joined: Some(d("2026-06-02"))}).unwrap();
    let out = leave(&out, "linus", d("2026-07-07")).unwrap();
    let out = leave(&out, "ada", d("2026-07-07")).unwrap();
    print!("{}", unified_diff("roster.toml", ROSTER, &out));
    panic!();
}
