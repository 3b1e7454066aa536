//! `cargo run -p phaen-documents --example demo_pdfs -- DIR [thai|arabic]`: writes the PDF of
//! each of Phaen's demo plans into DIR, to look at while working on the layouts.

use phaen_documents::layout::{Digits, Options, plan_document};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let digits = args
        .next()
        .and_then(|d| Digits::parse(&d))
        .unwrap_or_default();
    std::fs::create_dir_all(&dir).expect("the folder can be made");
    let mut seen = std::collections::HashSet::new();
    for plan in phaen_synth::demo(2568).plans {
        if !seen.insert(plan.kind) {
            continue;
        }
        let doc = plan_document(&plan, &Options::new(digits));
        match phaen_documents::pdf::render(&doc, digits) {
            Ok(pdf) => {
                let path = dir.join(format!("{}.pdf", plan.kind.as_str()));
                std::fs::write(&path, pdf).expect("the file can be written");
                println!("{}", path.display());
            }
            Err(e) => eprintln!("{}: {e}", plan.title),
        }
    }
}
