//! Small SVG helpers for the strategy map: text escaped for XML, and Thai-aware line wrapping
//! (at spaces, and inside long Thai runs at an approximate width that never splits a vowel or
//! tone mark from its consonant).

/// `text` made safe inside SVG/XML text and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Thai marks written above or below a consonant: they take no width of their own.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// Vowels written after a consonant (ะ า ำ ๅ): a line must not start with one.
fn is_following_vowel(c: char) -> bool {
    matches!(c, '\u{0E30}' | '\u{0E32}' | '\u{0E33}' | '\u{0E45}')
}

/// Vowels written before their consonant (เ แ โ ใ ไ): a line must not end with one.
fn is_leading_vowel(c: char) -> bool {
    matches!(c, '\u{0E40}'..='\u{0E44}')
}

/// How many character cells `text` takes: Thai marks above and below take none.
pub fn width(text: &str) -> usize {
    text.chars().filter(|c| !is_combining(*c)).count()
}

/// Whether a line may break just before `chars[i]`.
fn may_break_before(chars: &[char], i: usize) -> bool {
    i > 0
        && i < chars.len()
        && !is_combining(chars[i])
        && !is_following_vowel(chars[i])
        && !is_leading_vowel(chars[i - 1])
}

/// Where the words of a run of characters start (char indices), as ICU's dictionary
/// segmenter reads Thai.
fn word_starts(chars: &[char]) -> Vec<usize> {
    use icu_segmenter::WordSegmenter;
    use icu_segmenter::options::WordBreakInvariantOptions;
    static SEGMENTER: std::sync::LazyLock<icu_segmenter::WordSegmenterBorrowed<'static>> =
        std::sync::LazyLock::new(|| {
            WordSegmenter::new_dictionary(WordBreakInvariantOptions::default())
        });
    let text: String = chars.iter().collect();
    let byte_to_char: std::collections::HashMap<usize, usize> = text
        .char_indices()
        .enumerate()
        .map(|(ci, (bi, _))| (bi, ci))
        .chain(std::iter::once((text.len(), chars.len())))
        .collect();
    SEGMENTER
        .segment_str(&text)
        .filter_map(|b| byte_to_char.get(&b).copied())
        .collect()
}

/// Splits a word wider than `max` cells into pieces of at most `max` cells where it can:
/// between Thai words first.
fn split_long(word: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        // The furthest index that keeps the piece within `max` cells.
        let mut cells = 0;
        let mut end = start;
        while end < chars.len() {
            let w = usize::from(!is_combining(chars[end]));
            if cells + w > max {
                break;
            }
            cells += w;
            end += 1;
        }
        // Marks that follow the last base character belong with it.
        while end < chars.len() && is_combining(chars[end]) {
            end += 1;
        }
        if end < chars.len() {
            // Between two Thai words where one ends within the piece; else, for a single
            // word wider than the box, wherever a cluster ends.
            let words = word_starts(&chars);
            let mut cut = end;
            while cut > start + 1 && !(words.contains(&cut) && may_break_before(&chars, cut)) {
                cut -= 1;
            }
            if cut <= start + 1 {
                cut = end;
                while cut > start + 1 && !may_break_before(&chars, cut) {
                    cut -= 1;
                }
            }
            if cut > start + 1 {
                end = cut;
            }
        }
        pieces.push(chars[start..end].iter().collect());
        start = end;
    }
    pieces
}

/// `text` in lines of at most `max` cells: broken at spaces, and long runs broken inside,
/// the first piece of a long run filling what is left of the line.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(4);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut rest = word.to_string();
        if width(&rest) > max {
            let room = max.saturating_sub(width(&line) + usize::from(!line.is_empty()));
            let chars: Vec<char> = rest.chars().collect();
            let pieces = split_long(&rest, room);
            // The first piece fills the line only when it ends between two words.
            let between_words =
                pieces.len() > 1 && word_starts(&chars).contains(&pieces[0].chars().count());
            if room >= 4 && between_words {
                let mut pieces = pieces;
                let first = pieces.remove(0);
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&first);
                rest = pieces.concat();
            }
        }
        if rest.is_empty() {
            continue;
        }
        let pieces = if width(&rest) > max {
            split_long(&rest, max)
        } else {
            vec![rest]
        };
        for piece in pieces {
            let needed = width(&line) + usize::from(!line.is_empty()) + width(&piece);
            if !line.is_empty() && needed > max {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&piece);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// At most `max_lines` lines; the last one shown ends with '…' when some were left out.
pub fn clamp(mut lines: Vec<String>, max_lines: usize) -> Vec<String> {
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            esc(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn thai_marks_take_no_width() {
        assert_eq!(width("ที่"), 1);
        assert_eq!(width("สหกรณ์"), 5);
    }

    #[test]
    fn lines_break_at_spaces_first() {
        let lines = wrap("เพิ่มรายได้ ลดค่าใช้จ่าย และดูแลสมาชิก", 12);
        assert_eq!(lines, ["เพิ่มรายได้", "ลดค่าใช้จ่าย", "และดูแลสมาชิก"]);
    }

    #[test]
    fn long_thai_runs_break_inside_without_orphaning_marks() {
        let text = "ส่งเสริมการออมและพัฒนาคุณภาพชีวิตของสมาชิกอย่างยั่งยืน";
        let lines = wrap(text, 10);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), text, "nothing lost or added");
        for line in &lines {
            assert!(width(line) <= 10, "{line}");
            let first = line.chars().next().unwrap();
            assert!(!is_combining(first) && !is_following_vowel(first), "{line}");
            assert!(!is_leading_vowel(line.chars().last().unwrap()), "{line}");
        }
    }

    #[test]
    fn a_long_run_starts_on_the_line_of_its_label() {
        let lines = wrap("1.1 สหกรณ์มีทุนภายในเข้มแข็งและพึ่งพาตนเองได้", 16);
        assert!(lines[0].starts_with("1.1 สหกรณ์"), "{lines:?}");
        assert!(lines.iter().all(|l| width(l) <= 16), "{lines:?}");
        assert_eq!(
            lines.concat().replace(' ', ""),
            "1.1สหกรณ์มีทุนภายในเข้มแข็งและพึ่งพาตนเองได้"
        );
    }

    #[test]
    fn long_runs_break_between_thai_words() {
        let lines = wrap("สหกรณ์ออมทรัพย์กระทรวงอุตสาหกรรมจำกัด", 14);
        assert_eq!(lines.concat(), "สหกรณ์ออมทรัพย์กระทรวงอุตสาหกรรมจำกัด");
        assert!(!lines.iter().any(|l| l.ends_with("จำ")), "{lines:?}");
        assert!(
            lines[0].ends_with("ออมทรัพย์") || lines[0].ends_with("สหกรณ์"),
            "{lines:?}"
        );
    }

    #[test]
    fn too_many_lines_end_with_an_ellipsis() {
        let lines = clamp(vec!["a".into(), "b".into(), "c".into()], 2);
        assert_eq!(lines, ["a", "b…"]);
    }
}
