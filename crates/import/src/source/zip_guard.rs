//! Opens the zip archive inside a .docx or .xlsx with bounded expansion, so an upload cannot
//! make Phaen unpack more than it can hold: too many parts, a part or a whole that unpacks too
//! large, or a part compressed suspiciously well (a zip bomb) are refused before anything is
//! decompressed, and every part is read through a reader that stops just past the size its
//! header declares, in case the header lies.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::error::{Error, Result};

/// Most parts an archive may hold. Office files hold tens; thousands mean a hostile file.
pub const MAX_ENTRIES: usize = 10_000;
/// Largest size one part may unpack to.
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// Largest size all parts together may unpack to.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// Highest compression ratio allowed for a part larger than `RATIO_FLOOR_BYTES`. XML compresses
/// 10-30:1; a run of zeros compresses 1000:1.
pub const MAX_RATIO: u64 = 200;
/// Parts up to this size may compress at any ratio: they cannot do harm.
pub const RATIO_FLOOR_BYTES: u64 = 1024 * 1024;
/// Most table cells a Word or Excel file may expand to (empty and merged ones included): far
/// more than any plan holds, few enough to stay within memory.
pub const MAX_CELLS: usize = 500_000;
/// How far past its declared size a part is read, to notice that the header lied.
const OVERRUN_MARGIN: u64 = 4096;

/// A zip archive whose declared sizes were checked against the limits.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    format: &'static str,
    /// Bytes actually unpacked so far, checked against `MAX_TOTAL_BYTES`.
    unpacked: u64,
}

impl<'a> Archive<'a> {
    /// Opens `bytes` as a zip archive and checks every part's declared size, the total and the
    /// compression ratios before anything is decompressed. `format` names the file kind in
    /// errors ("docx", "xlsx").
    pub fn open(bytes: &'a [u8], format: &'static str) -> Result<Self> {
        if let Some(count) = declared_entry_count(bytes)
            && count > MAX_ENTRIES as u64
        {
            return Err(too_many(format, count));
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(format, e))?;
        if zip.len() > MAX_ENTRIES {
            return Err(too_many(format, zip.len() as u64));
        }
        let mut total: u64 = 0;
        for i in 0..zip.len() {
            let entry = zip.by_index_data(i).map_err(|e| corrupt(format, e))?;
            let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
            let size = entry.size();
            let packed = entry.compressed_size();
            if size > MAX_ENTRY_BYTES {
                return Err(Error::Corrupt {
                    format,
                    why: format!(
                        "its part '{name}' would unpack to {size} bytes, over the limit of {MAX_ENTRY_BYTES} bytes for one part"
                    ),
                });
            }
            if size > RATIO_FLOOR_BYTES && size > packed.saturating_mul(MAX_RATIO) {
                return Err(Error::Corrupt {
                    format,
                    why: format!(
                        "its part '{name}' is compressed {}:1 ({packed} bytes unpacking to {size}); more than {MAX_RATIO}:1 is the mark of a zip bomb",
                        size / packed.max(1)
                    ),
                });
            }
            total = total.saturating_add(size);
        }
        if total > MAX_TOTAL_BYTES {
            return Err(Error::TooLarge {
                size: total,
                limit: MAX_TOTAL_BYTES,
            });
        }
        Ok(Archive {
            zip,
            format,
            unpacked: 0,
        })
    }

    /// The names of the parts, in archive order.
    pub fn names(&self) -> Vec<String> {
        self.zip
            .file_names_raw()
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect()
    }

    /// Unpacks one part, or `None` when the archive has no such part. Reading stops just past
    /// the declared size: a part that turns out larger than its header says is refused.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        self.read_prefix(index, None).map(Some)
    }

    /// Unpacks one part as UTF-8 text (a byte-order mark is dropped).
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>> {
        let Some(bytes) = self.read(name)? else {
            return Ok(None);
        };
        let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => rest.to_vec(),
            None => bytes,
        };
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|e| Error::Corrupt {
                format: self.format,
                why: format!(
                    "its part '{name}' is not UTF-8 text (broken at byte {})",
                    e.utf8_error().valid_up_to()
                ),
            })
    }

    /// Unpacks at most the first `limit` bytes of the part at `index` (all of it for `None`).
    pub fn read_prefix(&mut self, index: usize, limit: Option<u64>) -> Result<Vec<u8>> {
        let format = self.format;
        let mut entry = self.zip.by_index(index).map_err(|e| corrupt(format, e))?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let declared = entry.size();
        let want = limit.map_or(declared, |l| l.min(declared));
        let budget = MAX_TOTAL_BYTES.saturating_sub(self.unpacked);
        // A whole part is read a little past its declared size, to notice a lying header.
        let margin = if limit.is_none() { OVERRUN_MARGIN } else { 0 };
        let cap = want.saturating_add(margin).min(budget.saturating_add(1));
        let mut out = Vec::with_capacity(usize::try_from(want.min(budget)).unwrap_or(0));
        (&mut entry)
            .take(cap)
            .read_to_end(&mut out)
            .map_err(|e| Error::Corrupt {
                format,
                why: format!("its part '{name}' cannot be unpacked: {e}"),
            })?;
        let got = out.len() as u64;
        if got > budget {
            return Err(Error::TooLarge {
                size: self.unpacked.saturating_add(got),
                limit: MAX_TOTAL_BYTES,
            });
        }
        if limit.is_none() && got > declared {
            return Err(Error::Corrupt {
                format,
                why: format!(
                    "its part '{name}' unpacks to more than the {declared} bytes its header declares"
                ),
            });
        }
        out.truncate(usize::try_from(want).unwrap_or(usize::MAX));
        self.unpacked = self.unpacked.saturating_add(got);
        Ok(out)
    }
}

