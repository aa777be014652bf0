//! The tagged-JSON form (called "wire" in function names): how a [`Value`] crosses the wasm
//! boundary as one JSON text.
//!
//! JavaScript writes it with `JSON.stringify` and reads it with `JSON.parse`, both native and fast.
//! What plain JSON cannot carry travels as a string starting with U+0000 plus a tag letter:
//! `i` an integer of any size, `f` a float given as JS number text (`NaN`, `Infinity`, `-0`, `1`),
//! `s` a string that itself starts with U+0000. A number literal without `.`/exponent is an int.
//! Rust writes whole floats (`1.0`, `1e16`) as `f` tags too: `JSON.parse` would make them ints, and
//! JS reads the tag as a `PythonFloat`, so a value read keeps its Python type when written back.

use super::{Int, Value};
use crate::error::{err, ErrorCode, Result};
use alloc::string::String;
use core::fmt::Write;

const TAG: char = '\u{0}';

/// Reads a wire text (JS `JSON.stringify` output with tags) into a [`Value`].
pub fn from_wire(text: &str) -> Result<Value> {
    super::loads::read(text, true)
}

/// Resolves a tagged string read from wire text.
pub(super) fn untag(s: String) -> Result<Value> {
    let Some(rest) = s.strip_prefix(TAG) else {
        return Ok(Value::Str(s));
    };
    let mut chars = rest.chars();
    let tag = chars.next();
    let body = chars.as_str();
    match tag {
        Some('i') => Int::parse(body).map(Value::Int),
        Some('f') => parse_js_number(body).map(Value::Float),
        Some('s') => Ok(Value::Str(String::from(body))),
        _ => Err(err(ErrorCode::JsonSyntax, "unknown wire tag")),
    }
}

/// A `\u0000f` tag body: JS number text (`NaN`, `Infinity`, `-0`, `1.5e-7`).
pub(crate) fn parse_js_number(text: &str) -> Result<f64> {
    match text {
        "NaN" => Ok(f64::NAN),
        "Infinity" => Ok(f64::INFINITY),
        "-Infinity" => Ok(f64::NEG_INFINITY),
        // Rust's parser also takes "inf"/"nan" spellings; JS number text never has letters but e.
        _ if text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E')) =>
        {
            text.parse()
                .map_err(|_| err(ErrorCode::JsonSyntax, "invalid float in wire tag"))
        }
        _ => Err(err(ErrorCode::JsonSyntax, "invalid float in wire tag")),
    }
}

/// Writes a [`Value`] as wire text for `JSON.parse` (tags only where plain JSON falls short).
pub fn to_wire(value: &Value) -> String {
    let mut out = String::new();
    write(&mut out, value, true);
    out
}

/// Appends the wire text of `value`; `keep_type`: whole floats as `f` tags ([`float_text`]).
pub(crate) fn write(out: &mut String, value: &Value, keep_type: bool) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) if i.is_safe_js_integer() => out.push_str(i.as_str()),
        Value::Int(i) => {
            out.push_str("\"\\u0000i");
            out.push_str(i.as_str());
            out.push('"');
        }
        Value::Float(x) => match float_text(&mut ryu::Buffer::new(), *x, keep_type) {
            (true, text) => {
                out.push_str("\"\\u0000f");
                out.push_str(text);
                out.push('"');
            }
            (false, text) => out.push_str(text),
        },
        Value::Str(s) => write_string(out, s),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(out, item, keep_type);
            }
            out.push(']');
        }
        Value::Dict(entries) => {
            out.push('{');
            for (i, (key, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, key);
                out.push(':');
                write(out, item, keep_type);
            }
            out.push('}');
        }
    }
}

