//! How a value of each attribute kind becomes plaintext bytes, as pynamodb_mate does it.
//!
//! String and binary values are their UTF-8 / raw bytes. Numbers and JSON are Python's
//! `json.dumps(value)` (ASCII): deterministic encryption makes these bytes observable, so `1` and
//! `1.0` must stay distinct. Non-string kinds cross the wasm boundary in the wire form.

use crate::error::{err, ErrorCode, Result};
use crate::pyjson::{self, DumpOptions, Int, Value};
use alloc::vec::Vec;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Binary,
    /// An int or a float, written as Python would.
    Number,
    /// An int; integral floats are converted.
    Int,
    /// A float, written with Python's float repr (`1.0`, not `1`).
    Float,
    /// Any JSON value.
    Json,
}

impl Kind {
    pub fn parse(name: &str) -> Result<Kind> {
        Ok(match name {
            "string" => Kind::String,
            "binary" => Kind::Binary,
            "number" => Kind::Number,
            "int" => Kind::Int,
            "float" => Kind::Float,
            "json" => Kind::Json,
            _ => {
                return Err(err(
                    ErrorCode::Argument,
                    "kind must be string, binary, number, int, float or json",
                ))
            }
        })
    }
}

/// Value bytes (UTF-8, raw, or wire JSON) to the plaintext pynamodb_mate encrypts or compresses.
pub fn to_plaintext(kind: Kind, value: &[u8], ensure_ascii: bool) -> Result<Vec<u8>> {
    match kind {
        Kind::Binary => Ok(value.to_vec()),
        Kind::String => {
            core::str::from_utf8(value)
                .map_err(|_| err(ErrorCode::Utf8, "string value is not valid UTF-8"))?;
            Ok(value.to_vec())
        }
        _ => {
            let wire = core::str::from_utf8(value)
                .map_err(|_| err(ErrorCode::Utf8, "wire JSON is not UTF-8"))?;
            json_plaintext(kind, pyjson::from_wire(wire)?, ensure_ascii)
        }
    }
}

/// The plaintext of a number or JSON kind's value: Python's `json.dumps`, after the kind's checks.
pub(crate) fn json_plaintext(kind: Kind, value: Value, ensure_ascii: bool) -> Result<Vec<u8>> {
    let options = DumpOptions {
        ensure_ascii,
        ..DumpOptions::default()
    };
    Ok(pyjson::dumps(&conform(kind, value)?, &options)?.into_bytes())
}

/// A number or JSON kind's plaintext read back as Python's `json.loads` does, then held to the
/// kind (`int` takes integral floats, `float` makes ints floats, `number` refuses non-numbers).
pub(crate) fn json_value(kind: Kind, plaintext: &[u8]) -> Result<Value> {
    let text = core::str::from_utf8(plaintext)
        .map_err(|_| err(ErrorCode::Utf8, "stored JSON is not UTF-8"))?;
    conform(kind, pyjson::loads(text)?)
}

/// Plaintext back to value bytes (UTF-8, raw, or wire JSON); the inverse of [`to_plaintext`].
pub fn from_plaintext(kind: Kind, plaintext: Vec<u8>) -> Result<Vec<u8>> {
    match kind {
        Kind::Binary => Ok(plaintext),
        Kind::String => {
            core::str::from_utf8(&plaintext)
                .map_err(|_| err(ErrorCode::Utf8, "stored string is not valid UTF-8"))?;
            Ok(plaintext)
        }
        _ => {
            let text = core::str::from_utf8(&plaintext)
                .map_err(|_| err(ErrorCode::Utf8, "stored JSON is not UTF-8"))?;
            // A `float` kind's value is a float anyway: whole ones stay plain numbers.
            let mut wire = alloc::string::String::new();
            pyjson::write_wire(&mut wire, &pyjson::loads(text)?, kind != Kind::Float);
            Ok(wire.into_bytes())
        }
    }
}

/// Checks (and for int/float, converts) a value against its kind.
fn conform(kind: Kind, value: Value) -> Result<Value> {
    let not = |what: &str| err(ErrorCode::JsonType, alloc::format!("value is not {what}"));
    match (kind, value) {
        (Kind::Json, v) => Ok(v),
        (Kind::Number, v @ (Value::Int(_) | Value::Float(_))) => Ok(v),
        (Kind::Int, v @ Value::Int(_)) => Ok(v),
        (Kind::Int, Value::Float(x)) => Int::from_integral_f64(x).map(Value::Int),
        (Kind::Float, v @ Value::Float(_)) => Ok(v),
        (Kind::Float, Value::Int(i)) => {
            // Python's float(int) rounds to nearest; Rust's parse does the same.
            i.as_str()
                .parse::<f64>()
                .map(Value::Float)
                .map_err(|_| not("a number"))
        }
        (Kind::Number | Kind::Float, _) => Err(not("a number")),
        (Kind::Int, _) => Err(not("an integer")),
        (Kind::String | Kind::Binary, _) => Err(not("JSON")),
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn plain(kind: Kind, wire: &str) -> Result<alloc::string::String> {
        to_plaintext(kind, wire.as_bytes(), true)
            .map(|b| alloc::string::String::from_utf8(b).unwrap())
    }

    #[test]
    fn number_rules() {
        assert_eq!(plain(Kind::Number, "3").unwrap(), "3");
        assert_eq!(plain(Kind::Number, "3.5").unwrap(), "3.5");
        assert_eq!(plain(Kind::Float, "3").unwrap(), "3.0");
        assert_eq!(plain(Kind::Float, "1e16").unwrap(), "1e+16");
        assert_eq!(plain(Kind::Int, "1e21").unwrap(), "1000000000000000000000");
        assert_eq!(
            plain(Kind::Number, r#""\u0000i123456789012345678901""#).unwrap(),
            "123456789012345678901"
        );
        assert_eq!(plain(Kind::Number, r#""\u0000fNaN""#).unwrap(), "NaN");
        assert_eq!(
            plain(Kind::Number, r#""x""#).unwrap_err().code(),
            ErrorCode::JsonType
        );
        assert_eq!(
            plain(Kind::Int, "1.5").unwrap_err().code(),
            ErrorCode::JsonType
        );
        assert_eq!(
            plain(Kind::Json, r#"{"é":[true,null]}"#).unwrap(),
            r#"{"\u00e9": [true, null]}"#
        );
    }

    #[test]
    fn back_to_wire() {
        let wire = from_plaintext(
            Kind::Json,
            b"{\"a\": NaN, \"b\": 12345678901234567890}".to_vec(),
        )
        .unwrap();
        assert_eq!(
            wire,
            br#"{"a":"\u0000fNaN","b":"\u0000i12345678901234567890"}"#
        );
        assert_eq!(
            from_plaintext(Kind::String, alloc::vec![0xff])
                .unwrap_err()
                .code(),
            ErrorCode::Utf8
        );
    }
}
