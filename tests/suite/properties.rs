//! Property tests (native only): round trips hold, and no input makes a decoder panic.

use dynamodb_mate::aead::{self, Context};
use dynamodb_mate::item::{self, Schema};
use dynamodb_mate::kind::Kind;
use dynamodb_mate::pyjson::{self, DumpOptions, Value};
use dynamodb_mate::{base85, datetime, gzip, legacy, value};
use proptest::prelude::*;
use std::fmt::Write;

const CTX: Context<'static> = Context {
    table: "t",
    attribute: "a",
    item: None,
};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Int(pyjson::Int::from_i128(n.into()))),
        any::<f64>().prop_map(Value::Float),
        ".*".prop_map(Value::Str),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::List),
            prop::collection::btree_map(".*", inner, 0..8)
                .prop_map(|m| Value::Dict(m.into_iter().collect())),
        ]
    })
}

fn same(a: &Value, b: &Value) -> bool {
    super::fixtures::same(a, b)
}

/// The schema of the item round-trip property: every attribute type.
const ITEM_SCHEMA: &str = r#"{"model": "P", "attributes": [
  {"name": "s", "type": "string"},
  {"name": "n", "dbName": "N", "type": "number"},
  {"name": "i", "type": "number", "number": "int"},
  {"name": "f", "type": "number", "number": "float"},
  {"name": "b", "type": "binary", "nullable": true},
  {"name": "t", "type": "boolean", "nullable": true},
  {"name": "ss", "type": "stringSet"},
  {"name": "ns", "type": "numberSet", "number": "int"},
  {"name": "bs", "type": "binarySet"},
  {"name": "l", "type": "list", "nullable": true, "of": {"type": "string"}},
  {"name": "m", "type": "map", "nullable": true, "attributes": [
      {"name": "d", "type": "datetime"}, {"name": "x", "type": "number", "nullable": true}]},
  {"name": "j", "type": "json", "nullable": true},
  {"name": "dt", "type": "datetime"},
  {"name": "ttl", "type": "ttl", "nullable": true},
  {"name": "v", "type": "version", "nullable": true},
  {"name": "d", "type": "dynamic", "nullable": true}]}"#;

const MIN_MICROS: i64 = -62_135_596_800_000_000;
const MAX_MICROS: i64 = 253_402_300_800_000_000;

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                A[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

/// Wire text of a plain JSON value (the form decoding produces).
fn wire(v: &Value) -> String {
    pyjson::to_wire(v)
}

/// A `"float"` number attribute's float as decoding writes it (Ryu's shortest form).
fn float_wire(x: f64) -> String {
    ryu::Buffer::new().format_finite(x).to_string()
}

/// A float read where an int could be (`"auto"` numbers, dynamic values): whole ones are float tags.
fn auto_float_wire(x: f64) -> String {
    wire(&Value::Float(x))
}

fn int_wire(n: i128) -> String {
    wire(&Value::Int(pyjson::Int::from_i128(n)))
}

fn bytes_wire(b: &[u8]) -> String {
    format!("\"\\u0000b{}\"", base64(b))
}

fn set_wire(elements: impl IntoIterator<Item = String>) -> String {
    format!(
        "{{\"\\u0000set\":[{}]}}",
        elements.into_iter().collect::<Vec<_>>().join(",")
    )
}

/// An integer with at most 38 digits (DynamoDB's precision).
fn n38() -> impl Strategy<Value = i128> {
    const MAX: i128 = 99_999_999_999_999_999_999_999_999_999_999_999_999;
    prop_oneof![
        -MAX..=MAX,
        any::<i64>().prop_map(i128::from),
        -1000i128..1000
    ]
}

/// A float DynamoDB can store (0 or magnitude within its exponent range).
fn storable_float() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(-0.0),
        (-1.0f64..1.0, -110i32..110).prop_map(|(m, e)| m * 10f64.powi(e)),
        any::<f64>(),
    ]
    .prop_filter("within DynamoDB's range", |x| {
        *x == 0.0 || (1e-120..1e120).contains(&x.abs())
    })
}

