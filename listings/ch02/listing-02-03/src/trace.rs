//! What the executor and the timer reactor did, and when: the data behind the
//! chapter's timeline picture. Stored as tab-separated text, one event per line.

use std::sync::{Arc, Mutex};
use std::time::Instant;

/// What happened to a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The executor started polling the task.
    Poll,
    /// The poll returned `Pending`: the task is suspended.
    Pending,
    /// The poll returned `Ready`: the task is finished.
    Ready,
    /// Someone (here, the timer reactor) woke the task: it is back on the ready
    /// queue.
    Wake,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Poll => "poll",
            Kind::Pending => "pending",
            Kind::Ready => "ready",
            Kind::Wake => "wake",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Kind::Poll, Kind::Pending, Kind::Ready, Kind::Wake]
            .into_iter()
            .find(|kind| kind.name() == text)
    }
}

/// One event: microseconds since the run started, the task's name, what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub at_micros: u64,
    pub task: String,
    pub kind: Kind,
}

/// A shared, append-only event log, with the instant the run started.
#[derive(Clone)]
pub struct Trace {
    start: Instant,
    events: Arc<Mutex<Vec<Event>>>,
}

impl Default for Trace {
    fn default() -> Self {
        Self::new()
    }
}

impl Trace {
    pub fn new() -> Self {
        Self {
            start: Instant::now(),
            events: Arc::default(),
        }
    }

    pub fn record(&self, task: &str, kind: Kind) {
        let at_micros =
            u64::try_from(self.start.elapsed().as_micros()).unwrap_or(u64::MAX);
        self.events.lock().unwrap().push(Event {
            at_micros,
            task: task.to_string(),
            kind,
        });
    }

    pub fn events(&self) -> Vec<Event> {
        self.events.lock().unwrap().clone()
    }
}

/// The trace as text: a header line, then `micros<TAB>task<TAB>kind` per event.
pub fn to_tsv(events: &[Event]) -> String {
    let mut text = String::from("# micros\ttask\tevent\n");
    for event in events {
        text.push_str(&format!(
            "{}\t{}\t{}\n",
            event.at_micros,
            event.task,
            event.kind.name()
        ));
    }
    text
}

/// Reads what [`to_tsv`] wrote.
pub fn from_tsv(text: &str) -> Result<Vec<Event>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .map(|(index, line)| {
            let bad = || format!("line {}: cannot read {line:?}", index + 1);
            let mut fields = line.split('\t');
            let at_micros =
                fields.next().and_then(|f| f.parse().ok()).ok_or_else(bad)?;
            let task = fields.next().ok_or_else(bad)?.to_string();
            let kind = fields.next().and_then(Kind::parse).ok_or_else(bad)?;
            Ok(Event {
                at_micros,
                task,
                kind,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trace_survives_the_round_trip_through_text() {
        let trace = Trace::new();
        trace.record("api1", Kind::Poll);
        trace.record("api1", Kind::Pending);
        trace.record("api1", Kind::Wake);
        let events = trace.events();
        assert_eq!(from_tsv(&to_tsv(&events)).unwrap(), events);
    }
}
