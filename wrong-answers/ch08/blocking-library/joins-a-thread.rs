//! Starts a thread for the call and joins it, as `thread.start()` then
//! `thread.join()` would in Python: the handler blocks until the thread is done.
//!
//! kind: blocking
//! caught-by: concurrent_lookups_run_at_the_same_time

pub async fn locate(
    State(geocoder): State<Arc<dyn Geocoder>>,
    Path(address): Path<String>,
) -> (StatusCode, String) {
    let lookup = std::thread::spawn(move || geocoder.locate(&address)).join();
    match lookup {
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
