use axum::body::Body;
use axum::http::{Request, StatusCode};
use blocking_library::{Coordinates, GeocodeError, Geocoder, app};
use course_testkit::{BlockingProbe, run_paused};
use std::sync::Arc;

/// A geocoder with a fixed answer: a location, or an error.
struct FixedAnswer(Result<Coordinates, GeocodeError>);

impl Geocoder for FixedAnswer {
    fn locate(&self, _address: &str) -> Result<Coordinates, GeocodeError> {
        self.0.clone()
    }
}

/// A geocoder that, like a real blocking call, holds its thread until another task
/// has run (or two seconds have passed), and says which happened.
struct WaitsForTheRuntime(BlockingProbe);

impl Geocoder for WaitsForTheRuntime {
    fn locate(&self, _address: &str) -> Result<Coordinates, GeocodeError> {
        if self.0.runtime_ran_meanwhile() {
            Ok(MILAN)
        } else {
            Err(GeocodeError::Unavailable("the runtime was blocked".into()))
        }
    }
}

struct Crashes;

impl Geocoder for Crashes {
    fn locate(&self, _address: &str) -> Result<Coordinates, GeocodeError> {
        panic!("corrupt index (this panic is part of the check)")
    }
}

const HANDLER_PANICKED: &str = "the handler panicked (its message is above): \
                                it must answer every request with a status";

const MILAN: Coordinates = Coordinates {
    latitude: 45.464_2,
    longitude: 9.19,
};

/// Sends `GET /locate/{address}` through the router in-process, in its own task so
/// that a panicking handler is reported instead of ending the check.
async fn ask(
    geocoder: Arc<dyn Geocoder>,
    address: &str,
) -> Option<(StatusCode, String)> {
    let request = Request::get(format!("/locate/{address}"))
        .body(Body::empty())
        .unwrap();
    let answer = tokio::spawn(async move {
        use tower::ServiceExt;
        let response = app(geocoder).oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    });
    answer.await.ok()
}

#[test]
fn a_location_is_answered_with_its_coordinates() {
    let answer =
        run_paused(|| ask(Arc::new(FixedAnswer(Ok(MILAN))), "Piazza%20Duomo"));
    let answer = answer.expect(HANDLER_PANICKED);
    assert_eq!(answer, (StatusCode::OK, "45.4642,9.1900".to_string()));
}

#[test]
fn the_runtime_stays_free_during_the_lookup() {
    let answer = run_paused(|| async {
        let probe = BlockingProbe::start();
        ask(Arc::new(WaitsForTheRuntime(probe)), "Via%20Roma%201").await
    });
    let (status, text) = answer.expect(HANDLER_PANICKED);
    assert_ne!(
        text,
        "geocoder unavailable: the runtime was blocked",
        "while the geocoder ran, no other task could run for {:?}: the blocking \
         call was made on the runtime's only thread. Move it to a thread where \
         blocking is allowed.",
        BlockingProbe::PATIENCE
    );
    assert_eq!(status, StatusCode::OK, "{text}");
}

#[test]
fn errors_keep_their_meaning() {
    let cases = [
        (
            GeocodeError::NotFound("Nowhere 0".into()),
            StatusCode::NOT_FOUND,
        ),
        (
            GeocodeError::Unavailable("timeout".into()),
            StatusCode::BAD_GATEWAY,
        ),
    ];
    for (error, expected) in cases {
        let message = error.to_string();
        let answer = run_paused(move || {
            ask(Arc::new(FixedAnswer(Err(error))), "Nowhere%200")
        });
        assert_eq!(
            answer.expect(HANDLER_PANICKED),
            (expected, message.clone()),
            "`{message}` must be answered {expected} with the error's message: an \
             error turned into 200, or every error into 500, hides what went wrong \
             from the caller"
        );
    }
}

#[test]
fn a_crash_in_the_library_is_a_500_not_a_crash() {
    let answer = run_paused(|| ask(Arc::new(Crashes), "Via%20Roma%201"));
    let (status, _) = answer.expect(
        "the handler panicked when the library did: awaiting the blocking task \
         gives an Err for a panic; answer 500 instead of unwrapping it",
    );
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
}
