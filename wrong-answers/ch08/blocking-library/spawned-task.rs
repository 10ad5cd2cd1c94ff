//! Runs the call in a task of its own with `tokio::spawn`, as `asyncio.create_task`
//! would, thinking that a task runs in the background.
//!
//! kind: blocking
//! caught-by: the_lookup_never_runs_on_the_runtimes_thread

pub async fn locate(
    State(geocoder): State<Arc<dyn Geocoder>>,
    Path(address): Path<String>,
) -> (StatusCode, String) {
    let lookup = tokio::spawn(async move { geocoder.locate(&address) }).await;
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
