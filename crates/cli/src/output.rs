//! Printing: one JSON value on stdout for `--json`, plain text otherwise; errors as a chain of
//! plain sentences.

use serde::Serialize;

/// Prints `value` as pretty JSON followed by a newline.
pub fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// 'error: cannot import plan.json: ...' with each cause on its own line.
pub fn error_text(e: &anyhow::Error) -> String {
    let mut text = format!("error: {e}");
    for cause in e.chain().skip(1) {
        text.push_str(&format!("\n  because: {cause}"));
    }
    text
}
