//! `phaen admin ...` through the binary: users are created with a role in an organization,
//! passwords are shown once at most and never listed, tokens are shown once and stored hashed.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;
use phaen_store::{SessionStore, UserStore};
use phaen_testkit::TestDb;

const PASSWORD: &str = "ม้าลาย-แบตเตอรี่-42";

/// A database holding one imported plan; returns its owner's code.
fn db_with_org(db: &TestDb, dir: &Path) -> String {
    let plan = demo_plans().remove(0);
    let file = write_plan(dir, "plan.json", &plan);
    phaen(db, dir).arg("import").arg(&file).assert().success();
    plan.owner.code.to_string()
}

fn run(db: &TestDb, dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut c = phaen(db, dir);
    c.arg("admin").args(args);
    if let Some(input) = stdin {
        c.write_stdin(input);
    }
    c.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn create(db: &TestDb, dir: &Path, username: &str, org: &str, role: &str) -> Output {
    run(
        db,
        dir,
        &[
            "create-user",
            "--username",
            username,
            "--org",
            org,
            "--role",
            role,
            "--password-stdin",
        ],
        Some(&format!("{PASSWORD}\n")),
    )
}

fn list_users(db: &TestDb, dir: &Path) -> (String, serde_json::Value) {
    let text = run(db, dir, &["list-users"], None);
    assert!(text.status.success(), "{}", stderr(&text));
    (stdout(&text), json(db, dir, &["admin", "list-users"]))
}

#[tokio::test]
async fn a_user_created_with_a_password_from_stdin_signs_in_with_it_and_it_is_never_listed() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let org = db_with_org(&db, d);
    let out = create(&db, d, "Kanokporn", &org, "editor");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stdout(&out).contains(PASSWORD),
        "a given password is not echoed"
    );

    let (text, listed) = list_users(&db, d);
    assert!(text.contains("kanokporn") && text.contains(&format!("editor@{org}")));
    assert_eq!(listed[0]["username"], "kanokporn");
    assert_eq!(listed[0]["memberships"][0]["role"], "editor");
    assert_eq!(listed[0]["memberships"][0]["org"], org.as_str());
    let listed_text = listed.to_string();
    for secret in [PASSWORD, "argon2"] {
        assert!(!text.contains(secret) && !listed_text.contains(secret));
    }

    let store = db.store().await;
    let (_, hash) = store.user_by_username("KANOKPORN").await.unwrap().unwrap();
    assert!(phaen_auth::verify_password(PASSWORD, &hash));
}

#[tokio::test]
async fn a_generated_password_is_printed_once_and_works() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let org = db_with_org(&db, d);
    let out = run(
        &db,
        d,
        &[
            "create-user",
            "--username",
            "somchai",
            "--org",
            &org,
            "--role",
            "member",
            "--display-name",
            "นายสมชาย ใจดี",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    let password = printed
        .lines()
        .find(|l| l.starts_with("password"))
        .and_then(|l| l.rsplit(": ").next())
        .expect("the generated password is printed")
        .trim()
        .to_string();
    assert!(password.len() >= 20, "{printed}");
    let (text, listed) = list_users(&db, d);
    assert!(!text.contains(&password) && !listed.to_string().contains(&password));
    assert_eq!(listed[0]["display_name"], "นายสมชาย ใจดี");
    let store = db.store().await;
    let (_, hash) = store.user_by_username("somchai").await.unwrap().unwrap();
    assert!(phaen_auth::verify_password(&password, &hash));
}

#[test]
fn a_taken_username_is_refused_whatever_its_case() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let org = db_with_org(&db, d);
    assert!(create(&db, d, "wasana", &org, "auditor").status.success());
    let out = create(&db, d, "WASANA", &org, "member");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(list_users(&db, d).1.as_array().unwrap().len(), 1);
}

#[test]
fn an_unknown_role_is_refused_with_the_list_of_roles() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let org = db_with_org(&db, d);
    let out = create(&db, d, "boss", &org, "boss");
    assert!(!out.status.success());
    let err = stderr(&out);
    for role in [
        "admin",
        "editor",
        "approver",
        "auditor",
        "member",
        "provincial",
        "department",
    ] {
        assert!(err.contains(role), "{role} missing from: {err}");
    }
    assert!(list_users(&db, d).1.as_array().unwrap().is_empty());
}

#[test]
fn an_unknown_organization_or_a_short_password_creates_no_one() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let org = db_with_org(&db, d);
    let out = create(&db, d, "nobody", "NO-SUCH-ORG", "member");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("NO-SUCH-ORG"), "{}", stderr(&out));

    let short = run(
        &db,
        d,
        &[
            "create-user",
            "--username",
            "shorty",
            "--org",
            &org,
            "--role",
            "member",
            "--password-stdin",
        ],
        Some("short\n"),
    );
    assert!(!short.status.success());
    let err = stderr(&short);
    assert!(
        err.contains("อย่างน้อย 10") && err.contains("at least 10"),
        "{err}"
    );
    assert!(list_users(&db, d).1.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_password_reset_replaces_the_password_and_ends_sessions() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let org = db_with_org(&db, d);
    assert!(create(&db, d, "chanwit", &org, "approver").status.success());
    let store = db.store().await;
    let (user, _) = store.user_by_username("chanwit").await.unwrap().unwrap();
    store
        .create_session("hash", &user.id, "csrf", 3_600_000)
        .await
        .unwrap();

    let new_password = "รหัสผ่านใหม่ที่ยาวพอ";
    let out = run(
        &db,
        d,
        &[
            "reset-password",
            "--username",
            "Chanwit",
            "--password-stdin",
        ],
        Some(new_password),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, hash) = store.user_by_username("chanwit").await.unwrap().unwrap();
    assert!(phaen_auth::verify_password(new_password, &hash));
    assert!(!phaen_auth::verify_password(PASSWORD, &hash));
    assert!(store.session("hash").await.unwrap().is_none());
}

#[test]
fn resetting_the_password_of_an_unknown_user_is_an_error() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        &db,
        dir.path(),
        &["reset-password", "--username", "ghost"],
        None,
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("'ghost' was not found"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty(), "no password is shown for no one");
}

#[tokio::test]
async fn a_token_is_printed_once_and_only_its_hash_is_stored() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let org = db_with_org(&db, d);
    assert!(create(&db, d, "script", &org, "editor").status.success());
    let out = run(
        &db,
        d,
        &[
            "create-token",
            "--username",
            "script",
            "--name",
            "nightly export",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    let token = printed.trim();
    assert_eq!(printed.lines().count(), 1, "stdout is the token alone");
    assert_eq!(token.len(), 43);

    let store = db.store().await;
    let (user, _) = store.user_by_username("script").await.unwrap().unwrap();
    let listed = store.api_tokens(&user.id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, phaen_auth::token_hash(token));
    assert_eq!(listed[0].name, "nightly export");
    assert_eq!(
        store
            .api_token_user(&phaen_auth::token_hash(token))
            .await
            .unwrap(),
        Some(user.id)
    );
    let (text, json) = list_users(&db, d);
    assert!(!text.contains(token) && !json.to_string().contains(token));

    let again = run(
        &db,
        d,
        &["create-token", "--username", "script", "--name", "second"],
        None,
    );
    assert_ne!(stdout(&again).trim(), token, "every token is new");
    let missing = run(
        &db,
        d,
        &["create-token", "--username", "ghost", "--name", "x"],
        None,
    );
    assert!(!missing.status.success() && stdout(&missing).is_empty());
}
