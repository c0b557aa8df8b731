//! Tidying clap_mangen's roff so that `mandoc -T lint -W warning` has nothing
//! to say: a real date in `.TH`, no `.br` around a blank line (mandoc skips
//! those paragraph macros), no trailing blanks, and text lines of at most 80
//! bytes (wrapped at spaces, which roff fills back into one paragraph).

/// The version the date in `.TH` belongs to. A test fails when Cargo.toml's
/// version moves on without this pair: bump both, never read the clock.
pub const PAGE_VERSION: &str = "0.1.0";
/// The date of [`PAGE_VERSION`], printed in every page's footer.
pub const PAGE_DATE: &str = "2026-12-03";

/// The longest input text line mandoc accepts without a style message.
pub const MAX_LINE: usize = 80;

/// The length mandoc counts for a text line: it reads a character past
/// ASCII as its escape `\[uXXXX]`, so count those as 8 bytes.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 8 }).sum()
}

/// A `.TH` line for `title` in `section`: upper-case title, the fixed date,
/// "dw VERSION" as the source and "dw manual" as the volume.
pub fn title(title: &str, section: &str) -> String {
    format!(
        ".TH {} {section} {PAGE_DATE} \"dw {PAGE_VERSION}\" \"dw manual\"",
        title.to_uppercase().replace('-', "\\-")
    )
}

/// The page with its `.TH` line replaced, the `.br`/blank/`.br` triples
/// clap_mangen writes before "Possible values" turned into one `.sp`, blanks
/// at line ends removed and long text lines wrapped.
pub fn tidy(page: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut no_fill = false;
    let raw: Vec<&str> = page.lines().collect();
    let mut i = 0;
    while i < raw.len() {
        let line = raw[i].trim_end();
        if line == ".br"
            && raw.get(i + 1).map(|l| l.trim().is_empty()) == Some(true)
            && raw.get(i + 2).map(|l| l.trim_end()) == Some(".br")
        {
            lines.push(".sp".to_string());
            i += 3;
            continue;
        }
        i += 1;
        // mandoc skips a paragraph macro right after a section heading.
        if line == ".PP" && lines.last().is_some_and(|l| l.starts_with(".SH ")) {
            continue;
        }
        if let Some(rest) = line.strip_prefix(".TH ") {
            let mut words = rest.split_whitespace();
            let (Some(name), Some(section)) = (words.next(), words.next()) else {
                lines.push(line.to_string());
                continue;
            };
            lines.push(title(name, section));
            continue;
        }
        if line == ".nf" || line == ".EX" {
            no_fill = true;
        } else if line == ".fi" || line == ".EE" {
            no_fill = false;
        }
        if no_fill || line.starts_with('.') || line.starts_with('\'') {
            lines.push(line.to_string());
        } else {
            wrap(line, &mut lines);
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Break a filled text line at unescaped spaces into lines of at most
/// [`MAX_LINE`] bytes (a word longer than that stays whole). A piece that
/// would start with a control character gets `\&` in front.
fn wrap(line: &str, out: &mut Vec<String>) {
    let mut current = String::new();
    for word in words(line) {
        let piece = if current.is_empty() && (word.starts_with('.') || word.starts_with('\'')) {
            format!("\\&{word}")
        } else {
            word.to_string()
        };
        if current.is_empty() {
            current = piece;
        } else if width(&current) + 1 + width(&piece) <= MAX_LINE {
            current.push(' ');
            current.push_str(&piece);
        } else {
            out.push(std::mem::take(&mut current));
            current = if piece.starts_with('.') || piece.starts_with('\'') {
                format!("\\&{piece}")
            } else {
                piece
            };
        }
    }
    out.push(current);
}

/// The words of a roff text line: split at spaces that no backslash escapes
/// (`\ ` is a space that must not break).
fn words(line: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    let mut backslashes = 0;
    for (at, c) in line.char_indices() {
        match c {
            '\\' => backslashes += 1,
            ' ' if backslashes % 2 == 0 => {
                if at > start {
                    words.push(&line[start..at]);
                }
                start = at + 1;
                backslashes = 0;
            }
            _ => backslashes = 0,
        }
    }
    if start < line.len() {
        words.push(&line[start..]);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_belongs_to_this_version() {
        assert_eq!(
            PAGE_VERSION,
            env!("CARGO_PKG_VERSION"),
            "the version moved on: set PAGE_VERSION and PAGE_DATE in src/commands/man/tidy.rs"
        );
        let date = chrono::NaiveDate::parse_from_str(PAGE_DATE, "%Y-%m-%d");
        assert!(date.is_ok(), "{PAGE_DATE}");
    }

    #[test]
    fn the_title_line_gets_the_date() {
        let page = tidy(".TH dw-announce 1  \"announce 0.1.0\" \"dw manual\"\n.SH NAME\n");
        assert_eq!(
            page,
            ".TH DW\\-ANNOUNCE 1 2026-12-03 \"dw 0.1.0\" \"dw manual\"\n.SH NAME\n"
        );
    }

    #[test]
    fn br_around_a_blank_line_becomes_one_sp() {
        let page = tidy("text\n.br\n\n.br\n\\fIPossible values:\\fR\n");
        assert_eq!(page, "text\n.sp\n\\fIPossible values:\\fR\n");
    }

    #[test]
    fn long_lines_wrap_at_unescaped_spaces() {
        let cases = [
            ("short line ", "short line\n"),
            (
                &format!("{} {} .dot", "a".repeat(40), "b".repeat(40)),
                &format!("{}\n{} .dot\n", "a".repeat(40), "b".repeat(40)),
            ),
            (
                &format!("{} .dot", "a".repeat(79)),
                &format!("{}\n\\&.dot\n", "a".repeat(79)),
            ),
            (
                &format!("{}\\ {}", "a".repeat(50), "b".repeat(50)),
                &format!("{}\\ {}\n", "a".repeat(50), "b".repeat(50)),
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(tidy(input), *expected, "{input}");
        }
    }

    #[test]
    fn no_paragraph_macro_right_after_a_heading() {
        assert_eq!(tidy(".SH EXAMPLE\n.PP\n.nf\n"), ".SH EXAMPLE\n.nf\n");
    }

    #[test]
    fn an_arrow_counts_as_its_escape() {
        let line = format!("{} → {}", "a".repeat(36), "b".repeat(36));
        assert_eq!(
            tidy(&line),
            format!("{} →\n{}\n", "a".repeat(36), "b".repeat(36))
        );
    }

    #[test]
    fn macro_and_no_fill_lines_stay_whole() {
        let long = "x ".repeat(50);
        let long = long.trim_end();
        let page = format!(".nf\n{long}\n.fi\n.TP {long}\n");
        assert_eq!(tidy(&page), page);
    }
}
