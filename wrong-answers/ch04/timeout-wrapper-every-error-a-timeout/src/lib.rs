//! Wrong answer to exercise 4.3: the lookup's own error is reported as a timeout.

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
    // The lookup's own error is reported as a timeout.
    match tokio::time::timeout(limit, lookup).await {
        Ok(Ok(value)) => Ok(value),
        _ => Err(LookupError::TimedOut { operation, limit }),
    }
}