/// A dynamic value in decoded wire form (no top-level null or empty Set, which writes omit).
fn dynamic_wire() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        n38().prop_map(int_wire),
        storable_float().prop_map(auto_float_wire),
        ".*".prop_map(|s| wire(&Value::Str(s))),
        prop::collection::vec(any::<u8>(), 0..24).prop_map(|b| bytes_wire(&b)),
        prop::collection::btree_set(".+", 1..4)
            .prop_map(|s| set_wire(s.into_iter().map(|e| wire(&Value::Str(e))))),
        prop::collection::btree_set(any::<i64>(), 1..4)
            .prop_map(|s| set_wire(s.into_iter().map(|n| int_wire(n.into())))),
        prop::collection::btree_set(prop::collection::vec(any::<u8>(), 1..8), 1..4)
            .prop_map(|s| set_wire(s.iter().map(|b| bytes_wire(b)))),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6)
                .prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::btree_map("[a-z]{0,4}", inner, 0..6).prop_map(|entries| {
                let body: Vec<String> = entries
                    .into_iter()
                    .map(|(k, v)| format!("\"{k}\":{v}"))
                    .collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
    .prop_filter("null is omitted at the top level", |w| w != "null")
}

prop_compose! {
    /// A random item of ITEM_SCHEMA, written exactly as decoding it must give it back.
    fn item_wire()(
        s in ".*",
        n in prop_oneof![n38().prop_map(int_wire), storable_float().prop_map(auto_float_wire)],
        i in n38(),
        f in storable_float(),
        b in prop::option::of(prop::collection::vec(any::<u8>(), 0..40)),
        t in prop::option::of(any::<bool>()),
        ss in prop::collection::btree_set(".+", 0..5),
        ns in prop::collection::btree_set(any::<i64>(), 0..5),
        bs in prop::collection::btree_set(prop::collection::vec(any::<u8>(), 1..12), 0..5),
        l in prop::option::of(prop::collection::vec(".*", 0..5)),
        m in prop::option::of((MIN_MICROS..MAX_MICROS, prop::option::of(n38()))),
        j in prop::option::of(json_value()),
        dt in MIN_MICROS..MAX_MICROS,
        ttl in prop::option::of(-62_135_596_800i64..253_402_300_800),
        v in prop::option::of(any::<i64>()),
        d in prop::option::of(dynamic_wire()),
    ) -> String {
        let mut w = format!("{{\"s\":{},\"n\":{n},\"i\":{},\"f\":{}", wire(&Value::Str(s)), int_wire(i), float_wire(f));
        if let Some(b) = b { let _ = write!(w, ",\"b\":{}", bytes_wire(&b)); }
        if let Some(t) = t { let _ = write!(w, ",\"t\":{t}"); }
        let _ = write!(w, ",\"ss\":{}", set_wire(ss.into_iter().map(|e| wire(&Value::Str(e)))));
        let _ = write!(w, ",\"ns\":{}", set_wire(ns.into_iter().map(|n| int_wire(n.into()))));
        let _ = write!(w, ",\"bs\":{}", set_wire(bs.iter().map(|b| bytes_wire(b))));
        if let Some(l) = l {
            let items: Vec<String> = l.into_iter().map(|e| wire(&Value::Str(e))).collect();
            let _ = write!(w, ",\"l\":[{}]", items.join(","));
        }
        if let Some((d, x)) = m {
            let x = x.map(|x| format!(",\"x\":{}", int_wire(x))).unwrap_or_default();
            let _ = write!(w, ",\"m\":{{\"d\":\"\\u0000d{d}\"{x}}}");
        }
        // A JSON null is a null attribute: omitted.
        if let Some(j) = j.filter(|j| *j != Value::Null) { let _ = write!(w, ",\"j\":{}", wire(&j)); }
        let _ = write!(w, ",\"dt\":\"\\u0000d{dt}\"");
        if let Some(ttl) = ttl { let _ = write!(w, ",\"ttl\":\"\\u0000d{}\"", ttl * 1_000_000); }
        if let Some(v) = v { let _ = write!(w, ",\"v\":{}", int_wire(v.into())); }
        if let Some(d) = d { let _ = write!(w, ",\"d\":{d}"); }
        w.push('}');
        w
    }
}

proptest! {
    #[test]
    fn gzip_round_trips(data in prop::collection::vec(any::<u8>(), 0..4096), level in 0u32..=9) {
        let packed = gzip::compress(&data, level, 0).unwrap();
        prop_assert_eq!(gzip::decompress(&packed, data.len()).unwrap(), data);
    }

    #[test]
    fn decoders_never_panic(data in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = gzip::decompress(&data, 1 << 16);
        let _ = legacy::ecb_decrypt(&[1; 32], &data);
        let _ = legacy::ctr_decrypt(&[1; 32], &data);
        let _ = aead::decrypt(&[1; 32], CTX, &data);
        let _ = aead::key_id(&data);
        let text = String::from_utf8_lossy(&data);
        let _ = base85::decode(&text);
        let _ = pyjson::loads(&text);
        let _ = pyjson::from_wire(&text);
        let _ = datetime::parse(&text);
        for kind in ["string", "binary", "number", "int", "float", "json"] {
            let kind = Kind::parse(kind).unwrap();
            let _ = value::decompress(kind, &data, 1 << 16);
            let _ = value::legacy_decrypt(&[1; 32], kind, &data, true);
            let _ = value::aead_decrypt(&[1; 32], CTX, kind, &data);
        }
    }

    #[test]
    fn item_round_trips(wire in item_wire()) {
        let schema = Schema::parse(ITEM_SCHEMA).unwrap();
        let encoded = item::encode_item(&schema, &wire).unwrap();
        let (av, size) = super::item::split(&encoded);
        prop_assert!(size <= item::MAX_ITEM_SIZE);
        prop_assert_eq!(item::item_size(av), Ok(size)); // the stored AttributeValues size the same
        prop_assert_eq!(item::decode_item(&schema, av).unwrap(), wire);
    }

    #[test]
    fn item_codec_never_panics(data in prop::collection::vec(any::<u8>(), 0..512), path in "[a-z.]{0,6}", element in any::<bool>()) {
        let text = String::from_utf8_lossy(&data);
        let _ = Schema::parse(&text);
        for schema in [Schema::parse(ITEM_SCHEMA).unwrap(), super::item::page()] {
            let _ = item::encode_item(&schema, &text);
            let _ = item::decode_item(&schema, &text);
            let _ = item::encode_value(&schema, &path, &text, element, None);
        }
        let _ = item::item_size(&text);
        let _ = item::size_stream(&data, element);
    }

    #[test]
    fn edited_items_never_panic(wire in item_wire(), at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<bool>()) {
        let schema = Schema::parse(ITEM_SCHEMA).unwrap();
        let encoded = item::encode_item(&schema, &wire).unwrap();
        let av = super::item::split(&encoded).0.to_owned();
        for text in [wire, av] {
            let mut bytes = text.into_bytes();
            let i = at.index(bytes.len());
            if cut { bytes.truncate(i) } else { bytes[i] = byte }
            let text = String::from_utf8_lossy(&bytes);
            let _ = item::encode_item(&schema, &text);
            let _ = item::decode_item(&schema, &text);
            let _ = item::item_size(&text);
            let _ = item::value_size(&text);
        }
    }

    #[test]
    fn truncated_gzip_never_panics(data in prop::collection::vec(any::<u8>(), 0..2048), cut in any::<prop::sample::Index>()) {
        let packed = gzip::compress(&data, 6, 0).unwrap();
        let cut = cut.index(packed.len());
        prop_assert!(gzip::decompress(&packed[..cut], 1 << 16).is_err());
    }

    #[test]
    fn json_dumps_loads_round_trip(v in json_value(), ascii in any::<bool>()) {
        let text = pyjson::dumps(&v, &DumpOptions { ensure_ascii: ascii, ..DumpOptions::default() }).unwrap();
        prop_assert!(same(&pyjson::loads(&text).unwrap(), &v));
        let wire = pyjson::to_wire(&v);
        prop_assert!(same(&pyjson::from_wire(&wire).unwrap(), &v));
    }

    #[test]
    fn float_repr_round_trips(x in any::<f64>()) {
        let text = pyjson::float_repr(x);
        if x.is_finite() {
            prop_assert_eq!(text.parse::<f64>().unwrap().to_bits(), x.to_bits());
        }
    }

    #[test]
    fn base85_round_trips(data in prop::collection::vec(any::<u8>(), 0..256)) {
        prop_assert_eq!(base85::decode(&base85::encode(&data)).unwrap(), data);
    }

    #[test]
    fn datetime_round_trips(micros in -62_135_596_800_000_000i64..253_402_300_800_000_000) {
        prop_assert_eq!(datetime::parse(&datetime::format(micros).unwrap()).unwrap(), micros);
    }

    #[test]
    fn ciphers_round_trip(data in prop::collection::vec(any::<u8>(), 0..300), det in any::<bool>()) {
        let stored = value::legacy_encrypt(&[3; 32], Kind::Binary, &data, det).unwrap();
        prop_assert_eq!(value::legacy_decrypt(&[3; 32], Kind::Binary, &stored, det).unwrap(), data.clone());
        let sealed = value::aead_encrypt(&[3; 32], "id", CTX, Kind::Binary, &data, det).unwrap();
        prop_assert_eq!(value::aead_decrypt(&[3; 32], CTX, Kind::Binary, &sealed).unwrap(), data);
    }
}
