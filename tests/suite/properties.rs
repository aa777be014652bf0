//! Property tests (native only): round trips hold, and no input makes a decoder panic.

use dynamodb_mate::aead::{self, Context};
use dynamodb_mate::kind::Kind;
use dynamodb_mate::pyjson::{self, DumpOptions, Value};
use dynamodb_mate::{base85, datetime, gzip, legacy, value};
use proptest::prelude::*;

const CTX: Context<'static> = Context {
    table: "t",
    attribute: "a",
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
