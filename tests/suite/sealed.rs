//! Compressed and encrypted attributes in the item codec: what they store (byte-exact with
//! pynamodb_mate where it matters), that keys must be set first, rotation, legacy reading, and an
//! error code per way a stored value can be wrong, naming model and attribute but never the value.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use dynamodb_mate::item::{self, Schema};
use dynamodb_mate::{aead, gzip, legacy, ErrorCode};

const SECRET: &str = "s3cr3t-plaintext";
const K1: [u8; 32] = [1; 32];
const K2: [u8; 32] = [2; 32];

const VAULT: &str = r#"{"model": "Vault", "table": "vaults", "hashKey": "id", "attributes": [
  {"name": "id", "type": "string"},
  {"name": "body", "type": "compressed", "kind": "string", "nullable": true},
  {"name": "blob", "type": "compressed", "kind": "binary", "nullable": true},
  {"name": "doc", "type": "compressed", "kind": "json", "nullable": true},
  {"name": "doc5", "type": "compressed", "kind": "json", "ensureAscii": false, "nullable": true},
  {"name": "small", "type": "compressed", "kind": "string", "maxOutput": 8, "nullable": true},
  {"name": "email", "dbName": "e", "type": "encrypted", "kind": "string", "nullable": true},
  {"name": "note", "type": "encrypted", "kind": "string", "deterministic": false, "nullable": true},
  {"name": "n", "type": "encrypted", "kind": "int", "nullable": true},
  {"name": "x", "type": "encrypted", "kind": "float", "nullable": true},
  {"name": "pm", "type": "encrypted", "kind": "json", "format": "pynamodb_mate", "nullable": true},
  {"name": "pmr", "type": "encrypted", "kind": "binary", "format": "pynamodb_mate", "deterministic": false, "nullable": true},
  {"name": "moving", "type": "encrypted", "kind": "string", "legacy": {"deterministic": true}, "nullable": true}
]}"#;