/// A float's wire text, and whether it must travel as an `f` tag: NaN and the infinities (not JSON),
/// and, when `keep_type`, whole floats other than -0 (`1.0`, `1e16`), which a plain JSON number
/// would bring back to JS as an int. Finite floats are Ryu's shortest round-trip text, always with
/// a `.` or an exponent. (Not `{:e}`: core's float formatting costs 16 KB of wasm, and Ryu is
/// linked anyway for Python's float repr.)
pub(crate) fn float_text(buffer: &mut ryu::Buffer, x: f64, keep_type: bool) -> (bool, &str) {
    if x.is_nan() {
        (true, "NaN")
    } else if x.is_infinite() {
        (true, if x > 0.0 { "Infinity" } else { "-Infinity" })
    } else {
        let whole = x.trunc() == x && !(x == 0.0 && x.is_sign_negative());
        (keep_type && whole, buffer.format_finite(x))
    }
}

/// A string value: a JSON string, tagged `s` when it starts with U+0000 itself.
pub(crate) fn write_string(out: &mut String, s: &str) {
    out.push('"');
    if s.starts_with(TAG) {
        out.push_str("\\u0000s");
    }
    escape(out, s);
    out.push('"');
}

/// A JSON string that is never a tag (object keys); minimal escaping, non-ASCII stays raw UTF-8.
pub(crate) fn write_str(out: &mut String, s: &str) {
    out.push('"');
    escape(out, s);
    out.push('"');
}

/// Copies runs of plain text whole; only quotes, backslashes and control characters are escaped.
fn escape(out: &mut String, s: &str) {
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        if b == b'"' || b == b'\\' || b < 0x20 {
            // `i` is at an ASCII byte, so both slices end on character boundaries.
            out.push_str(s.get(run..i).unwrap_or_default());
            match b {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                _ => {
                    let _ = write!(out, "\\u{b:04x}");
                }
            }
            run = i + 1;
        }
    }
    out.push_str(s.get(run..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn round_trip_keeps_python_types() {
        let wire = r#"{"i":1,"f":1.5,"F":"\u0000f1","big":"\u0000i-18446744073709551616","nan":"\u0000fNaN","z":"\u0000s\u0000x","e":1e+21}"#;
        let v = from_wire(wire).unwrap();
        let Value::Dict(entries) = &v else {
            panic!("not a dict")
        };
        assert_eq!(entries[0].1, Value::Int(Int::from_i128(1)));
        assert_eq!(entries[2].1, Value::Float(1.0));
        assert_eq!(entries[5].1, Value::Str("\u{0}x".into()));
        assert_eq!(entries[6].1, Value::Float(1e21));
        assert_eq!(
            to_wire(&v),
            r#"{"i":1,"f":1.5,"F":"\u0000f1.0","big":"\u0000i-18446744073709551616","nan":"\u0000fNaN","z":"\u0000s\u0000x","e":"\u0000f1e21"}"#
        );
    }

    #[test]
    fn whole_floats_are_tagged_unless_told() {
        let v = Value::List(alloc::vec![
            Value::Float(1.0),
            Value::Float(0.0),
            Value::Float(-0.0),
            Value::Float(-2.5),
            Value::Float(1e16),
            Value::Int(Int::from_i128(1)),
        ]);
        assert_eq!(
            to_wire(&v),
            r#"["\u0000f1.0","\u0000f0.0",-0.0,-2.5,"\u0000f1e16",1]"#
        );
        assert_eq!(from_wire(&to_wire(&v)).unwrap(), v);
        let mut plain = String::new();
        write(&mut plain, &v, false);
        assert_eq!(plain, "[1.0,0.0,-0.0,-2.5,1e16,1]");
    }

    #[test]
    fn rejects_unknown_tags() {
        assert_eq!(
            from_wire(r#""\u0000q1""#).unwrap_err().code(),
            ErrorCode::JsonSyntax
        );
        assert_eq!(
            from_wire(r#""\u0000finf""#).unwrap_err().code(),
            ErrorCode::JsonSyntax
        );
        assert_eq!(from_wire("NaN").unwrap_err().code(), ErrorCode::JsonSyntax);
    }
}
