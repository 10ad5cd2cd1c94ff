use course_testkit::{
    BlockingProbe, CpuProbe, Rendezvous, catching_panics, count_polls, run_paused,
    run_real_clock,
};
use rayon_handoff::{ScoringPanicked, score_all};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The checks' own score: how often the query's words appear in the document.
fn relevance(document: &str) -> u64 {
    let words = ["tokio", "runtime", "rayon"];
    document
        .split_whitespace()
        .filter(|word| words.contains(word))
        .count() as u64
}

fn documents(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|text| text.to_string()).collect()
}

/// A pool of `threads` threads whose panic handler notes a panic that reached it
/// (rayon's default would abort the whole test process).
fn pool(threads: usize) -> (Arc<rayon::ThreadPool>, Arc<AtomicBool>) {
    let escaped = Arc::new(AtomicBool::new(false));
    let noted = escaped.clone();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .panic_handler(move |_| noted.store(true, Ordering::SeqCst))
        .build()
        .expect("a pool of a few threads");
    (Arc::new(pool), escaped)
}

/// A one-time signal between threads, waited for in real time (2 s at most).
#[derive(Clone, Default)]
struct Signal(Arc<(Mutex<bool>, Condvar)>);

impl Signal {
    fn raise(&self) {
        *self.0.0.lock().unwrap() = true;
        self.0.1.notify_all();
    }

    fn wait(&self) {
        let guard = self.0.0.lock().unwrap();
        let _ = self
            .0
            .1
            .wait_timeout_while(guard, Duration::from_secs(2), |raised| !*raised)
            .unwrap();
    }
}

#[test]
fn scores_every_document_in_order() {
    let texts = [
        "rayon and tokio",
        "a runtime",
        "nothing relevant here",
        "tokio runtime tokio",
        "a runtime",
        "rayon rayon rayon rayon",
        "",
        "tokio",
    ];
    let (pool, _) = pool(3);
    let last = Signal::default();
    let scores = run_paused({
        let last = last.clone();
        move || async move {
            let score = move |document: &str| {
                // The first document is scored last: the order in which scores
                // are finished is not the order of the documents.
                match document {
                    "rayon and tokio" => last.wait(),
                    "tokio" => last.raise(),
                    _ => {}
                }
                relevance(document)
            };
            score_all(pool, documents(&texts), score).await
        }
    });
    assert_eq!(
        scores,
        Ok(texts.iter().map(|text| relevance(text)).collect()),
        "one score per document, in the order of the documents (a parallel \
         iterator's collect keeps that order; scores gathered as they finish do not)"
    );
}

#[test]
fn scores_on_every_thread_of_the_pool_and_no_other() {
    let (pool, _) = pool(3);
    let rendezvous = Arc::new(Rendezvous::new(3));
    let off_the_pool = Arc::new(AtomicUsize::new(0));
    let texts: Vec<String> = (0..30).map(|i| format!("tokio report {i}")).collect();
    let scores = run_paused({
        let (pool, rendezvous, off_the_pool) =
            (pool.clone(), rendezvous.clone(), off_the_pool.clone());
        move || async move {
            let watched = pool.clone();
            let score = move |document: &str| {
                if watched.current_thread_index().is_none() {
                    off_the_pool.fetch_add(1, Ordering::SeqCst);
                }
                rendezvous.arrive();
                relevance(document)
            };
            score_all(pool, texts, score).await
        }
    });
    assert_eq!(scores, Ok(vec![1; 30]));
    let off = off_the_pool.load(Ordering::SeqCst);
    assert_eq!(
        off, 0,
        "{off} of 30 documents were scored on a thread that is not one of the \
         given pool's (the runtime's thread, tokio's blocking pool, rayon's global \
         pool or a thread of your own): spawn the work on `pool`"
    );
    rendezvous.assert_met(
        "30 documents on a pool of 3 threads (score them with a parallel iterator \
         inside the pool, not one by one)",
    );
    rendezvous.assert_at_most_threads(3, "30 documents on a pool of 3 threads");
}

