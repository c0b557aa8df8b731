//! Reading the team's handbook: `[duties]` (per role name, and `beyond`),
//! `[handoff]` (`prepare`, `meeting`) and `[analysis]`
//! (`testing_phase_exempt`, `questions`). Every key is optional; what is
//! left out takes dw's built-in handbook (`crate::handbook`).

use std::collections::BTreeMap;

use super::limits::{MAX_TEXT_CHARS, MAX_TEXT_ITEMS};
use super::model::{Handbook, Rank, Team};
use super::parse::{Cx, Fields};

/// The key of `[duties]` for the ranks past the named roles.
pub const BEYOND: &str = "beyond";
const HANDOFF_KEYS: &[&str] = &["prepare", "meeting"];
const ANALYSIS_KEYS: &[&str] = &["testing_phase_exempt", "questions"];

impl Cx<'_> {
    /// The handbook sections, their role names checked against `team`.
    pub(super) fn handbook(&mut self, top: &Fields<'_, '_>, team: &Team) -> Option<Handbook> {
        self.handbook_with(top, Some(team))
    }

    /// The handbook sections' keys and types when no team could be read:
    /// every problem is still reported.
    pub(super) fn handbook_shapes(&mut self, top: &Fields<'_, '_>) {
        self.handbook_with(top, None);
    }

    fn handbook_with(&mut self, top: &Fields<'_, '_>, team: Option<&Team>) -> Option<Handbook> {
        let before = self.diags.len();
        let mut book = Handbook::default();
        if let Some((t, span)) = self.table(top, "duties") {
            let roles: Vec<&str> = match team {
                Some(team) => team.roles.iter().map(String::as_str).collect(),
                // Without [team] every key is read as a role.
                None => t.iter().map(|(k, _)| -> &str { k.get_ref() }).collect(),
            };
            let mut allowed = roles.clone();
            allowed.push(BEYOND);
            // An unknown key is an error with "did you mean" and the roles.
            let f = self.fields(t, span, "[duties]", &allowed);
            let mut by_rank = BTreeMap::new();
            for (rank, role) in Rank::up_to(roles.len()).zip(&roles) {
                // A role literally named "beyond" is that role.
                if let Some(list) = self.text_list(&f, role, MAX_TEXT_ITEMS, MAX_TEXT_CHARS) {
                    by_rank.insert(rank, list);
                }
            }
            book.duties = by_rank;
            if !roles.contains(&BEYOND) {
                book.beyond = self.text_list(&f, BEYOND, MAX_TEXT_ITEMS, MAX_TEXT_CHARS);
            }
        }
        if let Some((t, span)) = self.table(top, "handoff") {
            let f = self.fields(t, span, "[handoff]", HANDOFF_KEYS);
            book.prepare = self.text(&f, "prepare", MAX_TEXT_CHARS);
            book.meeting = self.text(&f, "meeting", MAX_TEXT_CHARS);
        }
        if let Some((t, span)) = self.table(top, "analysis") {
            let f = self.fields(t, span, "[analysis]", ANALYSIS_KEYS);
            book.testing_phase_exempt = self.exempt_list(&f);
            book.questions = self.text_list(&f, "questions", MAX_TEXT_ITEMS, MAX_TEXT_CHARS);
        }
        (self.diags.len() == before).then_some(book)
    }

    /// `testing_phase_exempt`: service names; an empty list is allowed (no
    /// service is exempt).
    fn exempt_list(&mut self, f: &Fields<'_, '_>) -> Option<Vec<String>> {
        let v = f.values.get("testing_phase_exempt")?;
        if matches!(v.get_ref(), toml::de::DeValue::Array(a) if a.is_empty()) {
            return Some(Vec::new());
        }
        self.text_list(f, "testing_phase_exempt", MAX_TEXT_ITEMS, MAX_TEXT_CHARS)
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::parse;

    const TEAM: &str = "[team]\nname = \"Relay\"\ntimezone = \"Europe/Berlin\"\n\
        handoff_day = \"wednesday\"\nstart = 2026-01-07\nroles = [\"pager\", \"backup\", \"shadow\"]\n\n\
        [[members]]\nid = \"a\"\nname = \"A\"\nemail = \"a@example.com\"\n\n";

    /// Every problem of `TEAM` plus `more`, as `line:col: message (hint)`.
    fn problems(more: &str) -> Vec<String> {
        match parse(&format!("{TEAM}{more}"), "r.toml") {
            Ok(_) => vec![],
            Err(e) => e
                .diagnostics
                .iter()
                .map(|d| {
                    let (l, c) = d.position.unwrap_or((0, 0));
                    format!(
                        "{l}:{c}: {} ({})",
                        d.message,
                        d.hint.clone().unwrap_or_default()
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn the_sections_are_read() {
        let r = parse(
            &format!(
                "{TEAM}[duties]\nbackup = [\"Answer questions\"]\nbeyond = [\"Roadmap\"]\n\n\
                 [handoff]\nprepare = \"wrap up\"\nmeeting = \"at noon\"\n\n\
                 [analysis]\ntesting_phase_exempt = []\nquestions = [\"What happened?\"]\n"
            ),
            "r.toml",
        )
        .unwrap();
        let b = &r.handbook;
        assert_eq!(b.duties.len(), 1);
        assert_eq!(
            b.duties[&crate::test_support::rank(2)],
            ["Answer questions"]
        );
        assert_eq!(b.beyond.as_deref(), Some(&["Roadmap".to_string()][..]));
        assert_eq!(b.prepare.as_deref(), Some("wrap up"));
        assert_eq!(b.meeting.as_deref(), Some("at noon"));
        assert_eq!(b.testing_phase_exempt.as_deref(), Some(&[][..]));
        assert_eq!(
            b.questions.as_deref(),
            Some(&["What happened?".to_string()][..])
        );
        // Left out: the built-in handbook (all None).
        let r = parse(TEAM, "r.toml").unwrap();
        assert_eq!(r.handbook, crate::roster::Handbook::default());
    }

    #[test]
    fn every_problem_is_a_roster_error_with_its_position() {
        let got = problems(
            "[duties]\npagr = [\"x\"]\nbackup = \"Answer questions\"\nshadow = []\nbeyond = [\"ok\", 3, \" \"]\n\n\
             [handoff]\nprepare = \"\"\nmeting = \"at noon\"\n\n\
             [analysis]\ntesting_phase_exempts = [\"check\"]\nquestions = \"Why?\"\n",
        );
        let want = [
            "14:1: unknown key `pagr` in [duties] (did you mean `pager`? allowed keys here: pager, backup, shadow, beyond)",
            "15:10: `backup` in [duties] must be an array of strings, not a string",
            "16:10: `shadow` in [duties] is empty",
            "17:17: entry 2 of `beyond` in [duties] must be a string, not an integer",
            "17:20: entry 3 of `beyond` in [duties] is empty",
            "20:11: `prepare` in [handoff] is empty",
            "21:1: unknown key `meting` in [handoff] (did you mean `meeting`?",
            "24:1: unknown key `testing_phase_exempts` in [analysis] (did you mean `testing_phase_exempt`?",
            "25:13: `questions` in [analysis] must be an array of strings, not a string",
        ];
        for w in want {
            assert!(
                got.iter().any(|g| g.starts_with(w)),
                "{w}\nnot in\n{got:#?}"
            );
        }
        assert_eq!(got.len(), want.len(), "{got:#?}");
    }

    #[test]
    fn limits_and_wrong_section_types() {
        let long = "x".repeat(501);
        let got = problems(&format!(
            "[handoff]\nmeeting = \"{long}\"\n[analysis]\nquestions = [{}]\n",
            vec!["\"q\""; 51].join(", ")
        ));
        let top = parse(&format!("duties = 3\n{TEAM}"), "r.toml").unwrap_err();
        let top: Vec<&str> = top.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            top,
            ["`duties` in the roster must be a table, not an integer"]
        );
        assert!(
            got.iter().any(|g| g.contains("is 501 characters long")),
            "{got:#?}"
        );
        assert!(
            got.iter()
                .any(|g| g.contains("`questions` in [analysis] has 51 entries, more than the 50")),
            "{got:#?}"
        );
    }

    #[test]
    fn problems_are_reported_when_the_team_is_broken_too() {
        let text = "[team]\nname = \"T\"\n\n[duties]\nprimary = 1\n\n[[members]]\nid = \"a\"\nname = \"A\"\nemail = \"a@example.com\"\n";
        let e = parse(text, "r.toml").unwrap_err();
        let all: Vec<&str> = e.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(
            all.iter()
                .any(|m| m.contains("missing the required key `start`")),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|m| m.contains("`primary` in [duties] must be an array of strings")),
            "{all:?}"
        );
    }

    #[test]
    fn handbook_texts_are_plain_like_every_roster_string() {
        let got = problems(
            "[duties]\npager = [\"ok\", \"evil \\u001b[2J\"]\n\n[handoff]\nmeeting = \"at \\u202e noon\"\n\n\
             [analysis]\nquestions = [\"Why\\u2028?\"]\n",
        );
        for what in [
            "`duties.pager[2]` holds",
            "`handoff.meeting` holds",
            "`analysis.questions[1]` holds",
        ] {
            assert!(
                got.iter().any(|g| g.contains(what)),
                "{what}\nnot in\n{got:#?}"
            );
        }
    }
}
