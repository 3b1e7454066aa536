//! The PDFs read as a person reads them: poppler's pdftotext and pdftoppm turn the exported
//! files back into text and page images. The text holds the plan's words (no dotted circles,
//! no line broken inside a Thai word); the first pages of the demo plans look like the
//! reviewed reference images; each seed's export says what the seed says.
//!
//! Without poppler-utils these tests fail under CI=true and skip with a note elsewhere.

use std::path::{Path, PathBuf};
use std::process::Command;

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use phaen_documents::layout::{Digits, Options, plan_document};
use phaen_documents::pdf::render;
use phaen_domain::thai::to_arabic_digits;
use phaen_domain::{Plan, PlanKind};

/// Whether `tool` can run; under CI its absence fails the test.
fn have(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    if !ok {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{tool} is missing: install poppler-utils (apt-get install poppler-utils)");
        }
        eprintln!("note: {tool} is missing (poppler-utils), PDF reading test skipped");
    }
    ok
}

fn pdf_of(plan: &Plan, digits: Digits, dir: &Path, name: &str) -> PathBuf {
    let doc = plan_document(plan, &Options::new(digits));
    let bytes = render(&doc, digits).unwrap_or_else(|e| panic!("{}: {e}", plan.title));
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The text of the PDF in the order it was written (`pdftotext -raw`).
fn text_of(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// Text compared without its spacing or line breaks, in Arabic digits.
fn squeeze(s: &str) -> String {
    to_arabic_digits(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn is_thai(c: char) -> bool {
    ('\u{0E01}'..='\u{0E5B}').contains(&c)
}

/// Every line that ends inside a run of Thai letters and goes on with Thai letters on the next
/// line must end at a word boundary of that run, as ICU's dictionary segmenter finds them.
fn breaks_inside_words(text: &str) -> Vec<String> {
    let seg = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let lines: Vec<&str> = text.lines().collect();
    let mut bad = Vec::new();
    for pair in lines.windows(2) {
        let (a, b) = (pair[0].trim_end(), pair[1].trim_start());
        if !(a.chars().last().is_some_and(is_thai) && b.chars().next().is_some_and(is_thai)) {
            continue;
        }
        let tail: String = {
            let rev: Vec<char> = a.chars().rev().take_while(|c| is_thai(*c)).collect();
            rev.into_iter().rev().collect()
        };
        let head: String = b.chars().take_while(|c| is_thai(*c)).collect();
        let run = format!("{tail}{head}");
        let at = tail.len();
        if !seg.segment_str(&run).any(|i| i == at) {
            bad.push(format!("{tail}|{head}"));
        }
    }
    bad
}

fn demo(kind: PlanKind) -> Plan {
    phaen_synth::demo(2568)
        .plans
        .into_iter()
        .find(|p| p.kind == kind)
        .expect("the demo has a plan of each kind")
}

#[test]
fn the_demo_plans_pdf_text_is_the_plans_text() {
    if !have("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for kind in PlanKind::ALL {
        let plan = demo(kind);
        for digits in [Digits::Thai, Digits::Arabic] {
            let pdf = pdf_of(&plan, digits, dir.path(), "demo.pdf");
            let text = text_of(&pdf);
            assert!(
                !text.contains('\u{25CC}'),
                "a dotted circle in {}",
                plan.title
            );
            let flat = squeeze(&text);
            for w in plan.walk() {
                assert!(
                    flat.contains(&squeeze(&w.element.title)),
                    "{kind:?}: the PDF lacks {:?}",
                    w.element.title
                );
            }
            for (_, k) in plan.all_kpis() {
                assert!(flat.contains(&squeeze(&k.name)), "lacks KPI {:?}", k.name);
            }
            let bad = breaks_inside_words(&text);
            assert!(
                bad.is_empty(),
                "{kind:?}: lines broken inside Thai words: {bad:?}"
            );
            if digits == Digits::Thai {
                let years = Options::new(digits).year(plan.period.from);
                assert!(text.contains(&years), "years in Thai digits");
            }
        }
    }
}

#[test]
fn each_seed_exports_what_the_seed_says() {
    if !have("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut seen = 0;
    for n in ["000", "002", "003", "004"] {
        let Some(path) = phaen_testkit::seed_file(n) else {
            continue;
        };
        seen += 1;
        let bytes = std::fs::read(&path).unwrap();
        let seed = squeeze(&String::from_utf8_lossy(&bytes));
        let plan = phaen_import::read(&bytes, n, None).unwrap().plan;
        let pdf = pdf_of(&plan, Digits::Arabic, dir.path(), &format!("{n}.pdf"));
        let text = text_of(&pdf);
        assert!(!text.contains('\u{25CC}'), "seed {n}: a dotted circle");
        let flat = squeeze(&text);
        // Every text of the plan that is the seed's own must be in the PDF.
        let mut texts: Vec<String> = plan
            .walk()
            .iter()
            .map(|w| w.element.title.clone())
            .collect();
        texts.extend(plan.all_kpis().iter().map(|(_, k)| k.name.clone()));
        texts.extend(plan.swot.iter().map(|s| s.text.clone()));
        texts.extend(plan.vision.clone());
        let from_seed: Vec<String> = texts
            .into_iter()
            .map(|t| squeeze(&t))
            .filter(|t| t.chars().count() > 3 && seed.contains(t.as_str()))
            .collect();
        assert!(from_seed.len() > 5, "seed {n}: few texts to compare");
        let missing: Vec<&String> = from_seed
            .iter()
            .filter(|t| !flat.contains(t.as_str()))
            .collect();
        assert!(missing.is_empty(), "seed {n}: the PDF lacks {missing:?}");
        let bad = breaks_inside_words(&text);
        assert!(
            bad.is_empty(),
            "seed {n}: lines broken inside Thai words: {bad:?}"
        );
    }
    if seen == 0 {
        eprintln!("note: no seeds found (../shared/seeds or PHAEN_CORPUS): skipped");
    }
}

/// Grey pixels of a PNG page image.
fn grey(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let px = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|c| c[0])
        .collect();
    (info.width, info.height, px)
}

/// The share of pixels that differ clearly (by more than a quarter of the grey range).
fn difference(a: &Path, b: &Path) -> f64 {
    let (wa, ha, pa) = grey(a);
    let (wb, hb, pb) = grey(b);
    if (wa, ha) != (wb, hb) {
        return 1.0;
    }
    let differ = pa
        .iter()
        .zip(&pb)
        .filter(|(x, y)| x.abs_diff(**y) > 64)
        .count();
    differ as f64 / pa.len() as f64
}

#[test]
fn the_first_pages_of_the_demo_plans_look_as_reviewed() {
    if !have("pdftoppm") {
        return;
    }
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference");
    let update = std::env::var("PHAEN_UPDATE_REFERENCE").is_ok_and(|v| v == "1");
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for kind in PlanKind::ALL {
        let plan = demo(kind);
        let pdf = pdf_of(&plan, Digits::Thai, dir.path(), "demo.pdf");
        let prefix = dir.path().join(kind.as_str());
        let ok = Command::new("pdftoppm")
            .args(["-r", "40", "-gray", "-png", "-f", "1", "-l", "3"])
            .arg(&pdf)
            .arg(&prefix)
            .status()
            .expect("pdftoppm runs")
            .success();
        assert!(ok, "pdftoppm failed on {kind:?}");
        for page in 1..=3 {
            let name = format!("{}-{page}.png", kind.as_str());
            let got = dir.path().join(&name);
            let got = if got.exists() {
                got
            } else {
                dir.path().join(format!("{}-{page:02}.png", kind.as_str()))
            };
            let want = reference.join(&name);
            if update {
                std::fs::create_dir_all(&reference).unwrap();
                std::fs::copy(&got, &want).unwrap();
                continue;
            }
            assert!(
                want.exists(),
                "no reference image {}: render with PHAEN_UPDATE_REFERENCE=1, look at it, commit it",
                want.display()
            );
            let d = difference(&got, &want);
            if d > 0.01 {
                let kept = std::env::temp_dir().join(format!("phaen-got-{name}"));
                let _ = std::fs::copy(&got, &kept);
                failures.push(format!(
                    "{name}: {:.2}% of pixels differ (now: {})",
                    d * 100.0,
                    kept.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "pages differ from the reviewed images: {failures:?}"
    );
}
