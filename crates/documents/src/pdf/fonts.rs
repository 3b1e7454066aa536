//! The Sarabun faces compiled in by build.rs (or why they could not be), loaded once.

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

mod compiled {
    include!(concat!(env!("OUT_DIR"), "/fonts.rs"));
}

/// The fonts the PDF writer may use and their book.
pub struct Fonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
}

impl Fonts {
    /// Whether the regular face can draw `c`.
    pub fn covers(&self, c: char) -> bool {
        self.fonts
            .first()
            .is_some_and(|f| f.info().coverage.contains(c as u32))
    }
}

/// The compiled-in font files (name, bytes); empty when the build could not fetch them. The
/// Word writer sets the text of figures with them too.
pub fn faces() -> &'static [(&'static str, &'static [u8])] {
    compiled::FACES
}

/// The compiled-in fonts, or why there are none (the build could not fetch them).
pub fn get() -> Result<&'static Fonts, &'static str> {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    if compiled::FACES.is_empty() {
        return Err(if compiled::MISSING.is_empty() {
            "no font was compiled in"
        } else {
            compiled::MISSING
        });
    }
    Ok(FONTS.get_or_init(|| {
        let fonts: Vec<Font> = compiled::FACES
            .iter()
            .flat_map(|(_, bytes)| Font::iter(Bytes::new(*bytes)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    }))
}
