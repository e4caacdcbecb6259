//! Horizontal bar charts drawn with plotters' SVG backend, returned as SVG text to inline.
//!
//! The charts must be readable printed in black and white: bars differ by lightness and
//! outline, never by hue alone; every bar carries its count and share as text, and a
//! significant difference is marked with `*`/`**` next to the number as well as by the
//! dark fill. The output is deterministic (plotters writes no ids or times).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::Error;

/// How a bar is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BarStyle {
    /// An ordinary group: light grey.
    Plain,
    /// A group that differs significantly from the rest: near-black.
    Marked,
    /// All respondents together: white with a black outline.
    Total,
}

/// One bar: its group label, its value as a share (0–1) and the text printed after it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bar {
    pub(crate) label: String,
    pub(crate) value: f64,
    pub(crate) text: String,
    pub(crate) style: BarStyle,
}

/// A horizontal bar chart of shares, 0–100 %.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BarChart {
    /// The caption above the chart.
    pub(crate) title: String,
    /// The label of the x axis.
    pub(crate) x_label: String,
    /// Bars from top to bottom.
    pub(crate) bars: Vec<Bar>,
}

const WIDTH: u32 = 720;
const ROW: u32 = 26;
const LEFT: u32 = 150;
const RIGHT: u32 = 170;
const FONT: &str = "sans-serif";

impl BarChart {
    /// Draw the chart as an SVG document (no XML declaration, ready to inline in HTML).
    pub(crate) fn to_svg(&self) -> Result<String, Error> {
        let err = |e: &dyn std::fmt::Display| Error::Chart {
            chart: self.title.clone(),
            message: e.to_string(),
        };
        let n = self.bars.len().max(1);
        let height = 70 + ROW * n as u32 + 45;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            root.fill(&WHITE).map_err(|e| err(&e))?;
            let mut chart = ChartBuilder::on(&root)
                .caption(&self.title, (FONT, 19))
                .margin_top(8)
                .margin_left(LEFT)
                .margin_right(RIGHT)
                .x_label_area_size(40)
                .y_label_area_size(0)
                .build_cartesian_2d(0f64..100f64, 0f64..n as f64)
                .map_err(|e| err(&e))?;
            chart
                .configure_mesh()
                .disable_y_mesh()
                .x_labels(6)
                .x_label_formatter(&|v| format!("{v:.0} %"))
                .x_desc(self.x_label.as_str())
                .axis_desc_style((FONT, 15))
                .label_style((FONT, 14))
                .max_light_lines(0)
                .bold_line_style(RGBColor(210, 210, 210))
                .draw()
                .map_err(|e| err(&e))?;
            let label_style = TextStyle::from((FONT, 16).into_font())
                .color(&BLACK)
                .pos(Pos::new(HPos::Right, VPos::Center));
            let value_style = TextStyle::from((FONT, 16).into_font())
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Center));
            for (i, bar) in self.bars.iter().enumerate() {
                // The first bar at the top.
                let y0 = (n - 1 - i) as f64;
                let v = (bar.value * 100.0).clamp(0.0, 100.0);
                let (fill, outline) = match bar.style {
                    BarStyle::Plain => (RGBColor(190, 190, 190), RGBColor(90, 90, 90)),
                    BarStyle::Marked => (RGBColor(40, 40, 40), RGBColor(0, 0, 0)),
                    BarStyle::Total => (WHITE, BLACK),
                };
                let rect = [(0.0, y0 + 0.18), (v, y0 + 0.82)];
                chart
                    .draw_series([
                        Rectangle::new(rect, fill.filled()),
                        Rectangle::new(rect, outline.stroke_width(1)),
                    ])
                    .map_err(|e| err(&e))?;
                let (_, py) = chart.backend_coord(&(0.0, y0 + 0.5));
                let (px, _) = chart.backend_coord(&(v, y0 + 0.5));
                let (x0, _) = chart.backend_coord(&(0.0, y0));
                root.draw(&Text::new(bar.label.as_str(), (x0 - 8, py), &label_style))
                    .map_err(|e| err(&e))?;
                root.draw(&Text::new(bar.text.as_str(), (px + 6, py), &value_style))
                    .map_err(|e| err(&e))?;
            }
            root.present().map_err(|e| err(&e))?;
        }
        Ok(svg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> BarChart {
        BarChart {
            title: "Arbeidskraft og kompetanse etter størrelse".into(),
            x_label: "Andel som tar opp temaet".into(),
            bars: vec![
                Bar {
                    label: "liten".into(),
                    value: 0.8,
                    text: "8 av 10 (80 %) **".into(),
                    style: BarStyle::Marked,
                },
                Bar {
                    label: "stor <&>".into(),
                    value: 0.25,
                    text: "1 av 4 (25 %) få".into(),
                    style: BarStyle::Plain,
                },
                Bar {
                    label: "alle".into(),
                    value: 0.64,
                    text: "9 av 14 (64 %)".into(),
                    style: BarStyle::Total,
                },
            ],
        }
    }

    #[test]
    fn svg_has_labels_counts_and_is_deterministic() {
        let a = chart().to_svg().unwrap();
        let b = chart().to_svg().unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with("<svg"), "{}", &a[..40]);
        for needle in [
            "liten",
            "8 av 10 (80 %) **",
            "stor &lt;&amp;&gt;",
            "alle",
            "100 %",
        ] {
            assert!(a.contains(needle), "missing {needle:?}");
        }
        assert!(!a.contains("<&>"));
        insta::assert_snapshot!(a);
    }

    #[test]
    fn an_empty_chart_still_draws() {
        let mut c = chart();
        c.bars.clear();
        assert!(c.to_svg().unwrap().contains("Arbeidskraft"));
    }
}
