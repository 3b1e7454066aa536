//! Accounts, roles, sessions, API tokens and sign-in throttling, on SQLite and on PostgreSQL
//! (PHAEN_TEST_DB).

use std::time::Duration;

use phaen_domain::{Membership, OrgCode, Role};
use phaen_store::{Error, NewUser, OrgStore, SessionStore, Store, UserStore, now_ms};
use phaen_testkit::TestDb;

const HOUR_MS: i64 = 60 * 60 * 1000;

fn code(s: &str) -> OrgCode {
    OrgCode::parse(s).unwrap()
}

/// A store holding the demo organizations (DEPT -> PCO-PNW -> PNW-SAV01 ...).
async fn store_with_orgs(db: &TestDb) -> Store {
    let store = db.store().await;
    for org in phaen_synth::demo(7).orgs {
        store.upsert_org(&org).await.unwrap();
    }
    store
}

fn new_user(username: &str, org: &str, role: Role) -> NewUser {
    NewUser {
        username: username.into(),
        display_name: format!("คุณ {username}"),
        password_hash: format!("$argon2id$v=19$fake${username}"),
        memberships: vec![Membership::new(code(org), role)],
    }
}

#[tokio::test]
async fn a_user_is_created_with_roles_and_found_whatever_the_case() {
    let db = TestDb::new();
    let store = store_with_orgs(&db).await;
    let mut new = new_user("Kanokporn", "PNW-SAV01", Role::Editor);
    new.memberships
        .push(Membership::new(code("PNW-SAV01"), Role::Approver));
    let user = store.create_user(&new).await.unwrap();
    assert_eq!(user.username, "kanokporn", "stored lowercase");
    assert!(!user.disabled);

    let (found, hash) = store.user_by_username("KANOKPORN").await.unwrap().unwrap();
    assert_eq!(found, user);
    assert_eq!(hash, new.password_hash);
    assert_eq!(store.user(&user.id).await.unwrap(), user);
    assert_eq!(
        store.memberships(&user.id).await.unwrap(),
        vec![
            Membership::new(code("PNW-SAV01"), Role::Editor),
            Membership::new(code("PNW-SAV01"), Role::Approver),
        ]
    );
    assert!(store.user_by_username("nobody").await.unwrap().is_none());
    assert!(store.user_by_username("two words").await.unwrap().is_none());
    let err = store.user("no-such-id").await.unwrap_err();
    assert!(matches!(err, Error::NotFound { what: "user", .. }), "{err}");
}

#[tokio::test]
async fn a_taken_username_is_refused_in_any_case() {
    let db = TestDb::new();
    let store = store_with_orgs(&db).await;
    store
        .create_user(&new_user("somchai", "PNW-SAV01", Role::Member))
        .await
        .unwrap();
    let err = store
        .create_user(&new_user("SomChai", "PNW-AGR01", Role::Editor))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::AlreadyExists { what: "user", .. }),
        "{err}"
    );
    assert_eq!(store.list_users().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_unknown_organization_is_refused_and_nothing_is_written() {
    let db = TestDb::new();
    let store = store_with_orgs(&db).await;
    let mut new = new_user("wasana", "PNW-SAV01", Role::Auditor);
    new.memberships
        .push(Membership::new(code("NO-SUCH-ORG"), Role::Member));
    let err = store.create_user(&new).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotFound {
                what: "organization",
                ..
            }
        ),
        "{err}"
    );
    assert!(store.user_by_username("wasana").await.unwrap().is_none());
    assert!(store.list_users().await.unwrap().is_empty());
}

