//! The helper thread sleeps in 10 ms slices and checks between them whether the
//! deadline has come or the delay was dropped, instead of sleeping until the
//! deadline in one wait.
//!
//! kind: busy-wait
//! caught-by: the_helper_thread_sleeps_until_the_deadline

use std::sync::mpsc::TryRecvError;

impl Future for Delay {
    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        let mut shared = self.shared.lock().unwrap();
        if shared.fired || Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        shared.waker = Some(context.waker().clone());
        drop(shared);
        if self.stop_helper.is_none() {
            let (stop_helper, stopped) = mpsc::channel::<()>();
            self.stop_helper = Some(stop_helper);
            let (deadline, shared) = (self.deadline, Arc::clone(&self.shared));
            thread::spawn(move || {
                loop {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    if stopped.try_recv() != Err(TryRecvError::Empty) {
                        return; // the delay was dropped
                    }
                    thread::sleep(left.min(Duration::from_millis(10)));
                }
                let waker = {
                    let mut shared = shared.lock().unwrap();
                    shared.fired = true;
                    shared.waker.take()
                };
                if let Some(waker) = waker {
                    waker.wake();
                }
            });
        }
        Poll::Pending
    }
}
