//! The JSON Schema kept in the repository is the one the code generates.

use assert_cmd::Command;

#[test]
fn the_published_plan_schema_matches_the_model() {
    let out = Command::new(env!("CARGO_BIN_EXE_phaen"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    let generated = String::from_utf8(out.stdout).unwrap();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/plan.schema.json");
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == generated,
        "schema/plan.schema.json is stale: run `cargo run -- schema > schema/plan.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&generated).unwrap();
    assert_eq!(schema["title"], "Plan");
    assert!(schema["$defs"]["YearTarget"].is_object());
}
