//! Starts its own pool of 32 threads on first use and keeps it in a `static`, like
//! a module-level `ThreadPoolExecutor`: its threads never end.
//!
//! kind: leak
//! caught-by: no_thread_is_left_once_the_server_stops

use std::sync::mpsc;
use std::sync::{Mutex, OnceLock};
use tokio::sync::oneshot;

type Job = Box<dyn FnOnce() + Send>;

/// The pool's queue, started with its 32 threads on first use.
fn pool() -> &'static mpsc::Sender<Job> {
    static POOL: OnceLock<mpsc::Sender<Job>> = OnceLock::new();
    POOL.get_or_init(|| {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for _ in 0..32 {
            let queue = Arc::clone(&queue);
            std::thread::spawn(move || {
                loop {
                    let job = queue.lock().unwrap().recv();
                    match job {
                        Ok(job) => {
                            let _ = std::panic::catch_unwind(
                                std::panic::AssertUnwindSafe(job),
                            );
                        }
                        Err(_) => break,
                    }
                }
            });
        }
        jobs
    })
}

pub async fn locate(
    State(geocoder): State<Arc<dyn Geocoder>>,
    Path(address): Path<String>,
) -> (StatusCode, String) {
    let (reply, result) = oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = reply.send(geocoder.locate(&address));
    });
    if pool().send(job).is_err() {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the pool is gone".to_string(),
        );
    }
    match result.await {
        Ok(Ok(place)) => (
            StatusCode::OK,
            format!("{:.4},{:.4}", place.latitude, place.longitude),
        ),
        Ok(Err(error @ GeocodeError::NotFound(_))) => {
            (StatusCode::NOT_FOUND, error.to_string())
        }
        Ok(Err(error @ GeocodeError::Unavailable(_))) => {
            (StatusCode::BAD_GATEWAY, error.to_string())
        }
        Err(_panicked) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the geocoder crashed".to_string(),
        ),
    }
}
