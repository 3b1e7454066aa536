//! Text encodings: UTF-8 (with or without BOM), UTF-16 (with BOM, or told by its zero bytes),
//! and TIS-620 / Windows-874, the old Thai code page; also UTF-8 text that is really TIS-620
//! read as Latin-1 (mojibake), which is turned back into Thai and reported.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_874};

use crate::doc::Loc;
use crate::error::{Error, Result};
use crate::report::Repair;

pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub repairs: Vec<Repair>,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    let plain = |text: String, encoding| Decoded {
        text,
        encoding,
        repairs: Vec::new(),
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|e| {
            Error::Encoding(format!(
                "UTF-8 with a BOM, broken at byte {}",
                e.valid_up_to() + 3
            ))
        })?;
        return checked(plain(text.to_string(), "utf-8"));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF { UTF_16LE } else { UTF_16BE };
        let (text, _, bad) = enc.decode(bytes);
        if bad {
            return Err(Error::Encoding("broken UTF-16".into()));
        }
        return checked(plain(
            text.into_owned(),
            if bytes[0] == 0xFF {
                "utf-16le"
            } else {
                "utf-16be"
            },
        ));
    }
    if let Some(le) = utf16_without_bom(bytes) {
        let enc = if le { UTF_16LE } else { UTF_16BE };
        let (text, bad) = enc.decode_without_bom_handling(bytes);
        if !bad {
            return checked(plain(
                text.into_owned(),
                if le { "utf-16le" } else { "utf-16be" },
            ));
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return checked(unmangle(text));
    }
    let (text, _, bad) = WINDOWS_874.decode(bytes);
    let thai = text
        .chars()
        .filter(|c| ('\u{0E01}'..='\u{0E5B}').contains(c))
        .count();
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    if bad || thai * 10 < high * 9 {
        return Err(Error::Encoding(
            "neither UTF-8, UTF-16 nor Thai TIS-620/Windows-874".into(),
        ));
    }
    checked(plain(text.into_owned(), "windows-874"))
}

/// UTF-16 without a byte-order mark: Thai and ASCII text has 0x0E or 0x00 as the high byte of
/// nearly every code unit. `Some(true)` for little-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let high = |i: usize| {
        sample
            .chunks(2)
            .filter(|c| matches!(c[i], 0x00 | 0x0E))
            .count()
    };
    if high(1) * 10 >= pairs * 9 {
        Some(true)
    } else if high(0) * 10 >= pairs * 9 {
        Some(false)
    } else {
        None
    }
}

/// Refuses binary data dressed as text: many control characters, or NULs.
fn checked(d: Decoded) -> Result<Decoded> {
    let total = d.text.chars().count().max(1);
    let controls = d
        .text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls * 100 > total || d.text.contains('\0') {
        return Err(Error::NotADocument(
            "binary data, not text (control characters throughout)".into(),
        ));
    }
    Ok(d)
}

/// UTF-8 text whose Thai became Latin-1 letters (TIS-620 bytes read as ISO-8859-1, then saved
/// as UTF-8): 'Ê˹ó' -> 'สหกร'. Only when such letters make up most of the non-ASCII text and
/// there is no real Thai.
fn unmangle(text: &str) -> Decoded {
    let latin = text
        .chars()
        .filter(|c| ('\u{A1}'..='\u{FB}').contains(c))
        .count();
    let thai = text
        .chars()
        .filter(|c| ('\u{0E01}'..='\u{0E5B}').contains(c))
        .count();
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
    if thai > 0 || latin < 8 || latin * 10 < non_ascii * 9 {
        return Decoded {
            text: text.to_string(),
            encoding: "utf-8",
            repairs: Vec::new(),
        };
    }
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| {
            if (c as u32) < 256 {
                c as u32 as u8
            } else {
                b'?'
            }
        })
        .collect();
    let (fixed, _, _) = WINDOWS_874.decode(&bytes);
    let fixed = fixed.into_owned();
    Decoded {
        text: fixed.clone(),
        encoding: "utf-8 (TIS-620 mojibake)",
        repairs: vec![Repair {
            loc: Loc::Line { line: 1, column: None },
            from: text.chars().take(40).collect(),
            to: fixed.chars().take(40).collect(),
            why: "Thai text stored as Latin-1 letters (TIS-620 read as ISO-8859-1) was decoded again as Thai".into(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const THAI: &str = "แผนกลยุทธ์สหกรณ์ออมทรัพย์\tร้อยละ\n";

    #[test]
    fn every_thai_encoding_reads_the_same_text() {
        let (tis, _, _) = WINDOWS_874.encode(THAI);
        let d = decode(&tis).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (THAI, "windows-874"));
        let mut le = vec![0xFF, 0xFE];
        le.extend(THAI.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap().text, THAI);
        let be: Vec<u8> = THAI.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be).unwrap().encoding, "utf-16be");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(THAI.as_bytes());
        assert_eq!(decode(&bom).unwrap().text, THAI);
    }

    #[test]
    fn tis620_mojibake_is_turned_back_into_thai_and_reported() {
        let (tis, _, _) = WINDOWS_874.encode(THAI);
        let mangled: String = tis.iter().map(|b| char::from(*b)).collect();
        let d = decode(mangled.as_bytes()).unwrap();
        assert_eq!(d.text, THAI);
        assert_eq!(d.repairs.len(), 1);
    }

    #[test]
    fn binary_garbage_is_refused() {
        let junk: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 32) as u8).collect();
        assert!(decode(&junk).is_err());
    }
}
