//! Tenant isolation, route by route: an editor of the agricultural cooperative asks every route
//! of the application (pages, forms, API) about the savings cooperative's plan, its elements,
//! its KPIs, its kept revision and its editor's waiting upload, with real ids, a valid session
//! and form token (and, for the API, their own token too). Every route that names those things
//! answers 404 and nothing changes: not the plan, not its version, not the audit log, not its
//! comments, revisions or the waiting upload. Routes open to anyone and routes about the
//! caller alone are listed as such and checked for what they show.
//!
//! [`ROUTES`] is the one list. The test fails when the router serves a path the list lacks, or
//! a method on a path that the list does not name (that method must answer 405), or when the
//! list names a path the router does not serve.

mod common;

use chrono::Duration;
use common::*;
use phaen_domain::access::Role;
use phaen_domain::{ElementKind, Plan, PlanId};
use phaen_store::{PlanStore, UserStore};
use reqwest::Method;
use serde_json::{Value, json};

/// What the other cooperative's editor must get from a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Open to anyone (health, sign-in, static files, language, the API description): it
    /// answers as it does for everybody.
    Public(u16),
    /// About the caller alone (their plan list, their uploads, their audit view, signing
    /// out): it answers, and shows nothing of the savings cooperative.
    Own(u16),
    /// Names the savings cooperative's plan, element, KPI, revision or upload: the same 404 as
    /// for something that does not exist, and nothing changes.
    Theirs,
}

use Expect::*;

