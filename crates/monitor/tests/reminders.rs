//! Reminders found and sent: a published plan with overdue KPI values and project reports,
//! an SMTP receiver started by the test, and one run of the reminders. Only the owner named for
//! a KPI hears about it; the editors hear about everything nobody owns; a member hears nothing. Each
//! person gets one notification per plan and one email, which the receiver checks; a second
//! run the same day adds and sends nothing. On SQLite and PostgreSQL.

use std::sync::{Arc, Mutex};

use base64::Engine;
use chrono::NaiveDate;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use phaen_domain::OrgCode;
use phaen_domain::access::{Membership, Role};
use phaen_domain::progress::Frequency;
use phaen_monitor::mail::Mailer;
use phaen_monitor::reminders::{Scope, remind};
use phaen_store::progress::{ReportingSetup, SubjectKind};
use phaen_store::{NewUser, PlanStore, UserStore};
use phaen_testkit::TestDb;

/// A message the receiver took: the envelope's recipients and the message as sent.
#[derive(Debug, Clone)]
struct Received {
    to: Vec<String>,
    data: String,
}

/// A minimal SMTP server on a free port that keeps every message it is given.
async fn smtp_receiver() -> (u16, Arc<Mutex<Vec<Received>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let got = Arc::new(Mutex::new(Vec::new()));
    let kept = got.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let kept = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 receiver ESMTP\r\n").await.unwrap();
                let mut to = Vec::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line.to_ascii_uppercase();
                    let answer: &[u8] = if verb.starts_with("EHLO") || verb.starts_with("HELO") {
                        b"250-receiver\r\n250 8BITMIME\r\n"
                    } else if verb.starts_with("RCPT TO:") {
                        to.push(line[8..].trim().trim_matches(['<', '>']).to_string());
                        b"250 ok\r\n"
                    } else if verb.starts_with("DATA") {
                        write.write_all(b"354 go on\r\n").await.unwrap();
                        let mut data = String::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            data.push_str(&l);
                            data.push('\n');
                        }
                        kept.lock().unwrap().push(Received {
                            to: std::mem::take(&mut to),
                            data,
                        });
                        b"250 kept\r\n"
                    } else if verb.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    write.write_all(answer).await.unwrap();
                }
            });
        }
    });
    (port, got)
}

/// The message's text body, decoded from its transfer encoding.
fn body_of(data: &str) -> String {
    let (headers, body) = data.split_once("\n\n").unwrap();
    if headers
        .to_ascii_lowercase()
        .contains("content-transfer-encoding: base64")
    {
        let joined: String = body.split_whitespace().collect();
        String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(joined)
                .unwrap(),
        )
        .unwrap()
    } else {
        body.to_string()
    }
}

