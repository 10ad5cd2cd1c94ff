//! Draws a trace as an SVG timeline: one lane per task, time in milliseconds across.
//! The output depends only on the events, so the committed picture can be checked
//! against the committed trace.

use crate::trace::{Event, Kind};
use course_svg::{Anchor, Colour, Document};

const WIDTH: f64 = 760.0;
const LABEL_WIDTH: f64 = 110.0;
const RIGHT_MARGIN: f64 = 30.0;
const TOP: f64 = 40.0;
const LANE_HEIGHT: f64 = 44.0;
const TITLE: &str = "Which task ran when: Listing 2-3 on one executor thread";

/// Renders `events` (in the order they were recorded) as a standalone SVG document.
pub fn render(events: &[Event]) -> String {
    let mut lanes: Vec<&str> = Vec::new();
    for event in events {
        if !lanes.contains(&event.task.as_str()) {
            lanes.push(&event.task);
        }
    }
    let end_ms = events.iter().map(|e| ms(e.at_micros)).fold(0.0, f64::max);
    let step_ms = tick_step(end_ms);
    let axis_end_ms = (end_ms / step_ms).ceil().max(1.0) * step_ms;
    let x = |at_ms: f64| {
        LABEL_WIDTH + at_ms / axis_end_ms * (WIDTH - LABEL_WIDTH - RIGHT_MARGIN)
    };
    let axis_y = TOP + LANE_HEIGHT * lanes.len() as f64 + 6.0;
    let height = axis_y + 70.0;

    let mut svg = Document::new(WIDTH, height, TITLE);
    svg.heading(LABEL_WIDTH, 20.0, TITLE);
    for (index, lane) in lanes.iter().enumerate() {
        let middle = TOP + LANE_HEIGHT * index as f64 + LANE_HEIGHT / 2.0;
        svg.text(LABEL_WIDTH - 10.0, middle + 4.0, lane, Anchor::End);
        draw_lane(&mut svg, events, lane, middle, &x);
    }

    // The time axis, in milliseconds since the run started.
    let ticks: Vec<(f64, String)> = (0..)
        .map(|index| index as f64 * step_ms)
        .take_while(|&tick| tick <= axis_end_ms)
        .map(|tick| (x(tick), tick.to_string()))
        .collect();
    svg.horizontal_axis(axis_y, x(0.0), x(axis_end_ms), &ticks);
    svg.text(
        x(axis_end_ms / 2.0),
        axis_y + 34.0,
        "time since the start of the run (ms)",
        Anchor::Middle,
    );
    legend(&mut svg, axis_y + 56.0);
    svg.finish()
}

/// One task's lane: a grey bar while it is suspended, a blue mark for each poll, an
/// orange dot for each wake, a green mark where it finishes.
fn draw_lane(
    svg: &mut Document,
    events: &[Event],
    lane: &str,
    middle: f64,
    x: &dyn Fn(f64) -> f64,
) {
    let mut suspended_since = None;
    for event in events.iter().filter(|e| e.task == lane) {
        let at = x(ms(event.at_micros));
        match event.kind {
            Kind::Pending => suspended_since = Some(at),
            Kind::Poll => {
                if let Some(since) = suspended_since.take() {
                    svg.rect(
                        since,
                        middle - 4.0,
                        at - since,
                        8.0,
                        Colour::LightGrey,
                    );
                }
                svg.rect(at - 2.0, middle - 10.0, 4.0, 20.0, Colour::Blue);
            }
            Kind::Wake => svg.circle(at, middle - 14.0, 4.0, Colour::Orange),
            Kind::Ready => {
                svg.rect(at - 2.0, middle - 10.0, 4.0, 20.0, Colour::Green);
                let label = format!("done, {:.1} ms", ms(event.at_micros));
                svg.text(at + 6.0, middle + 4.0, &label, Anchor::Start);
            }
        }
    }
}

fn legend(svg: &mut Document, y: f64) {
    let items = [
        (Colour::Blue, "polled by the executor"),
        (Colour::LightGrey, "suspended (Pending)"),
        (Colour::Orange, "woken by the timer reactor"),
        (Colour::Green, "Ready"),
    ];
    let mut left = LABEL_WIDTH;
    for (colour, label) in items {
        svg.rect(left, y - 10.0, 12.0, 12.0, colour);
        svg.text(left + 16.0, y, label, Anchor::Start);
        // About 6.5 pixels per character at the figure's font size.
        left += 16.0 + 6.5 * label.len() as f64 + 18.0;
    }
}

fn ms(micros: u64) -> f64 {
    micros as f64 / 1000.0
}

/// A round tick spacing giving at most about ten ticks.
fn tick_step(end_ms: f64) -> f64 {
    [
        10.0, 20.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2000.0, 5000.0,
    ]
    .into_iter()
    .find(|step| end_ms / step <= 10.0)
    .unwrap_or(10_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::from_tsv;
    use std::path::Path;

    /// The picture on the page is the rendering of the committed trace, byte for
    /// byte: it cannot drift from the data, or be edited by hand.
    #[test]
    fn the_committed_picture_is_the_rendering_of_the_committed_trace() {
        let listing = Path::new(env!("CARGO_MANIFEST_DIR"));
        let trace = std::fs::read_to_string(listing.join("timeline.tsv")).unwrap();
        let committed = std::fs::read_to_string(
            listing.join("../../../src/img/ch02-timeline.svg"),
        )
        .unwrap();
        assert!(
            render(&from_tsv(&trace).unwrap()) == committed,
            "src/img/ch02-timeline.svg differs from the rendering of timeline.tsv: run \
             `cargo run -p listing-02-03 --bin timeline -- --render-only` (or without \
             `--render-only` to record a new run)"
        );
    }

    #[test]
    fn every_task_gets_a_labelled_lane_and_the_axis_is_in_milliseconds() {
        let events = from_tsv("0\tapi1\tpoll\n50\tapi1\tpending\n1000100\tapi1\twake\n1000200\tapi1\tpoll\n1000250\tapi1\tready\n").unwrap();
        let svg = render(&events);
        assert!(svg.contains(">api1</text>"));
        assert!(svg.contains("<title>Which task ran when"));
        assert!(svg.contains(">done, 1000.2 ms</text>"));
        assert!(svg.contains("time since the start of the run (ms)"));
        let blue = Colour::Blue.code();
        assert_eq!(svg.matches(blue).count(), 3, "two polls and the legend");
    }
}
