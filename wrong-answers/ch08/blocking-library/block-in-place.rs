//! Wraps the call in `tokio::task::block_in_place`, which panics on a runtime with a
//! single thread, where the task says the server may run.
//!
//! kind: blocking
//! caught-by: the_lookup_never_runs_on_the_runtimes_thread

pub async fn locate(
    State(geocoder): State<Arc<dyn Geocoder>>,
    Path(address): Path<String>,
) -> (StatusCode, String) {
    match tokio::task::block_in_place(|| geocoder.locate(&address)) {
        Ok(place) => (
            StatusCode::OK,
            format!("{:.4},{:.4}", place.latitude, place.longitude),
        ),
        Err(error @ GeocodeError::NotFound(_)) => {
            (StatusCode::NOT_FOUND, error.to_string())
        }
        Err(error @ GeocodeError::Unavailable(_)) => {
            (StatusCode::BAD_GATEWAY, error.to_string())
        }
    }
}
