//! A credential that cannot be printed by accident: no `Display`, and
//! `Debug` shows `***`. The value leaves only through [`Secret::expose`],
//! where a request header is built.

use std::fmt;

/// A token (or a URL password) as dw holds it.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wrap `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself: only for the header that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// No value (a dry run without a token: requests show `***`).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let s = Secret::new("xoxb-very-secret");
        assert_eq!(format!("{s:?}"), "***");
        assert_eq!(format!("{:?}", Some(&s)), "Some(***)");
        assert_eq!(s.expose(), "xoxb-very-secret");
    }
}
