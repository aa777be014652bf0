//! Everything pynamodb_mate 5.3.4.4 and 6.0.1.1 wrote (fixtures from the real library) reads back
//! here, and what must be byte-exact is: ECB ciphertexts, `json.dumps`, float repr, base85,
//! datetimes, password keys. (Python reading our gzip and CTR output is checked live by
//! `tests/interop/check_readable.py`.)

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::fixtures::*;
use dynamodb_mate::kind::Kind;
use dynamodb_mate::pyjson::{self, DumpOptions, Value};
use dynamodb_mate::{base85, datetime, hash, legacy, value};

fn both() -> [(&'static str, Value); 2] {
    [("5.3.4.4", load(PM5)), ("6.0.1.1", load(PM6))]
}

fn kind_of(entry: &Value) -> Kind {
    Kind::parse(str_of(entry, "kind")).unwrap()
}

/// The value bytes our codec takes for an entry: UTF-8, raw bytes, or wire JSON.
fn value_bytes(kind: Kind, v: &Value) -> Vec<u8> {
    match kind {
        Kind::String | Kind::Binary => tagged_bytes(v),
        _ => pyjson::to_wire(&tagged(v)).into_bytes(),
    }
}

fn assert_value(kind: Kind, decoded: Vec<u8>, want: &Value, what: &str) {
    match kind {
        Kind::String | Kind::Binary => assert_eq!(decoded, tagged_bytes(want), "{what}"),
        _ => {
            let got = pyjson::from_wire(std::str::from_utf8(&decoded).unwrap()).unwrap();
            assert!(same(&got, &tagged(want)), "{what}: {got:?}");
        }
    }
}

#[test]
fn compressed_values_read_and_round_trip() {
    for (version, f) in both() {
        let entries = list_of(&f, "compressed");
        assert!(
            entries.len() >= 30,
            "{version}: too few compressed fixtures"
        );
        for (i, e) in entries.iter().enumerate() {
            let what = format!("{version} compressed #{i} {}", str_of(e, "class"));
            let kind = kind_of(e);
            let stored = unhex(str_of(e, "stored_hex"));
            let want = get(e, "value");
            assert_value(
                kind,
                value::decompress(kind, &stored, 1 << 26).unwrap(),
                want,
                &what,
            );
            let ours = value::compress(kind, &value_bytes(kind, want), 9, true).unwrap();
            assert_value(
                kind,
                value::decompress(kind, &ours, 1 << 26).unwrap(),
                want,
                &what,
            );
        }
    }
}

#[test]
fn encrypted_values_decrypt_and_ecb_is_byte_exact() {
    for (version, f) in both() {
        let entries = list_of(&f, "encrypted");
        assert!(entries.len() >= 40, "{version}: too few encrypted fixtures");
        let mut deterministic = 0;
        for (i, e) in entries.iter().enumerate() {
            let what = format!("{version} encrypted #{i} {}", str_of(e, "class"));
            let kind = kind_of(e);
            let det = bool_of(e, "deterministic");
            let key = legacy::key_from_password(str_of(e, "password"));
            let stored = unhex(str_of(e, "stored_hex"));
            let want = get(e, "value");
            assert_value(
                kind,
                value::legacy_decrypt(&key, kind, &stored, det).unwrap(),
                want,
                &what,
            );
            // Python's EncryptedNumberAttribute also takes bools; plaintext rules equal json's.
            let write_kind = if matches!(kind, Kind::Number) {
                Kind::Json
            } else {
                kind
            };
            let ours = value::legacy_encrypt(&key, write_kind, &value_bytes(write_kind, want), det)
                .unwrap();
            if det {
                deterministic += 1;
                assert_eq!(
                    hash::hex(&ours),
                    hash::hex(&stored),
                    "{what}: ECB bytes differ from Python's"
                );
            } else {
                assert_value(
                    kind,
                    value::legacy_decrypt(&key, kind, &ours, false).unwrap(),
                    want,
                    &what,
                );
            }
        }
        assert!(
            deterministic >= 20,
            "{version}: too few deterministic fixtures"
        );
    }
}

#[test]
fn json_dumps_is_byte_exact() {
    for (version, f) in both() {
        for (i, e) in list_of(&f, "json_dumps").iter().enumerate() {
            let seps = list_of(e, "separators");
            let (Value::Str(item), Value::Str(key)) = (&seps[0], &seps[1]) else {
                panic!("separators")
            };
            let options = DumpOptions {
                ensure_ascii: bool_of(e, "ensure_ascii"),
                item_separator: item,
                key_separator: key,
                sort_keys: bool_of(e, "sort_keys"),
            };
            let got = pyjson::dumps(&tagged(get(e, "value")), &options).unwrap();
            assert_eq!(got, str_of(e, "out"), "{version} json_dumps #{i}");
        }
    }
}

#[test]
fn float_repr_matches_python() {
    for (version, f) in both() {
        let cases = list_of(&f, "float_repr");
        assert!(cases.len() >= 1000, "{version}: too few floats");
        for e in cases {
            let x = f64::from_bits(u64::from_str_radix(str_of(e, "bits"), 16).unwrap());
            assert_eq!(
                pyjson::float_repr(x),
                str_of(e, "repr"),
                "{version} bits {}",
                str_of(e, "bits")
            );
        }
    }
}

#[test]
fn json_loads_matches_python() {
    for (version, f) in both() {
        for (i, e) in list_of(&f, "json_loads").iter().enumerate() {
            let parsed = pyjson::loads(str_of(e, "text"));
            if bool_of(e, "rejects") {
                // Raw control characters are refused only by strict=True; like pynamodb_mate 5.x
                // (strict=False) this reader accepts them, so those cases are not rejections here.
                if !bool_of(e, "strict") {
                    assert!(
                        parsed.is_err(),
                        "{version} json_loads #{i} should be rejected"
                    );
                }
            } else {
                let got = parsed.unwrap_or_else(|e| panic!("{version} json_loads #{i}: {e}"));
                assert!(
                    same(&got, &tagged(get(e, "value"))),
                    "{version} json_loads #{i}: {got:?}"
                );
            }
        }
    }
}

#[test]
fn base85_matches_python() {
    for (version, f) in both() {
        for (i, e) in list_of(&f, "base85").iter().enumerate() {
            let text = str_of(e, "text");
            if bool_of(e, "rejects") {
                assert!(
                    base85::decode(text).is_err(),
                    "{version} base85 #{i} should be rejected"
                );
            } else {
                let bytes = unhex(str_of(e, "hex"));
                // Python decodes some texts its encoder never writes (a dangling last digit).
                if !bool_of(e, "decode_only") {
                    assert_eq!(base85::encode(&bytes), text, "{version} base85 #{i}");
                }
                assert_eq!(
                    base85::decode(text).unwrap(),
                    bytes,
                    "{version} base85 #{i}"
                );
            }
        }
    }
}

#[test]
fn datetime_matches_pynamodb() {
    for (version, f) in both() {
        for (i, e) in list_of(&f, "datetime").iter().enumerate() {
            let text = str_of(e, "text");
            if bool_of(e, "rejects") {
                assert!(
                    datetime::parse(text).is_err(),
                    "{version} datetime #{i} should be rejected"
                );
            } else if bool_of(e, "noncanonical") {
                // pynamodb's lax reader (zfill + int) takes shapes its writer never produces; this
                // reader is strict, but must never read such a text as a different instant.
                let micros: i64 = str_of(e, "epoch_micros").parse().unwrap();
                assert!(
                    datetime::parse(text).map_or(true, |m| m == micros),
                    "{version} datetime #{i}"
                );
            } else {
                let micros: i64 = str_of(e, "epoch_micros").parse().unwrap();
                assert_eq!(
                    datetime::format(micros).unwrap(),
                    text,
                    "{version} datetime #{i}"
                );
                assert_eq!(
                    datetime::parse(text).unwrap(),
                    micros,
                    "{version} datetime #{i}"
                );
            }
        }
    }
}

#[test]
fn password_keys_match() {
    for (version, f) in both() {
        for e in list_of(&f, "key_from_password") {
            let key = legacy::key_from_password(str_of(e, "password"));
            assert_eq!(hash::hex(&key), str_of(e, "key_hex"), "{version}");
        }
    }
}
