//! The documents crate's one error type. A document that cannot be written says why and where
//! (which table, which figure), in words a person can act on; nothing half-written is returned.

/// Why a document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The layout is not well formed (a table whose rows do not cover its columns).
    #[error("the layout is not well formed: {0}")]
    Layout(String),
    /// A figure could not be drawn.
    #[error("figure '{caption}' could not be drawn: {why}")]
    Figure { caption: String, why: String },
    /// Packing the file failed (a zip or spreadsheet library error).
    #[error("could not write the {format} file: {why}")]
    Write { format: &'static str, why: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<zip::result::ZipError> for Error {
    fn from(e: zip::result::ZipError) -> Error {
        Error::Write {
            format: "docx",
            why: e.to_string(),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Write {
            format: "docx",
            why: e.to_string(),
        }
    }
}
