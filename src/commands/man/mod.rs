//! `dw man` (hidden): the man pages, generated from the command line with
//! `clap_mangen`, plus ENVIRONMENT, EXIT STATUS and SEE ALSO. `man/dw.1`
//! holds its output; a test fails when the two differ.

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::{Error, Result};
use crate::files::{write_atomic, Overwrite};

mod roster;
mod tidy;

/// The NAME line of dw(1): what dw is, in the words `man -k` and `apropos` show.
pub const NAME_LINE: &str = "an on-call tool for teams that keep their rotation in git";

/// What each exit code means.
const EXIT_STATUS: [(&str, &str); 5] = [
    (
        "0",
        "Success (also: nothing to do, e.g. dw remind outside the reminder window).",
    ),
    (
        "1",
        "A failure talking to PagerDuty or Slack, or writing the output.",
    ),
    (
        "2",
        "A usage error or a roster error; every problem found is listed. Also dw who --field \
         with no answer (nobody that week or at that rank, or the field missing in the roster).",
    ),
    (
        "3",
        "A command that needs credentials was run without them (PAGERDUTY_TOKEN, \
         DW_PAGERDUTY_FROM, SLACK_TOKEN), with a malformed one, or with one the service \
         rejects (PagerDuty HTTP 401 or 403; Slack invalid_auth, not_authed, token_revoked, \
         account_inactive); the message names the variable and where to get a valid one.",
    ),
    (
        "4",
        "dw check --pagerduty found that PagerDuty and the roster disagree.",
    ),
];

/// Escape text for roff: backslashes, hyphens (so they stay hyphens), and a
/// leading dot or quote.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// A tagged paragraph: `tag` in bold, `text` under it.
fn item(out: &mut String, tag: &str, text: &str) {
    out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", roff(tag), roff(text)));
}

/// The whole page, as roff.
pub fn page() -> Result<String> {
    // No `help` subcommand: there is no dw-help(1) page to point to.
    // The NAME line is the one-line summary, not the help's first sentence.
    let cmd = Cli::command()
        .disable_help_subcommand(true)
        .about(NAME_LINE);
    let man = clap_mangen::Man::new(cmd).section("1").manual("dw manual");
    let mut buf = Vec::new();
    let rendered = (|| -> std::io::Result<()> {
        man.render_title(&mut buf)?;
        man.render_name_section(&mut buf)?;
        man.render_synopsis_section(&mut buf)?;
        man.render_description_section(&mut buf)?;
        man.render_options_section(&mut buf)?;
        man.render_subcommands_section(&mut buf)?;
        Ok(())
    })();
    rendered.map_err(Error::from)?;
    let mut out = String::from_utf8_lossy(&buf).into_owned();
    out.push_str(".SH ENVIRONMENT\n");
    for var in crate::invocation::env::VARS.iter().filter(|v| v.shown) {
        item(&mut out, &var.shown_name(), &var.text());
    }
    out.push_str(".SH \"EXIT STATUS\"\n");
    for (code, text) in EXIT_STATUS {
        item(&mut out, code, text);
    }
    out.push_str(".SH \"SEE ALSO\"\n");
    out.push_str(&roff(
        "dw-roster(5) describes the roster file. In the dw repository, docs/commands.md \
         describes every command, docs/rotation.md explains the rotation rules with worked \
         examples (weeks and daylight saving time, the queue, away and make-up turns, joiners \
         and leavers, overrides and covers), docs/setup.md the tokens and scopes each command \
         needs, and examples/github/ the CI workflows.",
    ));
    out.push('\n');
    let mut version = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render_version_section(&mut version)
        .map_err(Error::from)?;
    out.push_str(&String::from_utf8_lossy(&version));
    Ok(tidy::tidy(&out))
}

/// The page of a subcommand (`dw-who.1`, `dw-incident-start.1`), as clap_mangen renders it.
fn sub_page(cmd: &clap::Command) -> Result<String> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .section("1")
        .manual("dw manual")
        .render(&mut buf)
        .map_err(Error::from)?;
    Ok(tidy::tidy(&String::from_utf8_lossy(&buf)))
}

