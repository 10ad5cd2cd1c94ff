//! # Exercise 8.2: call a blocking library from a handler (solution)

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use std::fmt;
use std::sync::Arc;

/// A point on Earth, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coordinates {
    pub latitude: f64,
    pub longitude: f64,
}

/// What can go wrong in a lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GeocodeError {
    /// No place has this address.
    NotFound(String),
    /// The geocoding backend could not be reached.
    Unavailable(String),
}

impl fmt::Display for GeocodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GeocodeError::NotFound(address) => {
                write!(f, "no place found at {address:?}")
            }
            GeocodeError::Unavailable(why) => {
                write!(f, "geocoder unavailable: {why}")
            }
        }
    }
}

impl std::error::Error for GeocodeError {}

/// The synchronous library's interface. Implementations block the calling thread.
pub trait Geocoder: Send + Sync + 'static {
    fn locate(&self, address: &str) -> Result<Coordinates, GeocodeError>;
}

/// The service's router, sharing one geocoder between all requests.
pub fn app(geocoder: Arc<dyn Geocoder>) -> Router {
    Router::new()
        .route("/locate/{address}", get(locate))
        .with_state(geocoder)
}

// ANCHOR: handler
/// Looks `address` up with the blocking geocoder, without blocking the runtime.
pub async fn locate(
    State(geocoder): State<Arc<dyn Geocoder>>,
    Path(address): Path<String>,
) -> (StatusCode, String) {
    // The blocking pool's threads may block; the runtime's threads go on serving
    // requests.
    let lookup =
        tokio::task::spawn_blocking(move || geocoder.locate(&address)).await;
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
        // The library panicked: the pool caught the panic, and the server goes on.
        Err(_panicked) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the geocoder crashed".to_string(),
        ),
    }
}
// ANCHOR_END: handler
