//! Wrong answer to exercise 4.3: the deadline is checked after the lookup has
//! finished.

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
    // The deadline is checked only once the lookup has finished, however long it
    // took.
    let start = tokio::time::Instant::now();
    let answer = lookup.await;
    if start.elapsed() > limit {
        return Err(LookupError::TimedOut { operation, limit });
    }
    answer.map_err(|reason| LookupError::Failed { operation, reason })
}
