//! Two `phaen serve` processes against one new PostgreSQL database, as behind a load balancer
//! without sticky sessions: both start at once (migrating the empty database together), a
//! session opened on one is honoured by the other, a form read from one is accepted by the
//! other, an edit made through one shows on the other at once (its plan cache checks the
//! stored stamp), and signing out on one signs out on both. PostgreSQL only: skipped with a
//! note when PHAEN_TEST_DB does not name a PostgreSQL server (CI sets it on its PostgreSQL run).

mod common;

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::BIN;
use phaen_domain::access::{Membership, Role};
use phaen_domain::{OrgCode, PlanStatus};
use phaen_store::{NewUser, OrgStore, PlanStore, Store, UserStore};

const PASSWORD: &str = "correct horse battery";

/// A database of the test's own on the server PHAEN_TEST_DB names, dropped afterwards.
struct FreshDb {
    admin_url: String,
    name: String,
    url: String,
}

impl FreshDb {
    async fn create(base: &str) -> FreshDb {
        use sqlx::Connection;
        let without_query = base.split('?').next().unwrap_or(base);
        let server = &without_query[..without_query.rfind('/').expect("a database path")];
        let name = format!("phaen_two_{}", uuid::Uuid::new_v4().simple());
        let admin_url = format!("{server}/postgres");
        let mut conn = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("PHAEN_TEST_DB's server answers");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("create the test database");
        FreshDb {
            url: format!("{server}/{name}"),
            admin_url,
            name,
        }
    }
}

impl Drop for FreshDb {
    fn drop(&mut self) {
        let (url, name) = (self.admin_url.clone(), self.name.clone());
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            rt.block_on(async {
                use sqlx::Connection;
                if let Ok(mut conn) = sqlx::PgConnection::connect(&url).await {
                    let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(drop))
                        .execute(&mut conn)
                        .await;
                }
            });
        })
        .join();
    }
}

/// A `phaen serve` process, killed when dropped.
struct Server {
    port: u16,
    child: Child,
}

