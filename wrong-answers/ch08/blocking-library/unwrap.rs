//! Unwraps the blocking task's result, so a panic in the library becomes a panic in
//! the handler.
//!
//! kind: error-handling
//! caught-by: a_panic_in_the_library_is_answered_500_and_the_server_goes_on

pub async fn locate(
    State(geocoder): State<Arc<dyn Geocoder>>,
    Path(address): Path<String>,
) -> (StatusCode, String) {
    let lookup = tokio::task::spawn_blocking(move || geocoder.locate(&address))
        .await
        .unwrap();
    match lookup {
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