/// Every route of the application, with what another cooperative's editor must get.
const ROUTES: &[(&str, &str, Expect)] = &[
    ("GET", "/", Public(303)),
    ("GET", "/healthz", Public(200)),
    ("GET", "/static/phaen.css", Public(200)),
    ("GET", "/signin", Public(200)),
    ("POST", "/signin", Public(401)),
    ("POST", "/signout", Own(303)),
    ("GET", "/lang/{code}", Public(303)),
    ("GET", "/plans", Own(200)),
    // A word of the savings cooperative's plan finds nothing of theirs.
    ("GET", "/search", Own(200)),
    ("GET", "/dashboard", Own(200)),
    ("GET", "/dashboard.csv", Own(200)),
    ("GET", "/plans/{id}", Theirs),
    ("GET", "/plans/{id}/map", Theirs),
    ("GET", "/plans/{id}/table", Theirs),
    ("GET", "/plans/{id}/roadmap", Theirs),
    ("GET", "/plans/{id}/roadmap.xlsx", Theirs),
    ("GET", "/plans/{id}/export.pdf", Theirs),
    ("GET", "/plans/{id}/export.docx", Theirs),
    ("GET", "/plans/{id}/export.xlsx", Theirs),
    ("GET", "/plans/{id}/elements/{eid}", Theirs),
    ("GET", "/plans/{id}/budgets", Theirs),
    ("GET", "/plans/{id}/revisions", Theirs),
    ("GET", "/plans/{id}/compare", Theirs),
    ("POST", "/plans/{id}/status", Theirs),
    ("POST", "/plans/{id}/comments", Theirs),
    ("GET", "/plans/{id}/elements/new", Theirs),
    ("POST", "/plans/{id}/elements/new", Theirs),
    ("GET", "/plans/{id}/elements/{eid}/edit", Theirs),
    ("POST", "/plans/{id}/elements/{eid}/edit", Theirs),
    ("POST", "/plans/{id}/elements/{eid}/move", Theirs),
    ("GET", "/plans/{id}/elements/{eid}/align", Theirs),
    ("POST", "/plans/{id}/elements/{eid}/align", Theirs),
    ("POST", "/plans/{id}/elements/{eid}/align/remove", Theirs),
    ("GET", "/plans/{id}/elements/{eid}/remove", Theirs),
    ("POST", "/plans/{id}/elements/{eid}/remove", Theirs),
    ("GET", "/plans/{id}/kpis/new", Theirs),
    ("POST", "/plans/{id}/kpis/new", Theirs),
    ("GET", "/plans/{id}/kpis/{kid}/edit", Theirs),
    ("POST", "/plans/{id}/kpis/{kid}/edit", Theirs),
    ("POST", "/plans/{id}/kpis/{kid}/remove", Theirs),
    ("POST", "/plans/{id}/revisions/new", Theirs),
    ("GET", "/plans/{id}/progress", Theirs),
    ("GET", "/plans/{id}/dashboard", Theirs),
    ("GET", "/plans/{id}/coverage", Theirs),
    ("GET", "/plans/{id}/coverage/{target}", Theirs),
    ("GET", "/plans/{id}/rollup", Theirs),
    ("GET", "/plans/{id}/rollup.xlsx", Theirs),
    ("GET", "/plans/{id}/dashboard.csv", Theirs),
    ("GET", "/plans/{id}/report", Theirs),
    ("GET", "/plans/{id}/progress/owed", Theirs),
    ("GET", "/plans/{id}/actions/{kid}/{year}", Theirs),
    ("POST", "/plans/{id}/actions/{kid}/{year}", Theirs),
    ("POST", "/plans/{id}/corrective-actions/{aid}/done", Theirs),
    ("GET", "/plans/{id}/progress/setup", Theirs),
    ("POST", "/plans/{id}/progress/setup", Theirs),
    ("GET", "/plans/{id}/progress/{kid}/{period}", Theirs),
    ("POST", "/plans/{id}/progress/{kid}/{period}", Theirs),
    ("POST", "/plans/{id}/progress/{kid}/{period}/move", Theirs),
    (
        "POST",
        "/plans/{id}/progress/{kid}/{period}/evidence",
        Theirs,
    ),
    ("GET", "/plans/{id}/evidence/{fid}", Theirs),
    ("POST", "/plans/{id}/evidence/{fid}/remove", Theirs),
    ("POST", "/plans/{id}/progress/owed/remind", Theirs),
    ("GET", "/notifications", Own(200)),
    ("POST", "/notifications/read", Own(303)),
    ("GET", "/plans/{id}/projects/{eid}/{period}", Theirs),
    ("POST", "/plans/{id}/projects/{eid}/{period}", Theirs),
    ("POST", "/plans/{id}/projects/{eid}/{period}/move", Theirs),
    ("GET", "/import", Own(200)),
    // An upload for the savings cooperative is refused: they write no plans there.
    ("POST", "/import", Own(403)),
    ("GET", "/import/{id}", Theirs),
    ("POST", "/import/{id}/confirm", Theirs),
    ("POST", "/import/{id}/discard", Theirs),
    ("GET", "/audit", Own(200)),
    ("GET", "/audit.csv", Own(200)),
    ("GET", "/api/v1/openapi.json", Public(200)),
    ("GET", "/api/v1/plans", Own(200)),
    ("GET", "/api/v1/search", Own(200)),
    ("GET", "/api/v1/plans/{id}", Theirs),
    ("GET", "/api/v1/plans/{id}/summary", Theirs),
    ("GET", "/api/v1/plans/{id}/rollup", Theirs),
    ("GET", "/api/v1/plans/{id}/kpis", Theirs),
    ("GET", "/api/v1/plans/{id}/projects", Theirs),
    ("POST", "/api/v1/plans/{id}/status", Theirs),
    ("POST", "/api/v1/plans/{id}/elements", Theirs),
    ("PATCH", "/api/v1/plans/{id}/elements/{eid}", Theirs),
    ("DELETE", "/api/v1/plans/{id}/elements/{eid}", Theirs),
    ("POST", "/api/v1/plans/{id}/elements/{eid}/move", Theirs),
    ("POST", "/api/v1/plans/{id}/kpis", Theirs),
    ("PUT", "/api/v1/plans/{id}/kpis/{kid}", Theirs),
    ("DELETE", "/api/v1/plans/{id}/kpis/{kid}", Theirs),
    ("GET", "/api/v1/plans/{id}/revisions", Theirs),
    ("POST", "/api/v1/plans/{id}/revisions", Theirs),
    ("GET", "/api/v1/plans/{id}/revisions/{number}", Theirs),
    ("GET", "/api/v1/plans/{id}/comments", Theirs),
    ("GET", "/api/v1/plans/{id}/progress", Theirs),
    ("POST", "/api/v1/plans/{id}/progress", Theirs),
    ("POST", "/api/v1/plans/{id}/comments", Theirs),
    // An upload for the savings cooperative is refused: they write no plans there.
    ("POST", "/api/v1/imports", Own(403)),
    ("GET", "/api/v1/imports/{id}", Theirs),
    ("POST", "/api/v1/imports/{id}/confirm", Theirs),
    ("DELETE", "/api/v1/imports/{id}", Theirs),
    ("GET", "/api/v1/audit", Own(200)),
];

