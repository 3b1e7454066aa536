//! What an audit entry changed, in lines an auditor can read: the fields whose values differ
//! between the entry's before and after ('targets[0].value: 85 → 99'), found by walking the two
//! JSON values side by side. Text that is not JSON is compared whole.

use serde_json::Value;

/// The most lines one entry shows; the CSV export keeps everything.
const MAX_LINES: usize = 12;

/// The changed fields, each 'path: before → after' ('∅' where a side has nothing).
pub fn changes(before: Option<&str>, after: Option<&str>) -> Vec<String> {
    let parse =
        |s: Option<&str>| s.map(|s| serde_json::from_str(s).unwrap_or(Value::String(s.into())));
    let (b, a) = (parse(before), parse(after));
    let mut out = Vec::new();
    walk("", b.as_ref(), a.as_ref(), &mut out);
    if out.len() > MAX_LINES {
        let more = out.len() - MAX_LINES;
        out.truncate(MAX_LINES);
        out.push(format!("… (+{more})"));
    }
    out
}

fn walk(path: &str, b: Option<&Value>, a: Option<&Value>, out: &mut Vec<String>) {
    match (b, a) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(&p, b.get(k), a.get(k), out);
            }
        }
        (Some(Value::Array(b)), Some(Value::Array(a))) => {
            for i in 0..b.len().max(a.len()) {
                walk(&format!("{path}[{i}]"), b.get(i), a.get(i), out);
            }
        }
        (b, a) if b != a => out.push(format!(
            "{}{} → {}",
            if path.is_empty() {
                String::new()
            } else {
                format!("{path}: ")
            },
            short(b),
            short(a)
        )),
        _ => {}
    }
}

fn short(v: Option<&Value>) -> String {
    let text = match v {
        None | Some(Value::Null) => return "∅".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    if text.chars().count() > 120 {
        format!("{}…", text.chars().take(120).collect::<String>())
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_fields_that_changed_are_listed() {
        let b = r#"{"name":"ก","targets":[{"year":2568,"value":"85"}],"unit":"ร้อยละ"}"#;
        let a = r#"{"name":"ก","targets":[{"year":2568,"value":"99"},{"year":2569,"value":"1"}],"unit":"ร้อยละ"}"#;
        let c = changes(Some(b), Some(a));
        assert_eq!(c[0], "targets[0].value: 85 → 99");
        assert!(c[1].starts_with("targets[1]: ∅ → "));
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn plain_text_and_missing_sides_are_shown_whole() {
        assert_eq!(
            changes(Some("draft"), Some("consultation")),
            ["draft → consultation"]
        );
        assert_eq!(changes(None, Some("ความเห็น")), ["∅ → ความเห็น"]);
        assert!(changes(Some("x"), Some("x")).is_empty());
    }
}
