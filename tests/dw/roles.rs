//! `dw roles`.

use crate::support::{snapshot, Sandbox, BUNDLED};

#[test]
fn roles_table() {
    snapshot("roles", &Sandbox::with(BUNDLED), &["roles"]);
}
