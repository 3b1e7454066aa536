//! The plan dashboard of a large plan: 200 KPIs with numeric targets under four strategies,
//! reporting monthly over five years (2566-2570), every one of the 12,000 values approved.
//! Builds a fresh SQLite database, starts the real server in this process on a free port,
//! signs clients in with cookie sessions of their own and has them fetch
//! `/plans/{id}/dashboard` (status by strategy, a trend chart per KPI, projects and budget)
//! over and over: first one client at a time, then several at once. Reports p50/p95/p99.
//!
//! `cargo bench -p phaen-web --bench dashboard`; PHAEN_DASH_CLIENTS (4), PHAEN_DASH_SECS (10)
//! and PHAEN_DASH_WARMUP_SECS (2) change the run.

use std::sync::Arc;
use std::time::{Duration, Instant};

use phaen_domain::access::{Membership, Role};
use phaen_domain::bulk::ValidRow;
use phaen_domain::evaluate::{ActualValue, Aggregation};
use phaen_domain::progress::{EntryState, Frequency, Period};
use phaen_domain::{
    BeYear, Comparator, Element, ElementKind, Kpi, OrgCode, OrgKind, Organization, Plan, PlanKind,
    Target, YearTarget,
};
use phaen_store::progress::{ReportingSetup, SubjectKind};
use phaen_store::{NewUser, PlanStore, Store, UserStore};

const USERNAME: &str = "dash-reader";
const PASSWORD: &str = "dashboard benchmark password";
const STRATEGIES: usize = 4;
const KPIS_EACH: usize = 50;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn plan() -> Plan {
    let owner = Organization {
        code: OrgCode::parse("DASH-001").unwrap(),
        name_th: "สหกรณ์ทดสอบแดชบอร์ด".into(),
        name_en: None,
        kind: OrgKind::Cooperative,
        coop_type: None,
        parent: None,
        units: Vec::new(),
    };
    let period =
        phaen_domain::Period::new(BeYear::new(2566).unwrap(), BeYear::new(2570).unwrap()).unwrap();
    let mut p = Plan::new(PlanKind::StrategicPlan, "แผนทดสอบแดชบอร์ด", owner, period);
    for s in 0..STRATEGIES {
        let mut e = Element::new(ElementKind::Strategy, format!("กลยุทธ์ที่ {}", s + 1));
        e.label = Some(format!("{}", s + 1));
        for k in 0..KPIS_EACH {
            let mut kpi = Kpi::new(format!("ตัวชี้วัดที่ {}.{}", s + 1, k + 1));
            kpi.label = Some(format!("{}.{}", s + 1, k + 1));
            kpi.unit = Some("ล้านบาท".into());
            for y in period.years() {
                kpi.targets.push(YearTarget {
                    year: y,
                    target: Target::Numeric {
                        comparator: Comparator::AtLeast,
                        value: (1000 + 10 * k).into(),
                        percent: false,
                    },
                    written: None,
                });
            }
            e.kpis.push(kpi);
        }
        p.elements.push(e);
    }
    p
}

