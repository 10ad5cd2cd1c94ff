//! # Exercise 8.2: call a blocking library from a handler
//!
//! A delivery service turns addresses into coordinates with a geocoding library that
//! has only a synchronous API: [`Geocoder::locate`] blocks its thread for as long as
//! the lookup takes (hundreds of milliseconds, sometimes seconds). There is no async
//! version to switch to, and a lookup cannot be interrupted once it has started.
//!
//! Write the handler [`locate`] for `GET /locate/{address}` so that:
//! - the lookup never runs on the runtime's thread, so the other requests are served
//!   meanwhile (the server may run on a runtime with a single thread, and the checks
//!   do);
//! - the lookups of concurrent requests run at the same time: ten requests at once,
//!   ten lookups at once;
//! - they run on a pool of threads that are reused from one request to the next (not
//!   a new thread per request), and no thread is left once the server's runtime has
//!   shut down;
//! - the handler waits for its lookup by being woken when it is done, not by
//!   checking on it in a loop;
//! - a location is answered `200 OK` with the text `"{latitude:.4},{longitude:.4}"`;
//! - [`GeocodeError::NotFound`] is answered `404 Not Found`, and
//!   [`GeocodeError::Unavailable`] `502 Bad Gateway`, each with the error's message,
//!   as its `Display` below writes it, as text;
//! - a panic inside the library is answered `500 Internal Server Error`, and the
//!   server goes on serving.
//!
//! Run `cargo xtask check ch08-blocking-library` to see what the checks verify.

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

/// Looks `address` up with the blocking geocoder, without blocking the runtime.
pub async fn locate(
    State(geocoder): State<Arc<dyn Geocoder>>,
    Path(address): Path<String>,
) -> (StatusCode, String) {
    // TODO: call `geocoder.locate(&address)` where it cannot block the runtime, and
    // turn each outcome (a location, each kind of error, a panic) into its status
    // and text.
    let _ = (geocoder, address);
    todo!("look the address up without blocking the runtime")
}
