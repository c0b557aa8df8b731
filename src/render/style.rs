//! The shared look of dw's output: tables, bold titles, counts and times.

use chrono::{DateTime, SecondsFormat};
use chrono_tz::{OffsetName, Tz};
use comfy_table::{presets, Cell, ContentArrangement, Table};

/// How wide tables may grow: a standard terminal.
pub const TABLE_WIDTH: u16 = 80;

/// Bold text when colour is on.
pub fn bold(s: &str, color: bool) -> String {
    if color {
        format!("\x1b[1m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// An empty table with upper-case headers, no borders, at most 80 columns.
pub fn table<H: AsRef<str>>(headers: impl IntoIterator<Item = H>) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(TABLE_WIDTH)
        .set_header(
            headers
                .into_iter()
                .map(|h| Cell::new(h.as_ref().to_uppercase())),
        );
    t
}

/// Render a table and trim the padding comfy-table leaves at line ends.
pub fn finish(t: &Table) -> String {
    let mut out: String = t
        .to_string()
        .lines()
        .map(|l| l.trim_end().to_string() + "\n")
        .collect();
    if out.is_empty() {
        out.push('\n');
    }
    out
}

/// `1 member`, `2 members`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// RFC 3339 with seconds and the zone's offset (`+00:00` for UTC).
pub fn rfc3339(t: &DateTime<Tz>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// `Tue 2026-03-03 10:00 CST`: how people read a handoff moment.
pub fn human(t: &DateTime<Tz>) -> String {
    // Zones without a letter abbreviation (Australia/Lord_Howe) get the offset.
    let zone = match t.offset().abbreviation() {
        Some(a) if a.chars().any(|c| c.is_ascii_alphabetic()) => a.to_string(),
        _ => t.format("%:z").to_string(),
    };
    format!("{} {zone}", t.format("%a %Y-%m-%d %H:%M"))
}

/// Text from PagerDuty or Slack made safe for a terminal: control characters
/// (escape sequences, carriage returns, bells, bidi overrides) are shown as
/// `\u{1b}` instead of being interpreted. Newlines and tabs are kept.
pub fn terminal_safe(text: &str) -> String {
    if !text.chars().any(unsafe_char) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// `terminal_safe` for one-line fields (titles, names): newlines escaped too.
pub fn one_line_safe(text: &str) -> String {
    terminal_safe(text).replace('\n', "\\n").replace('\t', " ")
}

fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_interpreted() {
        assert_eq!(
            terminal_safe("a\x1b]0;pwned\x07b\r\nc"),
            "a\\u{1b}]0;pwned\\u{7}b\\u{d}\nc"
        );
        assert_eq!(one_line_safe("x\ny"), "x\\ny");
        assert_eq!(terminal_safe("plain é"), "plain é");
        assert_eq!(terminal_safe("\u{202e}"), "\\u{202e}");
    }
}
