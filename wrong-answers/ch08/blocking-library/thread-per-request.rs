//! Starts a new thread for every lookup and awaits its result through a channel.
//!
//! kind: more-than-asked
//! caught-by: a_pool_of_threads_is_reused

use tokio::sync::oneshot;

pub async fn locate(
    State(geocoder): State<Arc<dyn Geocoder>>,
    Path(address): Path<String>,
) -> (StatusCode, String) {
    let (reply, result) = oneshot::channel();
    std::thread::spawn(move || {
        let _ = reply.send(geocoder.locate(&address));
    });
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