fn corrupt(format: &'static str, e: impl std::fmt::Display) -> Error {
    Error::Corrupt {
        format,
        why: format!("it is not a readable zip archive ({e})"),
    }
}

fn too_many(format: &'static str, count: u64) -> Error {
    Error::Corrupt {
        format,
        why: format!(
            "it holds {count} parts; an Office file holds far fewer (the limit is {MAX_ENTRIES})"
        ),
    }
}

/// The entry count the end-of-central-directory record declares, read before the zip crate
/// parses (and allocates for) the central directory. `None` when no record is found: the zip
/// crate then reports the damage.
fn declared_entry_count(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    const ZIP64_LOCATOR: &[u8] = b"PK\x06\x07";
    const ZIP64_EOCD: &[u8] = b"PK\x06\x06";
    // The record is the last 22 bytes before a comment of the length it states.
    let from = bytes.len().saturating_sub(22 + 0xFFFF);
    let at = (from..bytes.len().saturating_sub(21)).rev().find(|&i| {
        bytes[i..i + 4] == *EOCD
            && i + 22 + usize::from(u16::from_le_bytes([bytes[i + 20], bytes[i + 21]]))
                == bytes.len()
    })?;
    let record = &bytes[at..at + 22];
    let count = u16::from_le_bytes([record[10], record[11]]);
    if count != 0xFFFF {
        return Some(count.into());
    }
    let locator = bytes.get(at.checked_sub(20)?..at)?;
    if &locator[..4] != ZIP64_LOCATOR {
        return None;
    }
    let offset = usize::try_from(u64::from_le_bytes(locator[8..16].try_into().ok()?)).ok()?;
    let record = bytes.get(offset..offset.checked_add(56)?)?;
    if &record[..4] != ZIP64_EOCD {
        return None;
    }
    Some(u64::from_le_bytes(record[32..40].try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in parts {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn parts_are_read_back_whole() {
        let bytes = zip_of(&[("a.xml", b"<a/>"), ("b.xml", "ไทย".as_bytes())]);
        let mut archive = Archive::open(&bytes, "docx").unwrap();
        assert_eq!(archive.names(), ["a.xml", "b.xml"]);
        assert_eq!(archive.read_text("b.xml").unwrap().as_deref(), Some("ไทย"));
        assert_eq!(archive.read("missing").unwrap(), None);
    }

    #[test]
    fn too_many_parts_are_refused_before_the_directory_is_parsed() {
        let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("{i}")).collect();
        let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let bytes = zip_of(&parts);
        assert_eq!(declared_entry_count(&bytes), Some(MAX_ENTRIES as u64 + 1));
        let err = Archive::open(&bytes, "xlsx").err().unwrap();
        assert!(err.to_string().contains("10001 parts"), "{err}");
    }

    #[test]
    fn a_part_compressed_too_well_is_refused() {
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let bytes = zip_of(&[("word/document.xml", &zeros)]);
        let err = Archive::open(&bytes, "docx").err().unwrap();
        assert!(err.to_string().contains("zip bomb"), "{err}");
    }

    #[test]
    fn a_part_larger_than_its_header_says_is_refused() {
        let data = vec![b'a'; 50_000];
        let mut bytes = zip_of(&[("x.xml", &data)]);
        // Declare 100 bytes in both the local and the central header.
        let patch = |bytes: &mut Vec<u8>, sig: &[u8], at: usize| {
            let p = bytes.windows(4).position(|w| w == sig).unwrap();
            bytes[p + at..p + at + 4].copy_from_slice(&100u32.to_le_bytes());
        };
        patch(&mut bytes, b"PK\x03\x04", 22);
        patch(&mut bytes, b"PK\x01\x02", 24);
        let mut archive = Archive::open(&bytes, "docx").unwrap();
        let err = archive.read("x.xml").err().unwrap();
        assert!(matches!(err, Error::Corrupt { .. }), "{err}");
    }
}
