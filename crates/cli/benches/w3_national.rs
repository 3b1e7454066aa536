//! W3 and W6 on the national data set: loads it with `phaen synth` (time, the loader's peak
//! memory, database size), starts the real `phaen serve` on it as a child process, signs in
//! a department user and times repeated GETs of the national plan's coverage page (and what
//! serves one guideline, in one province and in the whole country), the national roll-up
//! (page, one province's page and the API) and search for a handful of Thai words; reports p50/p95/p99 and the server's peak memory (VmHWM). Then exports what the
//! roll-up reads to CSV and asks DuckDB the same roll-up (w3_duckdb.py), timed, for the ratio.
//!
//! `cargo bench -p phaen --bench w3_national` (SQLite under /var/tmp/phaen-w3);
//! `PHAEN_BENCH_DB=postgres://postgres@127.0.0.1:5432/w3 cargo bench ...` for PostgreSQL (an
//! empty database). PHAEN_W3_COOPS (12000), PHAEN_W3_YEARS (5), PHAEN_W3_REQUESTS (100 per
//! page), PHAEN_W3_DIR (/var/tmp/phaen-w3), PHAEN_W3_LOADED=1 (the database already holds
//! this data set: skip loading).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const EXE: &str = env!("CARGO_BIN_EXE_phaen");
const USERNAME: &str = "w3-department";
const PASSWORD: &str = "w3 benchmark password";
const WORDS: [&str; 6] = ["สมาชิก", "การออม", "หนี้สิน", "ท่องเที่ยว", "ธรรมาภิบาล", "ดิจิทัล"];

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The peak resident memory of a running process, in MiB (VmHWM).
fn peak_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Runs `phaen synth`, watching its peak memory; returns (seconds, peak MiB, its stdout).
fn load(url: &str, coops: u64, years: u64) -> (f64, f64, String) {
    let t = Instant::now();
    let mut child = Command::new(EXE)
        .args(["--db", url, "synth", "--coops", &coops.to_string()])
        .args(["--years", &years.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut peak: f64 = 0.0;
    while child.try_wait().unwrap().is_none() {
        peak = peak.max(peak_mib(child.id()).unwrap_or(0.0));
        std::thread::sleep(Duration::from_millis(200));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "phaen synth failed");
    (
        t.elapsed().as_secs_f64(),
        peak,
        String::from_utf8_lossy(&out.stdout).into(),
    )
}

async fn database_mib(url: &str, sqlite_file: &Path) -> f64 {
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        let bytes: i64 = sqlx::query_scalar("SELECT pg_database_size(current_database())")
            .fetch_one(&pool)
            .await
            .unwrap();
        pool.close().await;
        bytes as f64 / 1048576.0
    } else {
        let mut bytes = 0;
        for ext in ["", "-wal"] {
            let f = PathBuf::from(format!("{}{ext}", sqlite_file.display()));
            bytes += std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        }
        bytes as f64 / 1048576.0
    }
}

fn create_user(url: &str) {
    let mut child = Command::new(EXE)
        .args(["--db", url, "admin", "create-user", "--username", USERNAME])
        .args(["--org", phaen_synth::DEPT, "--role", "department"])
        .arg("--password-stdin")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    // A second run finds the user already there: fine.
    child.wait().unwrap();
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(url: &str) -> (Server, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(EXE)
        .args([
            "--db",
            url,
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .arg("--no-reminders")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    (Server(child), format!("http://127.0.0.1:{port}"))
}

async fn sign_in(base: &str) -> reqwest::Client {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let t = Instant::now();
    let html = loop {
        match c.get(format!("{base}/signin")).send().await {
            Ok(r) => break r.text().await.unwrap(),
            Err(_) if t.elapsed().as_secs() < 120 => {
                tokio::time::sleep(Duration::from_millis(200)).await
            }
            Err(e) => panic!("the server did not start: {e}"),
        }
    };
    let at = html.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    let csrf = &html[at..at + html[at..].find('"').unwrap()];
    let r = c
        .post(format!("{base}/signin"))
        .form(&[
            ("username", USERNAME),
            ("password", PASSWORD),
            ("csrf", csrf),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "sign-in: {}", r.status());
    c
}

/// `n` timed GETs after 2 untimed; `None` when the route is not there (404).
async fn measure(c: &reqwest::Client, url: &str, n: u64) -> Option<(Vec<Duration>, usize)> {
    let mut times = Vec::new();
    let mut bytes = 0;
    for i in 0..n + 2 {
        let t = Instant::now();
        let r = c.get(url).send().await.unwrap();
        let status = r.status();
        let body = r.bytes().await.unwrap();
        if status == reqwest::StatusCode::NOT_FOUND {
            return None;
        }
        assert!(status.is_success(), "{url}: {status}");
        if i >= 2 {
            times.push(t.elapsed());
            bytes = body.len();
        }
    }
    times.sort();
    Some((times, bytes))
}

fn pct(times: &[Duration], p: f64) -> f64 {
    let i = ((times.len() as f64 * p).ceil() as usize).clamp(1, times.len()) - 1;
    times[i].as_secs_f64() * 1000.0
}

fn print_times(what: &str, m: &Option<(Vec<Duration>, usize)>) {
    match m {
        Some((t, bytes)) => println!(
            "  {what}: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} requests, {} KiB)",
            pct(t, 0.5),
            pct(t, 0.95),
            pct(t, 0.99),
            pct(t, 1.0),
            t.len(),
            bytes / 1024
        ),
        None => println!("  {what}: not on this build (404), not measured"),
    }
}

fn main() {
    let coops = env_or("PHAEN_W3_COOPS", 12_000);
    let years = env_or("PHAEN_W3_YEARS", 5).clamp(1, 5);
    let n = env_or("PHAEN_W3_REQUESTS", 100);
    let pg = std::env::var("PHAEN_BENCH_DB").ok();
    let dir = PathBuf::from(std::env::var("PHAEN_W3_DIR").unwrap_or("/var/tmp/phaen-w3".into()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("w3-{coops}-{years}.db"));
    let url = pg
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", file.display()));
    let backend = if pg.is_some() { "postgresql" } else { "sqlite" };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let nation = phaen_synth::Nation::new(2568, coops as usize, years as u16);
    let national = nation.national.id.to_string();
    let guideline = nation
        .national
        .walk()
        .into_iter()
        .map(|w| w.element)
        .find(|e| e.kind == phaen_domain::ElementKind::Guideline)
        .map(|e| e.id.to_string())
        .expect("the national plan has guidelines");
    println!("W3 {backend}: {coops} cooperatives, {years} years");
    if std::env::var("PHAEN_W3_LOADED").is_err() {
        let (secs, peak, out) = load(&url, coops, years);
        print!("{out}");
        println!("  load: {secs:.1} s, loader peak memory {peak:.0} MiB");
    }
    println!(
        "  database size: {:.0} MiB",
        rt.block_on(database_mib(&url, &file))
    );
    create_user(&url);
    let (server, base) = serve(&url);
    let year = (2568).min(phaen_synth::FIRST_YEAR + years as u16 - 1);
    let rollup = rt.block_on(async {
        let c = sign_in(&base).await;
        let cov = measure(&c, &format!("{base}/plans/{national}/coverage"), n).await;
        print_times("coverage /plans/{national}/coverage", &cov);
        let one = format!("{base}/plans/{national}/coverage/{guideline}?org=PCO-N01");
        let one = measure(&c, &one, n).await;
        print_times(
            "what serves one guideline, one province /coverage/{g}?org=PCO-N01",
            &one,
        );
        let all = format!("{base}/plans/{national}/coverage/{guideline}");
        let all = measure(&c, &all, n / 4).await;
        print_times(
            "what serves one guideline, whole country /coverage/{g} (first 100)",
            &all,
        );
        let page = format!("{base}/plans/{national}/rollup?year={year}");
        let page = measure(&c, &page, n).await;
        print_times("roll-up page /plans/{national}/rollup?year=Y", &page);
        let pco = format!("{base}/plans/{national}/rollup?org=PCO-N01&year={year}");
        let pco = measure(&c, &pco, n).await;
        print_times("roll-up page, one province ?org=PCO-N01&year=Y", &pco);
        let api = format!("{base}/api/v1/plans/{national}/rollup?org=DEPT&year={year}");
        let api = measure(&c, &api, n).await;
        print_times(
            "roll-up API /api/v1/plans/{national}/rollup?org=DEPT&year=Y",
            &api,
        );
        let mut all = Vec::new();
        for w in WORDS {
            let u = reqwest::Url::parse_with_params(&format!("{base}/search"), &[("q", w)]);
            let m = measure(&c, u.unwrap().as_str(), n / 2).await;
            print_times(&format!("search '{w}'"), &m);
            all.extend(m.map(|m| m.0).unwrap_or_default());
        }
        all.sort();
        print_times("search, all words", &Some((all, 0)));
        api
    });
    let pid = server.0.id();
    println!(
        "  server peak memory (VmHWM): {:.0} MiB",
        peak_mib(pid).unwrap_or(0.0)
    );
    drop(server);
    duckdb(&url, &file, &dir, &national, year, rollup);
}

/// Exports what the roll-up reads and asks DuckDB; prints its time and the ratio to Phaen's.
fn duckdb(
    url: &str,
    file: &Path,
    dir: &Path,
    national: &str,
    year: u16,
    phaen: Option<(Vec<Duration>, usize)>,
) {
    let out = dir.join("export");
    std::fs::create_dir_all(&out).unwrap();
    let queries = [
        (
            "links",
            format!(
                "SELECT k.id AS kpi_id, o.code AS org, o.parent_code AS province, \
                 a.target_id AS indicator, t.year AS year, t.value AS target \
                 FROM alignment_links a JOIN kpis k ON a.source_kind = 'kpi' AND k.id = a.source_id \
                 JOIN plans p ON p.id = a.plan_id JOIN orgs o ON o.code = p.org_code \
                 JOIN kpi_targets t ON t.kpi_id = k.id AND t.kind = 'numeric' \
                 WHERE a.target_id IN (SELECT id FROM kpis WHERE plan_id = '{national}')"
            ),
        ),
        (
            "budgets",
            format!(
                "SELECT e.id AS element_id, o.code AS org, o.parent_code AS province, \
                 a.target_id AS guideline, b.year AS year, b.amount_baht AS baht \
                 FROM alignment_links a JOIN elements e ON a.source_kind = 'element' AND e.id = a.source_id \
                 JOIN plans p ON p.id = a.plan_id JOIN orgs o ON o.code = p.org_code \
                 JOIN budget_lines b ON b.element_id = e.id \
                 WHERE a.target_id IN (SELECT id FROM elements WHERE plan_id = '{national}')"
            ),
        ),
        (
            "vals",
            "SELECT kpi_id, year, period, value FROM kpi_progress WHERE state = 'approved'".into(),
        ),
    ];
    let t = Instant::now();
    for (name, sql) in &queries {
        let target = out.join(format!("{name}.csv"));
        let ok = if url.starts_with("postgres") {
            let copy = format!("\\copy ({sql}) TO '{}' CSV HEADER", target.display());
            Command::new("psql")
                .args([url, "-q", "-c", &copy])
                .status()
                .unwrap()
        } else {
            let f = std::fs::File::create(&target).unwrap();
            Command::new("sqlite3")
                .args(["-csv", "-header", &file.display().to_string(), sql])
                .stdout(f)
                .status()
                .unwrap()
        };
        assert!(ok.success(), "export of {name}");
    }
    println!("  export to CSV: {:.1} s", t.elapsed().as_secs_f64());
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/w3_duckdb.py");
    let res = Command::new("python3")
        .arg(script)
        .arg(&out)
        .arg(year.to_string())
        .output()
        .unwrap();
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let line = String::from_utf8_lossy(&res.stdout).trim().to_string();
    println!("  DuckDB, same roll-up over Parquet (2 threads): {line}");
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    let duck = v["median_ms"].as_f64().unwrap();
    match phaen {
        Some((t, _)) => println!(
            "  ratio DuckDB median / Phaen roll-up API p50: {:.1}x",
            duck / pct(&t, 0.5)
        ),
        None => println!("  ratio: not measured (no roll-up route on this build)"),
    }
}
