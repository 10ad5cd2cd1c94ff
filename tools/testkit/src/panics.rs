use std::future::Future;
use std::task::Poll;

/// Awaits `future`; a panic inside it becomes `Err` with the panic's message, so that a check
/// can say what the panic means instead of failing with it. (The panic is still printed.)
///
/// ```
/// # course_testkit::run_paused(|| async {
/// let empty: Vec<u64> = Vec::new();
/// let average = course_testkit::catching_panics(async {
///     empty.iter().sum::<u64>() / empty.len() as u64
/// })
/// .await;
/// assert!(average.unwrap_err().contains("divide by zero"));
/// # });
/// ```
pub async fn catching_panics<F: Future>(future: F) -> Result<F::Output, String> {
    let mut future = std::pin::pin!(future);
    std::future::poll_fn(|context| {
        let polled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            future.as_mut().poll(context)
        }));
        match polled {
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(panic) => Poll::Ready(Err(panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default())),
        }
    })
    .await
}
