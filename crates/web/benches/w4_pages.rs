//! W4: a plan's overview and its KPI pages under 64 signed-in clients. Builds a fresh SQLite
//! database with the demo data (and the seed plans, when ../shared/seeds or PHAEN_CORPUS is
//! there), starts the real server in this process on a free port, signs in every client with
//! a cookie session of its own, and has them fetch, in turn, each plan's overview
//! (/plans/{id}), its mission-goal-strategy table (/plans/{id}/table) and the element page of
//! its project with the most KPIs (/plans/{id}/elements/{eid}: KPI targets per year, budget,
//! timeline). Reports requests per second, p50/p95/p99 latency and errors (anything but 200),
//! then a one-client pass that splits a request's time into loading the plan and the rest.
//!
//! `cargo bench -p phaen-web --bench w4_pages`; PHAEN_W4_CLIENTS (64), PHAEN_W4_SECS (20),
//! PHAEN_W4_WARMUP_SECS (3) and PHAEN_CORPUS (the seed folder) change the run.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use phaen_domain::access::{Membership, Role};
use phaen_domain::{ElementKind, OrgCode, Plan};
use phaen_store::{NewUser, OrgStore, PlanStore, Store, UserStore};

const USERNAME: &str = "w4-reader";
const PASSWORD: &str = "w4 benchmark password";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Overview,
    Table,
    Element,
}

const PAGES: [Page; 3] = [Page::Overview, Page::Table, Page::Element];

impl Page {
    fn name(self) -> &'static str {
        match self {
            Page::Overview => "overview  /plans/{id}",
            Page::Table => "table     /plans/{id}/table",
            Page::Element => "project   /plans/{id}/elements/{eid}",
        }
    }
}

struct Target {
    page: Page,
    plan: phaen_domain::PlanId,
    path: String,
}

