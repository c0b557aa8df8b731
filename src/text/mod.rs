//! Text safety, pure and at the bottom of the crate: the characters no
//! roster string may hold, control characters shown escaped (for the
//! terminal), one-record-per-line fields, cuts that say so, Slack's mrkdwn
//! escaping (`mrkdwn`), HTML escaping (`html`) and Markdown escaping
//! (`markdown`). Clients and renderers both use it; it uses nothing.

pub mod html;
pub mod markdown;
pub mod mrkdwn;

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
    (c.is_control() && c != '\n' && c != '\t') || (is_forbidden(c) && !c.is_control())
}

/// Characters no roster string and no value of an editing flag may hold:
/// C0 controls (tab and line feed too), DEL, C1 controls, the bidi
/// embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069)
/// and the line and paragraph separators (U+2028, U+2029). Each can rewrite
/// what a terminal, a Markdown table or a one-record-per-line format shows.
pub fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
        )
}

/// The first forbidden character of `text` (see [`is_forbidden`]), with its
/// index in characters (0-based), and how many `text` holds in all.
pub fn first_forbidden(text: &str) -> Option<(usize, char, usize)> {
    let mut found = None;
    let mut count = 0;
    for (i, c) in text.chars().enumerate() {
        if is_forbidden(c) {
            count += 1;
            found.get_or_insert((i, c));
        }
    }
    found.map(|(i, c)| (i, c, count))
}

/// `U+001B (escape)`: a forbidden character named for a message.
pub fn describe_char(c: char) -> String {
    let name = match c {
        '\t' => "tab",
        '\n' => "line feed",
        '\r' => "carriage return",
        '\u{1b}' => "escape",
        '\u{7}' => "bell",
        '\u{8}' => "backspace",
        '\u{7f}' => "delete",
        '\u{0}' => "null",
        '\u{9b}' => "control sequence introducer",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => "bidirectional control",
        _ => "control character",
    };
    format!("U+{:04X} ({name})", c as u32)
}

/// `text` as one field of a one-record-per-line output (TSV, `--field`):
/// every forbidden character (tab, line breaks, other controls, bidi
/// controls, separators; see [`is_forbidden`]) becomes a space. Roster text
/// holds none once validated; this is the second line of defence.
pub fn one_record(text: &str) -> String {
    if !text.chars().any(is_forbidden) {
        return text.to_string();
    }
    text.chars()
        .map(|c| if is_forbidden(c) { ' ' } else { c })
        .collect()
}

/// Keep at most `max` characters of `text`, in place, adding `…` when it cut.
pub fn cut_chars(text: &mut String, max: usize) {
    if text.len() <= max {
        return;
    }
    if let Some((at, _)) = text.char_indices().nth(max) {
        text.truncate(at);
        text.push('…');
    }
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
        assert_eq!(terminal_safe("a\u{2028}b"), "a\\u{2028}b");
        assert_eq!(terminal_safe("\u{9b}31m"), "\\u{9b}31m");
    }

    #[test]
    fn forbidden_characters_are_found_and_named() {
        for (c, forbidden) in [
            ('\u{0}', true),
            ('\t', true),
            ('\n', true),
            ('\u{1b}', true),
            ('\u{1f}', true),
            ('\u{7f}', true),
            ('\u{80}', true),
            ('\u{9f}', true),
            ('\u{202a}', true),
            ('\u{202e}', true),
            ('\u{2066}', true),
            ('\u{2069}', true),
            ('\u{2028}', true),
            ('\u{2029}', true),
            (' ', false),
            ('~', false),
            ('\u{a0}', false),
            ('é', false),
            ('\u{200b}', false),
            ('\u{2027}', false),
            ('\u{202f}', false),
            ('\u{2065}', false),
            ('\u{206a}', false),
            ('|', false),
        ] {
            assert_eq!(is_forbidden(c), forbidden, "U+{:04X}", c as u32);
        }
        assert_eq!(first_forbidden("Ada"), None);
        assert_eq!(first_forbidden("Aé\u{1b}]0;x\u{7}"), Some((2, '\u{1b}', 2)));
        assert_eq!(describe_char('\u{1b}'), "U+001B (escape)");
        assert_eq!(describe_char('\u{202e}'), "U+202E (bidirectional control)");
        assert_eq!(describe_char('\u{85}'), "U+0085 (control character)");
    }

    #[test]
    fn one_record_fields_never_break_the_line() {
        assert_eq!(
            one_record("a\tb\nc\rd\u{2028}e\u{85}f\u{b}g"),
            "a b c d e f g"
        );
        assert_eq!(one_record("Ångström"), "Ångström");
    }

    #[test]
    fn cuts_keep_whole_characters_and_say_so() {
        let mut s = "héllo".to_string();
        cut_chars(&mut s, 2);
        assert_eq!(s, "hé…");
        let mut s = "héllo".to_string();
        cut_chars(&mut s, 5);
        assert_eq!(s, "héllo");
        let mut s = "ééé".to_string();
        cut_chars(&mut s, 3);
        assert_eq!(s, "ééé");
    }
}
