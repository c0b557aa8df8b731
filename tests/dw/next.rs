//! `dw next`: a member's next turns, from the argument or `DW_ME`.

use crate::support::{snapshot, stdout_ok, Sandbox, BUNDLED};

#[test]
fn next_table() {
    snapshot("next", &Sandbox::with(BUNDLED), &["next"]);
}

#[test]
fn next_of_one_member() {
    snapshot("next_grace", &Sandbox::with(BUNDLED), &["next", "grace"]);
}

#[test]
fn next_takes_the_member_from_dw_me() {
    let sandbox = Sandbox::with(BUNDLED);
    let from_arg = stdout_ok(&mut sandbox.dw(&["next", "grace"]));
    let from_env = stdout_ok(sandbox.dw(&["next"]).env("DW_ME", "grace"));
    assert_eq!(from_arg, from_env);
}