impl Server {
    fn start(db: &str) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(BIN)
            .env_remove("PHAEN_DB")
            .env_remove("PHAEN_CONFIG")
            .args(["--db", db, "--db-pool", "4", "serve", "--no-reminders"])
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Server { port, child }
    }

    fn wait_until_up(&mut self) {
        let start = Instant::now();
        while self.get("/healthz", "").is_none() {
            assert!(
                self.child.try_wait().unwrap().is_none(),
                "the server exited"
            );
            assert!(start.elapsed() < Duration::from_secs(60), "no answer");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn get(&self, path: &str, cookie: &str) -> Option<Answer> {
        self.send("GET", path, cookie, "")
    }

    fn post(&self, path: &str, cookie: &str, form: &[(&str, &str)]) -> Answer {
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.send("POST", path, cookie, &body).expect("an answer")
    }

    /// One HTTP/1.1 request on a connection of its own.
    fn send(&self, method: &str, path: &str, cookie: &str, body: &str) -> Option<Answer> {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n",
            self.port
        );
        if !cookie.is_empty() {
            head.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        if method == "POST" {
            head.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        write!(s, "{head}\r\n{body}").ok()?;
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).ok()?;
        Some(Answer::parse(&String::from_utf8_lossy(&raw)))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Answer {
    status: u16,
    cookies: Vec<(String, String)>,
    location: String,
    body: String,
}

impl Answer {
    fn parse(raw: &str) -> Answer {
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
        let mut lines = head.lines();
        let status = lines.next().unwrap_or_default().split(' ').nth(1);
        let mut answer = Answer {
            status: status.and_then(|s| s.parse().ok()).unwrap_or(0),
            cookies: Vec::new(),
            location: String::new(),
            body: body.to_string(),
        };
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            match name.to_ascii_lowercase().as_str() {
                "set-cookie" => {
                    let pair = value.trim().split(';').next().unwrap_or_default();
                    if let Some((k, v)) = pair.split_once('=') {
                        answer.cookies.push((k.to_string(), v.to_string()));
                    }
                }
                "location" => answer.location = value.trim().to_string(),
                _ => {}
            }
        }
        answer
    }

    fn cookie(&self, name: &str) -> String {
        let (_, v) = self
            .cookies
            .iter()
            .find(|(k, _)| k == name)
            .unwrap_or_else(|| panic!("a {name} cookie"));
        v.clone()
    }

    /// The value of the page's hidden field `name`.
    fn field(&self, name: &str) -> String {
        let needle = format!("name=\"{name}\" value=\"");
        let at = self.body.find(&needle).expect("the field") + needle.len();
        self.body[at..at + self.body[at..].find('"').unwrap()].to_string()
    }
}

/// Percent-encoding for a form body (Thai text included).
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The demo organizations and plans, the savings cooperative's plan as a draft its editor may
/// change in place, and the editor.
async fn fill(store: &Store) -> (String, String) {
    let demo = phaen_synth::demo(5);
    for org in &demo.orgs {
        store.upsert_org(org).await.unwrap();
    }
    let mut savings = None;
    for plan in &demo.plans {
        let mut plan = plan.clone();
        if plan.owner.code.as_str() == phaen_synth::SAVINGS {
            plan.status = PlanStatus::Draft;
            plan.approval = None;
            savings = Some(plan.clone());
        }
        store.insert_plan(&plan).await.unwrap();
    }
    store
        .create_user(&NewUser {
            username: "editor".into(),
            display_name: "ผู้แก้ไขสองเครื่อง".into(),
            password_hash: phaen_auth::hash_password(PASSWORD).unwrap(),
            memberships: vec![Membership::new(
                OrgCode::parse(phaen_synth::SAVINGS).unwrap(),
                Role::Editor,
            )],
        })
        .await
        .unwrap();
    let plan = savings.expect("the demo has a savings cooperative plan");
    (plan.id.to_string(), plan.elements[0].id.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_share_sessions_forms_edits_and_sign_outs_through_the_database() {
    let base = match std::env::var("PHAEN_TEST_DB") {
        Ok(url) if url.starts_with("postgres") => url,
        _ => {
            eprintln!("notice: PHAEN_TEST_DB names no PostgreSQL server; two servers not tested");
            return;
        }
    };
    let db = FreshDb::create(&base).await;
    // Both start on the empty database at once: they migrate it together.
    let (mut one, mut two) = (Server::start(&db.url), Server::start(&db.url));
    one.wait_until_up();
    two.wait_until_up();
    let store = Store::open(&db.url).await.unwrap();
    let (plan_id, element_id) = fill(&store).await;

    // Sign in on server one.
    let form = one.get("/signin", "").unwrap();
    let pre = format!("phaen_csrf={}", form.cookie("phaen_csrf"));
    let signed = one.post(
        "/signin",
        &pre,
        &[
            ("username", "editor"),
            ("password", PASSWORD),
            ("csrf", &form.field("csrf")),
        ],
    );
    assert_eq!(signed.status, 303, "{}", signed.body);
    let session = format!("phaen_session={}", signed.cookie("phaen_session"));

    // Server two knows the session.
    let plans = two.get("/plans", &session).unwrap();
    assert_eq!(plans.status, 200);
    assert!(plans.body.contains("ผู้แก้ไขสองเครื่อง"), "signed in on two");

    // Server one reads the plan (and keeps it); the edit form comes from one, is sent to two.
    let overview = format!("/plans/{plan_id}");
    assert_eq!(one.get(&overview, &session).unwrap().status, 200);
    let edit = format!("/plans/{plan_id}/elements/{element_id}/edit");
    let page = one.get(&edit, &session).unwrap();
    assert_eq!(page.status, 200, "{}", page.body);
    let title = "พันธกิจที่แก้ไขผ่านเครื่องที่สอง";
    let saved = two.post(
        &edit,
        &session,
        &[
            ("csrf", &page.field("csrf")),
            ("version", &page.field("version")),
            ("label", ""),
            ("title", title),
            ("description", ""),
        ],
    );
    assert_eq!(saved.status, 303, "two accepts one's form: {}", saved.body);
    let seen = one.get(&overview, &session).unwrap();
    assert!(seen.body.contains(title), "one shows two's edit at once");
    let element = one
        .get(&format!("/plans/{plan_id}/elements/{element_id}"), &session)
        .unwrap();
    assert!(element.body.contains(title));

    // Signing out on one ends the session on two as well.
    let signout_csrf = one.get("/plans", &session).unwrap().field("csrf");
    let out = one.post("/signout", &session, &[("csrf", &signout_csrf)]);
    assert_eq!(out.status, 303);
    let after = two.get("/plans", &session).unwrap();
    assert_eq!(after.status, 303, "two no longer knows the session");
    assert!(after.location.ends_with("/signin"));
    store.close().await;
}

/// What may read from a replica: with every transaction read-only, as on a PostgreSQL hot
/// standby, the commands that only read still work (the store does not migrate a database that
/// is up to date), and one that writes is refused by the database.
#[tokio::test]
async fn read_only_commands_work_on_a_read_only_connection_as_on_a_replica() {
    let base = match std::env::var("PHAEN_TEST_DB") {
        Ok(url) if url.starts_with("postgres") => url,
        _ => {
            eprintln!("notice: PHAEN_TEST_DB names no PostgreSQL server; replica reads not tested");
            return;
        }
    };
    let db = FreshDb::create(&base).await;
    let store = Store::open(&db.url).await.unwrap();
    let (plan_id, _) = fill(&store).await;
    store.close().await;
    let replica = format!("{}?options=-c%20default_transaction_read_only%3Don", db.url);
    let phaen = |args: &[&str]| {
        Command::new(BIN)
            .env_remove("PHAEN_DB")
            .env_remove("PHAEN_CONFIG")
            .args(["--db", &replica])
            .args(args)
            .output()
            .unwrap()
    };
    for args in [
        vec!["plan", "list", "--json"],
        vec!["plan", "summary", plan_id.as_str(), "--json"],
        vec!["export", plan_id.as_str(), "--format", "json"],
        vec!["audit", "verify"],
    ] {
        let out = phaen(&args);
        assert!(
            out.status.success(),
            "phaen {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let listed = phaen(&["plan", "list", "--json"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains(&plan_id));
    let write = phaen(&[
        "admin",
        "set-email",
        "--username",
        "editor",
        "--email",
        "a@b.co",
    ]);
    assert!(!write.status.success(), "a write is refused on a replica");
    assert!(String::from_utf8_lossy(&write.stderr).contains("read-only"));
}
