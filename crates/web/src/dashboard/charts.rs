//! Chart geometry for the dashboards: stacked bars and year lines laid out in SVG user units,
//! ready for a template to draw (askama escapes every label). Values stay decimals until the
//! last step, where they become pixel positions.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// One segment of a stacked bar.
pub struct Segment {
    pub x: u32,
    pub width: u32,
    pub class: &'static str,
    pub count: usize,
    pub label: &'static str,
}

/// A labelled horizontal bar split into segments.
pub struct StackedBar {
    pub y: u32,
    pub label: String,
    pub total: usize,
    pub segments: Vec<Segment>,
}

pub const BAR_LEFT: u32 = 0;
pub const BAR_WIDTH: u32 = 600;
pub const BAR_HEIGHT: u32 = 22;
pub const BAR_GAP: u32 = 44;

/// Bars of `rows` (label, counts per class in `classes` order), each scaled to the widest.
pub fn stacked_bars(
    rows: Vec<(String, Vec<usize>)>,
    classes: &[(&'static str, &'static str)],
) -> Vec<StackedBar> {
    let widest = rows
        .iter()
        .map(|(_, c)| c.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    rows.into_iter()
        .enumerate()
        .map(|(i, (label, counts))| {
            let mut x = BAR_LEFT;
            let segments = counts
                .iter()
                .zip(classes)
                .filter(|(n, _)| **n > 0)
                .map(|(n, (class, name))| {
                    let width = (*n as u32 * BAR_WIDTH / widest as u32).max(2);
                    let s = Segment {
                        x,
                        width,
                        class,
                        count: *n,
                        label: name,
                    };
                    x += width;
                    s
                })
                .collect();
            StackedBar {
                y: i as u32 * BAR_GAP + 22,
                label,
                total: counts.iter().sum(),
                segments,
            }
        })
        .collect()
}

/// A small line chart of values and targets over the plan's years.
pub struct YearLines {
    pub width: u32,
    pub height: u32,
    /// 'x,y x,y ...' of the actual values (years with a value only).
    pub actual: String,
    /// The points of the actual line, for markers and their titles: (x, y, text).
    pub points: Vec<(u32, u32, String)>,
    /// 'x,y ...' of the targets.
    pub target: String,
    /// Year labels: (x, year).
    pub years: Vec<(u32, u16)>,
    pub top_label: String,
    pub bottom_label: String,
}

const PAD: u32 = 26;

/// Lays out `actual` and `target` values (one per year, `None` where there is none).
pub fn year_lines(
    years: &[u16],
    actual: &[Option<Decimal>],
    target: &[Option<Decimal>],
) -> YearLines {
    let (width, height) = (300u32, 120u32);
    let all: Vec<Decimal> = actual.iter().chain(target).flatten().copied().collect();
    let max = all.iter().copied().max().unwrap_or(Decimal::ONE);
    let min = all
        .iter()
        .copied()
        .min()
        .unwrap_or(Decimal::ZERO)
        .min(Decimal::ZERO);
    let span = (max - min).max(Decimal::new(1, 2));
    let x_of = |i: usize| -> u32 {
        if years.len() <= 1 {
            width / 2
        } else {
            PAD + (i as u32) * (width - 2 * PAD) / (years.len() as u32 - 1)
        }
    };
    let y_of = |v: Decimal| -> u32 {
        let share = ((v - min) / span).to_f64().unwrap_or(0.0);
        let inner = f64::from(height - 2 * PAD);
        (f64::from(height - PAD) - share * inner).round() as u32
    };
    let line = |vals: &[Option<Decimal>]| {
        vals.iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| format!("{},{}", x_of(i), y_of(v))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    YearLines {
        width,
        height,
        actual: line(actual),
        points: actual
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                v.map(|v| (x_of(i), y_of(v), format!("{}: {}", years[i], v.normalize())))
            })
            .collect(),
        target: line(target),
        years: years
            .iter()
            .enumerate()
            .map(|(i, y)| (x_of(i), *y))
            .collect(),
        top_label: max.normalize().to_string(),
        bottom_label: min.normalize().to_string(),
    }
}

/// Vertical bars of amounts per year: (x, y, height, year, amount as shown).
pub struct YearBars {
    pub width: u32,
    pub height: u32,
    pub bars: Vec<(u32, u32, u32, u16, String)>,
}

pub fn year_bars(values: &[(u16, Decimal)], show: impl Fn(Decimal) -> String) -> YearBars {
    let (width, height) = (60 + 90 * values.len() as u32, 200u32);
    let max = values
        .iter()
        .map(|(_, v)| *v)
        .max()
        .unwrap_or(Decimal::ONE)
        .max(Decimal::ONE);
    let bars = values
        .iter()
        .enumerate()
        .map(|(i, (year, v))| {
            let share = (*v / max).to_f64().unwrap_or(0.0);
            let h = (share * 140.0).round() as u32;
            (30 + i as u32 * 90, 170 - h, h, *year, show(*v))
        })
        .collect();
    YearBars {
        width,
        height,
        bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_widest_and_skip_empty_segments() {
        let classes = [("a", "A"), ("b", "B"), ("c", "C")];
        let bars = stacked_bars(
            vec![("one".into(), vec![2, 0, 2]), ("two".into(), vec![1, 1, 0])],
            &classes,
        );
        assert_eq!(bars[0].segments.len(), 2);
        assert_eq!(
            bars[0].segments[0].width + bars[0].segments[1].width,
            BAR_WIDTH
        );
        assert_eq!(bars[1].segments[0].width, BAR_WIDTH / 4);
        assert_eq!(bars[1].y, BAR_GAP + 22);
    }

    #[test]
    fn lines_put_higher_values_higher_and_skip_missing_years() {
        let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
        let l = year_lines(
            &[2568, 2569, 2570],
            &[d("10"), None, d("30")],
            &[d("20"), d("20"), d("20")],
        );
        assert_eq!(l.points.len(), 2);
        assert!(l.points[1].1 < l.points[0].1, "30 is drawn above 10");
        assert_eq!(l.target.split(' ').count(), 3);
        assert_eq!(l.top_label, "30");
    }
}
