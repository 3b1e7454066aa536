//! Markup left in text exports: HTML fragments (<p>, <ul>, <li>, <u>, <br>), markdown headings,
//! bold and escapes. Turned into plain lines; block tags become line breaks.

/// Splits marked-up cell text into its lines: `<p>a</p> <p>b</p>` -> ["a", "b"].
pub fn cell_lines(raw: &str) -> Vec<String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        match after.find('>') {
            Some(end) if is_tag(&after[1..end]) => {
                let name = tag_name(&after[1..end]);
                if matches!(
                    name.as_str(),
                    "p" | "li" | "br" | "ul" | "ol" | "div" | "tr"
                ) {
                    out.push('\n');
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out.lines()
        .map(clean_inline)
        .filter(|l| !l.is_empty())
        .collect()
}

fn is_tag(inner: &str) -> bool {
    let name = tag_name(inner);
    matches!(
        name.as_str(),
        "p" | "ul"
            | "ol"
            | "li"
            | "u"
            | "b"
            | "i"
            | "strong"
            | "em"
            | "br"
            | "span"
            | "div"
            | "sup"
            | "sub"
            | "tr"
            | "td"
            | "th"
    )
}

fn tag_name(inner: &str) -> String {
    inner
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Removes markdown emphasis and escapes, decodes the few HTML entities exports leave, and
/// normalises spaces.
pub fn clean_inline(s: &str) -> String {
    let s = s
        .replace("**", "")
        .replace("\\*", "*")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace('\u{a0}', " ")
        .replace('\u{200b}', "");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A markdown heading's level and text: '## การเงิน' -> (2, 'การเงิน').
pub fn heading(line: &str) -> Option<(u8, &str)> {
    let t = line.trim_start();
    let hashes = t.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        Some((hashes as u8, t[hashes..].trim()))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_list_items_become_lines() {
        let lines = cell_lines(
            "<p>S1 คณะกรรมการ</p> <p>S2 การบริหาร</p><ul style=\"x\"> <li>- ข้อหนึ่ง</li></ul>",
        );
        assert_eq!(lines, vec!["S1 คณะกรรมการ", "S2 การบริหาร", "- ข้อหนึ่ง"]);
    }

    #[test]
    fn underline_and_bold_vanish_but_text_stays() {
        assert_eq!(
            cell_lines("1.1 กลยุทธ์ <u>แนวทางดำเนินงาน</u> - กำหนด"),
            vec!["1.1 กลยุทธ์ แนวทางดำเนินงาน - กำหนด"]
        );
        assert_eq!(clean_inline("พันธกิจที่ 1 **พัฒนา**"), "พันธกิจที่ 1 พัฒนา");
        assert_eq!(cell_lines("≤ 1 < 2"), vec!["≤ 1 < 2"]);
    }

    #[test]
    fn markdown_headings_have_levels() {
        assert_eq!(
            heading("## การเงิน (Financial)"),
            Some((2, "การเงิน (Financial)"))
        );
        assert_eq!(heading("#แท็ก"), None);
    }
}
