//! Moves the call to the blocking pool, then checks in a loop whether it has
//! finished, yielding in between (like `await asyncio.sleep(0)` in a loop).
//!
//! kind: busy-wait
//! caught-by: waiting_for_the_lookup_does_not_spin

pub async fn locate(
    State(geocoder): State<Arc<dyn Geocoder>>,
    Path(address): Path<String>,
) -> (StatusCode, String) {
    let lookup = tokio::task::spawn_blocking(move || geocoder.locate(&address));
    while !lookup.is_finished() {
        tokio::task::yield_now().await;
    }
    match lookup.await {
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