fn vault() -> Schema {
    let mut schema = Schema::parse(VAULT).unwrap();
    for name in ["email", "note", "n", "x"] {
        schema
            .set_keys(name, "k1", &ids(&["k1"]), &K1, None)
            .unwrap();
    }
    schema
        .set_keys("pm", "pw", &ids(&["pw"]), &password(), None)
        .unwrap();
    schema
        .set_keys("pmr", "pw", &ids(&["pw"]), &password(), None)
        .unwrap();
    schema
        .set_keys("moving", "k1", &ids(&["k1"]), &K1, Some(&password()))
        .unwrap();
    schema
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn password() -> [u8; 32] {
    legacy::key_from_password("pw")
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(super) fn b64(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let word = chunk
            .iter()
            .enumerate()
            .fold(0u32, |w, (i, &b)| w | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                B64[(word >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

fn unb64(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let word = chunk.iter().fold(0u32, |w, &c| {
            w << 6 | B64.iter().position(|&x| x == c).unwrap_or(0) as u32
        });
        let pad = chunk.iter().filter(|&&c| c == b'=').count();
        out.extend_from_slice(&word.to_be_bytes()[1..4 - pad]);
    }
    out
}

/// The stored bytes of attribute `db_name` in an encode_item result.
pub(super) fn stored(encoded: &str, db_name: &str) -> Vec<u8> {
    let start = encoded
        .find(&format!("\"{db_name}\":{{\"B\":\"\\u0000b"))
        .expect(db_name)
        + db_name.len()
        + 16;
    unb64(&encoded[start..start + encoded[start..].find('"').unwrap()])
}

/// A stored item of one B attribute.
fn item_b(db_name: &str, bytes: &[u8]) -> String {
    format!(
        r#"{{"id":{{"S":"i"}},"{db_name}":{{"B":"\u0000b{}"}}}}"#,
        b64(bytes)
    )
}

fn encode(schema: &Schema, extra: &str) -> String {
    item::encode_item(schema, &format!(r#"{{"id":"i",{extra}}}"#))
        .unwrap_or_else(|e| panic!("{extra}: {e}"))
}

fn decode_code(schema: &Schema, db_name: &str, bytes: &[u8]) -> (ErrorCode, String) {
    let e = item::decode_item(schema, &item_b(db_name, bytes)).unwrap_err();
    assert!(!e.to_string().contains(SECRET), "{e}");
    (e.code(), e.to_string())
}

#[test]
fn compressed_values_round_trip_as_gzip() {
    let s = vault();
    let wire = format!(
        r#""body":"{SECRET} é😀","blob":"\u0000bAAH/","doc":{{"é":[1,1.5,null,"\u0000i123456789012345678901"]}},"doc5":{{"é":1}}"#
    );
    let out = encode(&s, &wire);
    let body = stored(&out, "body");
    assert_eq!(
        &body[..10],
        &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff],
        "MTIME 0, level 9"
    );
    assert_eq!(
        gzip::decompress(&body, 1 << 20).unwrap(),
        format!("{SECRET} é😀").as_bytes()
    );
    assert_eq!(
        gzip::decompress(&stored(&out, "blob"), 99).unwrap(),
        [0, 1, 255]
    );
    // 6.x's json.dumps escapes non-ASCII (the default); ensureAscii false is 5.3.4.4's raw UTF-8.
    let doc = gzip::decompress(&stored(&out, "doc"), 99).unwrap();
    assert_eq!(doc, br#"{"\u00e9": [1, 1.5, null, 123456789012345678901]}"#);
    assert_eq!(
        gzip::decompress(&stored(&out, "doc5"), 99).unwrap(),
        "{\"é\": 1}".as_bytes()
    );
    // Size: B values count their bytes.
    let (_, size) = out.rsplit_once("\"size\":").unwrap();
    let expected = ["body", "blob", "doc", "doc5"]
        .iter()
        .map(|name| name.len() + stored(&out, name).len())
        .sum::<usize>()
        + "id".len()
        + 1;
    assert_eq!(
        size.trim_end_matches('}').parse::<usize>().unwrap(),
        expected
    );

    let item = out
        .strip_prefix("{\"item\":")
        .unwrap()
        .rsplit_once(",\"size\"")
        .unwrap()
        .0;
    assert_eq!(
        item::decode_item(&s, item).unwrap(),
        format!(
            r#"{{"id":"i","body":"{SECRET} é😀","blob":"\u0000bAAH/","doc":{{"é":[1,1.5,null,"\u0000i123456789012345678901"]}},"doc5":{{"é":1}}}}"#
        )
    );
}

#[test]
fn compressed_reads_any_gzip_python_writes() {
    let s = vault();
    // Python: a real MTIME, and 5.3.4.4's raw UTF-8 JSON in a 6.x-style attribute.
    let python = gzip::compress("{\"é\": [1.0, NaN]}".as_bytes(), 9, 1_700_000_000).unwrap();
    assert_eq!(
        item::decode_item(&s, &item_b("doc", &python)).unwrap(),
        r#"{"id":"i","doc":{"é":["\u0000f1.0","\u0000fNaN"]}}"#
    );
    // Two members, as Python reads them.
    let mut two = gzip::compress(b"ab", 9, 5).unwrap();
    two.extend(gzip::compress(b"cd", 1, 6).unwrap());
    assert_eq!(
        item::decode_item(&s, &item_b("body", &two)).unwrap(),
        r#"{"id":"i","body":"abcd"}"#
    );
}

#[test]
fn compressed_faults_name_the_attribute() {
    let s = vault();
    let good = gzip::compress(SECRET.as_bytes(), 9, 0).unwrap();
    let corrupt = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0];
    for (bytes, code, at) in [
        (SECRET.as_bytes().to_vec(), ErrorCode::GzipHeader, "body"),
        (
            good[..good.len() - 3].to_vec(),
            ErrorCode::GzipTruncated,
            "body",
        ),
        (corrupt, ErrorCode::GzipData, "body"),
        // A bomb: more plaintext than the attribute's maxOutput (8 bytes here).
        (good.clone(), ErrorCode::GzipTooLarge, "small"),
        (
            gzip::compress(&[0xff, 0xfe], 9, 0).unwrap(),
            ErrorCode::ItemStored,
            "body",
        ),
        (
            gzip::compress(SECRET.as_bytes(), 9, 0).unwrap(),
            ErrorCode::ItemStored,
            "doc",
        ),
    ] {
        let (got, message) = decode_code(&s, at, &bytes);
        assert_eq!(got, code, "{message}");
        assert!(message.contains(&format!(": Vault.{at}: ")), "{message}");
    }
    for (extra, code, message) in [
        (
            r#""body":1"#,
            ErrorCode::ItemType,
            "E_ITEM_TYPE: Vault.body: expected a string, got a number (compressed attribute)",
        ),
        (
            r#""blob":"x""#,
            ErrorCode::ItemType,
            "E_ITEM_TYPE: Vault.blob: expected a Uint8Array, got a string (compressed attribute)",
        ),
        (
            r#""doc":"\u0000bAA==""#,
            ErrorCode::ItemType,
            "E_ITEM_TYPE: Vault.doc: a Uint8Array is not JSON (json attribute)",
        ),
    ] {
        let e = item::encode_item(&s, &format!(r#"{{"id":"i",{extra}}}"#)).unwrap_err();
        assert_eq!((e.code(), e.to_string().as_str()), (code, message));
    }
}

#[test]
fn keys_must_be_set_before_encrypting() {
    let s = Schema::parse(VAULT).unwrap();
    for wire in [r#""email":"a""#, r#""pm":1"#] {
        let e = item::encode_item(&s, &format!(r#"{{"id":"i",{wire}}}"#)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::KeyNotSet, "{e}");
    }
    assert_eq!(decode_code(&s, "e", &[1; 40]).0, ErrorCode::KeyNotSet);
    assert_eq!(
        item::encode_value(&s, "email", r#""a""#, false, None)
            .unwrap_err()
            .code(),
        ErrorCode::KeyNotSet
    );
    // Other attributes work without keys.
    assert!(item::encode_item(&s, r#"{"id":"i","body":"x"}"#).is_ok());
}

#[test]
fn deterministic_aead_is_stable_bound_and_equal_to_encode_value() {
    let s = vault();
    let a = stored(&encode(&s, r#""email":"alice@example.com""#), "e");
    assert_eq!(
        a,
        stored(&encode(&s, r#""email":"alice@example.com""#), "e")
    );
    assert_ne!(a, stored(&encode(&s, r#""email":"bob@example.com""#), "e"));
    assert_eq!(aead::key_id(&a).unwrap(), "k1");
    // Bound to table "vaults" and the DynamoDB name "e".
    let ctx = aead::Context {
        table: "vaults",
        attribute: "e",
        item: None,
    };
    assert_eq!(aead::decrypt(&K1, ctx, &a).unwrap(), b"alice@example.com");
    // Conditions compare exactly what a write stores.
    let value = item::encode_value(&s, "email", r#""alice@example.com""#, false, None).unwrap();
    assert_eq!(value, format!(r#"{{"B":"\u0000b{}"}}"#, b64(&a)));
    // Randomized values differ every time and still read back.
    let n1 = stored(&encode(&s, r#""note":"hi""#), "note");
    let n2 = stored(&encode(&s, r#""note":"hi""#), "note");
    assert_ne!(n1, n2);
    assert_eq!(
        item::decode_item(&s, &item_b("note", &n1)).unwrap(),
        r#"{"id":"i","note":"hi"}"#
    );
}

#[test]
fn randomized_aead_is_bound_to_the_items_key() {
    let s = vault();
    let note = stored(&encode(&s, r#""note":"hi""#), "note");
    // The envelope's item part: the canonical key bytes (`docs/envelope.md`).
    let ctx = aead::Context {
        table: "vaults",
        attribute: "note",
        item: Some(b"\0\0\0\x02idS\0\0\0\x01i"),
    };
    assert_eq!(aead::decrypt(&K1, ctx, &note).unwrap(), b"hi");
    // Copied into the same attribute of another item, or read without the item: E_AEAD_CONTEXT.
    let elsewhere = r#"{"id":{"S":"j"},"note":{"B":"\u0000b"#.to_string() + &b64(&note) + r#""}}"#;
    let e = item::decode_item(&s, &elsewhere).unwrap_err();
    assert_eq!(e.code(), ErrorCode::AeadContext, "{e}");
    assert!(
        e.to_string().starts_with("E_AEAD_CONTEXT: Vault.note: "),
        "{e}"
    );
    let unbound = aead::Context { item: None, ..ctx };
    assert_eq!(
        aead::decrypt(&K1, unbound, &note).unwrap_err().code(),
        ErrorCode::AeadContext
    );
    let keyless = format!(r#"{{"note":{{"B":"\u0000b{}"}}}}"#, b64(&note));
    let e = item::decode_item(&s, &keyless).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ItemRequired, "{e}");
    assert!(e.to_string().contains("key attribute id"), "{e}");
    // Another table with the same key and attribute.
    let mut other = Schema::parse(&VAULT.replace("\"vaults\"", "\"other\"")).unwrap();
    other
        .set_keys("note", "k1", &ids(&["k1"]), &K1, None)
        .unwrap();
    assert_eq!(decode_code(&other, "note", &note).0, ErrorCode::AeadContext);
    // Deterministic values are not bound to the item: equality across items needs that.
    let email = stored(&encode(&s, r#""email":"a@b.c""#), "e");
    let moved = format!(
        r#"{{"id":{{"S":"j"}},"e":{{"B":"\u0000b{}"}}}}"#,
        b64(&email)
    );
    assert_eq!(
        item::decode_item(&s, &moved).unwrap(),
        r#"{"id":"j","email":"a@b.c"}"#
    );
    // Update operands: the item's key comes as AttributeValues; without it, E_ARGUMENT.
    let e = item::encode_value(&s, "note", r#""yo""#, false, None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Argument, "{e}");
    let value =
        item::encode_value(&s, "note", r#""yo""#, false, Some(r#"{"id":{"S":"i"}}"#)).unwrap();
    let bytes = unb64(&value[value.find("\\u0000b").unwrap() + 7..value.len() - 2]);
    assert_eq!(aead::decrypt(&K1, ctx, &bytes).unwrap(), b"yo");
}

#[test]
fn number_keys_bind_as_dynamodb_normalizes_them() {
    let mut s = Schema::parse(
        r#"{"model": "Pair", "table": "pairs", "hashKey": "id", "rangeKey": "at", "attributes": [
      {"name": "id", "type": "binary"},
      {"name": "at", "dbName": "t", "type": "number", "number": "float"},
      {"name": "note", "type": "encrypted", "kind": "string", "deterministic": false, "nullable": true}]}"#,
    )
    .unwrap();
    s.set_keys("note", "k1", &ids(&["k1"]), &K1, None).unwrap();
    let written = item::encode_item(&s, r#"{"id":"\u0000bAAE=","at":100.0,"note":"hi"}"#).unwrap();
    assert!(written.contains(r#""t":{"N":"100.0"}"#), "{written}");
    let note = b64(&stored(&written, "note"));
    // Read back as written (moto), as DynamoDB normalizes it, or in any equal form.
    for n in ["100.0", "100", "1e2", "1.00E+2"] {
        let back = format!(
            r#"{{"id":{{"B":"\u0000bAAE="}},"t":{{"N":"{n}"}},"note":{{"B":"\u0000b{note}"}}}}"#
        );
        assert!(
            item::decode_item(&s, &back)
                .unwrap()
                .ends_with(r#""note":"hi"}"#),
            "{n}"
        );
    }
    for (id, n) in [("AAE=", "100.5"), ("AAI=", "100")] {
        let moved = format!(
            r#"{{"id":{{"B":"\u0000b{id}"}},"t":{{"N":"{n}"}},"note":{{"B":"\u0000b{note}"}}}}"#
        );
        let e = item::decode_item(&s, &moved).unwrap_err();
        assert_eq!(e.code(), ErrorCode::AeadContext, "{id} {n}");
    }
}

#[test]
fn randomized_aead_needs_the_schemas_hash_key() {
    let e = Schema::parse(&VAULT.replace(r#""hashKey": "id", "#, "")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Schema);
    assert!(e.to_string().contains("\"hashKey\""), "{e}");
    for bad in [
        r#""hashKey": "nope""#,
        r#""hashKey": "note""#,
        r#""hashKey": 1"#,
    ] {
        let e = Schema::parse(&VAULT.replace(r#""hashKey": "id""#, bad)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::Schema, "{bad}");
    }
}

#[test]
fn numbers_keep_pythons_int_and_float_plaintext() {
    let s = vault();
    let ctx = |a| aead::Context {
        table: "vaults",
        attribute: a,
        item: None,
    };
    for (attr, wire, plain, back) in [
        ("n", "7", "7", "7"),
        ("n", "2.0", "2", "2"),
        (
            "n",
            r#""\u0000i123456789012345678901""#,
            "123456789012345678901",
            r#""\u0000i123456789012345678901""#,
        ),
        ("x", "3", "3.0", "3.0"),
        ("x", "1e16", "1e+16", "1e16"),
        ("x", "0.1", "0.1", "0.1"),
    ] {
        let bytes = stored(&encode(&s, &format!(r#""{attr}":{wire}"#)), attr);
        assert_eq!(
            aead::decrypt(&K1, ctx(attr), &bytes).unwrap(),
            plain.as_bytes(),
            "{attr} {wire}"
        );
        assert_eq!(
            item::decode_item(&s, &item_b(attr, &bytes)).unwrap(),
            format!(r#"{{"id":"i","{attr}":{back}}}"#)
        );
    }
    let e = item::encode_item(&s, r#"{"id":"i","n":1.5}"#).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ItemValue, "{e}");
    let e = item::encode_item(&s, r#"{"id":"i","n":"7"}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "E_ITEM_TYPE: Vault.n: expected a number or BigInt, got a string (encrypted attribute)"
    );
    // A stored fraction in an int attribute is not read as an int.
    let frac = aead::encrypt(&K1, "k1", ctx("n"), b"1.5", true, &[0; 12]).unwrap();
    assert_eq!(decode_code(&s, "n", &frac).0, ErrorCode::ItemStored);
}

#[test]
fn pynamodb_mate_format_is_pythons_bytes() {
    let s = vault();
    let key = password();
    // ECB of json.dumps(value) (ASCII): byte-exact, so Python finds it with an equality scan.
    let bytes = stored(&encode(&s, r#""pm":{"é":[1,2.5]}"#), "pm");
    assert_eq!(bytes, legacy::ecb_encrypt(&key, br#"{"\u00e9": [1, 2.5]}"#));
    assert_eq!(
        item::decode_item(&s, &item_b("pm", &bytes)).unwrap(),
        r#"{"id":"i","pm":{"é":[1,2.5]}}"#
    );
    // CTR: Python's JSON envelope, random nonce.
    let ctr = stored(&encode(&s, r#""pmr":"\u0000bAAEC""#), "pmr");
    assert!(ctr.starts_with(b"{\"nonce\": \""));
    assert_eq!(legacy::ctr_decrypt(&key, &ctr).unwrap(), [0, 1, 2]);
    assert_eq!(
        item::decode_item(&s, &item_b("pmr", &ctr)).unwrap(),
        r#"{"id":"i","pmr":"\u0000bAAEC"}"#
    );
    assert_eq!(
        decode_code(
            &s,
            "pm",
            &legacy::ecb_encrypt(&legacy::key_from_password("other"), b"1")
        )
        .0,
        ErrorCode::LegacyPadding
    );
}

#[test]
fn ciphertexts_are_bound_to_table_attribute_and_key() {
    let s = vault();
    let a = stored(&encode(&s, &format!(r#""email":"{SECRET}""#)), "e");
    // Copied into another attribute of the same item, or the same attribute of another table.
    let (code, message) = decode_code(&s, "moving", &a);
    assert_eq!(code, ErrorCode::AeadContext);
    assert!(
        message.starts_with("E_AEAD_CONTEXT: Vault.moving: "),
        "{message}"
    );
    let mut other = Schema::parse(&VAULT.replace("\"vaults\"", "\"other\"")).unwrap();
    other
        .set_keys("email", "k1", &ids(&["k1"]), &K1, None)
        .unwrap();
    assert_eq!(decode_code(&other, "e", &a).0, ErrorCode::AeadContext);
    // Same key id, another key.
    let mut wrong = Schema::parse(VAULT).unwrap();
    wrong
        .set_keys("email", "k1", &ids(&["k1"]), &K2, None)
        .unwrap();
    assert_eq!(decode_code(&wrong, "e", &a).0, ErrorCode::AeadWrongKey);
    // A key id the keyring does not hold.
    let mut rotated_out = Schema::parse(VAULT).unwrap();
    rotated_out
        .set_keys("email", "k2", &ids(&["k2"]), &K2, None)
        .unwrap();
    assert_eq!(
        decode_code(&rotated_out, "e", &a).0,
        ErrorCode::AeadUnknownKeyId
    );
    let mut tampered = a.clone();
    *tampered.last_mut().unwrap() ^= 1;
    assert_eq!(decode_code(&s, "e", &tampered).0, ErrorCode::AeadTampered);
    assert_eq!(
        decode_code(&s, "e", &a[..a.len() - 1]).0,
        ErrorCode::AeadTruncated
    );
    assert_eq!(
        decode_code(&s, "e", b"not an envelope").0,
        ErrorCode::AeadFormat
    );
}

#[test]
fn rotation_reads_old_ids_and_writes_the_current_one() {
    let mut s = vault();
    let old = stored(&encode(&s, r#""email":"a""#), "e");
    let keys: Vec<u8> = K1.iter().chain(K2.iter()).copied().collect();
    s.set_keys("email", "k2", &ids(&["k1", "k2"]), &keys, None)
        .unwrap();
    let new = stored(&encode(&s, r#""email":"a""#), "e");
    assert_eq!(aead::key_id(&new).unwrap(), "k2");
    for bytes in [old, new] {
        assert_eq!(
            item::decode_item(&s, &item_b("e", &bytes)).unwrap(),
            r#"{"id":"i","email":"a"}"#
        );
    }
}

#[test]
fn a_migrating_attribute_reads_legacy_bytes_and_writes_aead() {
    let s = vault();
    let ecb = legacy::ecb_encrypt(&password(), b"old value");
    assert_eq!(
        item::decode_item(&s, &item_b("moving", &ecb)).unwrap(),
        r#"{"id":"i","moving":"old value"}"#
    );
    let new = stored(&encode(&s, r#""moving":"old value""#), "moving");
    assert_eq!(aead::key_id(&new).unwrap(), "k1");
    assert_eq!(
        item::decode_item(&s, &item_b("moving", &new)).unwrap(),
        r#"{"id":"i","moving":"old value"}"#
    );
    // A damaged envelope stays an aead error; bytes that are neither are the legacy cipher's error.
    let mut tampered = new.clone();
    *tampered.last_mut().unwrap() ^= 1;
    assert_eq!(
        decode_code(&s, "moving", &tampered).0,
        ErrorCode::AeadTampered
    );
    assert_eq!(
        decode_code(&s, "moving", &[9; 15]).0,
        ErrorCode::LegacyLength
    );
}

#[test]
fn schema_and_key_errors() {
    let schema = |attrs: &str| {
        Schema::parse(&format!(
            r#"{{"model": "M", "table": "t", "attributes": [{attrs}]}}"#
        ))
    };
    for (attrs, message) in [
        (
            r#"{"name": "a", "type": "compressed"}"#,
            r#"M.a: "kind" must be "string", "binary" or "json""#,
        ),
        (
            r#"{"name": "a", "type": "compressed", "kind": "number"}"#,
            r#"M.a: "kind" must be "string", "binary" or "json""#,
        ),
        (
            r#"{"name": "a", "type": "compressed", "kind": "json", "level": 10}"#,
            r#"M.a: "level" must be an integer from 0 to 9"#,
        ),
        (
            r#"{"name": "a", "type": "compressed", "kind": "json", "maxOutput": -1}"#,
            r#"M.a: "maxOutput" must be a non-negative integer"#,
        ),
        (
            r#"{"name": "a", "type": "string", "level": 1}"#,
            r#"M.a: "level" applies to compressed attributes only"#,
        ),
        (
            r#"{"name": "a", "type": "binary", "kind": "binary"}"#,
            r#"M.a: "kind" applies to compressed and encrypted attributes only"#,
        ),
        (
            r#"{"name": "a", "type": "compressed", "kind": "json", "format": "aead"}"#,
            r#"M.a: "format" applies to encrypted attributes only"#,
        ),
        (
            r#"{"name": "a", "type": "encrypted", "kind": "str"}"#,
            r#"M.a: "kind" must be "string", "binary", "number", "int", "float" or "json""#,
        ),
        (
            r#"{"name": "a", "type": "encrypted", "kind": "string", "format": "ecb"}"#,
            r#"M.a: "format" must be "aead" or "pynamodb_mate""#,
        ),
        (
            r#"{"name": "a", "type": "encrypted", "kind": "string", "deterministic": 1}"#,
            r#"M.a: "deterministic" must be a boolean"#,
        ),
        (
            r#"{"name": "a", "type": "encrypted", "kind": "string", "format": "pynamodb_mate", "legacy": {"deterministic": true}}"#,
            r#"M.a: "legacy" applies to aead attributes (pynamodb_mate ones read those bytes anyway)"#,
        ),
        (
            r#"{"name": "a", "type": "encrypted", "kind": "string", "legacy": true}"#,
            r#"M.a: "legacy" must be {"deterministic": boolean}"#,
        ),
        (
            r#"{"name": "m", "type": "map", "attributes": [{"name": "a", "type": "encrypted", "kind": "string"}]}"#,
            "M.m.a: encrypted attributes are top-level attributes only",
        ),
        (
            r#"{"name": "l", "type": "list", "of": {"type": "encrypted", "kind": "string"}}"#,
            "M.l[]: encrypted attributes are top-level attributes only",
        ),
    ] {
        let e = schema(attrs).unwrap_err();
        assert_eq!(
            (e.code(), e.message()),
            (ErrorCode::Schema, message),
            "{attrs}"
        );
    }
    let e = Schema::parse(
        r#"{"model": "M", "attributes": [{"name": "a", "type": "encrypted", "kind": "string"}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        e.message(),
        r#"M.a: aead encryption needs the schema's "table" (it binds values to it)"#
    );
    assert!(Schema::parse(r#"{"model": "M", "attributes": [{"name": "a", "type": "encrypted", "kind": "string", "format": "pynamodb_mate"}]}"#).is_ok());
    assert_eq!(
        Schema::parse(r#"{"model": "M", "table": 1, "attributes": []}"#)
            .unwrap_err()
            .message(),
        r#"M: "table" must be a non-empty string"#
    );

    let mut s = Schema::parse(VAULT).unwrap();
    let two: Vec<u8> = K1.iter().chain(K2.iter()).copied().collect();
    for (name, current, list, keys, legacy_key, code, message) in [
        (
            "body",
            "k1",
            vec!["k1"],
            &K1[..],
            None,
            ErrorCode::Argument,
            "Vault: no encrypted attribute has this name",
        ),
        (
            "email",
            "k1",
            vec!["k1"],
            &K1[..31],
            None,
            ErrorCode::KeyLength,
            "Vault.email: 1 key ids need 32 key bytes, got 31",
        ),
        (
            "email",
            "k1",
            vec![],
            &[][..],
            None,
            ErrorCode::Argument,
            "Vault.email: at least one key is needed",
        ),
        (
            "email",
            "k3",
            vec!["k1", "k2"],
            &two[..],
            None,
            ErrorCode::Argument,
            "Vault.email: the current key id is not among the key ids",
        ),
        (
            "email",
            "k1",
            vec!["k1", "k1"],
            &two[..],
            None,
            ErrorCode::Argument,
            "Vault.email: key ids must be distinct",
        ),
        (
            "email",
            "",
            vec![""],
            &K1[..],
            None,
            ErrorCode::Argument,
            "Vault.email: key ids must be 1..=255 bytes of UTF-8",
        ),
        (
            "pm",
            "a",
            vec!["a", "b"],
            &two[..],
            None,
            ErrorCode::Argument,
            "Vault.pm: format pynamodb_mate stores no key id: give exactly one key",
        ),
        (
            "moving",
            "k1",
            vec!["k1"],
            &K1[..],
            None,
            ErrorCode::Argument,
            "Vault.moving: this attribute reads legacy bytes: a legacy key is needed",
        ),
        (
            "email",
            "k1",
            vec!["k1"],
            &K1[..],
            Some(&K2[..]),
            ErrorCode::Argument,
            "Vault.email: this attribute reads no legacy bytes: give no legacy key",
        ),
        (
            "moving",
            "k1",
            vec!["k1"],
            &K1[..],
            Some(&K2[..3]),
            ErrorCode::KeyLength,
            "Vault.moving: key must be 32 bytes, got 3",
        ),
    ] {
        let e = s
            .set_keys(name, current, &ids(&list), keys, legacy_key)
            .unwrap_err();
        assert_eq!((e.code(), e.message()), (code, message));
    }
}

#[test]
fn legacy_binary_keys_bind_as_stored() {
    // Randomized aead values are bound to the stored key bytes: with a legacyEncoding hash key,
    // the base64 text both when an item is written and when its update value is encoded.
    let mut s = Schema::parse(
        r#"{"model": "Old", "table": "olds", "hashKey": "id", "attributes": [
      {"name": "id", "type": "binary", "legacyEncoding": true},
      {"name": "note", "type": "encrypted", "kind": "string", "deterministic": false, "nullable": true}]}"#,
    )
    .unwrap();
    s.set_keys("note", "k1", &ids(&["k1"]), &K1, None).unwrap();
    let written = item::encode_item(&s, r#"{"id":"\u0000bAAE=","note":"hi"}"#).unwrap();
    assert!(
        written.contains(r#""id":{"B":"\u0000bQUFFPQ=="}"#),
        "{written}"
    );
    let back = &written["{\"item\":".len()..written.rfind(",\"size\"").unwrap()];
    assert!(item::decode_item(&s, back)
        .unwrap()
        .ends_with(r#""note":"hi"}"#));
    let key = r#"{"id":{"B":"\u0000bQUFFPQ=="}}"#;
    let value = item::encode_value(&s, "note", r#""yo""#, false, Some(key)).unwrap();
    let updated = format!(r#"{{"id":{{"B":"\u0000bQUFFPQ=="}},"note":{value}}}"#);
    assert!(item::decode_item(&s, &updated)
        .unwrap()
        .ends_with(r#""note":"yo"}"#));
}
