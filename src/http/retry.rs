//! The retry policy, as pure decisions (no clock, no sleeping):
//! - only a 429 is a rate limit: wait what `Retry-After` or PagerDuty's
//!   `ratelimit-reset` asks, unless that is longer than dw is willing to wait;
//! - a 5xx or a timeout is retried with short exponential backoff and jitter,
//!   and only when the request is safe to send twice; otherwise the outcome is
//!   ambiguous (the server may have acted) and the caller must re-read state;
//! - a connection that could not be made never reached the server: retried.
//!
//! A 5xx that carries a rate-limit header is still a 5xx: its hint is ignored.

use std::time::Duration;

use reqwest::header::HeaderMap;

use super::Settings;

/// How one attempt ended, as far as retrying cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// An answer with this status.
    Status(u16),
    /// No answer in time (the request may have reached the server).
    TimedOut,
    /// No connection (the request never left).
    NotConnected,
    /// Anything else (TLS, protocol, a body too large, a refused redirect).
    Failed,
}

/// What to do after an attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Hand the outcome to the caller.
    Done,
    /// Wait, then send again.
    Retry { wait: Duration, why: Why },
    /// A 429 asking for a longer wait than dw allows.
    TooLong { asked: Duration },
    /// A 5xx or timeout on a request that is not safe to repeat.
    Ambiguous,
}

/// Why dw waits, for the notice on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    RateLimited,
    ServerError(u16),
    TimedOut,
    NotConnected,
}

/// Decide after attempt number `attempt` (0 for the first). `hint` is the
/// answer's wait header; `jitter` is a number in `[0, 1)`.
pub fn decide(
    outcome: Outcome,
    idempotent: bool,
    attempt: u32,
    settings: &Settings,
    hint: Option<Duration>,
    jitter: f64,
) -> Decision {
    let backoff = backoff(settings, attempt, jitter);
    let (wait, why) = match outcome {
        Outcome::Status(429) => {
            let wait = hint.unwrap_or(backoff);
            if wait > settings.max_wait {
                return Decision::TooLong { asked: wait };
            }
            (wait, Why::RateLimited)
        }
        Outcome::Status(s) if (500..600).contains(&s) => {
            if !idempotent {
                return Decision::Ambiguous;
            }
            (backoff, Why::ServerError(s))
        }
        Outcome::TimedOut => {
            if !idempotent {
                return Decision::Ambiguous;
            }
            (backoff, Why::TimedOut)
        }
        Outcome::NotConnected => (backoff, Why::NotConnected),
        Outcome::Status(_) | Outcome::Failed => return Decision::Done,
    };
    if attempt >= settings.retries {
        // Out of retries: a 5xx/timeout is reported as what it was.
        return Decision::Done;
    }
    Decision::Retry { wait, why }
}

/// `backoff × 2^attempt`, plus up to half of that again as jitter, never
/// more than [`MAX_BACKOFF`].
pub fn backoff(settings: &Settings, attempt: u32, jitter: f64) -> Duration {
    let base = settings.backoff.saturating_mul(1 << attempt.min(16));
    let extra = base.mul_f64(jitter.clamp(0.0, 1.0) / 2.0);
    base.saturating_add(extra).min(MAX_BACKOFF)
}

/// The longest pause between two attempts after a 5xx or a timeout.
pub const MAX_BACKOFF: Duration = Duration::from_secs(8);

/// `Retry-After` (seconds; Slack and others) or PagerDuty's `ratelimit-reset`.
pub fn wait_hint(headers: &HeaderMap) -> Option<Duration> {
    ["retry-after", "ratelimit-reset"]
        .iter()
        .filter_map(|h| headers.get(*h))
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.trim().parse::<f64>().ok())
        .find(|s| s.is_finite() && *s >= 0.0)
        .map(|s| Duration::from_secs_f64(s.min(86_400.0)))
}

/// A number in `[0, 1)` that differs between processes and calls.
pub fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn settings() -> Settings {
        Settings {
            retries: 3,
            backoff: Duration::from_millis(100),
            max_wait: Duration::from_secs(30),
            ..Settings::default()
        }
    }

    #[test]
    fn only_429_honours_the_wait_hint() {
        let s = settings();
        let hint = Some(Duration::from_secs(60));
        assert_eq!(
            decide(Outcome::Status(429), false, 0, &s, hint, 0.0),
            Decision::TooLong {
                asked: Duration::from_secs(60)
            }
        );
        assert_eq!(
            decide(Outcome::Status(503), true, 0, &s, hint, 0.0),
            Decision::Retry {
                wait: Duration::from_millis(100),
                why: Why::ServerError(503)
            }
        );
        let short = Some(Duration::from_secs(2));
        assert_eq!(
            decide(Outcome::Status(429), false, 0, &s, short, 0.5),
            Decision::Retry {
                wait: Duration::from_secs(2),
                why: Why::RateLimited
            }
        );
    }

    #[test]
    fn unsafe_requests_are_not_resent_after_a_5xx_or_timeout() {
        let s = settings();
        for outcome in [
            Outcome::Status(500),
            Outcome::Status(503),
            Outcome::TimedOut,
        ] {
            assert_eq!(
                decide(outcome, false, 0, &s, None, 0.0),
                Decision::Ambiguous
            );
        }
        assert!(matches!(
            decide(Outcome::NotConnected, false, 0, &s, None, 0.0),
            Decision::Retry { .. }
        ));
        assert_eq!(
            decide(Outcome::Status(404), true, 0, &s, None, 0.0),
            Decision::Done
        );
        assert_eq!(
            decide(Outcome::Status(500), true, 3, &s, None, 0.0),
            Decision::Done
        );
    }

    #[test]
    fn backoff_doubles_with_bounded_jitter() {
        let s = settings();
        assert_eq!(backoff(&s, 0, 0.0), Duration::from_millis(100));
        assert_eq!(backoff(&s, 2, 0.0), Duration::from_millis(400));
        assert_eq!(backoff(&s, 2, 0.5), Duration::from_millis(500));
        assert!(backoff(&s, 2, 0.999_999) < Duration::from_millis(600));
        assert_eq!(backoff(&s, 30, 0.5), MAX_BACKOFF);
        let j = jitter();
        assert!((0.0..1.0).contains(&j));
    }

    #[test]
    fn wait_hint_reads_both_headers() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("2"));
        assert_eq!(wait_hint(&h), Some(Duration::from_secs(2)));
        let mut h = HeaderMap::new();
        h.insert("ratelimit-reset", HeaderValue::from_static("1.5"));
        assert_eq!(wait_hint(&h), Some(Duration::from_millis(1500)));
        let mut h = HeaderMap::new();
        h.insert(
            "retry-after",
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(wait_hint(&h), None);
    }
}
