//! Text safety, pure and at the bottom of the crate: control characters
//! shown escaped (for the terminal), cuts that say so, and Slack's mrkdwn
//! escaping (`mrkdwn`). Clients and renderers both use it; it uses nothing.

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
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
