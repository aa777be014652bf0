//! Whole floats (`1.0`, `1E+2`, `10.0` in JSON text) keep their Python type through a read and a
//! write: where an int could sit, the item codec reads them as `\u0000f` tags (JS: `PythonFloat`)
//! and writes them back as the floats Python wrote, so a Node service that gets and saves an item
//! leaves what Python reads unchanged (pynamodb's own get-and-save keeps `1.0` too).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::item::split;
use super::sealed::{b64, stored};
use dynamodb_mate::item::{self, Schema};
use dynamodb_mate::{gzip, legacy};

/// Every place a number can sit: plain, typed and dynamic containers, JSON text, compressed and
/// encrypted JSON and numbers in both formats.
const PRICES: &str = r#"{"model": "Price", "table": "prices", "hashKey": "id", "attributes": [
  {"name": "id", "type": "string"},
  {"name": "n", "type": "number", "nullable": true},
  {"name": "f", "type": "number", "number": "float", "nullable": true},
  {"name": "i", "type": "number", "number": "int", "nullable": true},
  {"name": "ns", "type": "numberSet", "nullable": true},
  {"name": "lst", "type": "list", "nullable": true},
  {"name": "nums", "type": "list", "of": {"type": "number"}, "nullable": true},
  {"name": "meta", "type": "map", "nullable": true, "attributes": [{"name": "price", "type": "number"}]},
  {"name": "raw", "type": "dynamic", "nullable": true},
  {"name": "doc", "type": "json", "nullable": true},
  {"name": "zdoc", "type": "compressed", "kind": "json", "nullable": true},
  {"name": "edoc", "type": "encrypted", "kind": "json", "nullable": true},
  {"name": "enum", "type": "encrypted", "kind": "number", "nullable": true},
  {"name": "efloat", "type": "encrypted", "kind": "float", "nullable": true},
  {"name": "pdoc", "type": "encrypted", "kind": "json", "format": "pynamodb_mate", "nullable": true},
  {"name": "pnum", "type": "encrypted", "kind": "number", "format": "pynamodb_mate", "nullable": true}
]}"#;

fn prices() -> Schema {
    let mut schema = Schema::parse(PRICES).unwrap();
    let ids = ["k1".to_string()];
    for name in ["edoc", "enum", "efloat"] {
        schema.set_keys(name, "k1", &ids, &[1; 32], None).unwrap();
    }
    let password = legacy::key_from_password("pw");
    for name in ["pdoc", "pnum"] {
        schema.set_keys(name, "k1", &ids, &password, None).unwrap();
    }
    schema
}

fn encode(schema: &Schema, wire: &str) -> String {
    let out = item::encode_item(schema, wire).unwrap_or_else(|e| panic!("{wire}: {e}"));
    split(&out).0.to_owned()
}

