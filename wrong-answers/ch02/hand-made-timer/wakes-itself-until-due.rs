//! Has no helper thread: each `Pending` poll calls its own waker at once, so the
//! executor polls it again and again until the deadline.
//!
//! kind: busy-wait
//! caught-by: tokio_can_await_it_and_runs_other_tasks_meanwhile

impl Future for Delay {
    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        context.waker().wake_by_ref();
        Poll::Pending
    }
}