/// Every page: (file name, roff): `dw.1`, one per visible subcommand, and
/// `dw-roster.5` (the roster format).
pub fn pages() -> Result<Vec<(String, String)>> {
    fn walk(cmd: &clap::Command, out: &mut Vec<(String, String)>) -> Result<()> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let name = sub.get_display_name().unwrap_or_else(|| sub.get_name());
            out.push((format!("{name}.1"), sub_page(sub)?));
            walk(sub, out)?;
        }
        Ok(())
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = vec![("dw.1".to_string(), page()?)];
    walk(&cmd, &mut out)?;
    out.push(("dw-roster.5".to_string(), tidy::tidy(&roster::page())));
    Ok(out)
}

/// Print the main page, or write every page into `--out DIR`.
pub fn run(args: &ManArgs) -> Result<()> {
    let Some(dir) = &args.out else {
        return super::print(&page()?);
    };
    for (name, text) in pages()? {
        let path = dir.join(&name);
        write_atomic(&path, text.as_bytes(), Overwrite::RegularFile).map_err(|e| {
            Error::usage(
                format!("cannot write {}: {e}", path.display()),
                "pass --out an existing folder you can write to",
            )
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_has_the_extra_sections() {
        let page = page().unwrap();
        for section in [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH SUBCOMMANDS",
            ".SH ENVIRONMENT",
            ".SH \"EXIT STATUS\"",
        ] {
            assert!(page.contains(section), "no {section}");
        }
        assert!(page.contains("\\fBPAGERDUTY_TOKEN\\fR"));
        assert!(page.contains("\\fBNO_COLOR\\fR"));
        assert!(!page.contains("SPEC"));
    }

    #[test]
    fn every_visible_command_has_a_page() {
        let names: Vec<String> = pages().unwrap().into_iter().map(|(n, _)| n).collect();
        for name in [
            "dw.1",
            "dw-who.1",
            "dw-remind.1",
            "dw-incident.1",
            "dw-incident-start.1",
        ] {
            assert!(names.contains(&name.to_string()), "{name} not in {names:?}");
        }
        assert!(!names.iter().any(|n| n.contains("man")), "{names:?}");
    }

    #[test]
    fn every_page_has_a_dated_title_short_lines_and_no_skipped_macros() {
        for (name, text) in pages().unwrap() {
            let th = text.lines().find(|l| l.starts_with(".TH ")).unwrap();
            assert!(th.contains(tidy::PAGE_DATE), "{name}: {th}");
            assert!(!text.contains(".br\n\n.br"), "{name}");
            assert!(!text.contains(".SH EXAMPLE\n.PP"), "{name}");
            let mut no_fill = false;
            for (n, line) in text.lines().enumerate() {
                no_fill = match line {
                    ".nf" | ".EX" => true,
                    ".fi" | ".EE" => false,
                    _ => no_fill,
                };
                assert_eq!(line, line.trim_end(), "{name}:{}: blank at the end", n + 1);
                if !no_fill && !line.starts_with('.') {
                    assert!(
                        tidy::width(line) <= tidy::MAX_LINE,
                        "{name}:{}: {} bytes: {line}",
                        n + 1,
                        tidy::width(line)
                    );
                }
            }
        }
    }

    #[test]
    fn the_name_line_says_what_dw_is() {
        let page = page().unwrap();
        let name = page
            .split(".SH NAME\n")
            .nth(1)
            .unwrap()
            .lines()
            .next()
            .unwrap();
        assert_eq!(
            name,
            "dw \\- an on\\-call tool for teams that keep their rotation in git"
        );
    }

    #[test]
    fn roff_escapes_hyphens_and_leading_dots() {
        assert_eq!(roff("--at"), "\\-\\-at");
        assert_eq!(roff(".hidden"), "\\&.hidden");
    }
}
