//! List numbering (word/numbering.xml): the label Word shows before a numbered paragraph
//! ('1.', '1.1', '๓.', '(ก)'), counted in document order as Word counts it; bullets become '-'.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::xml::{Xml, attr, end_name, name};
use crate::error::Result;

const LEVELS: usize = 9;

#[derive(Debug, Clone, Default)]
struct Level {
    start: Option<i64>,
    format: Option<String>,
    text: Option<String>,
    legal: bool,
    /// `Some(0)`: never restarts when a higher level is used.
    restart: Option<u32>,
}

impl Level {
    fn start(&self) -> i64 {
        self.start.unwrap_or(1)
    }
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    starts: HashMap<usize, i64>,
    levels: HashMap<usize, Level>,
}

/// The lists of a document and their counters while it is read.
#[derive(Debug, Default)]
pub struct Numbering {
    /// Levels by index; only those defined, so empty lists cost nothing.
    abstracts: HashMap<String, HashMap<usize, Level>>,
    nums: HashMap<String, Num>,
    counters: HashMap<String, [Option<i64>; LEVELS]>,
}

impl Numbering {
    pub fn parse(text: &str) -> Result<Self> {
        let mut n = Numbering::default();
        let mut xml = Xml::new(text, "word/numbering.xml");
        let mut abs: Option<(String, HashMap<usize, Level>)> = None;
        let mut num: Option<(String, Num)> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_ilvl: Option<usize> = None;
        loop {
            let (e, empty) = match xml.next()? {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match end_name(&e) {
                        "abstractNum" => {
                            if let Some((id, levels)) = abs.take() {
                                n.abstracts.insert(id, levels);
                            }
                        }
                        "num" => {
                            if let Some((id, num)) = num.take() {
                                n.nums.insert(id, num);
                            }
                        }
                        "lvl" => {
                            if let Some((i, l)) = level.take() {
                                if let Some((_, levels)) = abs.as_mut() {
                                    levels.insert(i, l);
                                } else if let Some((_, num)) = num.as_mut() {
                                    num.levels.insert(i, l);
                                }
                            }
                        }
                        "lvlOverride" => override_ilvl = None,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let local = name(&e);
            if local == "Fallback" && !empty {
                xml.skip()?;
                continue;
            }
            let val = attr(&e, "val");
            let ilvl = || {
                attr(&e, "ilvl")
                    .and_then(|v| v.parse::<usize>().ok())
                    .filter(|i| *i < LEVELS)
            };
            match local {
                "abstractNum" if !empty => {
                    abs = attr(&e, "abstractNumId").map(|id| (id, HashMap::new()));
                }
                "num" if !empty => {
                    num = attr(&e, "numId").map(|id| (id, Num::default()));
                }
                "abstractNumId" => {
                    if let (Some((_, num)), Some(v)) = (num.as_mut(), val) {
                        num.abstract_id = v;
                    }
                }
                "lvlOverride" if !empty => override_ilvl = ilvl(),
                "startOverride" => {
                    if let (Some((_, num)), Some(i), Some(v)) = (
                        num.as_mut(),
                        override_ilvl,
                        val.and_then(|v| v.parse().ok()),
                    ) {
                        num.starts.insert(i, v);
                    }
                }
                "lvl" if !empty => {
                    let i = if num.is_some() { override_ilvl } else { ilvl() };
                    level = i.map(|i| (i, Level::default()));
                }
                _ => {
                    if let Some((_, l)) = level.as_mut() {
                        match local {
                            "start" => l.start = val.and_then(|v| v.parse().ok()),
                            "numFmt" => l.format = val,
                            "lvlText" => l.text = val,
                            "isLgl" => l.legal = !matches!(val.as_deref(), Some("0" | "false")),
                            "lvlRestart" => l.restart = val.and_then(|v| v.parse().ok()),
                            _ => {}
                        }
                    }
                }
            }
        }
        Ok(n)
    }

    fn level(&self, num: &Num, i: usize) -> Option<Level> {
        let base = self
            .abstracts
            .get(&num.abstract_id)
            .and_then(|l| l.get(&i).cloned());
        match (num.levels.get(&i), base) {
            (Some(over), Some(base)) => Some(Level {
                start: over.start.or(base.start),
                format: over.format.clone().or(base.format),
                text: over.text.clone().or(base.text),
                legal: over.legal || base.legal,
                restart: over.restart.or(base.restart),
            }),
            (Some(over), None) => Some(over.clone()),
            (None, base) => base,
        }
    }

    /// Counts one more paragraph of list `num_id` at level `ilvl` and returns its label.
    pub fn label(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let num = self.nums.get(num_id)?;
        let i = usize::from(ilvl).min(LEVELS - 1);
        let levels: Vec<Level> = (0..LEVELS)
            .map(|l| {
                let mut level = self.level(num, l).unwrap_or_default();
                if let Some(s) = num.starts.get(&l) {
                    level.start = Some(*s);
                }
                level
            })
            .collect();
        // Lists restarted by an override count on their own; others share their abstract list.
        let key = if num.starts.is_empty() {
            format!("a{}", num.abstract_id)
        } else {
            format!("n{num_id}")
        };
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        counters[i] = Some(counters[i].map_or(levels[i].start(), |c| c.saturating_add(1)));
        for (deeper, level) in levels.iter().enumerate().skip(i + 1) {
            if level.restart != Some(0) {
                counters[deeper] = None;
            }
        }
        let this = &levels[i];
        match this.format.as_deref() {
            Some("bullet") => return Some("-".into()),
            Some("none") if this.text.as_deref().is_none_or(|t| !t.contains('%')) => {
                return this.text.clone().filter(|t| !t.trim().is_empty());
            }
            _ => {}
        }
        let pattern = this.text.clone().unwrap_or_else(|| format!("%{}.", i + 1));
        let mut out = String::new();
        let mut chars = pattern.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match digit {
                Some(d @ 1..=9) if c == '%' => {
                    chars.next();
                    let l = d as usize - 1;
                    let value = counters[l].unwrap_or(levels[l].start());
                    let format = if this.legal {
                        "decimal"
                    } else {
                        levels[l].format.as_deref().unwrap_or("decimal")
                    };
                    out.push_str(&format_number(value, format));
                }
                _ => out.push(c),
            }
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(out)
    }
}

/// A list number in one of Word's formats; formats Phaen does not know are shown as decimals.
fn format_number(n: i64, format: &str) -> String {
    const THAI_LETTERS: &[char] = &[
        'ก', 'ข', 'ค', 'ง', 'จ', 'ฉ', 'ช', 'ซ', 'ฌ', 'ญ', 'ฎ', 'ฏ', 'ฐ', 'ฑ', 'ฒ', 'ณ', 'ด', 'ต',
        'ถ', 'ท', 'ธ', 'น', 'บ', 'ป', 'ผ', 'ฝ', 'พ', 'ฟ', 'ภ', 'ม', 'ย', 'ร', 'ล', 'ว', 'ศ', 'ษ',
        'ส', 'ห', 'ฬ', 'อ', 'ฮ',
    ];
    let letters = |alphabet: &[char]| -> String {
        if n < 1 {
            return n.to_string();
        }
        // Word repeats the letter: a..z, aa..zz, ...
        let len = alphabet.len() as i64;
        let letter = alphabet[((n - 1) % len) as usize];
        let times = ((n - 1) / len + 1).min(8) as usize;
        std::iter::repeat_n(letter, times).collect()
    };
    match format {
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "thaiNumbers" => n
            .to_string()
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .map_or(c, |d| char::from_u32(0x0E50 + d).unwrap_or(c))
            })
            .collect(),
        "thaiLetters" => letters(THAI_LETTERS),
        "lowerLetter" => letters(&('a'..='z').collect::<Vec<_>>()),
        "upperLetter" => letters(&('A'..='Z').collect::<Vec<_>>()),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    const PARTS: &[(i64, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in PARTS {
        while n >= *value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="2">
        <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="thaiNumbers"/><w:lvlText w:val="(%1)"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="0"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn decimal_lists_count_like_word() {
        let mut n = Numbering::parse(NUMBERING).unwrap();
        let labels: Vec<_> = [(1, 0), (1, 1), (1, 1), (1, 0), (1, 1)]
            .iter()
            .map(|(id, l)| n.label(&id.to_string(), *l).unwrap())
            .collect();
        assert_eq!(labels, ["1.", "1.1", "1.2", "2.", "2.1"]);
        // A list restarted by an override counts on its own.
        assert_eq!(n.label("4", 0).as_deref(), Some("1."));
        assert_eq!(n.label("1", 0).as_deref(), Some("3."));
    }

    #[test]
    fn bullets_and_thai_numbers() {
        let mut n = Numbering::parse(NUMBERING).unwrap();
        assert_eq!(n.label("2", 0).as_deref(), Some("-"));
        assert_eq!(n.label("3", 0).as_deref(), Some("(๓)"));
        assert_eq!(n.label("3", 0).as_deref(), Some("(๔)"));
        assert_eq!(n.label("99", 0), None);
        assert_eq!(format_number(2, "thaiLetters"), "ข");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
    }
}
