//! The Typst world a document is typeset in: one source, its figure files, the compiled-in
//! fonts and the standard library. Nothing is read from disk or the network.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::Fonts;

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

pub struct DocWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
    fonts: &'static Fonts,
}

fn id(path: &str) -> FileId {
    let vpath = VirtualPath::new(format!("/{path}")).expect("Phaen names its own files plainly");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl DocWorld {
    pub fn new(source: String, files: Vec<(String, Vec<u8>)>, fonts: &'static Fonts) -> DocWorld {
        DocWorld {
            main: Source::new(id("main.typ"), source),
            files: files
                .into_iter()
                .map(|(name, bytes)| (id(&name), Bytes::new(bytes)))
                .collect(),
            fonts,
        }
    }
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.files.get(&id).cloned().ok_or(FileError::Other(Some(
            "no such file in the document".into(),
        )))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
