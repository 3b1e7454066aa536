//! XML as the .docx reader reads it: events by local name (any namespace prefix), no DTD (a
//! part that declares one is refused, so no entity is ever expanded), and the relationships
//! that say where a package's parts are.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesEnd, BytesRef, BytesStart, Event};

use super::FORMAT;
use crate::error::{Error, Result};
use crate::source::zip_guard::Archive;

/// A pull reader over one part that refuses DTDs and reports errors with the part's name.
pub struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    part: String,
}

impl<'a> Xml<'a> {
    pub fn new(text: &'a str, part: &str) -> Self {
        Xml {
            reader: Reader::from_str(text),
            part: part.to_string(),
        }
    }

    pub fn next(&mut self) -> Result<Event<'a>> {
        match self.reader.read_event() {
            Ok(Event::DocType(_)) => Err(Error::Corrupt {
                format: FORMAT,
                why: format!(
                    "its part '{}' declares a DTD (<!DOCTYPE>); Office files never do, and Phaen does not expand the entities one can define",
                    self.part
                ),
            }),
            Ok(e) => Ok(e),
            Err(e) => Err(Error::Corrupt {
                format: FORMAT,
                why: format!(
                    "its part '{}' is not well-formed XML near byte {}: {e}",
                    self.part,
                    self.reader.error_position()
                ),
            }),
        }
    }

    /// Skips to the end of the element just started.
    pub fn skip(&mut self) -> Result<()> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.next()? {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }
}

/// An element's local name: 'p' for 'w:p'.
pub fn name<'e>(e: &'e BytesStart) -> &'e str {
    let full: &str = e.name().0;
    full.rsplit_once(':').map_or(full, |(_, local)| local)
}

/// An end tag's local name.
pub fn end_name<'e>(e: &'e BytesEnd) -> &'e str {
    let full: &str = e.name().0;
    full.rsplit_once(':').map_or(full, |(_, local)| local)
}

/// An attribute by local name ('val' finds 'w:val'), with entities and character references
/// resolved.
pub fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| {
            let key: &str = a.key.0;
            key.rsplit_once(':').map_or(key, |(_, l)| l) == local
        })
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(Cow::into_owned)
        })
}

/// The text an entity or character reference stands for; custom entities stand for nothing.
pub fn resolve(r: &BytesRef) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    quick_xml::escape::resolve_predefined_entity(r).map(str::to_string)
}

/// The target of the first relationship in the `.rels` part `rels` whose type ends with
/// `kind`, as a part name (relative targets resolved against `dir`, the source part's folder).
pub fn relationship(
    zip: &mut Archive,
    dir: &str,
    rels: &str,
    kind: &str,
) -> Result<Option<String>> {
    let Some(text) = zip.read_text(rels)? else {
        return Ok(None);
    };
    let mut xml = Xml::new(&text, rels);
    loop {
        match xml.next()? {
            Event::Start(e) | Event::Empty(e) if name(&e) == "Relationship" => {
                let is_kind = attr(&e, "Type").is_some_and(|t| t.ends_with(kind));
                let external = attr(&e, "TargetMode").is_some_and(|m| m == "External");
                if is_kind
                    && !external
                    && let Some(target) = attr(&e, "Target")
                {
                    return Ok(Some(resolve_target(dir, &target)));
                }
            }
            Event::Eof => return Ok(None),
            _ => {}
        }
    }
}

/// 'styles.xml' from 'word' -> 'word/styles.xml'; '/word/x.xml' -> 'word/x.xml'; '..' climbs.
fn resolve_target(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve_against_their_folder() {
        assert_eq!(resolve_target("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            resolve_target("word", "/word/numbering.xml"),
            "word/numbering.xml"
        );
        assert_eq!(resolve_target("word/sub", "../x.xml"), "word/x.xml");
    }

    #[test]
    fn a_dtd_is_refused_and_its_entities_never_expanded() {
        let text = r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>"#;
        let mut xml = Xml::new(text, "word/document.xml");
        let err = loop {
            match xml.next() {
                Err(e) => break e,
                Ok(Event::Eof) => panic!("a DTD must be refused"),
                Ok(_) => {}
            }
        };
        assert!(err.to_string().contains("DTD"), "{err}");
    }
}