#[test]
fn the_runtime_keeps_running_while_the_scores_are_computed() {
    let (pool, _) = pool(2);
    let (scores, runtime_was_free) = run_paused(move || async move {
        let probe = BlockingProbe::start();
        let runtime_was_free = Arc::new(AtomicBool::new(true));
        let noted = runtime_was_free.clone();
        let score = move |document: &str| {
            if document == "tokio runtime" && !probe.runtime_ran_meanwhile() {
                noted.store(false, Ordering::SeqCst);
            }
            relevance(document)
        };
        let scores =
            score_all(pool, documents(&["a runtime", "tokio runtime"]), score).await;
        (scores, runtime_was_free.load(Ordering::SeqCst))
    });
    assert_eq!(scores, Ok(vec![1, 2]));
    assert!(
        runtime_was_free,
        "while a document was scored, no other task of the runtime could run for \
         {:?}: score_all waited for rayon on the runtime's thread (pool.install \
         blocks its caller). Spawn the work on the pool and await a oneshot \
         channel's receiver",
        BlockingProbe::PATIENCE
    );
}

#[test]
fn no_documents_no_scores_and_fewer_documents_than_threads() {
    let (pool, _) = pool(4);
    let (none, two) = run_paused(move || async move {
        let none = score_all(pool.clone(), Vec::new(), relevance).await;
        let two =
            score_all(pool, documents(&["tokio", "rayon rayon"]), relevance).await;
        (none, two)
    });
    assert_eq!(none, Ok(vec![]), "no documents: Ok with no scores");
    assert_eq!(
        two,
        Ok(vec![1, 2]),
        "two documents on a pool of four threads: two scores (a split into \
         `len / threads` pieces makes pieces of 0 documents)"
    );
}

#[test]
fn a_panicking_score_is_an_error() {
    let (pool, escaped) = pool(2);
    let outcome = run_paused(move || async move {
        let score = |document: &str| {
            if document == "corrupt.pdf" {
                panic!("cannot read corrupt.pdf (expected by this check)");
            }
            relevance(document)
        };
        let texts = documents(&["tokio", "corrupt.pdf", "rayon"]);
        catching_panics(score_all(pool, texts, score)).await
    });
    match outcome {
        Ok(result) => assert_eq!(
            result,
            Err(ScoringPanicked),
            "a score that panics must give Err(ScoringPanicked)"
        ),
        Err(message) => panic!(
            "score_all panicked ({message}) when a score panicked: catch the panic \
             on the pool (std::panic::catch_unwind) and send the outcome back, then \
             return Err(ScoringPanicked)"
        ),
    }
    assert!(
        !escaped.load(Ordering::SeqCst),
        "the panic escaped to the pool's panic handler: with rayon's default \
         handler that aborts the whole process. Catch it inside the job you spawn \
         (std::panic::catch_unwind)"
    );
}

#[test]
fn waits_for_the_answer_without_spinning() {
    let (pool, _) = pool(2);
    let (scores, polls) = run_real_clock(move || async move {
        // The runtime's thread: it has nothing to do but wait for the pool.
        let runtime_thread = CpuProbe::start_on_this_thread();
        let score = |document: &str| {
            std::thread::sleep(Duration::from_millis(40));
            relevance(document)
        };
        let texts = documents(&["tokio", "rayon", "runtime", "tokio", "pool", "a"]);
        let (scoring, polls) = count_polls(score_all(pool, texts, score));
        let scores = scoring.await;
        runtime_thread.assert_mostly_idle(
            "the runtime's thread while score_all waited for the pool (a loop that \
             asks again without awaiting keeps it busy)",
        );
        (scores, polls)
    });
    assert_eq!(scores, Ok(vec![1, 1, 1, 1, 0, 0]));
    // One poll to start, one when the answer arrives; the margin is wide.
    polls.assert_at_most(
        6,
        "score_all waiting for the pool's answer (try_recv in a loop? awaiting the \
         receiver waits to be woken)",
    );
}
