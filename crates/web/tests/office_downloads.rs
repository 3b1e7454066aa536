//! The Word and Excel downloads of a plan over HTTP: linked from the plan's pages, the files
//! are what they say (the Word file reads back through the importer's Word reader with the
//! plan's title and tables; the workbook opens with its sheets), Thai or Arabic digits as asked,
//! a bad choice is a 400 that says what to ask, and a plan the viewer may not read is a 404.
//! On SQLite and PostgreSQL.

mod common;

use calamine::{Reader, Xlsx};
use common::{App, PASSWORD, savings_plan, spawn_app};
use phaen_domain::access::Role;
use phaen_import::doc::Block;

async fn signed_in(app: &App, username: &str) -> reqwest::Client {
    let (c, status) = common::sign_in(app, username, PASSWORD).await;
    assert_eq!(status, 303, "{username} signs in");
    c
}

async fn fetch(c: &reqwest::Client, url: &str) -> (u16, String, Vec<u8>) {
    let r = c.get(url).send().await.unwrap();
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, r.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn a_plan_downloads_as_word_and_excel_from_its_pages() {
    let app = spawn_app(&[
        ("coop", phaen_synth::SAVINGS, Role::Editor),
        ("stranger", phaen_synth::FED, Role::Editor),
    ])
    .await;
    let listing = savings_plan(&app).await;
    let plan = phaen_store::PlanStore::load_plan(&app.store, &listing.id)
        .await
        .unwrap();
    let c = signed_in(&app, "coop").await;
    let base = format!("{}/plans/{}", app.base, plan.id);
    let page = c
        .get(format!("{base}/map"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for file in ["export.docx", "export.xlsx"] {
        assert!(
            page.contains(&format!("/plans/{}/{file}", plan.id)),
            "a link to {file}"
        );
    }

    let (status, kind, docx) = fetch(&c, &format!("{base}/export.docx?digits=arabic")).await;
    assert_eq!(status, 200);
    assert!(kind.contains("wordprocessingml"), "{kind}");
    let read = phaen_import::source::read(&docx).unwrap();
    let texts: Vec<String> = read
        .doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p.text.clone()),
            Block::Table(_) => None,
        })
        .collect();
    // The cover sets the title over several lines (what it is, the owner, the years).
    let flat = |s: &str| s.split_whitespace().collect::<String>();
    let options = phaen_documents::layout::Options::new(phaen_documents::layout::Digits::Arabic);
    let cover = phaen_documents::layout::plan_document(&plan, &options)
        .cover
        .expect("a plan document has a cover");
    assert!(!cover.lines.is_empty());
    for line in &cover.lines {
        assert!(
            texts.iter().any(|t| flat(t).contains(&flat(line))),
            "the cover's '{line}' is in the Word file"
        );
    }
    assert!(
        read.doc.blocks.iter().any(|b| matches!(b, Block::Table(_))),
        "real tables"
    );

    let (status, kind, xlsx) = fetch(&c, &format!("{base}/export.xlsx?digits=thai")).await;
    assert_eq!(status, 200);
    assert!(kind.contains("spreadsheetml"), "{kind}");
    let book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
    assert!(book.sheet_names().contains(&"ตัวชี้วัด".to_string()));

    let (status, _, body) = fetch(&c, &format!("{base}/export.docx?digits=roman")).await;
    assert_eq!(status, 400);
    assert!(String::from_utf8_lossy(&body).contains("roman"));

    let s = signed_in(&app, "stranger").await;
    for file in ["export.docx", "export.xlsx"] {
        assert_eq!(fetch(&s, &format!("{base}/{file}")).await.0, 404, "{file}");
    }
}
