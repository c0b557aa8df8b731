//! The page's colours, light and dark, as CSS custom properties. Kept here
//! as data so a unit test can hold every text colour to WCAG AA contrast
//! (4.5:1) against the background it is drawn on.

use crate::roster::MemberIx;

/// One colour scheme.
pub(super) struct Theme {
    /// Page background and text.
    pub bg: &'static str,
    pub fg: &'static str,
    /// Secondary text (dates, reasons, the footer).
    pub muted: &'static str,
    pub link: &'static str,
    /// Grid lines and the heavier line between weeks.
    pub line: &'static str,
    pub line_strong: &'static str,
    /// Header cells.
    pub head: &'static str,
    /// Today's cell, and its outline.
    pub today: &'static str,
    pub today_line: &'static str,
    /// The outline of the highlighted member's cells (`--member`).
    pub me: &'static str,
    /// Text on a member colour.
    pub chip_fg: &'static str,
    /// Member colours: a member's is `members[place in the roster % len]`.
    pub members: [&'static str; 12],
}

pub(super) const LIGHT: Theme = Theme {
    bg: "#ffffff",
    fg: "#1b1b1f",
    muted: "#5a5a66",
    link: "#0b57b0",
    line: "#c9c9d1",
    line_strong: "#6d6d78",
    head: "#eeeef2",
    today: "#fff4c2",
    today_line: "#8a6d00",
    me: "#b3261e",
    chip_fg: "#1b1b1f",
    members: [
        "#ffd1d1", "#ffdfb8", "#fff2a8", "#d6f5c2", "#c2efe2", "#c7e6ff", "#d6dcff", "#e6d6ff",
        "#fbd3ef", "#e9e0cf", "#d2eef2", "#e3e9bd",
    ],
};

pub(super) const DARK: Theme = Theme {
    bg: "#17181c",
    fg: "#e9e9ee",
    muted: "#a9a9b6",
    link: "#8ab8ff",
    line: "#3b3c44",
    line_strong: "#8a8a96",
    head: "#23242b",
    today: "#3d3510",
    today_line: "#f0d060",
    me: "#ff8a80",
    chip_fg: "#f6f6f8",
    members: [
        "#8c2d2d", "#8a4710", "#6e5a00", "#2f6a1c", "#145f52", "#1c5a88", "#3a48a0", "#62389e",
        "#8a2c72", "#5f5140", "#235e66", "#546024",
    ],
};

impl Theme {
    /// `--bg:#fff;--fg:…`: the scheme as custom properties.
    pub(super) fn vars(&self) -> String {
        let mut out = format!(
            "--bg:{};--fg:{};--muted:{};--link:{};--line:{};--line-strong:{};--head:{};\
             --today:{};--today-line:{};--me:{};--chip-fg:{};",
            self.bg,
            self.fg,
            self.muted,
            self.link,
            self.line,
            self.line_strong,
            self.head,
            self.today,
            self.today_line,
            self.me,
            self.chip_fg
        );
        for (i, c) in self.members.iter().enumerate() {
            out.push_str(&format!("--m{i}:{c};"));
        }
        out
    }
}

/// `.m0{background:var(--m0)}…`: one class per member colour.
pub(super) fn member_classes() -> String {
    (0..LIGHT.members.len())
        .map(|i| format!(".m{i}{{background:var(--m{i});color:var(--chip-fg)}}"))
        .collect()
}

/// The colour class of the member at `index` in the roster.
pub(super) fn member_class(index: MemberIx) -> usize {
    index.0 % LIGHT.members.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(hex: &str, at: usize) -> f64 {
        let v = u8::from_str_radix(&hex[at..at + 2], 16).expect("hex colour") as f64 / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    }

    /// WCAG 2 relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn contrast_is_known_for_black_and_white() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
    }

    #[test]
    fn every_text_colour_meets_wcag_aa_in_both_schemes() {
        for (scheme, t) in [("light", &LIGHT), ("dark", &DARK)] {
            let pairs = [
                ("text", t.fg, t.bg),
                ("muted text", t.muted, t.bg),
                ("link", t.link, t.bg),
                ("header text", t.fg, t.head),
                ("muted header text", t.muted, t.head),
                ("today's text", t.fg, t.today),
                ("today's dates", t.muted, t.today),
            ];
            for (what, fg, bg) in pairs {
                let c = contrast(fg, bg);
                assert!(c >= 4.5, "{scheme} {what} {fg} on {bg}: {c:.2}");
            }
            for (i, m) in t.members.iter().enumerate() {
                let c = contrast(t.chip_fg, m);
                assert!(c >= 4.5, "{scheme} member colour {i} {m}: {c:.2}");
            }
            // Outlines and the today mark are seen, not read: 3:1 (WCAG 1.4.11).
            for (what, fg) in [("highlight outline", t.me), ("today outline", t.today_line)] {
                let c = contrast(fg, t.bg);
                assert!(c >= 3.0, "{scheme} {what} {fg}: {c:.2}");
            }
            assert!(contrast(t.line_strong, t.bg) >= 3.0, "{scheme} week line");
        }
    }

    #[test]
    fn both_schemes_define_the_same_properties() {
        let names = |t: &Theme| -> Vec<String> {
            t.vars()
                .split(';')
                .filter_map(|d| d.split(':').next().map(str::to_string))
                .collect()
        };
        assert_eq!(names(&LIGHT), names(&DARK));
        assert_eq!(member_class(MemberIx(13)), 1);
    }
}
