//! Paragraph styles (word/styles.xml), for what a style makes of its paragraphs: a heading of
//! some level ('Heading 2', Thai Word's 'หัวเรื่อง 2', or an outline level), and list
//! numbering attached to the style. Followed through 'based on' chains.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::xml::{Xml, attr, end_name, name};
use crate::error::Result;

/// Longest 'based on' chain followed; longer ones (or cycles) stop there.
const MAX_CHAIN: usize = 16;

#[derive(Debug, Default, Clone)]
struct Style {
    name: Option<String>,
    based_on: Option<String>,
    outline: Option<u8>,
    num_id: Option<String>,
    ilvl: Option<u8>,
}

#[derive(Debug, Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    pub fn parse(text: &str) -> Result<Self> {
        let mut by_id = HashMap::new();
        let mut xml = Xml::new(text, "word/styles.xml");
        let mut current: Option<(String, Style)> = None;
        loop {
            let (e, empty) = match xml.next()? {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) if end_name(&e) == "style" => {
                    if let Some((id, style)) = current.take() {
                        by_id.insert(id, style);
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let local = name(&e);
            if matches!(local, "pPrChange" | "rPrChange" | "Fallback") && !empty {
                xml.skip()?;
                continue;
            }
            if local == "style" {
                let paragraph = attr(&e, "type").is_none_or(|t| t == "paragraph");
                current = match (paragraph, attr(&e, "styleId")) {
                    (true, Some(id)) if !empty => Some((id, Style::default())),
                    _ => None,
                };
                continue;
            }
            let Some((_, style)) = current.as_mut() else {
                continue;
            };
            let val = attr(&e, "val");
            match local {
                "name" => style.name = val,
                "basedOn" => style.based_on = val,
                "outlineLvl" => style.outline = val.and_then(|v| v.parse().ok()),
                "numId" => style.num_id = val,
                "ilvl" => style.ilvl = val.and_then(|v| v.parse().ok()),
                _ => {}
            }
        }
        Ok(Styles { by_id })
    }

    /// The style and the styles it is based on, nearest first.
    fn chain<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = (&'a str, &'a Style)> {
        let mut next = id;
        std::iter::from_fn(move || {
            let id = next?;
            let style = self.by_id.get(id)?;
            next = style.based_on.as_deref();
            Some((id, style))
        })
        .take(MAX_CHAIN)
    }

    /// The heading level (1-6) a paragraph of this style has, if it is a heading.
    pub fn heading(&self, id: Option<&str>) -> Option<u8> {
        for (id, style) in self.chain(id) {
            if let Some(level) =
                heading_name(id).or_else(|| style.name.as_deref().and_then(heading_name))
            {
                return Some(level);
            }
            match style.outline {
                Some(o @ 0..=5) => return Some(o + 1),
                Some(_) => return None,
                None => {}
            }
        }
        None
    }

    /// The list a paragraph of this style is numbered in, if any.
    pub fn num_id(&self, id: Option<&str>) -> Option<String> {
        self.chain(id).find_map(|(_, s)| s.num_id.clone())
    }

    /// The list level a paragraph of this style is at, if the style says.
    pub fn ilvl(&self, id: Option<&str>) -> Option<u8> {
        self.chain(id).find_map(|(_, s)| s.ilvl)
    }
}

/// 'Heading1', 'heading 1', 'หัวเรื่อง 1' -> 1 (levels 1-6).
fn heading_name(s: &str) -> Option<u8> {
    let lower = s.trim().to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("หัวเรื่อง"))?;
    let level: u8 = rest.trim().parse().ok()?;
    (1..=6).contains(&level).then_some(level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_known_by_id_name_outline_and_inheritance() {
        let styles = Styles::parse(
            r#"<w:styles xmlns:w="w">
            <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
            <w:style w:type="paragraph" w:styleId="1"><w:name w:val="หัวเรื่อง 1"/></w:style>
            <w:style w:type="paragraph" w:styleId="Topic"><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="MyTopic"><w:basedOn w:val="Topic"/></w:style>
            <w:style w:type="paragraph" w:styleId="Body"><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
            </w:styles>"#,
        )
        .unwrap();
        assert_eq!(styles.heading(Some("Heading2")), Some(2));
        assert_eq!(styles.heading(Some("1")), Some(1));
        assert_eq!(styles.heading(Some("MyTopic")), Some(3));
        assert_eq!(styles.heading(Some("Body")), None);
        assert_eq!(styles.heading(Some("Loop")), None);
        assert_eq!(styles.heading(None), None);
    }
}
