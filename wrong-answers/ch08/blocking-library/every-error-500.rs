//! Answers every error with 500.
//!
//! kind: error-handling
//! caught-by: errors_keep_their_meaning

impl fmt::Display for GeocodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GeocodeError::NotFound(address) => write!(f, "no place found at {address:?}"),
            GeocodeError::Unavailable(why) => write!(f, "geocoder unavailable: {why}"),
        }
    }
}

/// Looks `address` up with the blocking geocoder, without blocking the runtime.
pub async fn locate(
    State(geocoder): State<Arc<dyn Geocoder>>,
    Path(address): Path<String>,
) -> (StatusCode, String) {
    // The blocking pool's threads may block; the runtime's threads go on serving
    // requests.
    let lookup = tokio::task::spawn_blocking(move || geocoder.locate(&address)).await;
    match lookup {
        Ok(Ok(place)) => (
            StatusCode::OK,
            format!("{:.4},{:.4}", place.latitude, place.longitude),
        ),
        Ok(Err(error)) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()),
        // The library panicked: its thread is gone, the server is not.
        Err(_panicked) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the geocoder crashed".to_string(),
        ),
    }
}
