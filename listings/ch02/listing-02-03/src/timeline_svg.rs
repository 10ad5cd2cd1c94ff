//! Draws a trace as an SVG timeline: one lane per task, time in milliseconds across.
//! The output depends only on the events, so the committed picture can be checked
//! against the committed trace.

use crate::trace::{Event, Kind};
use std::fmt::Write;

const WIDTH: f64 = 760.0;
const LABEL_WIDTH: f64 = 110.0;
const RIGHT_MARGIN: f64 = 30.0;
const TOP: f64 = 40.0;
const LANE_HEIGHT: f64 = 44.0;

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

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12">"#
    );
    svg.push_str("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    let _ = writeln!(
        svg,
        r#"<text x="{LABEL_WIDTH}" y="20" font-size="14" font-weight="bold">Which task ran when: Listing 2-3 on one executor thread</text>"#
    );

    for (index, lane) in lanes.iter().enumerate() {
        let middle = TOP + LANE_HEIGHT * index as f64 + LANE_HEIGHT / 2.0;
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{lane}</text>"#,
            LABEL_WIDTH - 10.0,
            middle + 4.0
        );
        draw_lane(&mut svg, events, lane, middle, &x);
    }

    // The time axis, in milliseconds since the run started.
    let _ = writeln!(
        svg,
        r##"<line x1="{:.1}" y1="{axis_y:.1}" x2="{:.1}" y2="{axis_y:.1}" stroke="#333"/>"##,
        x(0.0),
        x(axis_end_ms)
    );
    let mut tick = 0.0;
    while tick <= axis_end_ms {
        let _ = writeln!(
            svg,
            r##"<line x1="{0:.1}" y1="{axis_y:.1}" x2="{0:.1}" y2="{1:.1}" stroke="#333"/><text x="{0:.1}" y="{2:.1}" text-anchor="middle">{tick}</text>"##,
            x(tick),
            axis_y + 5.0,
            axis_y + 18.0
        );
        tick += step_ms;
    }
    let _ = writeln!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">time since the start of the run (ms)</text>"#,
        x(axis_end_ms / 2.0),
        axis_y + 34.0
    );
    legend(&mut svg, axis_y + 56.0);
    svg.push_str("</svg>\n");
    svg
}

/// One task's lane: a grey bar while it is suspended, a blue mark for each poll, an
/// orange dot for each wake, a green mark where it finishes.
fn draw_lane(
    svg: &mut String,
    events: &[Event],
    lane: &str,
    middle: f64,
    x: &dyn Fn(f64) -> f64,
) {
    let mine: Vec<&Event> = events.iter().filter(|e| e.task == lane).collect();
    let mut suspended_since = None;
    for event in &mine {
        let at = x(ms(event.at_micros));
        match event.kind {
            Kind::Pending => suspended_since = Some(at),
            Kind::Poll => {
                if let Some(since) = suspended_since.take() {
                    let _ = writeln!(
                        svg,
                        r##"<rect x="{since:.1}" y="{:.1}" width="{:.1}" height="8" fill="#ccc"/>"##,
                        middle - 4.0,
                        (at - since).max(0.0)
                    );
                }
                let _ = writeln!(
                    svg,
                    r##"<rect x="{:.1}" y="{:.1}" width="4" height="20" fill="#1f77b4"/>"##,
                    at - 2.0,
                    middle - 10.0
                );
            }
            Kind::Wake => {
                let _ = writeln!(
                    svg,
                    r##"<circle cx="{at:.1}" cy="{:.1}" r="4" fill="#ff7f0e"/>"##,
                    middle - 14.0
                );
            }
            Kind::Ready => {
                let _ = writeln!(
                    svg,
                    r##"<rect x="{:.1}" y="{:.1}" width="4" height="20" fill="#2ca02c"/><text x="{:.1}" y="{:.1}">done, {:.1} ms</text>"##,
                    at - 2.0,
                    middle - 10.0,
                    at + 6.0,
                    middle + 4.0,
                    ms(event.at_micros)
                );
            }
        }
    }
}

fn legend(svg: &mut String, y: f64) {
    let items = [
        ("#1f77b4", "polled by the executor"),
        ("#ccc", "suspended (Pending)"),
        ("#ff7f0e", "woken by the timer reactor"),
        ("#2ca02c", "Ready"),
    ];
    let mut left = LABEL_WIDTH;
    for (colour, label) in items {
        let _ = writeln!(
            svg,
            r#"<rect x="{left:.1}" y="{:.1}" width="12" height="12" fill="{colour}"/><text x="{:.1}" y="{y:.1}">{label}</text>"#,
            y - 10.0,
            left + 16.0
        );
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
        assert!(svg.contains(">done, 1000.2 ms</text>"));
        assert!(svg.contains("time since the start of the run (ms)"));
        assert_eq!(
            svg.matches("#1f77b4").count(),
            3,
            "two polls and the legend"
        );
    }
}
