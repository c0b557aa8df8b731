//! Stopping cleanly on SIGINT and SIGTERM.
//!
//! A command that writes files (a roster edit, a sync's ledger) calls
//! [`install`]: from then on a SIGINT or SIGTERM is handled on a thread of its
//! own, which waits for a write in progress ([`critical`]) to finish, removes
//! the temporary files dw still has open (see `files`), says what happens
//! next, and exits 130 (SIGINT) or 143 (SIGTERM). Without `install` the
//! signals keep their default action.

use std::sync::{Mutex, MutexGuard, Once};

/// Held while a file is being replaced: an interrupt waits for it.
static CRITICAL: Mutex<()> = Mutex::new(());
/// What to say on stderr when interrupted (set by the command).
static NOTE: Mutex<Option<String>> = Mutex::new(None);
static INSTALLED: Once = Once::new();

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A section an interrupt does not cut into (a ledger being saved).
pub fn critical() -> MutexGuard<'static, ()> {
    lock(&CRITICAL)
}

/// What dw says on stderr when it is interrupted from now on.
pub fn set_note(text: impl Into<String>) {
    *lock(&NOTE) = Some(text.into());
}

/// The exit code for a signal: 128 + its number (130 SIGINT, 143 SIGTERM).
pub fn exit_code(signal: i32) -> i32 {
    128 + signal
}

/// Handle SIGINT and SIGTERM from now on (once per process; a failure to
/// install leaves the default action, which is what dw did before).
pub fn install() {
    INSTALLED.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([
            signal_hook::consts::SIGINT,
            signal_hook::consts::SIGTERM,
        ]) else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("dw-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    stop(signal);
                }
            });
        drop(spawned);
    });
}

/// Wait for a write in progress, remove dw's temporary files, say so, exit.
fn stop(signal: i32) -> ! {
    let _held = critical();
    crate::files::remove_tracked_temps();
    let name = if signal == signal_hook::consts::SIGINT {
        "SIGINT"
    } else {
        "SIGTERM"
    };
    let note = lock(&NOTE).clone();
    match note {
        Some(n) => eprintln!("dw: stopped by {name}: {n}"),
        None => eprintln!("dw: stopped by {name}"),
    }
    std::process::exit(exit_code(signal))
}

#[cfg(test)]
mod tests {
    #[test]
    fn exit_codes_are_128_plus_the_signal() {
        assert_eq!(super::exit_code(signal_hook::consts::SIGINT), 130);
        assert_eq!(super::exit_code(signal_hook::consts::SIGTERM), 143);
    }
}