#[tokio::test]
async fn roles_are_granted_revoked_and_listed_with_their_users() {
    let db = TestDb::new();
    let store = store_with_orgs(&db).await;
    let b = store
        .create_user(&new_user("b-user", "PCO-PNW", Role::Provincial))
        .await
        .unwrap();
    let a = store
        .create_user(&new_user("a-user", "PNW-SAV01", Role::Member))
        .await
        .unwrap();
    let extra = Membership::new(code("PNW-AGR01"), Role::Auditor);
    store.grant(&a.id, &extra).await.unwrap();
    store.grant(&a.id, &extra).await.unwrap();
    let err = store
        .grant(&a.id, &Membership::new(code("NOPE"), Role::Member))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");

    let listed = store.list_users().await.unwrap();
    let names: Vec<&str> = listed.iter().map(|(u, _)| u.username.as_str()).collect();
    assert_eq!(names, ["a-user", "b-user"]);
    assert_eq!(listed[0].1.len(), 2, "granting twice holds the role once");
    assert_eq!(
        listed[1].1,
        vec![Membership::new(code("PCO-PNW"), Role::Provincial)]
    );
    assert_eq!(listed[1].0, b);

    assert!(store.revoke(&a.id, &extra).await.unwrap());
    assert!(!store.revoke(&a.id, &extra).await.unwrap());
    assert_eq!(store.memberships(&a.id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_password_reset_signs_the_user_out_everywhere() {
    let db = TestDb::new();
    let store = store_with_orgs(&db).await;
    let user = store
        .create_user(&new_user("chanwit", "PNW-SAV01", Role::Approver))
        .await
        .unwrap();
    let other = store
        .create_user(&new_user("other", "PNW-SAV01", Role::Member))
        .await
        .unwrap();
    for s in ["s1", "s2"] {
        store
            .create_session(s, &user.id, "csrf", HOUR_MS)
            .await
            .unwrap();
    }
    store
        .create_session("s3", &other.id, "csrf", HOUR_MS)
        .await
        .unwrap();
    assert!(store.session("s1").await.unwrap().is_some());

    store
        .set_password_hash("Chanwit", "$argon2id$new")
        .await
        .unwrap();
    assert!(store.session("s1").await.unwrap().is_none());
    assert!(store.session("s2").await.unwrap().is_none());
    assert!(
        store.session("s3").await.unwrap().is_some(),
        "others stay in"
    );
    let (_, hash) = store.user_by_username("chanwit").await.unwrap().unwrap();
    assert_eq!(hash, "$argon2id$new");

    let err = store.set_password_hash("ghost", "x").await.unwrap_err();
    assert!(matches!(err, Error::NotFound { what: "user", .. }), "{err}");
}

#[tokio::test]
async fn a_session_lives_until_it_expires_and_touching_it_extends_it() {
    let db = TestDb::new();
    let store = store_with_orgs(&db).await;
    let user = store
        .create_user(&new_user("editor1", "PNW-SAV01", Role::Editor))
        .await
        .unwrap();
    let before = now_ms();
    store
        .create_session("live", &user.id, "csrf-1", HOUR_MS)
        .await
        .unwrap();
    let s = store.session("live").await.unwrap().unwrap();
    assert_eq!(
        (s.user_id.as_str(), s.csrf_token.as_str()),
        (user.id.as_str(), "csrf-1")
    );
    assert!(s.created_at >= before && s.expires_at >= s.created_at + HOUR_MS);

    store.touch_session("live", 10 * HOUR_MS).await.unwrap();
    let touched = store.session("live").await.unwrap().unwrap();
    assert!(touched.expires_at >= before + 10 * HOUR_MS);

    store
        .create_session("stale", &user.id, "csrf-2", 0)
        .await
        .unwrap();
    assert!(store.session("stale").await.unwrap().is_none());
    store.touch_session("stale", HOUR_MS).await.unwrap();
    assert!(
        store.session("stale").await.unwrap().is_none(),
        "an expired session is gone, not revived"
    );

    store
        .create_session("old", &user.id, "csrf-3", -1)
        .await
        .unwrap();
    assert_eq!(store.purge_expired().await.unwrap(), 1);
    assert!(store.session("live").await.unwrap().is_some());

    store.delete_session("live").await.unwrap();
    store.delete_session("live").await.unwrap();
    assert!(store.session("live").await.unwrap().is_none());
}

#[tokio::test]
async fn a_disabled_user_loses_sessions_and_tokens() {
    let db = TestDb::new();
    let store = store_with_orgs(&db).await;
    let user = store
        .create_user(&new_user("leaver", "PNW-SAV01", Role::Editor))
        .await
        .unwrap();
    store
        .create_session("s", &user.id, "c", HOUR_MS)
        .await
        .unwrap();
    store
        .create_api_token("t", &user.id, "script")
        .await
        .unwrap();
    store.set_disabled("leaver", true).await.unwrap();
    assert!(store.session("s").await.unwrap().is_none());
    assert!(store.api_token_user("t").await.unwrap().is_none());
    assert!(store.user(&user.id).await.unwrap().disabled);
    store.set_disabled("leaver", false).await.unwrap();
    assert_eq!(
        store.api_token_user("t").await.unwrap(),
        Some(user.id.clone())
    );
    assert_eq!(store.delete_sessions_of(&user.id).await.unwrap(), 0);
}

#[tokio::test]
async fn an_api_token_works_until_it_is_revoked() {
    let db = TestDb::new();
    let store = store_with_orgs(&db).await;
    let user = store
        .create_user(&new_user("script", "PCO-PNW", Role::Provincial))
        .await
        .unwrap();
    store
        .create_api_token("hash-1", &user.id, "nightly export")
        .await
        .unwrap();
    let listed = store.api_tokens(&user.id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].last_used_at, None);

    assert_eq!(
        store.api_token_user("hash-1").await.unwrap(),
        Some(user.id.clone())
    );
    assert!(store.api_token_user("unknown").await.unwrap().is_none());
    let used = &store.api_tokens(&user.id).await.unwrap()[0];
    assert!(used.last_used_at.is_some(), "use is noted");

    store.revoke_api_token("hash-1").await.unwrap();
    assert!(store.api_token_user("hash-1").await.unwrap().is_none());
    assert!(store.api_tokens(&user.id).await.unwrap()[0].revoked);
    let err = store.revoke_api_token("unknown").await.unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
}

#[tokio::test]
async fn failed_sign_ins_are_counted_per_key_within_the_window() {
    let db = TestDb::new();
    let store = db.store().await;
    store.record_signin_failure("user:somchai").await.unwrap();
    tokio::time::sleep(Duration::from_millis(20)).await;
    let window_start = now_ms();
    tokio::time::sleep(Duration::from_millis(5)).await;
    for _ in 0..3 {
        store.record_signin_failure("user:somchai").await.unwrap();
    }
    store.record_signin_failure("ip:192.0.2.1").await.unwrap();

    let count = |key: &'static str, since: i64| {
        let store = store.clone();
        async move { store.recent_signin_failures(key, since).await.unwrap() }
    };
    assert_eq!(count("user:somchai", window_start - HOUR_MS).await, 4);
    assert_eq!(count("user:somchai", window_start).await, 3);
    assert_eq!(count("user:somchai", now_ms() + 1000).await, 0);
    assert_eq!(count("ip:192.0.2.1", window_start).await, 1);

    store.clear_signin_failures("user:somchai").await.unwrap();
    assert_eq!(count("user:somchai", 0).await, 0);
    assert_eq!(count("ip:192.0.2.1", 0).await, 1, "other keys are kept");
}

#[tokio::test]
async fn a_cooperatives_ancestors_are_its_province_then_the_department() {
    let db = TestDb::new();
    let store = store_with_orgs(&db).await;
    assert_eq!(
        store.ancestors(&code("PNW-SAV01")).await.unwrap(),
        vec![code("PCO-PNW"), code("DEPT")]
    );
    assert_eq!(
        store.ancestors(&code("PCO-PNW")).await.unwrap(),
        vec![code("DEPT")]
    );
    assert!(store.ancestors(&code("DEPT")).await.unwrap().is_empty());
    let err = store.ancestors(&code("NOPE")).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotFound {
                what: "organization",
                ..
            }
        ),
        "{err}"
    );
}

#[tokio::test]
async fn a_cycle_in_stored_parents_ends_the_walk() {
    let db = TestDb::new();
    let store = store_with_orgs(&db).await;
    let mut tx = store.pool().begin_write().await.unwrap();
    tx.exec(
        "UPDATE orgs SET parent_code = 'PNW-SAV01' WHERE code = 'DEPT'",
        vec![],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        store.ancestors(&code("PNW-SAV01")).await.unwrap(),
        vec![code("PCO-PNW"), code("DEPT")]
    );
}

#[tokio::test]
async fn a_parent_the_database_has_no_row_for_is_still_the_top_ancestor() {
    let db = TestDb::new();
    let store = store_with_orgs(&db).await;
    let mut tx = store.pool().begin_write().await.unwrap();
    tx.exec(
        "UPDATE orgs SET parent_code = 'GONE' WHERE code = 'DEPT'",
        vec![],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        store.ancestors(&code("PNW-SAV01")).await.unwrap(),
        vec![code("PCO-PNW"), code("DEPT"), code("GONE")]
    );
}
