//! The course's figures as SVG text.
//!
//! Every picture in the book is drawn from data by a program (listing 2-3's and listing 4-2's
//! timelines, chapter 8's benchmark plot), and a test compares the committed picture with a new
//! rendering. They share this crate so that they look alike and so that no label can break the
//! document: every text and every attribute value goes through [`escape`].
//!
//! ```
//! use course_svg::{Anchor, Colour, Document, Stroke};
//!
//! let mut figure = Document::new(200.0, 100.0, "Two points <joined>");
//! figure.polyline(&[(10.0, 90.0), (190.0, 10.0)], Stroke::solid(Colour::Blue));
//! figure.text(100.0, 50.0, "a & b", Anchor::Middle);
//! let svg = figure.finish();
//! assert!(svg.contains("<title>Two points &lt;joined&gt;</title>"));
//! assert!(svg.contains(">a &amp; b</text>"));
//! ```

pub mod figure;

use std::fmt::Write;

/// The one palette of the book's figures. Taking a `Colour` rather than a string keeps every
/// figure on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    Blue,
    Orange,
    Green,
    Red,
    Purple,
    /// Something that ended without a result (a dropped future).
    Grey,
    /// Something waiting in the background (a suspended task).
    LightGrey,
    /// Grid lines, behind the data.
    Grid,
    /// Axes and their ticks.
    Ink,
    Background,
}

impl Colour {
    /// The colour as SVG writes it.
    pub fn code(self) -> &'static str {
        match self {
            Colour::Blue => "#1f77b4",
            Colour::Orange => "#ff7f0e",
            Colour::Green => "#2ca02c",
            Colour::Red => "#d62728",
            Colour::Purple => "#9467bd",
            Colour::Grey => "#999999",
            Colour::LightGrey => "#cccccc",
            Colour::Grid => "#dddddd",
            Colour::Ink => "#333333",
            Colour::Background => "#ffffff",
        }
    }
}

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub colour: Colour,
    pub width: f64,
    /// Dash and gap lengths, as SVG's `stroke-dasharray` (`[6.0, 3.0]`); empty for solid.
    pub dashes: &'static [f64],
}

impl Stroke {
    /// A solid line two pixels wide: data.
    pub fn solid(colour: Colour) -> Self {
        Stroke {
            colour,
            width: 2.0,
            dashes: &[],
        }
    }

    /// A one-pixel line: axes, ticks and grid.
    pub fn thin(colour: Colour) -> Self {
        Stroke {
            colour,
            width: 1.0,
            dashes: &[],
        }
    }

    pub fn dashed(self, dashes: &'static [f64]) -> Self {
        Stroke { dashes, ..self }
    }
}

/// Which point of a text its position names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn code(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// The font size of ordinary text, in pixels; headings are larger.
pub const FONT_SIZE: f64 = 12.0;
const HEADING_SIZE: f64 = 14.0;

/// An SVG document being drawn: a fixed size, a title, a background, then elements in the
/// order they are added (later ones on top).
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
}

/// An attribute value: a number or a piece of text.
enum Value<'a> {
    Number(f64),
    Text(&'a str),
}

impl Document {
    /// A `width` × `height` document whose `<title>` (what screen readers and tooltips show)
    /// is `title`, on a filled background.
    pub fn new(width: f64, height: f64, title: &str) -> Self {
        let mut document = Document {
            text: String::new(),
        };
        let view_box = format!("0 0 {} {}", number(width), number(height));
        document.open(
            "svg",
            &[
                ("xmlns", Value::Text("http://www.w3.org/2000/svg")),
                ("width", Value::Number(width)),
                ("height", Value::Number(height)),
                ("viewBox", Value::Text(&view_box)),
                ("font-family", Value::Text("sans-serif")),
                ("font-size", Value::Number(FONT_SIZE)),
            ],
        );
        document.text.push('\n');
        document.element("title", &[], Some(title));
        document.rect(0.0, 0.0, width, height, Colour::Background);
        document
    }

