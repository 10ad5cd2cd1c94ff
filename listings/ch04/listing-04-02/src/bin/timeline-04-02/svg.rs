//! Draws the traced spans as an SVG picture. The output depends only on the spans,
//! so the committed picture can be checked against the committed data.

use crate::trace::{End, Span};
use course_svg::{Anchor, Colour, Document};

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 150.0;
const RIGHT_MARGIN: f64 = 150.0;
const LANE: f64 = 28.0;
const TOP: f64 = 44.0;
const GROUP_GAP: f64 = 16.0;
const TITLE: &str = "Listing 4-2: the same three fetches under join! and try_join!";

/// Draws the spans: one group of lanes per join, one bar per branch, time across.
pub fn render(spans: &[Span]) -> String {
    let end_ms = spans.iter().map(|s| s.end_ms).max().unwrap_or(0).max(100);
    let axis_end_ms = end_ms.div_ceil(100) * 100;
    let x = |ms: u64| {
        LABEL_WIDTH
            + ms as f64 / axis_end_ms as f64 * (WIDTH - LABEL_WIDTH - RIGHT_MARGIN)
    };
    let mut joins: Vec<&str> = Vec::new();
    for span in spans {
        if !joins.contains(&span.join.as_str()) {
            joins.push(&span.join);
        }
    }
    let branches = spans.len() as f64;
    let axis_y = TOP + LANE * branches + GROUP_GAP * joins.len() as f64;
    let height = axis_y + 46.0;

    let mut svg = Document::new(WIDTH, height, TITLE);
    svg.heading(10.0, 22.0, TITLE);
    let mut y = TOP;
    for join in &joins {
        svg.bold_text(10.0, y + 16.0, join);
        for span in spans.iter().filter(|s| s.join == *join) {
            let (colour, ended) = match span.end {
                End::Answered => (Colour::Green, "answered"),
                End::Failed => (Colour::Red, "failed"),
                End::Dropped => (Colour::Grey, "dropped"),
            };
            svg.text(LABEL_WIDTH - 8.0, y + 16.0, &span.branch, Anchor::End);
            let bar = (x(span.end_ms) - x(span.start_ms)).max(1.0);
            svg.rect(x(span.start_ms), y + 5.0, bar, 14.0, colour);
            let label = format!("{ended} at {} ms", span.end_ms);
            svg.text(x(span.end_ms) + 6.0, y + 16.0, &label, Anchor::Start);
            y += LANE;
        }
        y += GROUP_GAP;
    }

    let ticks: Vec<(f64, String)> = (0..=axis_end_ms)
        .step_by(100)
        .map(|tick| (x(tick), tick.to_string()))
        .collect();
    svg.horizontal_axis(axis_y, x(0), x(axis_end_ms), &ticks);
    svg.text(
        x(axis_end_ms / 2),
        axis_y + 36.0,
        "virtual time since the join began (ms), on tokio's paused clock",
        Anchor::Middle,
    );
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::from_tsv;
    use std::path::Path;

    /// The picture on the page is the rendering of the committed data, byte for
    /// byte.
    #[test]
    fn the_committed_picture_is_the_rendering_of_the_committed_trace() {
        let listing = Path::new(env!("CARGO_MANIFEST_DIR"));
        let trace = std::fs::read_to_string(listing.join("timeline.tsv")).unwrap();
        let picture = std::fs::read_to_string(listing.join(crate::PICTURE)).unwrap();
        assert!(
            render(&from_tsv(&trace).unwrap()) == picture,
            "src/img/ch04-join-vs-try-join.svg differs from the rendering of timeline.tsv: {}",
            crate::REGENERATE
        );
    }
}
