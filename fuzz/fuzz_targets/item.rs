//! The item codec over a schema with every attribute type, keys set: any input decodes or encodes
//! to a result or an error, never a panic. The input is used in the stream form the wasm exports
//! take (decodeItem, encodeItem, encodeValue, itemSize), and when it is UTF-8 in the native API's
//! JSON text, where what encodes must decode back: as a stored item (AttributeValue JSON), as an
//! item (tagged JSON), and as a single value of a top-level attribute chosen by its length.
#![no_main]

use dynamodb_mate::item::{self, Schema};
use libfuzzer_sys::fuzz_target;

const SCHEMA: &str = r#"{"model": "F", "table": "fuzz", "hashKey": "s", "attributes": [
    {"name": "s", "type": "string"},
    {"name": "n", "dbName": "nn", "type": "number", "nullable": true},
    {"name": "i", "type": "number", "number": "int"},
    {"name": "f", "type": "number", "number": "float"},
    {"name": "b", "type": "binary"},
    {"name": "t", "type": "boolean"},
    {"name": "z", "type": "null"},
    {"name": "ss", "type": "stringSet"},
    {"name": "ns", "type": "numberSet", "number": "int"},
    {"name": "bs", "type": "binarySet"},
    {"name": "l", "type": "list"},
    {"name": "lt", "type": "list", "of": {"type": "map", "attributes": [{"name": "x", "type": "datetime", "nullable": true}]}},
    {"name": "m", "type": "map", "attributes": [{"name": "a", "type": "string"}, {"name": "d", "type": "dynamic"}]},
    {"name": "d", "type": "dynamic"},
    {"name": "j", "type": "json"},
    {"name": "dt", "type": "datetime"},
    {"name": "ttl", "type": "ttl"},
    {"name": "v", "type": "version"},
    {"name": "cs", "type": "compressed", "kind": "string", "maxOutput": 65536},
    {"name": "cj", "type": "compressed", "kind": "json", "ensureAscii": false, "maxOutput": 65536},
    {"name": "es", "type": "encrypted", "kind": "string"},
    {"name": "en", "type": "encrypted", "kind": "number", "deterministic": false},
    {"name": "ej", "type": "encrypted", "kind": "json", "legacy": {"deterministic": false}},
    {"name": "eb", "type": "encrypted", "kind": "binary", "format": "pynamodb_mate"},
    {"name": "ei", "type": "encrypted", "kind": "int", "format": "pynamodb_mate", "deterministic": false}
]}"#;

const PATHS: [&str; 8] = ["s", "n", "ns", "lt", "m.d", "j", "es", "ej"];

fn schema() -> Schema {
    let mut schema = Schema::parse(SCHEMA).expect("schema");
    let ring = [1u8; 32]
        .iter()
        .chain(&[2u8; 32])
        .copied()
        .collect::<Vec<u8>>();
    let ids = ["k1".to_string(), "k2".to_string()];
    for name in ["es", "en"] {
        schema
            .set_keys(name, "k2", &ids, &ring, None)
            .expect("keys");
    }
    schema
        .set_keys("ej", "k1", &ids, &ring, Some(&[3; 32]))
        .expect("keys");
    for name in ["eb", "ei"] {
        schema
            .set_keys(name, "p", &["p".to_string()], &[4; 32], None)
            .expect("keys");
    }
    schema
}

thread_local! {
    /// Made once (a schema may cache derived keys, so it need not be Sync).
    static FUZZ_SCHEMA: Schema = schema();
}

/// The item part of encode_item's `{"item":{...},"size":N}`.
fn encoded_item(out: &str) -> &str {
    let end = out.rfind(",\"size\":").expect("size field");
    out.get("{\"item\":".len()..end).expect("item field")
}

fuzz_target!(|data: &[u8]| {
    FUZZ_SCHEMA.with(|schema| {
        run_stream(schema, data);
        if let Ok(text) = core::str::from_utf8(data) {
            run(schema, data.len(), text);
        }
    });
});

/// What production runs: malformed stream input is E_ARGUMENT, never a panic.
fn run_stream(schema: &Schema, data: &[u8]) {
    let _ = item::decode_item_stream(schema, data);
    let _ = item::encode_item_stream(schema, data);
    let path = PATHS[data.len() % PATHS.len()];
    let _ = item::encode_value_stream(schema, path, data, false, None);
    let _ = item::size_stream(data, data.len() % 2 == 1);
}

fn run(schema: &Schema, len: usize, text: &str) {
    let _ = item::decode_item(schema, text);
    if let Ok(out) = item::encode_item(schema, text) {
        if let Err(e) = item::decode_item(schema, encoded_item(&out)) {
            panic!("an encoded item does not decode: {e}");
        }
    }
    let path = PATHS[len % PATHS.len()];
    let _ = item::encode_value(schema, path, text, false, None);
}