struct Sample {
    page: Page,
    latency: Duration,
    ok: bool,
    bytes: usize,
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn seed_files() -> Vec<(String, Vec<u8>)> {
    let dir = std::env::var_os("PHAEN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no seed folder at {}: demo plans only", dir.display());
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

/// The demo organizations and plans, the seed plans, and one reader who may see them all:
/// the department (every demo plan is below it) and an auditor of each seed plan's owner.
async fn fill(store: &Store) -> Vec<Plan> {
    let demo = phaen_synth::demo(2568);
    for org in &demo.orgs {
        store.upsert_org(org).await.unwrap();
    }
    let mut ids = Vec::new();
    for plan in &demo.plans {
        store.insert_plan(plan).await.unwrap();
        ids.push(plan.id.clone());
    }
    let mut memberships = vec![Membership::new(
        OrgCode::parse(phaen_synth::DEPT).unwrap(),
        Role::Department,
    )];
    for (name, bytes) in seed_files() {
        let imported = phaen_import::read(&bytes, &name, None).unwrap();
        store.insert_plan(&imported.plan).await.unwrap();
        ids.push(imported.plan.id.clone());
        memberships.push(Membership::new(
            imported.plan.owner.code.clone(),
            Role::Auditor,
        ));
    }
    store
        .create_user(&NewUser {
            username: USERNAME.into(),
            display_name: "ผู้อ่านทดสอบ W4".into(),
            password_hash: phaen_auth::hash_password(PASSWORD).unwrap(),
            memberships,
        })
        .await
        .unwrap();
    let mut plans = Vec::new();
    for id in ids {
        plans.push(store.load_plan(&id).await.unwrap());
    }
    plans
}

/// Each plan's overview, table and the project with the most KPIs (or, in a plan without
/// projects, the element with the most).
fn targets(plans: &[Plan]) -> Vec<Target> {
    let mut out = Vec::new();
    for plan in plans {
        let id = plan.id.as_str();
        let at = |page, path: String| Target {
            page,
            plan: plan.id.clone(),
            path,
        };
        out.push(at(Page::Overview, format!("/plans/{id}")));
        out.push(at(Page::Table, format!("/plans/{id}/table")));
        let walked = plan.walk();
        let best = walked
            .iter()
            .filter(|w| w.element.kind == ElementKind::Project)
            .max_by_key(|w| w.element.kpis.len())
            .or_else(|| walked.iter().max_by_key(|w| w.element.kpis.len()));
        if let Some(w) = best {
            out.push(at(
                Page::Element,
                format!("/plans/{id}/elements/{}", w.element.id.as_str()),
            ));
        }
    }
    out
}

/// A client with a cookie session of its own.
async fn sign_in(base: &str) -> reqwest::Client {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let html = c
        .get(format!("{base}/signin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
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
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER, "sign-in failed");
    c
}

/// One client: fetches the targets in turn from `first` on until `stop`; keeps the samples of
/// requests started after `measure_from`.
async fn client_loop(
    c: reqwest::Client,
    base: Arc<str>,
    targets: Arc<Vec<Target>>,
    first: usize,
    measure_from: Instant,
    stop: Instant,
) -> Vec<Sample> {
    let mut samples = Vec::new();
    let mut i = first;
    loop {
        let started = Instant::now();
        if started >= stop {
            return samples;
        }
        let t = &targets[i % targets.len()];
        i += 1;
        let (ok, bytes) = match c.get(format!("{base}{}", t.path)).send().await {
            Ok(r) => {
                let status = r.status();
                match r.bytes().await {
                    Ok(b) => (status == reqwest::StatusCode::OK, b.len()),
                    Err(_) => (false, 0),
                }
            }
            Err(_) => (false, 0),
        };
        if started >= measure_from {
            samples.push(Sample {
                page: t.page,
                latency: started.elapsed(),
                ok,
                bytes,
            });
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn report_line(label: &str, samples: &[&Sample], secs: f64) {
    let mut lat: Vec<Duration> = samples.iter().map(|s| s.latency).collect();
    lat.sort();
    let errors = samples.iter().filter(|s| !s.ok).count();
    let kib = samples.iter().map(|s| s.bytes).sum::<usize>() as f64
        / samples.len().max(1) as f64
        / 1024.0;
    println!(
        "  {label:<38} {:>7} req {:>8.1} req/s  p50 {:>6.1}  p95 {:>6.1}  p99 {:>6.1}  max {:>6.1} ms  {:>5.0} KiB  errors {errors}",
        samples.len(),
        samples.len() as f64 / secs,
        ms(percentile(&lat, 50.0)),
        ms(percentile(&lat, 95.0)),
        ms(percentile(&lat, 99.0)),
        ms(lat.last().copied().unwrap_or_default()),
        kib,
    );
}

/// CPU time used so far by this process's threads, by thread name (w4-server, w4-load,
/// sqlx-sqlite-wor...), read from /proc; empty where there is no /proc.
fn cpu_by_thread() -> std::collections::BTreeMap<String, Duration> {
    let mut out = std::collections::BTreeMap::new();
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return out;
    };
    for task in tasks.flatten() {
        let Ok(stat) = std::fs::read_to_string(task.path().join("stat")) else {
            continue;
        };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let name = stat[open + 1..close].to_string();
        // After the name: state, then fields 4..; utime and stime are fields 14 and 15, in
        // clock ticks of 1/100 s.
        let fields: Vec<&str> = stat[close + 2..].split(' ').collect();
        let ticks = |i: usize| fields.get(i - 3).and_then(|f| f.parse::<u64>().ok());
        if let (Some(u), Some(s)) = (ticks(14), ticks(15)) {
            *out.entry(name).or_default() += Duration::from_millis((u + s) * 10);
        }
    }
    out
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let clients = env_u64("PHAEN_W4_CLIENTS", 64) as usize;
    let secs = env_u64("PHAEN_W4_SECS", 20);
    let warmup = env_u64("PHAEN_W4_WARMUP_SECS", 3);

    // The server has the machine's cores; the load generator runs beside it on one thread.
    let server = tokio::runtime::Builder::new_multi_thread()
        .thread_name("w4-server")
        .enable_all()
        .build()
        .unwrap();
    let load = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("w4-load")
        .enable_all()
        .build()
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("w4.db").display());
    let (store, plans, base) = server.block_on(async {
        let store = Store::open(&url).await.unwrap();
        let plans = fill(&store).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = phaen_web::AppState::new(store.clone(), false);
        tokio::spawn(async move {
            phaen_web::serve_on(listener, state, None).await.unwrap();
        });
        (store, plans, base)
    });
    let targets = Arc::new(targets(&plans));
    let base: Arc<str> = base.into();
    println!(
        "W4: {} plans ({} pages) in SQLite, {clients} signed-in clients, {warmup} s warm-up, {secs} s measured",
        plans.len(),
        targets.len(),
    );

    let (samples, (cpu_before, cpu_after)) = load.block_on(async {
        let mut sessions = Vec::with_capacity(clients);
        for _ in 0..clients {
            sessions.push(sign_in(&base).await);
        }
        // Every page answers 200 before the clock starts.
        for t in targets.iter() {
            let r = sessions[0]
                .get(format!("{base}{}", t.path))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), reqwest::StatusCode::OK, "{}", t.path);
        }
        let measure_from = Instant::now() + Duration::from_secs(warmup);
        let stop = measure_from + Duration::from_secs(secs);
        let cpu = std::thread::spawn(move || {
            std::thread::sleep(measure_from - Instant::now());
            let before = cpu_by_thread();
            std::thread::sleep(stop.saturating_duration_since(Instant::now()));
            (before, cpu_by_thread())
        });
        let tasks: Vec<_> = sessions
            .into_iter()
            .enumerate()
            .map(|(n, c)| {
                tokio::spawn(client_loop(
                    c,
                    base.clone(),
                    targets.clone(),
                    n * 7,
                    measure_from,
                    stop,
                ))
            })
            .collect();
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.unwrap());
        }
        (all, cpu.join().unwrap())
    });