/// The methods every path is asked with: a method a path does not list must answer 405.
const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// The savings cooperative's things, with real ids.
struct Theirs {
    plan: PlanId,
    element: String,
    /// A kind that may stand below `element`.
    child_kind: ElementKind,
    kpi: String,
    revision: u32,
    upload: String,
    /// One of the plan's corrective actions, still open.
    action: String,
    /// One of the plan's evidence files.
    evidence: String,
    version: i64,
    year: u16,
    /// The title of one of the plan's elements, percent-encoded, to search for.
    word: String,
}

impl Theirs {
    /// `path` with its parameters filled in, and the query a real request would carry.
    fn url(&self, method: &str, path: &str) -> String {
        let upload = path.starts_with("/import/") || path.starts_with("/api/v1/imports/");
        let mut url = path
            .replace(
                "{id}",
                if upload {
                    &self.upload
                } else {
                    self.plan.as_str()
                },
            )
            .replace("{eid}", &self.element)
            .replace("{target}", &self.element)
            .replace("{kid}", &self.kpi)
            .replace("{aid}", &self.action)
            .replace("{fid}", &self.evidence)
            .replace("{number}", &self.revision.to_string())
            .replace("{period}", &self.year.to_string())
            .replace("{year}", &self.year.to_string())
            .replace("{code}", "en");
        let query = match (method, path) {
            ("DELETE", p) if p.starts_with("/api/v1/plans/") => {
                format!("version={}", self.version)
            }
            ("POST", "/api/v1/imports") => format!("org={}&name=p.json", phaen_synth::SAVINGS),
            ("GET", "/plans/{id}/elements/new") => format!("parent={}", self.element),
            ("GET", "/plans/{id}/kpis/new") => format!("element={}", self.element),
            ("GET", "/plans/{id}/compare") => format!("a={}&b=current", self.revision),
            ("GET", "/lang/{code}") => "next=/plans".into(),
            ("GET", "/search" | "/api/v1/search") => format!("q={}", self.word),
            _ => String::new(),
        };
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query);
        }
        url
    }

    /// A form that every page form reads what it needs from, each field one that would be
    /// accepted from the plan's own editor.
    fn form(&self, csrf: &str) -> Vec<(String, String)> {
        let today = phaen_store::today_in_bangkok();
        [
            ("csrf", csrf.to_string()),
            ("version", self.version.to_string()),
            ("to", "draft".into()),
            ("opens", (today - Duration::days(1)).to_string()),
            ("closes", (today + Duration::days(30)).to_string()),
            ("body", "ความเห็นจากสหกรณ์อื่น".into()),
            ("parent", self.element.clone()),
            ("element", self.element.clone()),
            ("kind", self.child_kind.as_str().into()),
            ("title", "ชื่อจากสหกรณ์อื่น".into()),
            ("name", "ตัวชี้วัดจากสหกรณ์อื่น".into()),
            ("unit", "คน".into()),
            (&format!("t-{}", self.year), "1".into()),
            ("way", "up".into()),
            ("username", "other".into()),
            ("password", "not the password".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    /// The JSON an API write takes, as the plan's own editor would send it.
    fn json(&self, method: &str, path: &str) -> Option<Value> {
        let v = self.version;
        let today = phaen_store::today_in_bangkok();
        let window = json!({
            "opens": (today - Duration::days(1)).to_string(),
            "closes": (today + Duration::days(30)).to_string(),
        });
        let targets = json!({ self.year.to_string(): "≥ 80" });
        Some(match (method, path) {
            ("POST", "/api/v1/plans/{id}/status") => {
                json!({ "to": "draft", "version": v, "window": window })
            }
            ("POST", "/api/v1/plans/{id}/elements") => json!({
                "version": v, "parent": self.element, "kind": self.child_kind.as_str(),
                "title": "ชื่อจากสหกรณ์อื่น",
            }),
            ("PATCH", "/api/v1/plans/{id}/elements/{eid}") => {
                json!({ "version": v, "title": "ชื่อจากสหกรณ์อื่น" })
            }
            ("POST", "/api/v1/plans/{id}/elements/{eid}/move") => {
                json!({ "version": v, "way": "up" })
            }
            ("POST", "/api/v1/plans/{id}/kpis") => json!({
                "version": v, "element": self.element, "name": "ตัวชี้วัดจากสหกรณ์อื่น",
                "targets": targets,
            }),
            ("PUT", "/api/v1/plans/{id}/kpis/{kid}") => {
                json!({ "version": v, "name": "ตัวชี้วัดจากสหกรณ์อื่น", "targets": targets })
            }
            ("POST", "/api/v1/plans/{id}/revisions") => json!({ "version": v }),
            ("POST", "/api/v1/plans/{id}/comments") => json!({ "body": "ความเห็นจากสหกรณ์อื่น" }),
            _ => return None,
        })
    }
}

/// Everything the other cooperative must not be able to change, read from the store.
#[derive(Debug, PartialEq)]
struct Snapshot {
    plan: Plan,
    version: i64,
    audit: usize,
    comments: usize,
    revisions: usize,
    evidence: usize,
    plans: usize,
    upload_waits: bool,
}

async fn snapshot(app: &App, theirs: &Theirs, uploader: &str) -> Snapshot {
    let s = &app.store;
    Snapshot {
        plan: s.load_plan(&theirs.plan).await.unwrap(),
        version: s.plan_version(&theirs.plan).await.unwrap(),
        audit: s.audit_entries(None).await.unwrap().len(),
        comments: s.comments(&theirs.plan).await.unwrap().len(),
        revisions: s.list_revisions(&theirs.plan).await.unwrap().len(),
        evidence: s.evidence_list(&theirs.plan, None).await.unwrap().len(),
        plans: s.list_plans().await.unwrap().len(),
        upload_waits: s.pending_import(&theirs.upload, uploader).await.is_ok(),
    }
}

/// A plan file the database has not met, to upload.
fn plan_file() -> Vec<u8> {
    phaen_synth::demo(4).plans[0].to_json().into_bytes()
}

/// The savings plan made as open to change as it gets (a draft revision in member
/// consultation, its window open), with a kept revision and a waiting upload of its editor's.
async fn theirs(app: &App) -> Theirs {
    let editor = Api::new(app, "editor").await;
    let plan = savings_plan(app).await.id;
    let v = editor.version(&plan).await;
    let r = editor
        .call(
            Method::POST,
            &format!("/api/v1/plans/{plan}/revisions"),
            Some(json!({ "version": v })),
        )
        .await;
    assert_eq!(r.status, 201, "{:?}", r.json);
    let today = phaen_store::today_in_bangkok();
    let r = editor
        .call(
            Method::POST,
            &format!("/api/v1/plans/{plan}/status"),
            Some(json!({
                "to": "consultation", "version": r.etag.unwrap(),
                "window": {
                    "opens": (today - Duration::days(1)).to_string(),
                    "closes": (today + Duration::days(30)).to_string(),
                },
            })),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.json);
    let staged = editor
        .upload(
            &format!("/api/v1/imports?org={}&name=p.json", phaen_synth::SAVINGS),
            plan_file(),
        )
        .await;
    assert_eq!(staged.status, 201, "{:?}", staged.json);
    let stored = app.store.load_plan(&plan).await.unwrap();
    let element = &stored.elements[0];
    let (_, kpi) = stored.all_kpis().into_iter().next().unwrap();
    let revision = app.store.list_revisions(&plan).await.unwrap()[0].number;
    let action = app
        .store
        .add_corrective_action(
            &plan,
            &kpi.id,
            stored.period.from,
            "จัดอบรมเพิ่ม",
            "ฝ่ายส่งเสริม",
            today,
        )
        .await
        .unwrap()
        .id;
    let evidence = app
        .store
        .add_evidence(
            &plan,
            &kpi.id,
            phaen_domain::progress::Period::new(
                stored.period.from,
                phaen_domain::progress::Frequency::Yearly,
                1,
            )
            .unwrap(),
            "minutes.pdf",
            b"%PDF-1.4 minutes",
        )
        .await
        .unwrap()
        .id;
    Theirs {
        plan: plan.clone(),
        element: element.id.to_string(),
        child_kind: ElementKind::ALL
            .into_iter()
            .find(|k| k.may_sit_under(Some(element.kind)))
            .unwrap(),
        kpi: kpi.id.to_string(),
        revision,
        upload: staged.json["id"].as_str().unwrap().to_string(),
        action,
        evidence,
        version: app.store.plan_version(&plan).await.unwrap(),
        year: stored.period.from.get(),
        word: element.title.bytes().map(|b| format!("%{b:02X}")).collect(),
    }
}

/// What a request answered: its status and its body as text.
async fn ask(req: reqwest::RequestBuilder) -> (u16, String) {
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[test]
fn the_list_names_every_route_the_router_serves_and_no_other() {
    let served = phaen_web::route_paths();
    for path in &served {
        assert!(
            ROUTES.iter().any(|(_, p, _)| p == path),
            "the router serves {path}, which ROUTES in tests/isolation.rs does not list: add it with what another cooperative must get"
        );
    }
    for (method, path, _) in ROUTES {
        assert!(
            served.contains(path),
            "ROUTES lists {method} {path}, which the router does not serve"
        );
        assert!(METHODS.contains(method), "{method} is one of METHODS");
    }
}

#[tokio::test]
async fn another_cooperatives_editor_gets_404_on_every_route_and_changes_nothing() {
    let app = spawn_app(&[
        ("editor", phaen_synth::SAVINGS, Role::Editor),
        ("other", phaen_synth::AGRI, Role::Editor),
    ])
    .await;
    let theirs = theirs(&app).await;
    let (uploader, _) = app.store.user_by_username("editor").await.unwrap().unwrap();
    let before = snapshot(&app, &theirs, &uploader.id).await;
    assert!(before.upload_waits);

    let (other, _) = sign_in(&app, "other", PASSWORD).await;
    let csrf = csrf_of(&other, &format!("{}/plans", app.base)).await;
    let token = format!("Bearer {}", api_token(&app, "other").await);
    let secrets = [
        theirs.plan.to_string(),
        theirs.upload.clone(),
        phaen_synth::SAVINGS.to_string(),
    ];

    for &(method, path, expect) in ROUTES {
        let url = format!("{}{}", app.base, theirs.url(method, path));
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        let api = path.starts_with("/api/");
        // Signing out ends the session it is sent with: use one of its own.
        let session = if path == "/signout" {
            let (c, _) = sign_in(&app, "other", PASSWORD).await;
            c
        } else {
            other.clone()
        };
        let csrf = if path == "/signout" {
            csrf_of(&session, &format!("{}/plans", app.base)).await
        } else {
            csrf.clone()
        };
        let mut attempts = Vec::new();
        let by_session = session.request(m.clone(), &url);
        let by_session = if api {
            let r = by_session.header("x-csrf-token", &csrf);
            match (method, path) {
                ("POST", "/api/v1/imports") => r.body(plan_file()),
                _ => match theirs.json(method, path) {
                    Some(body) => r.json(&body),
                    None => r,
                },
            }
        } else if method == "POST" && path == "/import" {
            let form = reqwest::multipart::Form::new()
                .text("csrf", csrf.clone())
                .text("org", phaen_synth::SAVINGS)
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(plan_file()).file_name("p.json"),
                );
            by_session.multipart(form)
        } else if method == "POST" && path.ends_with("/evidence") {
            let form = reqwest::multipart::Form::new()
                .text("csrf", csrf.clone())
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(&b"%PDF-1.4 theirs"[..]).file_name("x.pdf"),
                );
            by_session.multipart(form)
        } else if method == "POST" {
            by_session.form(&theirs.form(&csrf))
        } else {
            by_session
        };
        attempts.push(("session", ask(by_session).await));
        if api {
            let by_token = client()
                .request(m.clone(), &url)
                .header("authorization", &token);
            let by_token = match (method, path) {
                ("POST", "/api/v1/imports") => by_token.body(plan_file()),
                _ => match theirs.json(method, path) {
                    Some(body) => by_token.json(&body),
                    None => by_token,
                },
            };
            attempts.push(("token", ask(by_token).await));
        }
        for (by, (status, body)) in attempts {
            match expect {
                Theirs => assert_eq!(status, 404, "{method} {path} by {by}: {body}"),
                Public(want) => assert_eq!(status, want, "{method} {path} by {by}: {body}"),
                Own(want) => {
                    assert_eq!(status, want, "{method} {path} by {by}: {body}");
                    for secret in &secrets {
                        assert!(
                            !body.contains(secret.as_str()),
                            "{method} {path} by {by} shows {secret}"
                        );
                    }
                }
            }
        }
    }

    // A method a path does not list is not served there.
    for path in phaen_web::route_paths() {
        for method in METHODS {
            if ROUTES.iter().any(|(m, p, _)| *m == method && *p == path) {
                continue;
            }
            let url = format!("{}{}", app.base, theirs.url(method, path));
            let m = Method::from_bytes(method.as_bytes()).unwrap();
            let (status, _) = ask(other
                .request(m, &url)
                .header("x-csrf-token", &csrf)
                .form(&theirs.form(&csrf)))
            .await;
            assert_eq!(
                status, 405,
                "{method} {path} answers {status}: add it to ROUTES with what another cooperative must get"
            );
        }
    }

    let after = snapshot(&app, &theirs, &uploader.id).await;
    assert_eq!(after, before, "nothing of the savings cooperative changed");
}
