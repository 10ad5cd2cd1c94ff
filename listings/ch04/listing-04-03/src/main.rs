//! Listing 4-3: `asyncio.create_task` in Rust. `tokio::spawn` starts a task at once
//! and returns a `JoinHandle`; dropping the handle detaches the task, `abort`
//! cancels it, and a panic inside it comes back as a `JoinError`.

use std::time::Duration;
use tokio::time::Instant;

/// Stands in for an HTTP call that answers after one second.
async fn fetch(url: &'static str) -> String {
    tokio::time::sleep(Duration::from_secs(1)).await;
    format!("data from {url}")
}

// ANCHOR: background
/// The article's `background_tasks`: the first fetch starts at once, the second half
/// a second later, and both run while this function waits.
async fn background_fetches() -> (String, String) {
    let first = tokio::spawn(fetch("https://api1.example.com"));
    // Other work; the first task is already running meanwhile.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let second = tokio::spawn(fetch("https://api2.example.com"));
    // A `JoinError` here would mean the task panicked or was aborted; `fetch` does
    // neither.
    let first = first
        .await
        .expect("the first fetch neither panics nor is aborted");
    let second = second
        .await
        .expect("the second fetch neither panics nor is aborted");
    (first, second)
}
// ANCHOR_END: background

// ANCHOR: handles
/// Spawns a fetch and drops its handle: the task is detached and keeps running.
fn fire_and_forget() -> tokio::sync::oneshot::Receiver<String> {
    let (done, outcome) = tokio::sync::oneshot::channel();
    drop(tokio::spawn(async move {
        let _ = done.send(fetch("https://audit.example.com").await);
    }));
    outcome
}

/// Aborts a fetch half-way: awaiting its handle then says it was cancelled.
async fn abort_half_way() -> tokio::task::JoinError {
    let task = tokio::spawn(fetch("https://slow.example.com"));
    tokio::time::sleep(Duration::from_millis(500)).await;
    task.abort();
    task.await.unwrap_err()
}

/// A task that panics: the panic stops the task, not the program, and comes back as
/// an error.
async fn panic_in_a_task() -> tokio::task::JoinError {
    let task = tokio::spawn(async {
        // A bug: the quota service may answer "unlimited", which is not a number.
        let quota: u32 = "unlimited".parse().expect("the quota is a number");
        quota
    });
    task.await.unwrap_err()
}
// ANCHOR_END: handles

#[tokio::main]
async fn main() {
    // ANCHOR: main
    let start = Instant::now();
    let (first, second) = background_fetches().await;
    println!("{first} and {second} after {:.2?}", start.elapsed());

    let detached = fire_and_forget();
    println!(
        "handle dropped, the task still answered: {:?}",
        detached.await
    );

    println!(
        "aborted: is_cancelled() = {}",
        abort_half_way().await.is_cancelled()
    );

    // Silence the default panic message on stderr: this panic is the point of the
    // demo.
    std::panic::set_hook(Box::new(|_| {}));
    println!(
        "panicked: is_panic() = {}",
        panic_in_a_task().await.is_panic()
    );
    // ANCHOR_END: main
}

#[cfg(test)]
mod tests {
    use super::*;
    use course_testkit::timed;

    // ANCHOR: proof
    /// The second fetch starts at 0.5 s and takes 1 s: both are done at 1.5 s, not 2
    /// s.
    #[tokio::test(start_paused = true)]
    async fn the_article_background_example_takes_one_and_a_half_seconds() {
        let (took, (first, second)) = timed(background_fetches()).await;
        assert_eq!(took, Duration::from_millis(1500));
        assert_eq!(first, "data from https://api1.example.com");
        assert_eq!(second, "data from https://api2.example.com");
    }
    // ANCHOR_END: proof

    // ANCHOR: eager
    /// A future does nothing until it is awaited (like a coroutine object in
    /// Python); a spawned task runs even if nobody ever awaits its handle.
    #[tokio::test(start_paused = true)]
    async fn a_future_is_lazy_and_a_task_is_eager() {
        let (started, mut seen) = tokio::sync::watch::channel(0);
        let lazy = async { started.send_modify(|count| *count += 1) };
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(*seen.borrow_and_update(), 0, "the future has not run");
        drop(lazy);

        let _handle =
            tokio::spawn(async move { started.send_modify(|count| *count += 1) });
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(
            *seen.borrow_and_update(),
            1,
            "the task ran without being awaited"
        );
    }
    // ANCHOR_END: eager

    #[tokio::test(start_paused = true)]
    async fn a_dropped_handle_detaches_the_task_which_still_finishes() {
        let (took, answer) = timed(fire_and_forget()).await;
        assert_eq!(answer.unwrap(), "data from https://audit.example.com");
        assert_eq!(took, Duration::from_secs(1));
    }

    #[tokio::test(start_paused = true)]
    async fn abort_cancels_the_task_at_its_next_await() {
        let (took, error) = timed(abort_half_way()).await;
        assert!(error.is_cancelled());
        assert_eq!(
            took,
            Duration::from_millis(500),
            "no waiting for the fetch to end"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_panic_in_a_task_becomes_a_join_error() {
        let error = panic_in_a_task().await;
        assert!(error.is_panic());
        let message = error.into_panic();
        // `expect` formats its message with the error, so the panic payload is a
        // `String`.
        let message = message
            .downcast_ref::<String>()
            .expect("a formatted message");
        assert!(message.starts_with("the quota is a number"), "{message}");
    }
}
