//! Writes the coordinates as they come, without rounding them to four decimals.
//!
//! kind: wrong-value
//! caught-by: each_address_is_answered_with_its_own_coordinates

pub async fn locate(
    State(geocoder): State<Arc<dyn Geocoder>>,
    Path(address): Path<String>,
) -> (StatusCode, String) {
    let lookup =
        tokio::task::spawn_blocking(move || geocoder.locate(&address)).await;
    match lookup {
        Ok(Ok(place)) => (
            StatusCode::OK,
            format!("{},{}", place.latitude, place.longitude),
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
