//! Which digits a document writes its text in: Thai (๐-๙), as many official documents do, or
//! Arabic (0-9). Numbers stored as numbers (amounts in a spreadsheet) stay numbers either way.

use phaen_domain::thai::{to_arabic_digits, to_thai_digits};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Digits {
    Thai,
    #[default]
    Arabic,
}

impl Digits {
    /// Reads 'thai' or 'arabic' (also 'th' / 'ar', any case).
    pub fn parse(s: &str) -> Option<Digits> {
        match s.trim().to_ascii_lowercase().as_str() {
            "thai" | "th" => Some(Digits::Thai),
            "arabic" | "ar" => Some(Digits::Arabic),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Digits::Thai => "thai",
            Digits::Arabic => "arabic",
        }
    }

    /// `text` with its digits written this way.
    pub fn apply(self, text: &str) -> String {
        match self {
            Digits::Thai => to_thai_digits(text),
            Digits::Arabic => to_arabic_digits(text),
        }
    }
}
