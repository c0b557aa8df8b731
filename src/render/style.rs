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
    format!("{} {}", t.format("%a %Y-%m-%d %H:%M"), zone(t))
}

/// `CST`, or the offset (`+10:30`) for zones without a letter abbreviation
/// (Australia/Lord_Howe).
pub fn zone(t: &DateTime<Tz>) -> String {
    match t.offset().abbreviation() {
        Some(a) if a.chars().any(|c| c.is_ascii_alphabetic()) => a.to_string(),
        _ => t.format("%:z").to_string(),
    }
}
