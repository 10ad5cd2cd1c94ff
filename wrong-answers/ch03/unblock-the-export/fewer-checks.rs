//! Lowers MAX_CHECKS to 5, the number of checks the 1 s example needs.
//!
//! kind: constant-gaming
//! caught-by: a_job_that_never_finishes_gives_up_right_after_the_last_check

/// After this many checks, give up.
pub const MAX_CHECKS: u32 = 5;
