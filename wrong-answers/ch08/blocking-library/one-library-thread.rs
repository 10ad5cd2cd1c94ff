//! Gives the library one thread of its own, fed through a channel, so the lookups of
//! all requests wait in one queue.
//!
//! kind: sequential
//! caught-by: concurrent_lookups_run_at_the_same_time

use std::sync::mpsc;
use tokio::sync::oneshot;

/// A lookup for the library's thread: the address, and where to send the result.
type Job = (String, oneshot::Sender<Result<Coordinates, GeocodeError>>);

/// The service's router; the library gets a thread of its own, which ends when the
/// router (and with it the last sender) is dropped.
pub fn app(geocoder: Arc<dyn Geocoder>) -> Router {
    let (jobs, queue) = mpsc::channel::<Job>();
    std::thread::spawn(move || {
        for (address, reply) in queue {
            let _ = reply.send(geocoder.locate(&address));
        }
    });
    Router::new()
        .route("/locate/{address}", get(locate))
        .with_state(jobs)
}

/// Queues the lookup for the library's thread and awaits its result.
pub async fn locate(
    State(jobs): State<mpsc::Sender<Job>>,
    Path(address): Path<String>,
) -> (StatusCode, String) {
    let (reply, result) = oneshot::channel();
    if jobs.send((address, reply)).is_err() {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the geocoder is gone".to_string(),
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
        Err(_thread_gone) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the geocoder crashed".to_string(),
        ),
    }
}
