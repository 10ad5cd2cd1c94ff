use course_testkit::Rendezvous;
use parallel_score::total_score;
use std::collections::HashMap;
use std::sync::Mutex;

const DOCUMENTS: [&str; 8] = [
    "tokio runtime",
    "event loop",
    "asyncio gather",
    "thread pool",
    "the GIL",
    "work stealing",
    "epoll",
    "spawn_blocking",
];

#[test]
fn adds_up_every_score() {
    for threads in [1, 2, 3, 8] {
        let total = total_score(&DOCUMENTS, threads, |doc| doc.len() as u64);
        assert_eq!(total, 87, "wrong total with {threads} threads");
    }
}

#[test]
fn scores_every_document_exactly_once() {
    let scored: Mutex<HashMap<&str, u32>> = Mutex::new(HashMap::new());
    total_score(&DOCUMENTS, 3, |doc| {
        let key = DOCUMENTS
            .iter()
            .find(|d| **d == doc)
            .expect("a document from the input");
        *scored.lock().unwrap().entry(key).or_default() += 1;
        1
    });
    let scored = scored.into_inner().unwrap();
    for doc in DOCUMENTS {
        assert_eq!(
            scored.get(doc),
            Some(&1),
            "`{doc}` was not scored exactly once"
        );
    }
}

#[test]
fn scores_the_groups_at_the_same_time_on_separate_threads() {
    let threads = 4;
    let rendezvous = Rendezvous::new(threads);
    let total = total_score(&DOCUMENTS, threads, |doc| {
        rendezvous.arrive();
        doc.len() as u64
    });
    assert_eq!(total, 87);
    assert!(
        rendezvous.all_met(),
        "the {threads} groups did not run at the same time ({} thread(s) seen, and the first one \
         waited {:?} for the others in vain). Start all the threads before joining any of them.",
        rendezvous.threads_seen(),
        Rendezvous::PATIENCE
    );
}
