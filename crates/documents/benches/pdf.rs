//! `cargo bench -p phaen-documents --bench pdf`: seed 000's strategic plan (imported at run
//! time from ../shared/seeds or PHAEN_CORPUS; Phaen's demo strategic plan when the seed is not
//! there) laid out and written as PDF, timed over several runs after one warm-up run.

use std::time::{Duration, Instant};

use phaen_documents::layout::{Digits, Options, plan_document};
use phaen_domain::{Plan, PlanKind};

fn plan() -> (String, Plan) {
    if let Some(path) = phaen_testkit::seed_file("000") {
        let bytes = std::fs::read(&path).expect("the seed reads");
        let plan = phaen_import::read(&bytes, "000", None)
            .expect("seed 000 imports")
            .plan;
        return ("seed 000".into(), plan);
    }
    let plan = phaen_synth::demo(2568)
        .plans
        .into_iter()
        .find(|p| p.kind == PlanKind::StrategicPlan)
        .expect("the demo has a strategic plan");
    ("the demo strategic plan (seed 000 not found)".into(), plan)
}

fn main() {
    let (what, plan) = plan();
    let runs = 10;
    let mut times: Vec<Duration> = Vec::new();
    let mut bytes = 0;
    let mut pages_text = String::new();
    for i in 0..=runs {
        let started = Instant::now();
        let options = Options::new(Digits::Thai);
        let doc = plan_document(&plan, &options);
        let pdf = phaen_documents::pdf::render(&doc, Digits::Thai).expect("the PDF renders");
        let took = started.elapsed();
        if i == 0 {
            pages_text = format!("first run (cold caches) {:.0} ms", took.as_secs_f64() * 1e3);
        } else {
            times.push(took);
        }
        bytes = pdf.len();
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "pdf of {what}: {bytes} bytes; {pages_text}; over {runs} runs: median {:.0} ms, best {:.0} ms, worst {:.0} ms",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
    );
}
