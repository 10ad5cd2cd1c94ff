//! Waits for the deadline inside `poll`, with `thread::sleep`, instead of on a
//! helper thread.
//!
//! kind: blocking
//! caught-by: tokio_can_await_it_and_runs_other_tasks_meanwhile

impl Future for Delay {
    fn poll(self: Pin<&mut Self>, _context: &mut Context<'_>) -> Poll<()> {
        thread::sleep(self.deadline.saturating_duration_since(Instant::now()));
        Poll::Ready(())
    }
}
