use course_testkit::{CpuProbe, Rendezvous, Switches};
use parallel_score::total_score;
use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::thread::ThreadId;
use std::time::Duration;

/// Eleven documents in no particular order, two of them twice: equal documents are
/// still two documents to score.
const DOCUMENTS: [&str; 11] = [
    "work stealing",
    "the GIL",
    "tokio runtime",
    "epoll",
    "event loop",
    "the GIL",
    "asyncio gather",
    "spawn_blocking",
    "event loop",
    "thread pool",
    "green threads",
];

/// The checks' own relevance score: a different, large number for each document.
fn relevance(document: &str) -> u64 {
    document.bytes().fold(1_469_598_103, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(1_099_511_628_211) % 1_000_000_007
    })
}

fn threads(count: usize) -> NonZeroUsize {
    NonZeroUsize::new(count).expect("the checks ask for at least one thread")
}

/// How many documents each thread scored, smallest first.
fn group_sizes(documents: &[&str], thread_count: usize) -> Vec<usize> {
    let scored_by: Mutex<HashMap<ThreadId, usize>> = Mutex::default();
    total_score(documents, threads(thread_count), |document| {
        *scored_by
            .lock()
            .unwrap()
            .entry(std::thread::current().id())
            .or_default() += 1;
        relevance(document)
    });
    let mut sizes: Vec<usize> =
        scored_by.into_inner().unwrap().into_values().collect();
    sizes.sort_unstable();
    sizes
}

#[test]
fn adds_up_every_score() {
    let expected: u64 = DOCUMENTS.iter().map(|document| relevance(document)).sum();
    // From one thread to more threads than documents.
    for thread_count in 1..=14 {
        let total = total_score(&DOCUMENTS, threads(thread_count), relevance);
        assert_eq!(
            total,
            expected,
            "with {thread_count} threads the total was {total}, but the scores of \
             the {} documents add up to {expected}. Are some documents left out \
             (the last few that did not fill a group) or scored twice, or are the \
             groups' totals not all added?",
            DOCUMENTS.len()
        );
    }
}

#[test]
fn scores_every_document_exactly_once() {
    let mut in_input: HashMap<&str, usize> = HashMap::new();
    for document in DOCUMENTS {
        *in_input.entry(document).or_default() += 1;
    }
    for thread_count in [1, 3, 4, 11, 20] {
        let scored: Mutex<HashMap<String, usize>> = Mutex::default();
        total_score(&DOCUMENTS, threads(thread_count), |document| {
            *scored
                .lock()
                .unwrap()
                .entry(document.to_string())
                .or_default() += 1;
            relevance(document)
        });
        let scored = scored.into_inner().unwrap();
        for (document, times) in &in_input {
            let scored_times = scored.get(*document).copied().unwrap_or(0);
            assert_eq!(
                scored_times, *times,
                "with {thread_count} threads, `{document}` (in the input {times} \
                 time(s)) was scored {scored_times} time(s): score every document \
                 exactly once"
            );
        }
    }
}

#[test]
fn no_documents_score_zero() {
    for thread_count in [1, 4] {
        let outcome = std::panic::catch_unwind(|| {
            total_score(&[], threads(thread_count), |_| {
                unreachable!("there is no document to score")
            })
        });
        let total = outcome.unwrap_or_else(|_| {
            panic!(
                "total_score panicked for an empty list of documents and \
                 {thread_count} thread(s) (see the panic above); with no documents \
                 the total is 0. Dividing by the number of groups, or `chunks(0)`, \
                 panics when there are no groups."
            )
        });
        assert_eq!(total, 0, "no documents must give a total of 0");
    }
}

#[test]
fn runs_threads_groups_at_the_same_time() {
    let thread_count = 4;
    let rendezvous = Rendezvous::new(thread_count);
    let total = total_score(&DOCUMENTS, threads(thread_count), |document| {
        rendezvous.arrive();
        relevance(document)
    });
    rendezvous.assert_met("the scoring of 11 documents in 4 groups");
    rendezvous.assert_at_most_threads(
        thread_count,
        "the scoring of 11 documents in 4 groups",
    );
    assert_eq!(
        total,
        DOCUMENTS.iter().map(|d| relevance(d)).sum::<u64>(),
        "the groups ran at once, but the total is wrong"
    );
}

#[test]
fn starts_one_thread_per_document_when_threads_outnumber_them() {
    let documents = ["asyncio gather", "epoll", "the GIL"];
    let rendezvous = Rendezvous::new(documents.len());
    let total = total_score(&documents, threads(8), |document| {
        rendezvous.arrive();
        relevance(document)
    });
    rendezvous.assert_met("the scoring of 3 documents with 8 threads asked for");
    rendezvous.assert_at_most_threads(
        documents.len(),
        "the scoring of 3 documents with 8 threads asked for",
    );
    assert_eq!(
        total,
        documents.iter().map(|d| relevance(d)).sum::<u64>(),
        "one thread per document ran, but the total is wrong"
    );
}

#[test]
fn shares_the_documents_evenly() {
    // (documents, threads, the group sizes that differ by at most one)
    let cases: [(&[&str], usize, &[usize]); 5] = [
        (&DOCUMENTS[..10], 4, &[2, 2, 3, 3]),
        (&DOCUMENTS, 4, &[2, 3, 3, 3]),
        (&DOCUMENTS, 2, &[5, 6]),
        (&DOCUMENTS[..9], 4, &[2, 2, 2, 3]),
        (&DOCUMENTS, 1, &[11]),
    ];
    for (documents, thread_count, expected) in cases {
        let sizes = group_sizes(documents, thread_count);
        assert_eq!(
            sizes,
            expected,
            "{} documents on {thread_count} threads were scored in groups of \
             {sizes:?} (one number per thread that called `score`), not in \
             {thread_count} groups whose sizes differ by at most one \
             ({expected:?}). A group size of len.div_ceil(threads) leaves the last \
             group short, or too few groups; len / threads leaves documents over \
             for an extra group.",
            documents.len()
        );
    }
}

#[test]
fn waits_for_its_threads_without_spinning() {
    // Joining two threads puts the caller to sleep once or twice; a few more are
    // allowed for the OS's own reasons.
    const MOST_SLEEPS: u64 = 6;
    let caller = CpuProbe::start_on_this_thread();
    let switched_before = Switches::of_this_thread();
    let total = total_score(&["epoll", "the GIL"], threads(2), |document| {
        // Long enough to tell a caller that sleeps until its threads end from one
        // that keeps checking on them.
        std::thread::sleep(Duration::from_millis(150));
        relevance(document)
    });
    let switched = Switches::between(switched_before, Switches::of_this_thread());
    assert_eq!(
        total,
        relevance("epoll") + relevance("the GIL"),
        "the total of two documents is wrong"
    );
    caller.assert_mostly_idle(
        "total_score's own thread, while its two threads scored,",
    );
    if let Some(times) = switched {
        assert!(
            times <= MOST_SLEEPS,
            "the thread that called total_score went to sleep and woke up {times} \
             times while its two threads scored for 150 ms; joining them takes one \
             or two. It keeps waking up to check whether they are done (a sleep in \
             a loop): join each thread instead, and the OS wakes the caller when it \
             has ended."
        );
    }
}
