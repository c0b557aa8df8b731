//! Why a request failed, and how long dw waited for it.

use std::fmt;
use std::time::Duration;

/// Why a request failed, after the retries it was allowed. Every text in it
/// has been through [`redact::clean`](super::redact::clean).
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("cannot connect to {host}: {detail}{waited}")]
    Connect {
        host: String,
        detail: String,
        waited: Waited,
    },
    #[error("no answer from {host} within {seconds} s{waited}")]
    Timeout {
        host: String,
        seconds: f64,
        waited: Waited,
    },
    #[error("rate limited by {host}; it asks to wait {seconds} s, longer than the {max} s dw waits{waited}")]
    RateLimited {
        host: String,
        seconds: u64,
        max: u64,
        waited: Waited,
    },
    #[error("{host} answered HTTP {status}{detail}{waited}")]
    Status {
        host: String,
        status: u16,
        detail: String,
        body: String,
        waited: Waited,
    },
    /// A request that is not safe to repeat got a 5xx or no answer: it may or
    /// may not have taken effect. The caller re-reads the state.
    #[error("{what}; the request may or may not have taken effect, and dw does not send it twice")]
    Ambiguous {
        host: String,
        what: String,
        status: Option<u16>,
    },
    #[error("{host} redirected the request (HTTP {status}) to {location}; dw follows redirects only within the same origin, and never from https to http")]
    Redirect {
        host: String,
        status: u16,
        location: String,
    },
    #[error("the answer from {host} is larger than {cap} bytes; dw stops reading there")]
    TooLarge { host: String, cap: u64 },
    #[error("{host}: the command's deadline of {limit} passed (DW_DEADLINE){waited}")]
    Deadline {
        host: String,
        /// The deadline, as shown (`120 s`).
        limit: String,
        waited: Waited,
    },
    #[error("request to {host} failed: {detail}")]
    Other { host: String, detail: String },
}

/// The time spent waiting between attempts, shown at the end of an error.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Waited {
    pub attempts: u32,
    pub total: Duration,
}

impl fmt::Display for Waited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.attempts <= 1 {
            return Ok(());
        }
        write!(
            f,
            " (after {} attempts, {} waited)",
            self.attempts,
            seconds(self.total)
        )
    }
}

/// `3 s`, `0.5 s`.
pub fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s > 0.0 && s < 0.05 {
        // A short backoff is not "0 s".
        format!("{} ms", d.as_millis().max(1))
    } else if (s - s.round()).abs() < 0.05 {
        format!("{} s", s.round())
    } else {
        format!("{s:.1} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_reads_well_for_every_wait() {
        for (ms, shown) in [
            (0, "0 s"),
            (10, "10 ms"),
            (49, "49 ms"),
            (500, "0.5 s"),
            (1_000, "1 s"),
            (1_500, "1.5 s"),
            (15_000, "15 s"),
        ] {
            assert_eq!(seconds(Duration::from_millis(ms)), shown, "{ms} ms");
        }
    }
}
