//! Writing text in the digits the reader chose (`layout::Digits`), for the writers that take
//! text which has not been through a layout (workbook cells, page numbers).

use phaen_domain::thai::{to_arabic_digits, to_thai_digits};

use crate::layout::Digits;

impl Digits {
    /// `text` with its digits written this way.
    pub fn apply(self, text: &str) -> String {
        match self {
            Digits::Thai => to_thai_digits(text),
            Digits::Arabic => to_arabic_digits(text),
        }
    }
}
