//! # Exercise 4.3: a deadline with a clear error
//!
//! A shop page asks other services for a price, a stock level, a delivery date. A
//! slow answer is worse than none: each lookup gets a deadline. In Python you would
//! write `async with asyncio.timeout(limit):` (or `asyncio.wait_for`) and catch
//! `TimeoutError`.
//!
//! Write [`with_deadline`]: await `lookup`, but give up when `limit` has passed. The
//! caller must be able to tell the two ways a lookup can fail:
//! - too slow: `Err(LookupError::TimedOut { operation, limit })`, returned when the
//!   limit is reached (not when the lookup eventually finishes), with the `limit`
//!   that was given. The lookup is stopped then: it must never finish afterwards.
//! - the lookup's own error, in time: `Err(LookupError::Failed { operation, reason
//!   })`, with the lookup's reason as it is.
//!
//! The lookup has the whole limit: an answer that comes exactly when the limit is
//! reached is in time, every time (as with `tokio::time::timeout`). Any limit is
//! legal, from `Duration::ZERO` (only a lookup that answers without waiting gets
//! through) to `Duration::MAX` (in practice, no limit).
//!
//! Run `cargo xtask check ch04-timeout-wrapper` to see what the checks verify.

use std::fmt;
use std::future::Future;
use std::time::Duration;

/// Why a lookup gave no value.
#[derive(Debug, Clone, PartialEq)]
pub enum LookupError {
    /// No answer within `limit`.
    TimedOut {
        operation: &'static str,
        limit: Duration,
    },
    /// The lookup answered with an error.
    Failed {
        operation: &'static str,
        reason: String,
    },
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TimedOut { operation, limit } => {
                write!(f, "{operation} did not answer within {limit:?}")
            }
            Self::Failed { operation, reason } => {
                write!(f, "{operation} failed: {reason}")
            }
        }
    }
}

impl std::error::Error for LookupError {}

/// Awaits `lookup` for at most `limit`. `operation` names the lookup in the error.
pub async fn with_deadline<T>(
    operation: &'static str,
    limit: Duration,
    lookup: impl Future<Output = Result<T, String>>,
) -> Result<T, LookupError> {
    // TODO: race `lookup` against `limit`, and turn both kinds of failure into a
    // LookupError.
    let _ = (operation, limit, lookup);
    todo!("await the lookup with a deadline")
}
