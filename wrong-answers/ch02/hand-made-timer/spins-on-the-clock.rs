//! The helper thread checks the clock in a loop, yielding between checks, until the
//! deadline has passed, instead of sleeping until it.
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
                while Instant::now() < deadline {
                    if stopped.try_recv() != Err(TryRecvError::Empty) {
                        return; // the delay was dropped
                    }
                    thread::yield_now();
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