    /// A filled rectangle.
    pub fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, fill: Colour) {
        self.element(
            "rect",
            &[
                ("x", Value::Number(x)),
                ("y", Value::Number(y)),
                ("width", Value::Number(width.max(0.0))),
                ("height", Value::Number(height.max(0.0))),
                ("fill", Value::Text(fill.code())),
            ],
            None,
        );
    }

    /// A filled circle.
    pub fn circle(&mut self, x: f64, y: f64, radius: f64, fill: Colour) {
        self.element(
            "circle",
            &[
                ("cx", Value::Number(x)),
                ("cy", Value::Number(y)),
                ("r", Value::Number(radius)),
                ("fill", Value::Text(fill.code())),
            ],
            None,
        );
    }

    /// A straight line from `from` to `to`.
    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), stroke: Stroke) {
        let mut attributes = vec![
            ("x1", Value::Number(from.0)),
            ("y1", Value::Number(from.1)),
            ("x2", Value::Number(to.0)),
            ("y2", Value::Number(to.1)),
        ];
        let dashes = dash_array(stroke.dashes);
        push_stroke(&mut attributes, &stroke, &dashes);
        self.element("line", &attributes, None);
    }

    /// Straight lines through `points`, unfilled.
    pub fn polyline(&mut self, points: &[(f64, f64)], stroke: Stroke) {
        let points: Vec<String> = points
            .iter()
            .map(|&(x, y)| format!("{},{}", number(x), number(y)))
            .collect();
        let points = points.join(" ");
        let mut attributes = vec![
            ("points", Value::Text(&points)),
            ("fill", Value::Text("none")),
        ];
        let dashes = dash_array(stroke.dashes);
        push_stroke(&mut attributes, &stroke, &dashes);
        self.element("polyline", &attributes, None);
    }

    /// Ordinary text whose `anchor` point is at (`x`, `y`), `y` being the baseline.
    pub fn text(&mut self, x: f64, y: f64, text: &str, anchor: Anchor) {
        let mut attributes = vec![("x", Value::Number(x)), ("y", Value::Number(y))];
        if anchor != Anchor::Start {
            attributes.push(("text-anchor", Value::Text(anchor.code())));
        }
        self.element("text", &attributes, Some(text));
    }

    /// Bold text: a figure's visible heading, or the label of a group.
    pub fn bold_text(&mut self, x: f64, y: f64, text: &str) {
        self.element(
            "text",
            &[
                ("x", Value::Number(x)),
                ("y", Value::Number(y)),
                ("font-weight", Value::Text("bold")),
            ],
            Some(text),
        );
    }

    /// The figure's visible heading, larger and bold, starting at (`x`, `y`).
    pub fn heading(&mut self, x: f64, y: f64, text: &str) {
        self.element(
            "text",
            &[
                ("x", Value::Number(x)),
                ("y", Value::Number(y)),
                ("font-size", Value::Number(HEADING_SIZE)),
                ("font-weight", Value::Text("bold")),
            ],
            Some(text),
        );
    }

    /// Text read bottom to top (a vertical axis's title), centred on (`x`, `y`).
    pub fn vertical_text(&mut self, x: f64, y: f64, text: &str) {
        let transform = format!("translate({} {}) rotate(-90)", number(x), number(y));
        self.element(
            "text",
            &[
                ("transform", Value::Text(&transform)),
                ("text-anchor", Value::Text(Anchor::Middle.code())),
            ],
            Some(text),
        );
    }

    /// A horizontal axis at height `y` from `from_x` to `to_x`, with a tick and a label below it
    /// at each `(x, label)`.
    pub fn horizontal_axis(&mut self, y: f64, from_x: f64, to_x: f64, ticks: &[(f64, String)]) {
        let ink = Stroke::thin(Colour::Ink);
        self.line((from_x, y), (to_x, y), ink);
        for (x, label) in ticks {
            self.line((*x, y), (*x, y + 5.0), ink);
            self.text(*x, y + 18.0, label, Anchor::Middle);
        }
    }

    /// A grid line across the plot at height `y`, from `from_x` to `to_x`, labelled on the left.
    pub fn horizontal_grid_line(&mut self, y: f64, from_x: f64, to_x: f64, label: &str) {
        self.line((from_x, y), (to_x, y), Stroke::thin(Colour::Grid));
        self.text(from_x - 6.0, y + 4.0, label, Anchor::End);
    }

    /// A grid line up the plot at `x`, from `top_y` to `bottom_y`, labelled underneath.
    pub fn vertical_grid_line(&mut self, x: f64, top_y: f64, bottom_y: f64, label: &str) {
        self.line((x, top_y), (x, bottom_y), Stroke::thin(Colour::Grid));
        self.text(x, bottom_y + 16.0, label, Anchor::Middle);
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        self.text.push_str("</svg>\n");
        self.text
    }

    fn open(&mut self, name: &str, attributes: &[(&str, Value)]) {
        self.text.push('<');
        self.text.push_str(name);
        for (attribute, value) in attributes {
            let value = match value {
                Value::Number(n) => number(*n),
                Value::Text(text) => escape(text),
            };
            let _ = write!(self.text, " {attribute}=\"{value}\"");
        }
        self.text.push('>');
    }

    /// One element on a line of its own: `<name …/>`, or `<name …>content</name>`.
    fn element(&mut self, name: &str, attributes: &[(&str, Value)], content: Option<&str>) {
        self.open(name, attributes);
        match content {
            Some(content) => {
                let _ = writeln!(self.text, "{}</{name}>", escape(content));
            }
            None => {
                self.text.pop();
                self.text.push_str("/>\n");
            }
        }
    }
}

