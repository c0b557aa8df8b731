//! Slack's mrkdwn escaping: user text that cannot ping, mention or link,
//! and mentions of people. Pure text.

/// Escape user text for Slack (`&`, `<`, `>`), so it cannot ping `<!channel>`,
/// mention `<@U…>` or forge `<https://…|links>`.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `<@U…>` for a Slack user ID, or the plain name when there is none.
pub fn mention(slack_id: Option<&str>, name: &str) -> String {
    match slack_id {
        Some(id) if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()) => {
            format!("<@{id}>")
        }
        _ => escape(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_defuses_mentions_and_links() {
        assert_eq!(
            escape("<!channel> <@U123> <https://evil|click> & co"),
            "&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|click&gt; &amp; co"
        );
    }

    #[test]
    fn mention_falls_back_to_the_escaped_name() {
        assert_eq!(mention(Some("U0000000A"), "Ada"), "<@U0000000A>");
        assert_eq!(mention(None, "A<da>"), "A&lt;da&gt;");
        assert_eq!(mention(Some("U1>x"), "Ada"), "Ada");
    }
}