/// Every KPI reports monthly (summed over the year); every month of the five years has an
/// approved value, some years reaching the target and some not.
async fn fill(store: &Store, p: &Plan) {
    store.insert_plan(p).await.unwrap();
    let setups: Vec<ReportingSetup> = p
        .all_kpis()
        .into_iter()
        .map(|(_, k)| ReportingSetup {
            subject: k.id.to_string(),
            kind: SubjectKind::Kpi,
            frequency: Frequency::Monthly,
            aggregation: Aggregation::Sum,
            weight: 1.into(),
            owner_user: None,
            owner_unit: None,
        })
        .collect();
    store.set_reportings(&p.id, &setups, None).await.unwrap();
    let mut rows = Vec::new();
    for (n, (_, k)) in p.all_kpis().into_iter().enumerate() {
        for y in p.period.years() {
            for m in Period::all(y, Frequency::Monthly) {
                rows.push(ValidRow {
                    row: rows.len() + 2,
                    kpi: k.id.clone(),
                    period: m,
                    value: ActualValue::Number((70 + (n * 7 + m.index as usize) % 40).into()),
                    narrative: String::new(),
                });
            }
        }
    }
    assert_eq!(rows.len(), 12_000);
    store
        .bulk_save_kpi_entries(&p.id, &rows, EntryState::Approved, "dashboard-bench")
        .await
        .unwrap();
    store
        .create_user(&NewUser {
            username: USERNAME.into(),
            display_name: "ผู้อ่านทดสอบแดชบอร์ด".into(),
            password_hash: phaen_auth::hash_password(PASSWORD).unwrap(),
            memberships: vec![Membership::new(p.owner.code.clone(), Role::Auditor)],
        })
        .await
        .unwrap();
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

/// Fetches `url` until `stop`, keeping the latencies of requests started after `from`;
/// anything but 200 stops the benchmark.
async fn fetch_loop(
    c: reqwest::Client,
    url: Arc<str>,
    from: Instant,
    stop: Instant,
) -> Vec<Duration> {
    let mut out = Vec::new();
    loop {
        let started = Instant::now();
        if started >= stop {
            return out;
        }
        let r = c.get(&*url).send().await.unwrap();
        assert_eq!(r.status(), reqwest::StatusCode::OK);
        r.bytes().await.unwrap();
        if started >= from {
            out.push(started.elapsed());
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1e3
}

fn report(label: &str, mut lat: Vec<Duration>, secs: f64) {
    lat.sort();
    println!(
        "  {label:<22} {:>6} req {:>7.1} req/s  p50 {:>6.1}  p95 {:>6.1}  p99 {:>6.1}  max {:>6.1} ms",
        lat.len(),
        lat.len() as f64 / secs,
        percentile(&lat, 50.0),
        percentile(&lat, 95.0),
        percentile(&lat, 99.0),
        percentile(&lat, 100.0),
    );
}

fn main() {
    let clients = env_u64("PHAEN_DASH_CLIENTS", 4) as usize;
    let secs = env_u64("PHAEN_DASH_SECS", 10);
    let warmup = env_u64("PHAEN_DASH_WARMUP_SECS", 2);

    // The server has the machine's cores; the load generator runs beside it on one thread.
    let server = tokio::runtime::Builder::new_multi_thread()
        .thread_name("dash-server")
        .enable_all()
        .build()
        .unwrap();
    let load = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("dash-load")
        .enable_all()
        .build()
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("dash.db").display());
    let p = plan();
    let base = server.block_on(async {
        let store = Store::open(&url).await.unwrap();
        fill(&store, &p).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = phaen_web::AppState::new(store, false);
        tokio::spawn(async move {
            phaen_web::serve_on(listener, state, None).await.unwrap();
        });
        base
    });
    let page: Arc<str> = format!("{base}/plans/{}/dashboard", p.id).into();
    let sessions: Vec<reqwest::Client> =
        load.block_on(async { sign_in_all(&base, clients.max(1)).await });
    let size = load.block_on(async {
        let r = sessions[0].get(&*page).send().await.unwrap();
        assert_eq!(r.status(), reqwest::StatusCode::OK);
        r.bytes().await.unwrap().len()
    });
    println!(
        "dashboard of a plan with {} KPIs and 12,000 approved monthly values ({} KiB), SQLite; {warmup} s warm-up, {secs} s measured each",
        STRATEGIES * KPIS_EACH,
        size / 1024
    );
    for n in [1, clients] {
        let from = Instant::now() + Duration::from_secs(warmup);
        let stop = from + Duration::from_secs(secs);
        let lat = load.block_on(async {
            let tasks: Vec<_> = sessions[..n]
                .iter()
                .map(|c| tokio::spawn(fetch_loop(c.clone(), page.clone(), from, stop)))
                .collect();
            let mut all = Vec::new();
            for t in tasks {
                all.extend(t.await.unwrap());
            }
            all
        });
        let label = if n == 1 {
            "1 client".to_string()
        } else {
            format!("{n} clients")
        };
        report(&label, lat, secs as f64);
    }
}

/// `n` signed-in clients.
async fn sign_in_all(base: &str, n: usize) -> Vec<reqwest::Client> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(sign_in(base).await);
    }
    out
}
