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
