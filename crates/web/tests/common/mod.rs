//! What the web tests share: the demo data and users in a fresh database, the server on a free
//! port, and a browser-like client that signs in and reads a page's form token and version.
#![allow(dead_code)]

use phaen_domain::OrgCode;
use phaen_domain::access::{Membership, Role};
use phaen_store::{NewUser, OrgStore, PlanStore, Store, UserStore};
use phaen_testkit::TestDb;

pub struct App {
    pub base: String,
    pub store: Store,
    pub _db: TestDb,
}

pub const PASSWORD: &str = "correct horse battery";

/// The demo organizations and plans, a user per (org, role) asked for, and the server on a
/// free port.
pub async fn spawn_app(users: &[(&str, &str, Role)]) -> App {
    let db = TestDb::new();
    let store = db.store().await;
    let demo = phaen_synth::demo(3);
    for org in &demo.orgs {
        store.upsert_org(org).await.unwrap();
    }
    for plan in &demo.plans {
        store.insert_plan(plan).await.unwrap();
    }
    let hash = phaen_auth::hash_password(PASSWORD).unwrap();
    for (username, org, role) in users {
        store
            .create_user(&NewUser {
                username: (*username).into(),
                display_name: format!("ผู้ใช้ {username}"),
                password_hash: hash.clone(),
                memberships: vec![Membership {
                    org: OrgCode::parse(org).unwrap(),
                    role: *role,
                }],
            })
            .await
            .unwrap();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = phaen_web::AppState::new(store.clone(), false);
    tokio::spawn(async move {
        axum::serve(listener, phaen_web::router(state))
            .await
            .unwrap()
    });
    App {
        base,
        store,
        _db: db,
    }
}

/// The demo savings cooperative's plan.
pub async fn savings_plan(app: &App) -> phaen_store::PlanListing {
    app.store
        .list_plans()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.org.as_str() == phaen_synth::SAVINGS)
        .unwrap()
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The hidden csrf field of the page at `url`.
pub async fn csrf_of(c: &reqwest::Client, url: &str) -> String {
    let html = c.get(url).send().await.unwrap().text().await.unwrap();
    let at = html.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    html[at..at + html[at..].find('"').unwrap()].to_string()
}

pub async fn sign_in(
    app: &App,
    username: &str,
    password: &str,
) -> (reqwest::Client, reqwest::StatusCode) {
    let c = client();
    let csrf = csrf_of(&c, &format!("{}/signin", app.base)).await;
    let r = c
        .post(format!("{}/signin", app.base))
        .form(&[
            ("username", username),
            ("password", password),
            ("csrf", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    (c, r.status())
}

pub async fn version_of(c: &reqwest::Client, url: &str) -> String {
    let html = c.get(url).send().await.unwrap().text().await.unwrap();
    let at = html
        .find("name=\"version\" value=\"")
        .expect("a version field")
        + 22;
    html[at..at + html[at..].find('"').unwrap()].to_string()
}

/// An API token for `username`, as `phaen admin create-token` makes one.
pub async fn api_token(app: &App, username: &str) -> String {
    use phaen_store::SessionStore;
    let (user, _) = app.store.user_by_username(username).await.unwrap().unwrap();
    let token = phaen_auth::new_token();
    app.store
        .create_api_token(&phaen_auth::token_hash(&token), &user.id, "test script")
        .await
        .unwrap();
    token
}

/// What the API answered.
#[derive(Debug)]
pub struct Answer {
    pub status: reqwest::StatusCode,
    pub json: serde_json::Value,
    /// The plan version of the ETag, when there is one.
    pub etag: Option<i64>,
}

/// A script calling the API with a user's token.
pub struct Api {
    base: String,
    auth: String,
    c: reqwest::Client,
}

impl Api {
    pub async fn new(app: &App, username: &str) -> Api {
        Api {
            base: app.base.clone(),
            auth: format!("Bearer {}", api_token(app, username).await),
            c: client(),
        }
    }

    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> Answer {
        let mut r = self
            .c
            .request(method, format!("{}{path}", self.base))
            .header("authorization", &self.auth);
        if let Some(body) = body {
            r = r.json(&body);
        }
        answer(r.send().await.unwrap()).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.call(reqwest::Method::GET, path, None).await
    }

    /// Sends raw bytes (an upload).
    pub async fn upload(&self, path: &str, bytes: Vec<u8>) -> Answer {
        let r = self
            .c
            .post(format!("{}{path}", self.base))
            .header("authorization", &self.auth)
            .body(bytes)
            .send()
            .await
            .unwrap();
        answer(r).await
    }

    /// The plan's version, from the ETag of GET /api/v1/plans/{id}.
    pub async fn version(&self, plan: &phaen_domain::PlanId) -> i64 {
        self.get(&format!("/api/v1/plans/{plan}"))
            .await
            .etag
            .expect("the plan's version as its ETag")
    }
}

pub async fn answer(r: reqwest::Response) -> Answer {
    let status = r.status();
    let etag = r
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim_matches('"').parse().ok());
    let text = r.text().await.unwrap();
    let json = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
    Answer { status, json, etag }
}

/// The first KPI of `plan` with a numeric target in `year`.
pub fn numeric_kpi(plan: &phaen_domain::Plan, year: phaen_domain::BeYear) -> phaen_domain::Kpi {
    plan.all_kpis()
        .into_iter()
        .map(|(_, k)| k)
        .find(|k| {
            matches!(
                k.target_for(year),
                Some(phaen_domain::Target::Numeric { .. })
            )
        })
        .expect("a KPI with a numeric target that year")
        .clone()
}

/// A yearly value for `kpi` saved, submitted and approved straight through the store.
pub async fn approved_value(
    app: &App,
    plan: &phaen_domain::PlanId,
    kpi: &phaen_domain::KpiId,
    year: phaen_domain::BeYear,
    value: &str,
    narrative: &str,
) {
    use phaen_domain::progress::{EntryState, Frequency, Period};
    let entry = app
        .store
        .save_kpi_entry(
            plan,
            &phaen_store::progress::NewEntry {
                kpi: kpi.clone(),
                period: Period::new(year, Frequency::Yearly, 1).unwrap(),
                value: phaen_domain::evaluate::ActualValue::Number(value.parse().unwrap()),
                narrative: narrative.into(),
            },
            None,
        )
        .await
        .unwrap();
    app.store
        .move_kpi_entry(plan, &entry.id, EntryState::Submitted, None, entry.version)
        .await
        .unwrap();
    app.store
        .move_kpi_entry(
            plan,
            &entry.id,
            EntryState::Approved,
            None,
            entry.version + 1,
        )
        .await
        .unwrap();
}