fn push_stroke<'a>(attributes: &mut Vec<(&str, Value<'a>)>, stroke: &Stroke, dashes: &'a str) {
    attributes.push(("stroke", Value::Text(stroke.colour.code())));
    if stroke.width != 1.0 {
        attributes.push(("stroke-width", Value::Number(stroke.width)));
    }
    if !dashes.is_empty() {
        attributes.push(("stroke-dasharray", Value::Text(dashes)));
    }
}

fn dash_array(dashes: &[f64]) -> String {
    dashes
        .iter()
        .map(|&length| number(length))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A coordinate with at most one decimal: `12`, `12.5`. Tenths of a pixel are finer than any
/// screen shows, and short numbers keep the committed files readable.
pub fn number(value: f64) -> String {
    let text = format!("{value:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// `text` made safe inside an XML element or a quoted attribute value: `&`, `<`, `>`, `"` and
/// `'` become entities.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_the_rest_is_kept() {
        assert_eq!(
            escape(r#"<b> & "quoted" 'single'"#),
            "&lt;b&gt; &amp; &quot;quoted&quot; &apos;single&apos;"
        );
        assert_eq!(escape("⌈n/W⌉ × 100 ms"), "⌈n/W⌉ × 100 ms");
        // Escaping twice escapes the ampersands of the first pass: callers escape once.
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }

    #[test]
    fn text_and_titles_cannot_break_the_document() {
        let mut figure = Document::new(100.0, 50.0, "a </title> b");
        figure.text(1.0, 2.0, "</text><script>", Anchor::End);
        figure.bold_text(1.0, 2.0, "join!(a, b) & try_join!");
        figure.heading(1.0, 2.0, "x < y");
        figure.vertical_text(1.0, 2.0, "\"quoted\"");
        let svg = figure.finish();
        assert!(svg.contains("<title>a &lt;/title&gt; b</title>"), "{svg}");
        assert!(svg.contains(">&lt;/text&gt;&lt;script&gt;</text>"), "{svg}");
        assert!(svg.contains(">join!(a, b) &amp; try_join!</text>"), "{svg}");
        assert!(svg.contains(">x &lt; y</text>"), "{svg}");
        assert!(svg.contains(">&quot;quoted&quot;</text>"), "{svg}");
        assert!(!svg.contains("<script"), "{svg}");
    }

    #[test]
    fn every_element_is_on_its_own_line_and_closed() {
        let mut figure = Document::new(640.0, 400.0, "plot");
        figure.line(
            (0.0, 0.5),
            (10.25, 3.0),
            Stroke::solid(Colour::Red).dashed(&[6.0, 3.0]),
        );
        figure.polyline(&[(1.0, 2.0), (3.04, 4.96)], Stroke::thin(Colour::Blue));
        figure.circle(5.0, 6.0, 3.0, Colour::Purple);
        figure.rect(1.0, 2.0, -3.0, 4.0, Colour::LightGrey);
        let svg = figure.finish();
        let lines: Vec<&str> = svg.lines().collect();
        assert_eq!(
            lines,
            [
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"400\" \
                 viewBox=\"0 0 640 400\" font-family=\"sans-serif\" font-size=\"12\">",
                "<title>plot</title>",
                "<rect x=\"0\" y=\"0\" width=\"640\" height=\"400\" fill=\"#ffffff\"/>",
                "<line x1=\"0\" y1=\"0.5\" x2=\"10.2\" y2=\"3\" stroke=\"#d62728\" \
                 stroke-width=\"2\" stroke-dasharray=\"6 3\"/>",
                "<polyline points=\"1,2 3,5\" fill=\"none\" stroke=\"#1f77b4\"/>",
                "<circle cx=\"5\" cy=\"6\" r=\"3\" fill=\"#9467bd\"/>",
                "<rect x=\"1\" y=\"2\" width=\"0\" height=\"4\" fill=\"#cccccc\"/>",
                "</svg>",
            ]
        );
    }

    #[test]
    fn an_axis_has_a_tick_and_a_label_per_value() {
        let mut figure = Document::new(100.0, 50.0, "axis");
        let ticks: Vec<(f64, String)> = [(10.0, "0"), (50.0, "500"), (90.0, "1000")]
            .map(|(x, label)| (x, label.to_string()))
            .into();
        figure.horizontal_axis(30.0, 10.0, 90.0, &ticks);
        let svg = figure.finish();
        assert_eq!(svg.matches("<line").count(), 4, "the axis and three ticks");
        assert!(svg.contains("<text x=\"50\" y=\"48\" text-anchor=\"middle\">500</text>"));
    }

    #[test]
    fn numbers_have_at_most_one_decimal() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(12.25), "12.2");
        assert_eq!(number(-0.01), "0");
        assert_eq!(number(1e3), "1000");
    }
}
