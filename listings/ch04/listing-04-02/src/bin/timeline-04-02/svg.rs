//! Draws the traced spans as an SVG picture. The output depends only on the spans,
//! so the committed picture can be checked against the committed data.

use crate::trace::{End, Span};
use std::fmt::Write;

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 150.0;
const RIGHT_MARGIN: f64 = 150.0;
const LANE: f64 = 28.0;
const TOP: f64 = 44.0;
const GROUP_GAP: f64 = 16.0;

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

    let mut body = String::new();
    let mut y = TOP;
    for join in &joins {
        let _ = writeln!(
            body,
            r#"<text x="10" y="{:.1}" font-weight="bold">{}</text>"#,
            y + 16.0,
            escape(join)
        );
        for span in spans.iter().filter(|s| s.join == *join) {
            let (colour, label) = match span.end {
                End::Answered => {
                    ("#2ca02c", format!("answered at {} ms", span.end_ms))
                }
                End::Failed => ("#d62728", format!("failed at {} ms", span.end_ms)),
                End::Dropped => {
                    ("#999999", format!("dropped at {} ms", span.end_ms))
                }
            };
            let _ = writeln!(
                body,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect x="{:.1}" y="{:.1}" width="{:.1}" height="14" fill="{colour}"/><text x="{:.1}" y="{:.1}">{label}</text>"#,
                LABEL_WIDTH - 8.0,
                y + 16.0,
                escape(&span.branch),
                x(span.start_ms),
                y + 5.0,
                (x(span.end_ms) - x(span.start_ms)).max(1.0),
                x(span.end_ms) + 6.0,
                y + 16.0
            );
            y += LANE;
        }
        y += GROUP_GAP;
    }

    let axis_y = y;
    let _ = writeln!(
        body,
        r##"<line x1="{:.1}" y1="{axis_y:.1}" x2="{:.1}" y2="{axis_y:.1}" stroke="#333"/>"##,
        x(0),
        x(axis_end_ms)
    );
    for tick in (0..=axis_end_ms).step_by(100) {
        let _ = writeln!(
            body,
            r##"<line x1="{0:.1}" y1="{axis_y:.1}" x2="{0:.1}" y2="{1:.1}" stroke="#333"/><text x="{0:.1}" y="{2:.1}" text-anchor="middle">{tick}</text>"##,
            x(tick),
            axis_y + 5.0,
            axis_y + 18.0
        );
    }
    let height = axis_y + 46.0;
    let _ = writeln!(
        body,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">virtual time since the join began (ms), on tokio's paused clock</text>"#,
        x(axis_end_ms / 2),
        axis_y + 36.0
    );

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0}" viewBox="0 0 {WIDTH} {height:.0}" font-family="sans-serif" font-size="12">"#
    );
    svg.push_str("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    let _ = writeln!(
        svg,
        r#"<text x="10" y="22" font-size="14" font-weight="bold">Listing 4-2: the same three fetches under join! and try_join!</text>"#
    );
    svg.push_str(&body);
    svg.push_str("</svg>\n");
    svg
}

/// Escapes the characters that XML text may not contain.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
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
