//! W1: import the seed documents into a fresh SQLite database; reports documents per second
//! (read + recognize + store, and read + recognize alone). Run with
//! `cargo bench -p phaen --bench import_seeds` (PHAEN_CORPUS names the folder; default
//! ../shared/seeds).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use phaen_store::{PlanStore, Store};

const ROUNDS: usize = 30;

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = std::env::var_os("PHAEN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("seed folder {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let seeds = seeds();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut parse = Vec::new();
    let mut full = Vec::new();
    for round in 0..ROUNDS + 3 {
        let t = Instant::now();
        for (name, bytes) in &seeds {
            std::hint::black_box(phaen_import::read(bytes, name, None).unwrap());
        }
        let parsed = t.elapsed();
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        let elapsed = rt.block_on(async {
            let store = Store::open(&url).await.unwrap();
            let t = Instant::now();
            let mut storing = Duration::ZERO;
            for (name, bytes) in &seeds {
                let imported = phaen_import::read(bytes, name, None).unwrap();
                let s = Instant::now();
                store.insert_plan(&imported.plan).await.unwrap();
                storing += s.elapsed();
            }
            let e = t.elapsed();
            if std::env::var_os("PHAEN_BENCH_VERBOSE").is_some() {
                eprintln!("store part {:?}", storing);
            }
            store.close().await;
            e
        });
        if round >= 3 {
            parse.push(parsed);
            full.push(elapsed);
        }
    }
    let n = seeds.len() as f64;
    let (p, f) = (median(parse), median(full));
    println!(
        "W1 import of {} seed documents, median of {ROUNDS} rounds after 3 warm-up rounds",
        seeds.len()
    );
    println!(
        "  read + recognize:          {:>8.2} ms  {:>8.0} documents/s",
        p.as_secs_f64() * 1e3,
        n / p.as_secs_f64()
    );
    println!(
        "  read + recognize + store:  {:>8.2} ms  {:>8.0} documents/s",
        f.as_secs_f64() * 1e3,
        n / f.as_secs_f64()
    );
}
