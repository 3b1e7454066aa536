//! W2: bulk-ingest 1,008,000 KPI progress entries through the bulk path `phaen progress import`
//! takes (CSV bytes -> rows -> checked against the plan -> one transaction of multi-row upserts)
//! into a fresh database: 84 plans of 200 KPIs reporting monthly over 5 years. Reports entries
//! per second, and how the time splits between reading and checking the files and storing.
//!
//! `cargo bench -p phaen --bench w2_progress_ingest` (SQLite in a temp folder);
//! `PHAEN_BENCH_DB=postgres://postgres@127.0.0.1:5432/w2 cargo bench ...` for PostgreSQL (an
//! empty database). PHAEN_BENCH_ROUNDS sets the rounds (default 3; the median is reported).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use phaen_domain::evaluate::Aggregation;
use phaen_domain::progress::{EntryState, Frequency, Period};
use phaen_domain::{
    BeYear, Comparator, Element, ElementKind, Kpi, KpiId, OrgCode, OrgKind, Organization, Plan,
    PlanKind, Target, YearTarget,
};
use phaen_store::progress::{ReportingSetup, SubjectKind};
use phaen_store::{PlanStore, Store};

const PLANS: usize = 84;
const KPIS: usize = 200;

fn plan(n: usize) -> Plan {
    let owner = Organization {
        code: OrgCode::parse(&format!("W2-{n:03}")).unwrap(),
        name_th: format!("สหกรณ์ทดสอบที่ {n}"),
        name_en: None,
        kind: OrgKind::Cooperative,
        coop_type: None,
        parent: None,
        units: Vec::new(),
    };
    let period =
        phaen_domain::Period::new(BeYear::new(2566).unwrap(), BeYear::new(2570).unwrap()).unwrap();
    let mut p = Plan::new(
        PlanKind::StrategicPlan,
        format!("แผนทดสอบ {n}"),
        owner,
        period,
    );
    let mut s = Element::new(ElementKind::Strategy, "กลยุทธ์ทดสอบ");
    for k in 0..KPIS {
        let mut kpi = Kpi::new(format!("ตัวชี้วัดที่ {k}"));
        kpi.label = Some(format!("{}.{}", k / 10 + 1, k % 10 + 1));
        for y in period.years() {
            kpi.targets.push(YearTarget {
                year: y,
                target: Target::Numeric {
                    comparator: Comparator::AtLeast,
                    value: (100 + k).into(),
                    percent: false,
                },
                written: None,
            });
        }
        s.kpis.push(kpi);
    }
    p.elements.push(s);
    p
}

/// The CSV a cooperative would file: every KPI, every month of the five years.
fn csv_of(p: &Plan) -> Vec<u8> {
    let mut out = String::from("kpi,period,value,narrative\n");
    for (_, k) in p.all_kpis() {
        for y in p.period.years() {
            for m in Period::all(y, Frequency::Monthly) {
                out.push_str(&format!(
                    "{},{},{}.5,\n",
                    k.id,
                    m.key(),
                    m.index as usize * 7
                ));
            }
        }
    }
    out.into_bytes()
}

struct Run {
    entries: usize,
    total: Duration,
    checking: Duration,
    /// CPU time of this process (all threads) while timed, when /proc tells: steadier than the
    /// wall clock on a machine shared with other work.
    cpu: Option<f64>,
}

/// User + system CPU seconds of this process so far, from /proc/self/stat (Linux only).
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split_whitespace().skip(11);
    let ticks: f64 = fields.next()?.parse::<f64>().ok()? + fields.next()?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

async fn run(url: &str, plans: &[(Plan, Vec<u8>)]) -> Run {
    let store = Store::open(url).await.unwrap();
    let mut frequencies: Vec<HashMap<KpiId, Frequency>> = Vec::new();
    for (p, _) in plans {
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
        frequencies.push(
            store
                .reporting_setups(&p.id)
                .await
                .unwrap()
                .into_iter()
                .map(|s| (KpiId::parse(&s.subject).unwrap(), s.frequency))
                .collect(),
        );
    }
    let mut entries = 0;
    let mut checking = Duration::ZERO;
    let cpu_at_start = cpu_secs();
    let t = Instant::now();
    for ((p, csv), freq) in plans.iter().zip(&frequencies) {
        let c = Instant::now();
        let raw = phaen_import::progress_file::read(csv, "w2.csv").unwrap();
        let (valid, rejected) = phaen_domain::bulk::check_rows(p, freq, &raw);
        assert!(rejected.is_empty(), "{:?}", &rejected[..1]);
        let locked = store.locked_kpi_entries(&p.id).await.unwrap();
        assert!(locked.is_empty());
        checking += c.elapsed();
        store
            .bulk_save_kpi_entries(&p.id, &valid, EntryState::Draft, "w2.csv")
            .await
            .unwrap();
        entries += valid.len();
    }
    let total = t.elapsed();
    let cpu = cpu_at_start.zip(cpu_secs()).map(|(a, b)| b - a);
    store.close().await;
    Run {
        entries,
        total,
        checking,
        cpu,
    }
}

fn main() {
    let rounds: usize = std::env::var("PHAEN_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let pg = std::env::var("PHAEN_BENCH_DB").ok();
    let plans: Vec<(Plan, Vec<u8>)> = (0..PLANS)
        .map(|n| {
            let p = plan(n);
            let csv = csv_of(&p);
            (p, csv)
        })
        .collect();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut runs = Vec::new();
    for round in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        let url = match &pg {
            Some(u) => u.clone(),
            None => format!("sqlite://{}", dir.path().join("w2.db").display()),
        };
        if pg.is_some() && round > 0 {
            // Fresh plans (new ids) so each round starts from no entries.
            let fresh: Vec<(Plan, Vec<u8>)> = plans
                .iter()
                .map(|(p, _)| {
                    let mut q = p.clone();
                    q.id = phaen_domain::PlanId::generate();
                    q.owner.code = OrgCode::parse(&format!("{}-{round}", p.owner.code)).unwrap();
                    for e in &mut q.elements {
                        e.id = phaen_domain::ElementId::generate();
                        for k in &mut e.kpis {
                            k.id = KpiId::generate();
                        }
                    }
                    let csv = csv_of(&q);
                    (q, csv)
                })
                .collect();
            runs.push(rt.block_on(run(&url, &fresh)));
        } else {
            runs.push(rt.block_on(run(&url, &plans)));
        }
        let r = runs.last().unwrap();
        eprintln!(
            "round {round}: {} entries in {:.2} s ({:.0}/s; reading+checking {:.2} s; CPU {})",
            r.entries,
            r.total.as_secs_f64(),
            r.entries as f64 / r.total.as_secs_f64(),
            r.checking.as_secs_f64(),
            r.cpu.map_or("?".into(), |c| format!("{c:.2} s"))
        );
    }
    runs.sort_by_key(|r| r.total);
    let m = &runs[runs.len() / 2];
    println!(
        "W2 {}: {} entries, median {:.2} s = {:.0} entries/s (reading and checking the files {:.2} s, storing {:.2} s; this process's CPU {})",
        if pg.is_some() { "postgresql" } else { "sqlite" },
        m.entries,
        m.total.as_secs_f64(),
        m.entries as f64 / m.total.as_secs_f64(),
        m.checking.as_secs_f64(),
        (m.total - m.checking).as_secs_f64(),
        m.cpu.map_or("?".into(), |c| format!("{c:.2} s"))
    );
}
