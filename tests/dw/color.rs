//! `--color auto|always|never`, `--no-color` and `NO_COLOR`: an explicit
//! `--color always` or `never` wins over `NO_COLOR`, as in fd and ripgrep.

use crate::support::{Sandbox, BUNDLED};

const BOLD: &str = "\x1b[1m";

fn who(sandbox: &Sandbox, extra: &[&str]) -> String {
    let mut args = vec!["who"];
    args.extend_from_slice(extra);
    sandbox.dw(&args).ok()
}

#[test]
fn color_always_colours_even_a_pipe_and_wins_over_no_color() {
    let sandbox = Sandbox::with(BUNDLED);
    let out = who(&sandbox, &["--color", "always"]);
    assert!(
        out.starts_with(&format!("{BOLD}Dreamwork on call, week 8")),
        "{out:?}"
    );
    let sandbox = Sandbox::with(BUNDLED).env("NO_COLOR", "1");
    assert!(who(&sandbox, &["--color=always"]).contains(BOLD));
}

#[test]
fn color_auto_is_plain_in_a_pipe_and_never_is_plain_everywhere() {
    let sandbox = Sandbox::with(BUNDLED);
    for extra in [
        &[][..],
        &["--color", "auto"],
        &["--color", "never"],
        &["--no-color"],
    ] {
        let out = who(&sandbox, extra);
        assert!(!out.contains('\x1b'), "{extra:?}: {out:?}");
        assert!(
            out.starts_with("Dreamwork on call, week 8"),
            "{extra:?}: {out:?}"
        );
    }
    let sandbox = Sandbox::with(BUNDLED).env("NO_COLOR", "1");
    assert!(!who(&sandbox, &["--color", "auto"]).contains('\x1b'));
}

#[test]
fn color_takes_only_the_three_words_and_not_with_no_color() {
    let sandbox = Sandbox::with(BUNDLED);
    sandbox
        .run(&["who", "--color", "sometimes"])
        .code(2)
        .stderr_has("auto")
        .stderr_has("always")
        .stderr_has("never");
    sandbox
        .run(&["who", "--no-color", "--color", "always"])
        .code(2)
        .stderr_has("cannot be used with");
}
