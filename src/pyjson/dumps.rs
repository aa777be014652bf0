//! Python's `json.dumps`, byte for byte.

use super::{float_repr, Value};
use crate::error::Result;
use crate::json_lexer::check_depth;
use alloc::{string::String, vec::Vec};
use core::fmt::Write;

/// The `json.dumps` keyword arguments that change bytes.
#[derive(Debug, Clone, Copy)]
pub struct DumpOptions<'a> {
    pub ensure_ascii: bool,
    pub item_separator: &'a str,
    pub key_separator: &'a str,
    pub sort_keys: bool,
}

impl Default for DumpOptions<'_> {
    /// `json.dumps(value)`: what pynamodb_mate calls everywhere except 5.x compressed JSON.
    fn default() -> Self {
        DumpOptions {
            ensure_ascii: true,
            item_separator: ", ",
            key_separator: ": ",
            sort_keys: false,
        }
    }
}

/// Serialises `value` exactly as `json.dumps(value, **options)` does in CPython.
pub fn dumps(value: &Value, options: &DumpOptions<'_>) -> Result<String> {
    let mut out = String::new();
    write_value(&mut out, value, options, 0)?;
    Ok(out)
}

fn write_value(out: &mut String, value: &Value, o: &DumpOptions<'_>, depth: usize) -> Result<()> {
    check_depth(depth)?;
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(i.as_str()),
        Value::Float(x) => out.push_str(&float_repr(*x)),
        Value::Str(s) => write_string(out, s, o.ensure_ascii),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(o.item_separator);
                }
                write_value(out, item, o, depth + 1)?;
            }
            out.push(']');
        }
        Value::Dict(entries) => {
            let order: Vec<&(String, Value)> = if o.sort_keys {
                // Rust orders strings by UTF-8 bytes, which is Python's code point order.
                let index = crate::order::sorted_indices(entries.len(), &|a, b| {
                    entries[a].0.cmp(&entries[b].0)
                });
                index.into_iter().map(|i| &entries[i]).collect()
            } else {
                entries.iter().collect()
            };
            out.push('{');
            for (i, (key, item)) in order.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(o.item_separator);
                }
                write_string(out, key, o.ensure_ascii);
                out.push_str(o.key_separator);
                write_value(out, item, o, depth + 1)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

/// Python's `py_encode_basestring_ascii` / `py_encode_basestring`.
fn write_string(out: &mut String, s: &str, ensure_ascii: bool) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => push_u_escape(out, c as u32),
            c if ensure_ascii && (c as u32) >= 0x7f => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    push_u_escape(out, u32::from(*unit));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn push_u_escape(out: &mut String, unit: u32) {
    let _ = write!(out, "\\u{unit:04x}");
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::pyjson::{loads, Int};

    #[test]
    fn default_form() {
        let v = loads(r#"{"a": 1.5, "b": [1, 18446744073709551616, null, true], "c": "\u00e9\ud83d\ude00\u007f"}"#)
            .unwrap();
        assert_eq!(
            dumps(&v, &DumpOptions::default()).unwrap(),
            r#"{"a": 1.5, "b": [1, 18446744073709551616, null, true], "c": "\u00e9\ud83d\ude00\u007f"}"#
        );
        let raw = DumpOptions {
            ensure_ascii: false,
            ..DumpOptions::default()
        };
        assert_eq!(
            dumps(&Value::Str("é\u{7f}\u{1}\u{2028}".into()), &raw).unwrap(),
            "\"é\u{7f}\\u0001\u{2028}\""
        );
    }

    #[test]
    fn separators_and_sorting() {
        let v = Value::Dict(alloc::vec![
            ("b".into(), Value::Int(Int::from_i128(1))),
            (
                "a".into(),
                Value::List(alloc::vec![Value::Float(1.0), Value::Float(f64::NAN)])
            ),
        ]);
        let o = DumpOptions {
            item_separator: ",",
            key_separator: ":",
            sort_keys: true,
            ..DumpOptions::default()
        };
        assert_eq!(dumps(&v, &o).unwrap(), r#"{"a":[1.0,NaN],"b":1}"#);
    }
}
