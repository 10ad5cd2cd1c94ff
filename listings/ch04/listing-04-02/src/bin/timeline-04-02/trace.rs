//! The traced run behind the picture of Listing 4-2, and its data file.

use listing_04_02::{FetchError, Progress, fetch};
use std::fmt::Write;
use std::future::Future;
use std::sync::Mutex;
use tokio::time::Instant;

/// How a traced branch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Answered,
    Failed,
    /// The join dropped the branch's future before it finished.
    Dropped,
}

/// One branch of one join: from its first poll to its end, in milliseconds since the
/// join began.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub join: String,
    pub branch: String,
    pub start_ms: u64,
    pub end_ms: u64,
    pub end: End,
}

/// Records the spans of one join.
struct Trace {
    join: &'static str,
    began: Instant,
    spans: Mutex<Vec<Span>>,
}

impl Trace {
    fn new(join: &'static str) -> Self {
        Self {
            join,
            began: Instant::now(),
            spans: Mutex::new(Vec::new()),
        }
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.began.elapsed().as_millis())
            .expect("a run lasts less than 500 million years")
    }

    fn record(&self, branch: &'static str, start_ms: u64, end: End) {
        let span = Span {
            join: self.join.to_string(),
            branch: branch.to_string(),
            start_ms,
            end_ms: self.now_ms(),
            end,
        };
        self.spans
            .lock()
            .expect("no panic while recording")
            .push(span);
    }
}

/// Records a `Dropped` span when the future that owns it is dropped before
/// finishing.
struct DropWatch<'a> {
    trace: &'a Trace,
    branch: &'static str,
    start_ms: u64,
    finished: bool,
}

impl Drop for DropWatch<'_> {
    fn drop(&mut self) {
        if !self.finished {
            self.trace.record(self.branch, self.start_ms, End::Dropped);
        }
    }
}

/// Runs `branch` and records its span in `trace`, including when it is dropped
/// half-way.
async fn traced<T>(
    trace: &Trace,
    branch: &'static str,
    future: impl Future<Output = Result<T, FetchError>>,
) -> Result<T, FetchError> {
    let mut watch = DropWatch {
        trace,
        branch,
        start_ms: trace.now_ms(),
        finished: false,
    };
    let output = future.await;
    watch.finished = true;
    let end = if output.is_ok() {
        End::Answered
    } else {
        End::Failed
    };
    trace.record(branch, watch.start_ms, end);
    output
}

/// The two joins of Listing 4-2 (same fetches, same latencies), each branch traced.
/// Run it on the paused clock, so that the times are exact and the same on every
/// run.
pub async fn record() -> Vec<Span> {
    let progress = Progress::default();
    let as_values = Trace::new("join!");
    let _ = tokio::join!(
        traced(&as_values, "api1", fetch(&progress, "api1", 600, None)),
        traced(
            &as_values,
            "api2",
            fetch(&progress, "api2", 100, Some("connection refused"))
        ),
        traced(&as_values, "api3", fetch(&progress, "api3", 900, None)),
    );
    let first_error = Trace::new("try_join!");
    let _ = tokio::try_join!(
        traced(&first_error, "api1", fetch(&progress, "api1", 600, None)),
        traced(
            &first_error,
            "api2",
            fetch(&progress, "api2", 100, Some("connection refused"))
        ),
        traced(&first_error, "api3", fetch(&progress, "api3", 900, None)),
    );
    let mut spans = as_values
        .spans
        .into_inner()
        .expect("no panic while recording");
    spans.extend(
        first_error
            .spans
            .into_inner()
            .expect("no panic while recording"),
    );
    // One order for the picture: by join, then by branch name.
    spans.sort_by(|a, b| {
        (a.join != "join!", &a.branch).cmp(&(b.join != "join!", &b.branch))
    });
    spans
}

/// The spans as tab-separated lines: join, branch, start, end, how it ended.
pub fn to_tsv(spans: &[Span]) -> String {
    let mut text = String::from("join\tbranch\tstart_ms\tend_ms\tend\n");
    for span in spans {
        let end = match span.end {
            End::Answered => "answered",
            End::Failed => "failed",
            End::Dropped => "dropped",
        };
        let _ = writeln!(
            text,
            "{}\t{}\t{}\t{}\t{end}",
            span.join, span.branch, span.start_ms, span.end_ms
        );
    }
    text
}

/// Reads what [`to_tsv`] wrote.
pub fn from_tsv(text: &str) -> Result<Vec<Span>, String> {
    text.lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [join, branch, start, end_ms, end] = fields[..] else {
                return Err(format!("expected 5 tab-separated fields: {line:?}"));
            };
            let number = |field: &str| {
                field.parse::<u64>().map_err(|e| format!("{field:?}: {e}"))
            };
            let end = match end {
                "answered" => End::Answered,
                "failed" => End::Failed,
                "dropped" => End::Dropped,
                other => return Err(format!("unknown end {other:?}")),
            };
            Ok(Span {
                join: join.to_string(),
                branch: branch.to_string(),
                start_ms: number(start)?,
                end_ms: number(end_ms)?,
                end,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The data is a real run: on the paused clock, a new run records exactly the
    /// same spans.
    #[tokio::test(start_paused = true)]
    async fn the_committed_trace_is_what_a_run_records() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("timeline.tsv");
        let committed = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            to_tsv(&record().await),
            committed,
            "timeline.tsv differs from a new run: {}",
            crate::REGENERATE
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_trace_shows_which_branches_try_join_dropped() {
        let spans = record().await;
        let ends: Vec<(&str, &str, u64, End)> = spans
            .iter()
            .map(|s| (s.join.as_str(), s.branch.as_str(), s.end_ms, s.end))
            .collect();
        assert_eq!(
            ends,
            [
                ("join!", "api1", 600, End::Answered),
                ("join!", "api2", 100, End::Failed),
                ("join!", "api3", 900, End::Answered),
                ("try_join!", "api1", 100, End::Dropped),
                ("try_join!", "api2", 100, End::Failed),
                ("try_join!", "api3", 100, End::Dropped),
            ]
        );
    }

    #[test]
    fn the_tsv_round_trips() {
        let spans = vec![Span {
            join: "join!".into(),
            branch: "api1".into(),
            start_ms: 0,
            end_ms: 200,
            end: End::Answered,
        }];
        assert_eq!(from_tsv(&to_tsv(&spans)).unwrap(), spans);
        assert!(from_tsv("header\nonly\tthree\tfields\n").is_err());
    }
}
