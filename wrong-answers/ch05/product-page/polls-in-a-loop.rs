//! Polls the call and reads the clock in a loop, yielding between tries, until it
//! answers or the limit has passed.
//!
//! kind: busy-wait
//! caught-by: waits_without_spinning_on_the_real_clock

async fn ask(pool: &Pool, item: &str) -> Result<u64, PageError> {
    let service = pool.service_name();
    let started = tokio::time::Instant::now();
    let mut call = std::pin::pin!(pool.get(item));
    loop {
        let polled = std::future::poll_fn(|context| {
            std::task::Poll::Ready(call.as_mut().poll(context))
        })
        .await;
        if let std::task::Poll::Ready(answer) = polled {
            return answer.map_err(|reason| PageError::Failed(service, reason));
        }
        if started.elapsed() >= PER_CALL_LIMIT {
            return Err(PageError::Late(service));
        }
        // Asks again at once instead of waiting to be woken.
        tokio::task::yield_now().await;
    }
}
