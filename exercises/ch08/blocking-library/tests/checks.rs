use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use blocking_library::{Coordinates, GeocodeError, Geocoder, app};
use course_testkit::{
    OsThreads, PollCounter, Rendezvous, ThreadCensus, count_polls, run_paused,
    run_real_clock, serial,
};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread::ThreadId;
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// What the checks' geocoder does with an address.
#[derive(Clone, Copy, Debug)]
enum Place {
    At(f64, f64),
    Nowhere,
    Down(&'static str),
    Crash,
}

/// One request of the checks: the address as the geocoder knows it and as the path
/// spells it, what the geocoder does with it, and the answer expected.
struct Case {
    address: &'static str,
    path: &'static str,
    place: Place,
    expected: (StatusCode, &'static str),
}

const fn case(
    (address, path): (&'static str, &'static str),
    place: Place,
    expected: (StatusCode, &'static str),
) -> Case {
    Case {
        address,
        path,
        place,
        expected,
    }
}

const OK: StatusCode = StatusCode::OK;

/// Places in no particular order, in both hemispheres on both axes, with zeros, a
/// pole, and digits that must be rounded (up or down) or padded to four decimals.
const PLACES: [Case; 10] = [
    case(
        ("Sydney Opera House", "Sydney%20Opera%20House"),
        Place::At(-33.856_78, 151.215_29),
        (OK, "-33.8568,151.2153"),
    ),
    case(
        (
            "Piazza del Duomo, Milano",
            "Piazza%20del%20Duomo%2C%20Milano",
        ),
        Place::At(45.464_21, 9.189_98),
        (OK, "45.4642,9.1900"),
    ),
    case(
        ("Null Island", "Null%20Island"),
        Place::At(0.0, 0.0),
        (OK, "0.0000,0.0000"),
    ),
    case(
        (
            "Straße des 17. Juni, Berlin",
            "Stra%C3%9Fe%20des%2017.%20Juni%2C%20Berlin",
        ),
        Place::At(52.514_49, 13.350_12),
        (OK, "52.5145,13.3501"),
    ),
    case(
        ("Times Square, New York", "Times%20Square%2C%20New%20York"),
        Place::At(40.757_97, -73.985_51),
        (OK, "40.7580,-73.9855"),
    ),
    case(
        ("Suva, Fiji", "Suva%2C%20Fiji"),
        Place::At(-18.141_6, 178.441_9),
        (OK, "-18.1416,178.4419"),
    ),
    case(
        (
            "Royal Observatory, Greenwich",
            "Royal%20Observatory%2C%20Greenwich",
        ),
        Place::At(51.476_87, -0.000_53),
        (OK, "51.4769,-0.0005"),
    ),
    case(
        (
            "Cristo Redentor, Rio de Janeiro",
            "Cristo%20Redentor%2C%20Rio%20de%20Janeiro",
        ),
        Place::At(-22.951_92, -43.210_49),
        (OK, "-22.9519,-43.2105"),
    ),
    case(
        ("South Pole", "South%20Pole"),
        Place::At(-90.0, 139.273_1),
        (OK, "-90.0000,139.2731"),
    ),
    case(
        ("Tokyo Tower", "Tokyo%20Tower"),
        Place::At(35.658_58, 139.745_44),
        (OK, "35.6586,139.7454"),
    ),
];

/// Failures of both kinds, mixed with places that are found.
const FAILURES: [Case; 6] = [
    case(
        ("Atlantis 1", "Atlantis%201"),
        Place::Nowhere,
        (StatusCode::NOT_FOUND, "no place found at \"Atlantis 1\""),
    ),
    case(
        ("Via Roma 1, Borgo", "Via%20Roma%201%2C%20Borgo"),
        Place::Down("index server timed out"),
        (
            StatusCode::BAD_GATEWAY,
            "geocoder unavailable: index server timed out",
        ),
    ),
    case(
        ("Tokyo Tower", "Tokyo%20Tower"),
        Place::At(35.658_58, 139.745_44),
        (OK, "35.6586,139.7454"),
    ),
    case(
        ("221B Baker Street", "221B%20Baker%20Street"),
        Place::Nowhere,
        (
            StatusCode::NOT_FOUND,
            "no place found at \"221B Baker Street\"",
        ),
    ),
    case(
        (
            "Rue de Rivoli 99, Paris",
            "Rue%20de%20Rivoli%2099%2C%20Paris",
        ),
        Place::Down("rate limit reached"),
        (
            StatusCode::BAD_GATEWAY,
            "geocoder unavailable: rate limit reached",
        ),
    ),
    case(
        ("Null Island", "Null%20Island"),
        Place::At(0.0, 0.0),
        (OK, "0.0000,0.0000"),
    ),
];

/// A crash of the library, then a place it finds.
const CRASH: [Case; 2] = [
    case(
        ("Corrupt Index 13", "Corrupt%20Index%2013"),
        Place::Crash,
        (StatusCode::INTERNAL_SERVER_ERROR, ""),
    ),
    case(
        ("Cristo Redentor", "Cristo%20Redentor"),
        Place::At(-22.951_92, -43.210_49),
        (OK, "-22.9519,-43.2105"),
    ),
];

/// The checks' geocoder: it answers from its cases, and records on which threads it
/// ran. A lookup can also be made to wait for others (`meeting`) or to hold its
/// thread for a while (`hold`).
struct Atlas {
    places: HashMap<&'static str, Place>,
    runtime_thread: OnceLock<ThreadId>,
    calls_on_runtime_thread: AtomicUsize,
    threads: ThreadCensus,
    meeting: Option<Rendezvous>,
    hold: Option<Hold>,
}

impl Atlas {
    fn new(cases: &[Case]) -> Self {
        Atlas {
            places: cases.iter().map(|c| (c.address, c.place)).collect(),
            runtime_thread: OnceLock::new(),
            calls_on_runtime_thread: AtomicUsize::new(0),
            threads: ThreadCensus::new(),
            meeting: None,
            hold: None,
        }
    }

    /// Shares the geocoder with the server, and remembers the calling thread as the
    /// runtime's (the checks' runtimes have a single thread).
    fn serving(self) -> Arc<Self> {
        self.watch_this_runtime();
        Arc::new(self)
    }

    fn watch_this_runtime(&self) {
        let _ = self.runtime_thread.set(std::thread::current().id());
    }
}

impl Geocoder for Atlas {
    fn locate(&self, address: &str) -> Result<Coordinates, GeocodeError> {
        let _visit = self.threads.enter();
        if self.runtime_thread.get() == Some(&std::thread::current().id()) {
            self.calls_on_runtime_thread.fetch_add(1, Ordering::SeqCst);
        }
        if let Some(meeting) = &self.meeting {
            meeting.arrive();
        }
        if let Some(hold) = &self.hold {
            hold.wait();
        }
        match self.places.get(address).copied().unwrap_or(Place::Nowhere) {
            Place::At(latitude, longitude) => Ok(Coordinates {
                latitude,
                longitude,
            }),
            Place::Nowhere => Err(GeocodeError::NotFound(address.to_string())),
            Place::Down(why) => Err(GeocodeError::Unavailable(why.to_string())),
            Place::Crash => {
                panic!(
                    "corrupt index at {address:?} (this panic is part of the check)"
                )
            }
        }
    }
}

/// Holds a lookup's thread until the request has been polled 1,000 times, or for
/// 200 ms of real time. A handler that waits to be woken is polled twice or so
/// meanwhile; one that checks on the lookup in a loop reaches 1,000 polls at once.
struct Hold {
    request_polls: OnceLock<PollCounter>,
}

impl Hold {
    const LONGEST: Duration = Duration::from_millis(200);

    fn wait(&self) {
        let start = Instant::now();
        while start.elapsed() < Self::LONGEST
            && self
                .request_polls
                .get()
                .is_none_or(|polls| polls.get() < 1000)
        {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

type Answer = (StatusCode, String);

const HANDLER_PANICKED: &str = "the handler panicked (its message is above): it \
                                must answer every request with a status";

/// Sends `GET /locate/{path}` through the router in-process.
async fn send(router: Router, path: &str) -> Answer {
    let request = Request::get(format!("/locate/{path}"))
        .body(Body::empty())
        .unwrap();
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// Sends every case's request at once, each in a task of its own (as each
/// connection has one in a server), and returns the answers in the cases' order;
/// `None` where the handler panicked.
async fn ask_all(atlas: &Arc<Atlas>, cases: &[Case]) -> Vec<Option<Answer>> {
    ask_all_on(&app(atlas.clone()), cases).await
}

/// [`ask_all`] through the check's own router: one router serves every request, as
/// in a server.
async fn ask_all_on(router: &Router, cases: &[Case]) -> Vec<Option<Answer>> {
    let requests: Vec<_> = cases
        .iter()
        .map(|case| tokio::spawn(send(router.clone(), case.path)))
        .collect();
    let mut answers = Vec::new();
    for request in requests {
        answers.push(request.await.ok());
    }
    answers
}

/// Asserts that every answer is the one its case expects.
#[track_caller]
fn assert_answers(cases: &[Case], answers: Vec<Option<Answer>>) {
    for (case, answer) in cases.iter().zip(answers) {
        let (status, text) = case.expected;
        let what = match case.place {
            Place::At(..) => "a location: 200 and `{latitude:.4},{longitude:.4}`",
            Place::Nowhere => "NotFound: 404 and the error's message",
            Place::Down(_) => "Unavailable: 502 and the error's message",
            Place::Crash => "a panic: 500",
        };
        assert_eq!(
            answer.expect(HANDLER_PANICKED),
            (status, text.to_string()),
            "GET /locate/{}: the geocoder gives {:?} for {:?}, which is answered as \
             {what}",
            case.path,
            case.place,
            case.address
        );
    }
}

#[test]
fn each_address_is_answered_with_its_own_coordinates() {
    let answers = run_paused(|| async {
        ask_all(&Atlas::new(&PLACES).serving(), &PLACES).await
    });
    assert_answers(&PLACES, answers);
}

#[test]
fn the_lookup_never_runs_on_the_runtimes_thread() {
    let (answers, on_runtime_thread) = run_paused(|| async {
        let atlas = Atlas::new(&PLACES).serving();
        let answers = ask_all(&atlas, &PLACES).await;
        (
            answers,
            atlas.calls_on_runtime_thread.load(Ordering::SeqCst),
        )
    });
    assert_eq!(
        on_runtime_thread,
        0,
        "{on_runtime_thread} of {} lookups ran on the runtime's thread: while a \
         lookup blocks it, no other request is served (a task of its own, made with \
         tokio::spawn, runs on the same thread). Hand the call to a thread where \
         blocking is allowed, and await its result.",
        PLACES.len()
    );
    for answer in answers {
        answer.expect(HANDLER_PANICKED);
    }
}

#[test]
fn concurrent_lookups_run_at_the_same_time() {
    const AT_ONCE: usize = PLACES.len();
    let atlas = run_paused(|| async {
        let atlas = Atlas {
            meeting: Some(Rendezvous::new(AT_ONCE)),
            ..Atlas::new(&PLACES)
        }
        .serving();
        assert_answers(&PLACES, ask_all(&atlas, &PLACES).await);
        atlas
    });
    let meeting = atlas.meeting.as_ref().unwrap();
    assert!(
        meeting.all_met(),
        "{AT_ONCE} requests came in at once, and each lookup waited (up to {:?} of \
         real time) for the others to be running too, but they never were {AT_ONCE} \
         at the same time ({} thread(s) ran lookups). They were made to wait for \
         each other: behind a lock, in the queue of a single worker thread or of a \
         pool with fewer threads than requests, or by a handler that blocked the \
         runtime until its lookup was done (joining a thread blocks too), so that \
         the next request could not even start.",
        Rendezvous::PATIENCE,
        meeting.threads_seen()
    );
}

#[test]
fn errors_keep_their_status_and_message() {
    let answers = run_paused(|| async {
        ask_all(&Atlas::new(&FAILURES).serving(), &FAILURES).await
    });
    assert_answers(&FAILURES, answers);
}

#[test]
fn a_panic_in_the_library_is_answered_500_and_the_server_goes_on() {
    let (during, after) = run_paused(|| async {
        let atlas = Atlas::new(&CRASH).serving();
        let router = app(atlas);
        let during = ask_all_on(&router, &CRASH).await;
        let after = send(router, CRASH[1].path).await;
        (during, after)
    });
    let mut during = during.into_iter();
    let (status, _) = during.next().unwrap().expect(
        "the handler panicked when the library did: awaiting a blocking task gives \
         an Err for a panic; answer 500 instead of unwrapping it",
    );
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_answers(&CRASH[1..], during.collect());
    assert_answers(&CRASH[1..], vec![Some(after)]);
}

#[test]
fn waiting_for_the_lookup_does_not_spin() {
    let (answer, polls) = run_real_clock(|| async {
        let atlas = Atlas {
            hold: Some(Hold {
                request_polls: OnceLock::new(),
            }),
            ..Atlas::new(&PLACES)
        }
        .serving();
        let (request, polls) = count_polls(send(app(atlas.clone()), PLACES[0].path));
        let _ = atlas
            .hold
            .as_ref()
            .unwrap()
            .request_polls
            .set(polls.clone());
        (request.await, polls)
    });
    assert_answers(&PLACES[..1], vec![Some(answer)]);
    polls.assert_at_most(10, "a request whose lookup holds its thread for a while");
}

#[test]
fn a_pool_of_threads_is_reused() {
    const REQUESTS: usize = 40;
    let atlas = run_paused(|| async {
        let atlas = Atlas::new(&PLACES).serving();
        let router = app(atlas.clone());
        for index in 0..REQUESTS {
            let case = &PLACES[index % PLACES.len()];
            let answer = tokio::spawn(send(router.clone(), case.path)).await.ok();
            assert_answers(std::slice::from_ref(case), vec![answer]);
            // Real time for the pool's thread to be idle again, as between requests
            // in a server.
            std::thread::sleep(Duration::from_millis(2));
        }
        atlas
    });
    let threads = atlas.threads.distinct_threads();
    let per_request = if threads == REQUESTS {
        "a new thread for every request"
    } else {
        "more than one new thread for every two requests"
    };
    assert!(
        threads <= REQUESTS / 2,
        "{REQUESTS} requests, one after the other, ran their lookups on {threads} \
         distinct threads: {per_request}. Starting a thread costs a stack and a \
         system call, and with thousands of requests at once, thousands of threads \
         (chapter 1). Use a pool whose threads wait for the next lookup, up to a \
         limit: tokio has one for blocking calls."
    );
}

#[test]
fn no_thread_is_left_once_the_server_stops() {
    let _turn = serial();
    let threads = OsThreads::start();
    let atlas = Arc::new(Atlas::new(&PLACES));
    let serving = Arc::clone(&atlas);
    let answers = run_paused(move || async move {
        serving.watch_this_runtime();
        ask_all(&serving, &PLACES).await
    });
    assert_answers(&PLACES, answers);
    // The runner has shut its runtime down: the server is gone.
    threads.assert_all_ended("the server");
    assert_eq!(
        Arc::strong_count(&atlas),
        1,
        "the geocoder is still referenced after the server and its runtime are \
         gone: something the handler started keeps it alive"
    );
}
