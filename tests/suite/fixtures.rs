//! Reading the fixture files that `tests/interop/generate_fixtures.py` writes by running the real
//! pynamodb_mate. Values in them are tagged (`{"t": "int", "v": "1"}`) so ints, floats (as IEEE
//! bits), bytes and key order survive exactly.

use dynamodb_mate::pyjson::{self, Int, Value};

pub const PM5: &str = include_str!("../fixtures/pynamodb_mate_5.3.4.4.json");
pub const PM6: &str = include_str!("../fixtures/pynamodb_mate_6.0.1.1.json");

pub fn unhex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd hex length");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// A parsed fixture file (our own Python JSON reader doubles as the test's JSON reader).
pub fn load(text: &str) -> Value {
    pyjson::loads(text).expect("fixture is JSON")
}

pub fn get<'a>(v: &'a Value, key: &str) -> &'a Value {
    match v {
        Value::Dict(entries) => entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .unwrap_or_else(|| panic!("fixture field {key} missing")),
        _ => panic!("fixture: {key} looked up in a non-object"),
    }
}

pub fn opt<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Dict(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

pub fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    match get(v, key) {
        Value::Str(s) => s,
        other => panic!("fixture field {key} is not a string: {other:?}"),
    }
}

pub fn bool_of(v: &Value, key: &str) -> bool {
    matches!(opt(v, key), Some(Value::Bool(true)))
}

pub fn list_of<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    match get(v, key) {
        Value::List(items) => items,
        other => panic!("fixture field {key} is not a list: {other:?}"),
    }
}

/// Decodes a tagged fixture value into the Python value it stands for.
pub fn tagged(v: &Value) -> Value {
    match str_of(v, "t") {
        "null" => Value::Null,
        "bool" => get(v, "v").clone(),
        "str" => Value::Str(str_of(v, "v").to_owned()),
        "int" => Value::Int(Int::parse(str_of(v, "v")).unwrap()),
        "float" => {
            let bits = u64::from_str_radix(str_of(v, "bits"), 16).unwrap();
            Value::Float(f64::from_bits(bits))
        }
        "list" => Value::List(list_of(v, "v").iter().map(tagged).collect()),
        "dict" => Value::Dict(
            list_of(v, "v")
                .iter()
                .map(|pair| match pair {
                    Value::List(kv) if kv.len() == 2 => match &kv[0] {
                        Value::Str(k) => (k.clone(), tagged(&kv[1])),
                        _ => panic!("dict key not a string"),
                    },
                    _ => panic!("dict entry not a pair"),
                })
                .collect(),
        ),
        "bytes" => panic!("bytes are handled by the caller"),
        other => panic!("unknown fixture tag {other}"),
    }
}

/// The raw bytes of a tagged `bytes` or `str` value (what binary and string kinds carry).
pub fn tagged_bytes(v: &Value) -> Vec<u8> {
    match str_of(v, "t") {
        "bytes" => unhex(str_of(v, "hex")),
        "str" => str_of(v, "v").as_bytes().to_vec(),
        other => panic!("not a bytes/str value: {other}"),
    }
}

/// Python equality with floats compared by bits (so NaN == NaN and -0.0 != 0.0) and dicts compared
/// in order (Python writes and reads insertion order).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        }
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Dict(x), Value::Dict(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
        }
        _ => a == b,
    }
}
