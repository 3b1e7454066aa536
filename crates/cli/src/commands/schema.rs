//! `phaen schema`: the JSON Schema of the canonical plan JSON, generated from the model.

/// The schema as pretty JSON with a final newline; schema/plan.schema.json holds a copy that a
/// test keeps equal to this.
pub fn plan_schema() -> String {
    let schema = schemars::schema_for!(phaen_domain::Plan);
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    s.push('\n');
    s
}