#[test]
fn whole_floats_keep_their_type_through_decode_and_encode() {
    let schema = prices();
    // What JS holds after reading (attributes in schema order): a float tag wherever a plain
    // number would read back as an int; `float` attributes and kinds, and -0.0, stay plain.
    let wire = concat!(
        r#"{"id":"a","n":"\u0000f1.0","f":2.0,"i":3,"ns":{"\u0000set":["\u0000f1.0",2,2.5]},"#,
        r#""lst":["\u0000f1.0",2,{"\u0000set":["\u0000f100.0"]},{"p":"\u0000f1e16"},-0.0,1.5],"#,
        r#""nums":["\u0000f10.0",10],"meta":{"price":"\u0000f10.0"},"raw":{"p":"\u0000f0.0","l":["\u0000f-3.0"]},"#,
        r#""doc":{"price":"\u0000f10.0","n":10,"big":"\u0000f1e22","z":-0.0},"zdoc":{"price":"\u0000f10.0"},"#,
        r#""edoc":["\u0000f1.0"],"enum":"\u0000f5.0","efloat":5.0,"pdoc":{"price":"\u0000f10.0"},"pnum":"\u0000f5.0"}"#
    );
    let av = encode(&schema, wire);
    for want in [
        r#""n":{"N":"1.0"}"#,
        r#""ns":{"NS":["1.0","2","2.5"]}"#,
        r#""lst":{"L":[{"N":"1.0"},{"N":"2"},{"NS":["100.0"]},{"M":{"p":{"N":"1e+16"}}},{"N":"-0.0"},{"N":"1.5"}]}"#,
        r#""nums":{"L":[{"N":"10.0"},{"N":"10"}]}"#,
        r#""meta":{"M":{"price":{"N":"10.0"}}}"#,
        r#""raw":{"M":{"p":{"N":"0.0"},"l":{"L":[{"N":"-3.0"}]}}}"#,
        r#""doc":{"S":"{\"price\": 10.0, \"n\": 10, \"big\": 1e+22, \"z\": -0.0}"}"#,
    ] {
        assert!(av.contains(want), "{want} in {av}");
    }
    assert_eq!(
        gzip::decompress(&stored(&av, "zdoc"), 1 << 10).unwrap(),
        b"{\"price\": 10.0}"
    );
    let password = legacy::key_from_password("pw");
    assert_eq!(
        legacy::ecb_decrypt(&password, &stored(&av, "pnum")).unwrap(),
        b"5.0"
    );
    assert_eq!(item::decode_item(&schema, &av).unwrap(), wire);
    // Decoded and written again, the item is byte for byte the same (deterministic encryption).
    assert_eq!(
        encode(&schema, &item::decode_item(&schema, &av).unwrap()),
        av
    );
}

#[test]
fn floats_python_stored_read_as_python_reads_them() {
    let schema = prices();
    let password = legacy::key_from_password("pw");
    let json = b"{\"price\": 10.0, \"n\": 10}";
    // DynamoDB Local keeps N text as sent inside lists and maps, and after an update's SET; Python
    // reads `1E+2` as the float 100.0 and writes it back as `100.0`.
    let stored_item = format!(
        concat!(
            r#"{{"id":{{"S":"a"}},"n":{{"N":"1E+2"}},"lst":{{"L":[{{"N":"1.0"}},{{"NS":["1E+2","3"]}}]}},"#,
            r#""doc":{{"S":"{{\"price\": 10.0, \"n\": 10}}"}},"zdoc":{{"B":"\u0000b{}"}},"#,
            r#""pdoc":{{"B":"\u0000b{}"}},"pnum":{{"B":"\u0000b{}"}}}}"#
        ),
        b64(&gzip::compress(json, 9, 1_700_000_000).unwrap()),
        b64(&legacy::ecb_encrypt(&password, json)),
        b64(&legacy::ecb_encrypt(&password, b"1.0")),
    );
    let wire = item::decode_item(&schema, &stored_item).unwrap();
    assert_eq!(
        wire,
        concat!(
            r#"{"id":"a","n":"\u0000f100.0","ns":{"\u0000set":[]},"#,
            r#""lst":["\u0000f1.0",{"\u0000set":["\u0000f100.0",3]}],"doc":{"price":"\u0000f10.0","n":10},"#,
            r#""zdoc":{"price":"\u0000f10.0","n":10},"pdoc":{"price":"\u0000f10.0","n":10},"pnum":"\u0000f1.0"}"#
        )
    );
    let av = encode(&schema, &wire);
    assert!(av.contains(r#""n":{"N":"100.0"}"#), "{av}");
    assert!(
        av.contains(r#""lst":{"L":[{"N":"1.0"},{"NS":["100.0","3"]}]}"#),
        "{av}"
    );
    assert!(av.contains(r#""doc":{"S":"{\"price\": 10.0, \"n\": 10}"}"#));
    assert_eq!(stored(&av, "pdoc"), legacy::ecb_encrypt(&password, json));
    assert_eq!(stored(&av, "pnum"), legacy::ecb_encrypt(&password, b"1.0"));
}