async fn user(store: &phaen_store::Store, name: &str, org: &OrgCode, role: Role) -> String {
    store
        .create_user(&NewUser {
            username: name.into(),
            display_name: format!("ผู้ใช้ {name}"),
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
            memberships: vec![Membership {
                org: org.clone(),
                role,
            }],
        })
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn overdue_data_is_reminded_in_the_app_and_by_email_once_a_day() {
    let db = TestDb::new();
    let store = db.store().await;
    let plan = phaen_synth::demo(4).plans.remove(0);
    store.insert_plan(&plan).await.unwrap();
    let org = plan.owner.code.clone();
    let editor = user(&store, "somchai", &org, Role::Editor).await;
    let admin = user(&store, "admin1", &org, Role::Admin).await;
    let owner = user(&store, "suda", &org, Role::Editor).await;
    let member = user(&store, "member1", &org, Role::Member).await;
    store
        .set_email("somchai", Some("somchai@coop.example.th"))
        .await
        .unwrap();
    store
        .set_email("suda", Some("suda@coop.example.th"))
        .await
        .unwrap();
    // One KPI is suda's alone, reported yearly.
    let (_, kpi) = plan
        .all_kpis()
        .into_iter()
        .find(|(_, k)| plan.period.years().any(|y| k.target_for(y).is_some()))
        .expect("a KPI with targets");
    store
        .set_reporting(
            &plan.id,
            &ReportingSetup {
                subject: kpi.id.to_string(),
                kind: SubjectKind::Kpi,
                frequency: Frequency::Yearly,
                aggregation: Default::default(),
                weight: 1.into(),
                owner_user: Some(owner.clone()),
                owner_unit: None,
            },
        )
        .await
        .unwrap();

    let (port, received) = smtp_receiver().await;
    let mailer = Mailer::new(
        &format!("smtp://127.0.0.1:{port}"),
        "Phaen <phaen@coop.example.th>",
    )
    .unwrap();
    // A day after the whole plan period: every period of it is past due.
    let (_, last_day) = plan.year_basis.bounds(plan.period.to).unwrap();
    let today = last_day + chrono::Duration::days(60);
    let report = remind(
        &store,
        Some(&mailer),
        Some("https://phaen.example.th"),
        today,
        Scope::All,
    )
    .await
    .unwrap();
    assert!(report.owed > 0, "{report:?}");
    assert_eq!(report.plans, 1);
    // somchai, admin1 and suda each get one notification; admin1 has no address.
    assert_eq!(report.notified, 3, "{report:?}");
    assert_eq!(
        (report.emailed, report.without_address),
        (2, 1),
        "{report:?}"
    );
    assert!(report.failures.is_empty());
    assert!(store.notifications(&member, 10).await.unwrap().is_empty());
    assert_eq!(store.unread_notifications(&admin).await.unwrap(), 1);

    let got = received.lock().unwrap().clone();
    assert_eq!(got.len(), 2);
    let to_suda = got
        .iter()
        .find(|m| m.to == ["suda@coop.example.th"])
        .unwrap();
    let suda_body = body_of(&to_suda.data);
    assert!(suda_body.contains(&plan.title));
    assert!(
        suda_body.contains("https://phaen.example.th/plans/"),
        "{suda_body}"
    );
    let to_somchai = got
        .iter()
        .find(|m| m.to == ["somchai@coop.example.th"])
        .unwrap();
    let somchai_body = body_of(&to_somchai.data);
    assert!(
        somchai_body.contains("/projects/"),
        "project reports are owed too"
    );
    assert!(to_somchai.data.contains("Subject: "));
    // suda is an editor too: she hears of everything nobody owns, and of her KPI's years
    // besides; somchai does not hear of her KPI.
    let owed_in = |user: &str| {
        let user = user.to_string();
        let store = store.clone();
        async move {
            let note = store.notifications(&user, 1).await.unwrap().remove(0);
            let n: usize = note.message["ค้างส่งข้อมูล ".len()..]
                .split(' ')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            n
        }
    };
    let kpi_years = plan
        .period
        .years()
        .filter(|y| {
            kpi.target_for(*y)
                .is_some_and(|t| *t != phaen_domain::Target::None)
        })
        .count();
    assert_eq!(owed_in(&owner).await - owed_in(&editor).await, kpi_years);
    assert_eq!(owed_in(&admin).await, owed_in(&editor).await);
    let notes = store.notifications(&editor, 10).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].emailed_at.is_some());
    assert_eq!(notes[0].link, format!("/plans/{}/progress/owed", plan.id));

    let again = remind(&store, Some(&mailer), None, today, Scope::All)
        .await
        .unwrap();
    assert_eq!((again.notified, again.emailed), (0, 0), "{again:?}");
    assert_eq!(received.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn an_unreachable_mail_server_is_reported_and_the_notifications_stay() {
    let db = TestDb::new();
    let store = db.store().await;
    let plan = phaen_synth::demo(4).plans.remove(0);
    store.insert_plan(&plan).await.unwrap();
    let editor = user(&store, "somchai", &plan.owner.code, Role::Editor).await;
    store
        .set_email("somchai", Some("somchai@coop.example.th"))
        .await
        .unwrap();
    // A port nobody listens on.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let mailer = Mailer::new(&format!("smtp://127.0.0.1:{port}"), "phaen@coop.example.th").unwrap();
    let today = NaiveDate::from_ymd_opt(2035, 1, 1).unwrap();
    let report = remind(
        &store,
        Some(&mailer),
        None,
        today,
        Scope::Plan(plan.id.clone()),
    )
    .await
    .unwrap();
    assert_eq!((report.notified, report.emailed), (1, 0));
    assert_eq!(report.failures.len(), 1, "{report:?}");
    let notes = store.notifications(&editor, 10).await.unwrap();
    assert!(notes[0].emailed_at.is_none());
}
