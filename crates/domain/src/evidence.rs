//! Evidence behind a reported value (a signed minute as PDF, a photo, a spreadsheet): which
//! files are taken and how big, judged by what the bytes are — never by the name or the type
//! the browser claims — and a file name made safe to keep and to send back.

use crate::error::{Error, Result};

/// The largest evidence file taken: 10 MiB.
pub const MAX_EVIDENCE_BYTES: usize = 10 * 1024 * 1024;

/// What the bytes of a file are, and the content type it is served back with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceKind {
    Pdf,
    Png,
    Jpeg,
    /// An Office Open XML file (.xlsx, .docx, .pptx): a zip whose name says which.
    Xlsx,
    Docx,
    /// Plain UTF-8 text (.txt, .csv).
    Text,
    Csv,
}

impl EvidenceKind {
    pub fn content_type(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "application/pdf",
            EvidenceKind::Png => "image/png",
            EvidenceKind::Jpeg => "image/jpeg",
            EvidenceKind::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            EvidenceKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            EvidenceKind::Text => "text/plain; charset=utf-8",
            EvidenceKind::Csv => "text/csv; charset=utf-8",
        }
    }
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Judges a file by its bytes (and, for zips and text, its extension): a kind Phaen keeps, or
/// why not, naming the file.
pub fn judge(name: &str, bytes: &[u8]) -> Result<EvidenceKind> {
    if bytes.is_empty() {
        return Err(Error::refused(
            format!("ไฟล์ '{name}' ว่างเปล่า"),
            format!("the file '{name}' is empty"),
        ));
    }
    if bytes.len() > MAX_EVIDENCE_BYTES {
        return Err(Error::refused(
            format!(
                "ไฟล์ '{name}' ใหญ่ {:.1} MB เกินขนาดที่รับได้ (10 MB)",
                bytes.len() as f64 / 1_048_576.0
            ),
            format!(
                "the file '{name}' is {:.1} MB, over the 10 MB limit",
                bytes.len() as f64 / 1_048_576.0
            ),
        ));
    }
    let ext = extension(name);
    let kind = if bytes.starts_with(b"%PDF-") {
        Some(EvidenceKind::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(EvidenceKind::Png)
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some(EvidenceKind::Jpeg)
    } else if bytes.starts_with(b"PK\x03\x04") {
        match ext.as_str() {
            "xlsx" => Some(EvidenceKind::Xlsx),
            "docx" => Some(EvidenceKind::Docx),
            _ => None,
        }
    } else if std::str::from_utf8(bytes).is_ok_and(|t| !t.contains('\0')) {
        match ext.as_str() {
            "txt" => Some(EvidenceKind::Text),
            "csv" => Some(EvidenceKind::Csv),
            _ => None,
        }
    } else {
        None
    };
    kind.ok_or_else(|| {
        Error::refused(
            format!(
                "ไฟล์ '{name}' ไม่ใช่ชนิดที่รับเป็นหลักฐาน (รับ PDF, PNG, JPEG, XLSX, DOCX, CSV, TXT)"
            ),
            format!(
                "the file '{name}' is not a kind kept as evidence (PDF, PNG, JPEG, XLSX, DOCX, CSV, TXT)"
            ),
        )
    })
}

/// The file's own name without any folder, control characters or quotes, at most 120
/// characters; 'evidence' when nothing is left.
pub fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\'' | '<' | '>' | ';'))
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.').trim();
    if trimmed.is_empty() {
        "evidence".into()
    } else {
        trimmed.chars().take(120).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_judged_by_their_bytes_not_their_names() {
        assert_eq!(
            judge("รายงาน.pdf", b"%PDF-1.7 ...").unwrap(),
            EvidenceKind::Pdf
        );
        assert_eq!(
            judge("photo.bin", b"\x89PNG\r\n\x1a\n...").unwrap(),
            EvidenceKind::Png
        );
        assert_eq!(
            judge("ผล.xlsx", b"PK\x03\x04...").unwrap(),
            EvidenceKind::Xlsx
        );
        assert_eq!(
            judge("ผล.csv", "ตัวชี้วัด,ผล\n".as_bytes()).unwrap(),
            EvidenceKind::Csv
        );
        // A program named like a PDF, a zip that is no Office file, an HTML page: refused.
        for (name, bytes) in [
            ("minutes.pdf", &b"MZ\x90\x00"[..]),
            ("archive.zip", b"PK\x03\x04..."),
            ("page.html", b"<html><script>"),
        ] {
            let e = judge(name, bytes).unwrap_err().to_string_th();
            assert!(e.contains(name) && e.contains("ไม่ใช่ชนิด"), "{e}");
        }
        assert!(
            judge("empty.pdf", b"")
                .unwrap_err()
                .to_string_th()
                .contains("ว่าง")
        );
        let big = vec![b'a'; MAX_EVIDENCE_BYTES + 1];
        assert!(
            judge("big.txt", &big)
                .unwrap_err()
                .to_string_th()
                .contains("10 MB")
        );
    }

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_name("C:\\Users\\somchai\\รายงาน.pdf"), "รายงาน.pdf");
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("a\"b\r\n.pdf"), "ab.pdf");
        assert_eq!(safe_name("..."), "evidence");
    }
}