    let secs_f = secs as f64;
    println!("under load:");
    report_line("all pages", &samples.iter().collect::<Vec<_>>(), secs_f);
    for page in PAGES {
        let of: Vec<&Sample> = samples.iter().filter(|s| s.page == page).collect();
        report_line(page.name(), &of, secs_f);
    }

    // CPU per request while measuring, by thread: the server's runtime, SQLite's worker
    // threads (sqlx runs each connection on one) and the load generator.
    let mut by_group: std::collections::BTreeMap<&str, Duration> = Default::default();
    for (name, after) in &cpu_after {
        let used = after.saturating_sub(cpu_before.get(name).copied().unwrap_or_default());
        let group = match name.as_str() {
            "w4-server" => "server (tokio workers)",
            "w4-load" => "load generator",
            n if n.starts_with("sqlx-sqlite") => "sqlite (sqlx worker threads)",
            _ => "other",
        };
        *by_group.entry(group).or_default() += used;
    }
    if !samples.is_empty() && !by_group.is_empty() {
        let per = |d: Duration| ms(d) / samples.len() as f64;
        let total: Duration = by_group.values().sum();
        let parts: Vec<String> = by_group
            .iter()
            .map(|(g, d)| format!("{g} {:.3}", per(*d)))
            .collect();
        println!(
            "CPU per request: {:.3} ms ({}); {:.2} cores busy",
            per(total),
            parts.join(", "),
            total.as_secs_f64() / secs_f
        );
    }

    // Where one request's time goes, one client at a time: the whole request, and loading
    // the plan from the store alone.
    println!("one client at a time (median of 20 per page):");
    let one = load.block_on(sign_in(&base));
    for page in PAGES {
        let of: Vec<&Target> = targets.iter().filter(|t| t.page == page).collect();
        let mut request = Vec::new();
        let mut loading = Vec::new();
        for t in &of {
            for _ in 0..20 {
                let s = Instant::now();
                let r = load
                    .block_on(async { one.get(format!("{base}{}", t.path)).send().await })
                    .unwrap();
                load.block_on(r.bytes()).unwrap();
                request.push(s.elapsed());
                let s = Instant::now();
                server.block_on(store.load_plan(&t.plan)).unwrap();
                loading.push(s.elapsed());
            }
        }
        let (req, lp) = (median(request), median(loading));
        println!(
            "  {:<38} request {:>6.2} ms  load_plan {:>6.2} ms  the rest {:>6.2} ms",
            page.name(),
            ms(req),
            ms(lp),
            ms(req.saturating_sub(lp)),
        );
    }
}
