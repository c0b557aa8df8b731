//! Markdown that dw wrote, read back as GitHub would: with a CommonMark
//! parser (pulldown-cmark, with GitHub's extensions) into what could carry
//! untrusted text somewhere it should not be ([`read`], [`assert_inert`]),
//! and the code fences of a comment ([`assert_fences_hold`]).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Everything of a Markdown document that could carry roster text somewhere
/// it should not be.
#[derive(Debug, Default)]
pub struct Read {
    /// Each table: its rows (the header first), each row its cells' text.
    pub tables: Vec<Vec<Vec<String>>>,
    pub links: Vec<String>,
    pub images: Vec<String>,
    pub html: Vec<String>,
    pub emphasis: usize,
    /// The text of each `**strong**` span.
    pub strong: Vec<String>,
    pub headings: Vec<String>,
    pub code_blocks: Vec<String>,
    /// All text outside code, as GitHub's mention and autolink filters see it.
    pub prose: String,
}

/// The zero-width space dw puts after `@`, `#` and `://` to break mentions.
pub const ZWSP: char = '\u{200b}';

/// `markdown` parsed as GitHub does (tables, task lists, strikethrough,
/// footnotes, math): its tables, links, images, HTML, emphasis, headings,
/// code blocks and prose.
pub fn read(markdown: &str) -> Read {
    let mut r = Read::default();
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<String> = None;
    let mut heading: Option<String> = None;
    let mut strong: Option<String> = None;
    let mut code: Option<String> = None;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM;
    for event in Parser::new_ext(markdown, options) {
        match &event {
            Event::Start(Tag::Table(_)) => r.tables.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => row = Some(Vec::new()),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let (Some(t), Some(done)) = (r.tables.last_mut(), row.take()) {
                    t.push(done);
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                r.prose.push('\n');
                if let (Some(row), Some(done)) = (row.as_mut(), cell.take()) {
                    row.push(done);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => r.links.push(dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => r.images.push(dest_url.to_string()),
            Event::Html(h) | Event::InlineHtml(h) => r.html.push(h.to_string()),
            Event::InlineMath(m) | Event::DisplayMath(m) => r.html.push(format!("math {m}")),
            Event::Start(Tag::Emphasis | Tag::Strikethrough) => r.emphasis += 1,
            Event::Start(Tag::Strong) => strong = Some(String::new()),
            Event::End(TagEnd::Strong) => r.strong.extend(strong.take()),
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                r.prose.push('\n');
                r.headings.extend(heading.take());
            }
            Event::Start(Tag::CodeBlock(_)) => code = Some(String::new()),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => r.prose.push('\n'),
            Event::End(TagEnd::CodeBlock) => r.code_blocks.extend(code.take()),
            _ => {}
        }
        let text = match &event {
            Event::Text(t) | Event::Code(t) => t.to_string(),
            Event::SoftBreak | Event::HardBreak => " ".into(),
            _ => continue,
        };
        if let Some(c) = code.as_mut() {
            c.push_str(&text);
            continue;
        }
        for open in [&mut cell, &mut heading, &mut strong].into_iter().flatten() {
            open.push_str(&text);
        }
        if !matches!(event, Event::Code(_)) {
            r.prose.push_str(&text);
        }
    }
    r
}

/// No link, image, HTML, math, emphasis, mention or autolink outside code.
pub fn assert_inert(r: &Read, markdown: &str) {
    assert!(r.links.is_empty(), "links {:?}\n{markdown}", r.links);
    assert!(r.images.is_empty(), "images {:?}\n{markdown}", r.images);
    assert!(r.html.is_empty(), "HTML {:?}\n{markdown}", r.html);
    assert_eq!(r.emphasis, 0, "emphasis\n{markdown}");
    let chars: Vec<char> = r.prose.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        if matches!(c, '@' | '#') {
            assert!(
                !next.is_some_and(char::is_alphanumeric),
                "a mention or reference at {i}: {}\n{markdown}",
                r.prose
            );
        }
    }
    for autolink in ["://", "www."] {
        assert!(!r.prose.contains(autolink), "{autolink} in {}", r.prose);
    }
}

/// Text as a reader sees it: without the zero-width spaces.
pub fn seen(s: &str) -> String {
    s.chars().filter(|c| *c != ZWSP).collect()
}

/// A comment's code fences, read line by line (for text that is not only
/// Markdown, such as a script's output): every fence is longer than any run of
/// backticks inside it, and each opened fence is closed.
pub fn assert_fences_hold(comment: &str) {
    let mut open: Option<usize> = None;
    for line in comment.lines() {
        let run = line.chars().take_while(|c| *c == '`').count();
        let bare = run >= 3 && line.len() == run;
        match open {
            None if bare => open = Some(run),
            None => assert!(run < 3, "a fence that is not dw's: {line:?}\n{comment}"),
            Some(n) if bare && run == n => open = None,
            Some(n) => {
                let longest = line.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                assert!(
                    longest < n,
                    "{line:?} can close the {n}-backtick fence\n{comment}"
                );
            }
        }
    }
    assert!(open.is_none(), "a fence left open:\n{comment}");
}
