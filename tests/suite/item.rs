//! The item codec (`docs/item-codec.md`): round trips for every attribute type, every error code,
//! item sizes computed by hand from DynamoDB's rules (by the encoder and from the stored
//! AttributeValues), and the 400 KB boundary.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use dynamodb_mate::item::{self, Schema, MAX_ITEM_SIZE};
use dynamodb_mate::ErrorCode;

/// One attribute of every type (and nested map, typed and dynamic lists).
pub const PAGE: &str = r#"{"model": "Page", "attributes": [
  {"name": "id", "type": "string"},
  {"name": "n", "type": "number"},
  {"name": "i", "type": "number", "number": "int"},
  {"name": "f", "type": "number", "number": "float"},
  {"name": "bin", "type": "binary", "nullable": true},
  {"name": "ok", "type": "boolean", "nullable": true},
  {"name": "nil", "type": "null"},
  {"name": "ss", "type": "stringSet", "nullable": true},
  {"name": "ns", "type": "numberSet", "nullable": true},
  {"name": "bs", "type": "binarySet", "nullable": true},
  {"name": "tags", "type": "list", "of": {"type": "string"}, "nullable": true},
  {"name": "any", "type": "list", "nullable": true},
  {"name": "meta", "dbName": "m", "type": "map", "nullable": true, "attributes": [
      {"name": "at", "dbName": "a", "type": "datetime"},
      {"name": "note", "type": "string", "nullable": true},
      {"name": "deep", "type": "map", "nullable": true, "attributes": [
          {"name": "times", "type": "list", "of": {"type": "datetime", "nullable": true}}]}]},
  {"name": "raw", "type": "dynamic", "nullable": true},
  {"name": "doc", "type": "json", "nullable": true},
  {"name": "created", "type": "datetime", "nullable": true},
  {"name": "expires", "type": "ttl", "nullable": true},
  {"name": "v", "type": "version", "nullable": true}
]}"#;

/// The smallest valid Page: the non-nullable attributes only.
const MINIMAL: &str = r#""id":"p","n":1,"i":2,"f":3"#;

pub fn page() -> Schema {
    Schema::parse(PAGE).unwrap()
}

/// `(AttributeValues, size)` of an encoded item.
pub fn split(encoded: &str) -> (&str, usize) {
    let at = encoded.rfind(",\"size\":").expect("size trailer");
    let item = encoded
        .strip_prefix("{\"item\":")
        .and_then(|rest| rest.get(..at - 8))
        .expect("item");
    let size = encoded[at + 8..encoded.len() - 1].parse().expect("size");
    (item, size)
}

/// Encodes an item; the size of its AttributeValues as stored (`item::item_size`, what JS sizes raw
/// items with) must be the size the encoder computed, so every vector here checks both.
fn encode(schema: &Schema, wire: &str) -> (String, usize) {
    let out = item::encode_item(schema, wire).unwrap_or_else(|e| panic!("{wire}: {e}"));
    let (item, size) = split(&out);
    assert_eq!(item::item_size(item), Ok(size), "stored size of {wire}");
    (item.to_owned(), size)
}

/// Encodes `{MINIMAL, extra}` and returns the size the extra attributes add.
fn extra_size(extra: &str) -> usize {
    let base = encode(&page(), &format!("{{{MINIMAL}}}")).1;
    encode(&page(), &format!("{{{MINIMAL},{extra}}}")).1 - base
}

fn code_and_message(result: dynamodb_mate::Result<String>) -> (ErrorCode, String) {
    let e = result.expect_err("expected an error");
    (e.code(), e.to_string())
}

#[test]
fn every_type_round_trips() {
    let schema = page();
    let wire = concat!(
        r#"{"id":"abc","n":123,"i":"\u0000i123456789012345678901234567890","f":1e+21,"#,
        r#""bin":"\u0000bAAE=","ok":true,"ss":{"\u0000set":["a","bc"]},"ns":{"\u0000set":[1,2.5]},"#,
        r#""bs":{"\u0000set":["\u0000bZm8="]},"tags":["a","bc"],"any":[1,"x",null,{"k":"\u0000s\u0000z"}],"#,
        r#""meta":{"at":"\u0000d1709210096000001","note":"hi"},"#,
        r#""raw":{"a":[1,"x",null,true,"\u0000bAAE=",{"\u0000set":["p","q"]}],"b":{"\u0000set":[]},"c":1.5},"#,
        r#""doc":{"é":[1,1.5,"\u0000fNaN"]},"created":"\u0000d-1","expires":"\u0000d1700000000999999","v":3}"#
    );
    let (av, size) = encode(&schema, wire);
    assert_eq!(
        av,
        concat!(
            r#"{"id":{"S":"abc"},"n":{"N":"123"},"i":{"N":"123456789012345678901234567890"},"#,
            r#""f":{"N":"1e+21"},"bin":{"B":"\u0000bAAE="},"ok":{"BOOL":true},"nil":{"NULL":true},"#,
            r#""ss":{"SS":["a","bc"]},"ns":{"NS":["1","2.5"]},"bs":{"BS":["\u0000bZm8="]},"#,
            r#""tags":{"L":[{"S":"a"},{"S":"bc"}]},"#,
            r#""any":{"L":[{"N":"1"},{"S":"x"},{"NULL":true},{"M":{"k":{"S":"\u0000s\u0000z"}}}]},"#,
            r#""m":{"M":{"a":{"S":"2024-02-29T12:34:56.000001+0000"},"note":{"S":"hi"}}},"#,
            r#""raw":{"M":{"a":{"L":[{"N":"1"},{"S":"x"},{"NULL":true},{"BOOL":true},{"B":"\u0000bAAE="},{"SS":["p","q"]}]},"c":{"N":"1.5"}}},"#,
            r#""doc":{"S":"{\"\\u00e9\": [1, 1.5, NaN]}"},"#,
            r#""created":{"S":"1969-12-31T23:59:59.999999+0000"},"expires":{"N":"1700000000"},"v":{"N":"3"}}"#
        )
    );
    // Sizes by attribute, name length + value (see size_vectors for the rules):
    // id 2+3=5 · n 1+3=4 (3 digits) · i 1+16=17 (29 significant digits: 1+15) · f 1+2=3 ·
    // bin 3+2=5 · ok 2+1=3 · nil 3+1=4 · ss 2+1+2=5 · ns 2+2+2=6 · bs 2+2=4 ·
    // tags 4+(3+2+3)=12 · any 3+(3+3+2+2+8)=21 (the M is 3+1+1+2=7, 8 with its element byte) ·
    // m 1+(3+(1+1+31)+(1+4+2))=44 · raw 3+(3+(1+1+18)+(1+1+2))=30 (the empty Set is omitted) ·
    // doc 3+25=28 (`{"\u00e9": [1, 1.5, NaN]}`) · created 7+31=38 · expires 7+2=9 · v 1+2=3.
    assert_eq!(size, 241);

    let decoded = item::decode_item(&schema, &av).unwrap();
    assert_eq!(
        decoded,
        concat!(
            r#"{"id":"abc","n":123,"i":"\u0000i123456789012345678901234567890","f":1e21,"#,
            r#""bin":"\u0000bAAE=","ok":true,"nil":null,"ss":{"\u0000set":["a","bc"]},"#,
            r#""ns":{"\u0000set":[1,2.5]},"bs":{"\u0000set":["\u0000bZm8="]},"tags":["a","bc"],"#,
            r#""any":[1,"x",null,{"k":"\u0000s\u0000z"}],"meta":{"at":"\u0000d1709210096000001","note":"hi"},"#,
            r#""raw":{"a":[1,"x",null,true,"\u0000bAAE=",{"\u0000set":["p","q"]}],"c":1.5},"#,
            r#""doc":{"é":[1,1.5,"\u0000fNaN"]},"created":"\u0000d-1","expires":"\u0000d1700000000000000","v":3}"#
        )
    );
    // What decoding gives encodes to the same AttributeValues (the TTL already lost its micros).
    assert_eq!(encode(&schema, &decoded).0, av);
}

#[test]
fn nullable_and_missing_attributes() {
    let schema = page();
    // null and absent nullable attributes are omitted; `null` attributes are always written.
    let (av, _) = encode(
        &schema,
        &format!(r#"{{{MINIMAL},"bin":null,"meta":{{"at":"\u0000d0","note":null}},"nil":null}}"#),
    );
    assert_eq!(
        av,
        r#"{"id":{"S":"p"},"n":{"N":"1"},"i":{"N":"2"},"f":{"N":"3.0"},"nil":{"NULL":true},"m":{"M":{"a":{"S":"1970-01-01T00:00:00.000000+0000"}}}}"#
    );
    // Missing sets read as empty Sets; other missing attributes stay absent (projections);
    // attributes outside the schema are ignored; a stored NULL reads as null when nullable.
    let decoded = item::decode_item(
        &schema,
        r#"{"id":{"S":"p"},"extra":{"N":"1"},"ok":{"NULL":true},"m":{"M":{"a":{"S":"1970-01-01T00:00:00.000000+0000"},"deep":{"M":{}}}}}"#,
    )
    .unwrap();
    assert_eq!(
        decoded,
        r#"{"id":"p","ok":null,"ss":{"\u0000set":[]},"ns":{"\u0000set":[]},"bs":{"\u0000set":[]},"meta":{"at":"\u0000d0","deep":{}}}"#
    );
}

#[test]
fn nested_maps_and_lists() {
    let schema = page();
    let wire =
        format!(r#"{{{MINIMAL},"meta":{{"at":"\u0000d1","deep":{{"times":["\u0000d2",null]}}}}}}"#);
    let (av, _) = encode(&schema, &wire);
    assert!(av.ends_with(
        r#""m":{"M":{"a":{"S":"1970-01-01T00:00:00.000001+0000"},"deep":{"M":{"times":{"L":[{"S":"1970-01-01T00:00:00.000002+0000"},{"NULL":true}]}}}}}}"#
    ));
    // m (1) + M: 3 + [1 + a (1) + 31] + [1 + deep (4) + M: 3 + [1 + times (5) + L: 3 + (1 + 31) + (1 + 1)]].
    assert_eq!(
        extra_size(&wire[wire.find("\"meta\"").unwrap()..wire.len() - 1]),
        1 + 3 + 33 + 5 + 3 + 6 + 3 + 32 + 2
    );
    assert_eq!(
        item::decode_item(&schema, &av).unwrap(),
        r#"{"id":"p","n":1,"i":2,"f":3.0,"nil":null,"ss":{"\u0000set":[]},"ns":{"\u0000set":[]},"bs":{"\u0000set":[]},"meta":{"at":"\u0000d1","deep":{"times":["\u0000d2",null]}}}"#
    );
}

#[test]
fn datetimes_keep_microseconds() {
    let schema = page();
    for (micros, text) in [
        (0i64, "1970-01-01T00:00:00.000000+0000"),
        (1_709_210_096_000_001, "2024-02-29T12:34:56.000001+0000"),
        (-1, "1969-12-31T23:59:59.999999+0000"),
        (-62_135_596_800_000_000, "0001-01-01T00:00:00.000000+0000"),
        (253_402_300_799_999_999, "9999-12-31T23:59:59.999999+0000"),
    ] {
        let (av, _) = encode(
            &schema,
            &format!(r#"{{{MINIMAL},"created":"\u0000d{micros}"}}"#),
        );
        assert!(
            av.contains(&format!(r#""created":{{"S":"{text}"}}"#)),
            "{av}"
        );
        let decoded = item::decode_item(&schema, &av).unwrap();
        assert!(
            decoded.contains(&format!(r#""created":"\u0000d{micros}""#)),
            "{decoded}"
        );
    }
}

#[test]
fn ttl_is_whole_epoch_seconds() {
    let schema = page();
    // (Date micros, stored N, micros read back): pynamodb floors to seconds (calendar.timegm).
    for (micros, n, back) in [
        (
            1_700_000_000_999_999i64,
            "1700000000",
            1_700_000_000_000_000i64,
        ),
        (0, "0", 0),
        (-1, "-1", -1_000_000),
        (-1_500_000, "-2", -2_000_000),
    ] {
        let (av, _) = encode(
            &schema,
            &format!(r#"{{{MINIMAL},"expires":"\u0000d{micros}"}}"#),
        );
        assert!(av.contains(&format!(r#""expires":{{"N":"{n}"}}"#)), "{av}");
        let decoded = item::decode_item(&schema, &av).unwrap();
        assert!(
            decoded.contains(&format!(r#""expires":"\u0000d{back}""#)),
            "{decoded}"
        );
    }
    // A float TTL written by someone else reads as Python's utcfromtimestamp does (CPython 3.11:
    // 1.0000005 and 1.0000015 both give microsecond 1, -1.25 gives 23:59:58.750000).
    for (n, micros) in [
        ("1.0000005", 1_000_001),
        ("1.0000015", 1_000_001),
        ("-1.25", -1_250_000),
    ] {
        let decoded =
            item::decode_item(&schema, &format!(r#"{{"expires":{{"N":"{n}"}}}}"#)).unwrap();
        assert!(
            decoded.ends_with(&format!(r#""expires":"\u0000d{micros}"}}"#)),
            "{decoded}"
        );
    }
}

#[test]
fn numbers_as_python_writes_them() {
    let schema = page();
    // (wire for n (auto), i (int), f (float)) → their N texts.
    for (n, i, f, want) in [
        ("1", "1", "1", ["1", "1", "1.0"]),
        ("1.5", "2.0", "1.5", ["1.5", "2", "1.5"]),
        (
            "1e+21",
            "1e+21",
            "10000000000000000",
            ["1e+21", "1000000000000000000000", "1e+16"],
        ),
        (
            r#""\u0000f1""#,
            r#""\u0000f-0""#,
            r#""\u0000i5""#,
            ["1.0", "0", "5.0"],
        ),
        ("0.0001", "-7", "0.00001", ["0.0001", "-7", "1e-05"]),
        (
            r#""\u0000i-99999999999999999999999999999999999999""#,
            r#""\u0000i18446744073709551616""#,
            "123456789.125",
            [
                "-99999999999999999999999999999999999999",
                "18446744073709551616",
                "123456789.125",
            ],
        ),
    ] {
        let (av, _) = encode(&schema, &format!(r#"{{"id":"x","n":{n},"i":{i},"f":{f}}}"#));
        let expected = format!(
            r#"{{"id":{{"S":"x"}},"n":{{"N":"{}"}},"i":{{"N":"{}"}},"f":{{"N":"{}"}},"nil":{{"NULL":true}}}}"#,
            want[0], want[1], want[2]
        );
        assert_eq!(av, expected);
    }
}

#[test]
fn big_ints_round_trip() {
    let schema = page();
    for big in [
        "9007199254740992",
        "-9007199254740993",
        "18446744073709551616",
        "99999999999999999999999999999999999999",
    ] {
        let (av, _) = encode(
            &schema,
            &format!(r#"{{"id":"x","n":"\u0000i{big}","i":"\u0000i{big}","f":1}}"#),
        );
        let decoded = item::decode_item(&schema, &av).unwrap();
        assert!(
            decoded.contains(&format!(r#""n":"\u0000i{big}","i":"\u0000i{big}""#)),
            "{decoded}"
        );
    }
    // Safe integers come back as plain JSON numbers.
    let decoded = item::decode_item(
        &schema,
        r#"{"n":{"N":"9007199254740991"},"i":{"N":"-9007199254740991"}}"#,
    )
    .unwrap();
    assert!(decoded.starts_with(r#"{"n":9007199254740991,"i":-9007199254740991"#));
}

#[test]
fn sets() {
    let schema = page();
    let (av, _) = encode(
        &schema,
        &format!(
            r#"{{{MINIMAL},"ss":{{"\u0000set":["é","\u0000s\u0000x"]}},"ns":{{"\u0000set":["\u0000i12345678901234567890",0.5]}},"bs":{{"\u0000set":["\u0000bAA==","\u0000bAAA="]}}}}"#
        ),
    );
    assert!(av.ends_with(r#""ss":{"SS":["é","\u0000s\u0000x"]},"ns":{"NS":["12345678901234567890","0.5"]},"bs":{"BS":["\u0000bAA==","\u0000bAAA="]}}"#), "{av}");
    assert_eq!(
        item::decode_item(&schema, &av).unwrap(),
        r#"{"id":"p","n":1,"i":2,"f":3.0,"nil":null,"ss":{"\u0000set":["é","\u0000s\u0000x"]},"ns":{"\u0000set":["\u0000i12345678901234567890",0.5]},"bs":{"\u0000set":["\u0000bAA==","\u0000bAAA="]}}"#
    );
    // Empty Sets are omitted on write.
    let (av, _) = encode(
        &schema,
        &format!(r#"{{{MINIMAL},"ss":{{"\u0000set":[]}}}}"#),
    );
    assert!(!av.contains("SS"));
    // An empty string or empty bytes is an element like any other (DynamoDB and pynamodb take it).
    let (av, _) = encode(
        &schema,
        &format!(
            r#"{{{MINIMAL},"ss":{{"\u0000set":["","a"]}},"bs":{{"\u0000set":["\u0000b","\u0000bAA=="]}}}}"#
        ),
    );
    assert!(
        av.ends_with(r#""ss":{"SS":["","a"]},"bs":{"BS":["\u0000b","\u0000bAA=="]}}"#),
        "{av}"
    );
    // Equal elements are refused, also numerically equal ones and equal bytes.
    for dup in [
        r#""ss":{"\u0000set":["a","b","a"]}"#,
        r#""ns":{"\u0000set":[1,"\u0000f1"]}"#,
        r#""ns":{"\u0000set":[100,"\u0000i100"]}"#,
        r#""bs":{"\u0000set":["\u0000bAA==","\u0000bAA=="]}"#,
        r#""raw":{"\u0000set":["x","x"]}"#,
    ] {
        let (code, message) =
            code_and_message(item::encode_item(&schema, &format!("{{{MINIMAL},{dup}}}")));
        assert_eq!(code, ErrorCode::ItemValue, "{dup}");
        assert!(
            message.ends_with("a Set has duplicate elements"),
            "{message}"
        );
    }
}

#[test]
fn dynamic_values_follow_the_sdk_marshall_mapping() {
    let schema = page();
    for (raw, av) in [
        (r#""s""#, r#"{"S":"s"}"#),
        ("1", r#"{"N":"1"}"#),
        ("1.5", r#"{"N":"1.5"}"#),
        (
            r#""\u0000i123456789012345678901""#,
            r#"{"N":"123456789012345678901"}"#,
        ),
        ("true", r#"{"BOOL":true}"#),
        (r#""\u0000bAAE=""#, r#"{"B":"\u0000bAAE="}"#),
        (r#"[1,[]]"#, r#"{"L":[{"N":"1"},{"L":[]}]}"#),
        (
            r#"{"a":{},"\u0000x":null}"#,
            r#"{"M":{"a":{"M":{}},"\u0000x":{"NULL":true}}}"#,
        ),
        (r#"{"\u0000set":[1,2]}"#, r#"{"NS":["1","2"]}"#),
        (
            r#"{"\u0000set":["\u0000bAA=="]}"#,
            r#"{"BS":["\u0000bAA=="]}"#,
        ),
    ] {
        let (got, _) = encode(&schema, &format!(r#"{{{MINIMAL},"raw":{raw}}}"#));
        assert!(got.ends_with(&format!(r#""raw":{av}}}"#)), "{raw}: {got}");
        let decoded = item::decode_item(&schema, &got).unwrap();
        assert!(decoded.contains(r#""raw":"#), "{decoded}");
    }
    // A Date has no SDK mapping; mixed Sets have no DynamoDB type.
    for bad in [
        r#""\u0000d0""#,
        r#"{"\u0000set":[1,"a"]}"#,
        r#"{"\u0000set":[true]}"#,
    ] {
        let (code, _) = code_and_message(item::encode_item(
            &schema,
            &format!(r#"{{{MINIMAL},"raw":{bad}}}"#),
        ));
        assert_eq!(code, ErrorCode::ItemType, "{bad}");
    }
}

/// Item sizes by DynamoDB's documented rules ("Item sizes and formats", DynamoDB developer guide),
/// each computed by hand: attribute name UTF-8 bytes + value size.
#[test]
fn size_vectors() {
    for (extra, size, why) in [
        (r#""ok":true"#, 3, "BOOL: name 2 + 1"),
        (r#""tags":[]"#, 7, "empty L: name 4 + 3"),
        (r#""raw":{}"#, 6, "empty M: name 3 + 3"),
        (r#""bin":"\u0000b""#, 3, "empty B: name 3 + 0 bytes"),
        (
            r#""bin":"\u0000bAAAA""#,
            6,
            "B: name 3 + 3 raw bytes (not the 4 base64 characters)",
        ),
        (r#""raw":"é😀""#, 9, "S: name 3 + UTF-8 bytes 2 + 4"),
        (
            r#""raw":0"#,
            4,
            "N zero: name 3 + 1 (no significant digits)",
        ),
        (
            r#""raw":100"#,
            5,
            "N 100: 1 significant digit after trimming zeros: 1 + 1",
        ),
        (
            r#""raw":0.001"#,
            5,
            "N 0.001: leading zeros trimmed, 1 digit: 1 + 1",
        ),
        (r#""raw":12345"#, 7, "N 12345: 5 digits: 1 + ceil(5/2) = 4"),
        (
            r#""raw":-1.25"#,
            6,
            "N -1.25: 3 digits: 1 + 2 (the sign is free)",
        ),
        (
            r#""raw":"\u0000i12345678901234567890123456789012345678""#,
            23,
            "N of 38 digits: 1 + 19",
        ),
        (
            r#""raw":[null,true]"#,
            3 + 3 + 2 + 2,
            "L: 3 + (1 + NULL 1) + (1 + BOOL 1)",
        ),
        (
            r#""raw":{"ab":"xyz"}"#,
            3 + 3 + 1 + 2 + 3,
            "M: 3 + (1 + key 2 + S 3)",
        ),
        (
            r#""raw":{"a":{"b":[]}}"#,
            3 + 3 + (1 + 1 + 3 + (1 + 1 + 3)),
            "M in M: each level 3, each entry 1 + key",
        ),
        (
            r#""ss":{"\u0000set":["a","bcd"]}"#,
            2 + 1 + 3,
            "SS: the sum of the elements",
        ),
        (
            r#""ns":{"\u0000set":[1,22,333]}"#,
            2 + 2 + 2 + 3,
            "NS: 1 + ceil(d/2) per element",
        ),
        (
            r#""bs":{"\u0000set":["\u0000bAA==","\u0000bAAAA"]}"#,
            2 + 1 + 3,
            "BS: raw bytes per element",
        ),
        (
            r#""doc":{"a":"é"}"#,
            3 + 15,
            "json: S of `{\"a\": \"\\u00e9\"}` (15 ASCII bytes)",
        ),
        (
            r#""created":"\u0000d0""#,
            7 + 31,
            "datetime: S of 31 characters",
        ),
        (
            r#""expires":"\u0000d1700000000000000""#,
            7 + 2,
            "ttl: N 1700000000, 2 significant digits",
        ),
        (
            r#""meta":{"at":"\u0000d0"}"#,
            1 + 3 + 1 + 1 + 31,
            "M under its dbName m: 3 + (1 + key a + 31)",
        ),
    ] {
        assert_eq!(extra_size(extra), size, "{why}");
    }
    // The minimal item itself: id 2+1, n 1+2, i 1+2, f 1+2 (3.0 has 1 digit), nil 3+1.
    assert_eq!(
        encode(&page(), &format!("{{{MINIMAL}}}")).1,
        3 + 3 + 3 + 3 + 4
    );
}

#[test]
fn the_400_kb_boundary() {
    let schema = Schema::parse(
        r#"{"model": "Blob", "attributes": [{"name": "body", "type": "string"}, {"name": "b", "type": "binary", "nullable": true}]}"#,
    )
    .unwrap();
    // body: name 4 + string; exactly 409,600 bytes is allowed.
    let fits = format!(r#"{{"body":"{}"}}"#, "x".repeat(MAX_ITEM_SIZE - 4));
    assert_eq!(encode(&schema, &fits).1, MAX_ITEM_SIZE);
    let over = format!(r#"{{"body":"{}"}}"#, "x".repeat(MAX_ITEM_SIZE - 3));
    let (code, message) = code_and_message(item::encode_item(&schema, &over));
    assert_eq!(code, ErrorCode::ItemTooLarge);
    assert_eq!(
        message,
        "E_ITEM_TOO_LARGE: Blob: item is 409601 bytes, over DynamoDB's limit of 409600; the largest attribute is body (409601 bytes)"
    );
    // Bytes count raw: 409,593 raw bytes (546,124 base64 characters) + body 4 + "" + b 1 + ... fits.
    let raw = MAX_ITEM_SIZE - 4 - 1 - 2; // body "" (4), name b (1), leaves room for 2 more bytes
    let b64 = |n: usize| "A".repeat(n.div_ceil(3) * 4 - [0, 2, 1][n % 3]) + ["", "==", "="][n % 3];
    let fits = format!(r#"{{"body":"xy","b":"\u0000b{}"}}"#, b64(raw));
    assert_eq!(encode(&schema, &fits).1, MAX_ITEM_SIZE);
    let over = format!(r#"{{"body":"xyz","b":"\u0000b{}"}}"#, b64(raw));
    let (code, message) = code_and_message(item::encode_item(&schema, &over));
    assert_eq!(code, ErrorCode::ItemTooLarge);
    assert!(
        message.ends_with(&format!("the largest attribute is b ({} bytes)", raw + 1)),
        "{message}"
    );
}

#[test]
fn every_error_code() {
    let schema = page();
    let secret = "s3cr3t-value";
    let enc = |extra: &str| item::encode_item(&schema, &format!("{{{MINIMAL},{extra}}}"));
    for (result, code, message) in [
        (
            Schema::parse(r#"{"model": "Page", "attributes": [{"name": "x", "type": "date"}]}"#).map(|_| String::new()),
            ErrorCode::Schema,
            "E_SCHEMA: Page.x: unknown \"type\"",
        ),
        (
            item::encode_item(&schema, &format!(r#"{{"id":"{secret}","n":1,"f":1}}"#)),
            ErrorCode::ItemRequired,
            "E_ITEM_REQUIRED: Page.i: a value is required (not nullable)",
        ),
        (
            item::encode_item(&schema, r#"{"id":null,"n":1,"i":1,"f":1}"#),
            ErrorCode::ItemRequired,
            "E_ITEM_REQUIRED: Page.id: a value is required (not nullable)",
        ),
        (
            enc(r#""meta":{"note":"x"}"#),
            ErrorCode::ItemRequired,
            "E_ITEM_REQUIRED: Page.meta.at: a value is required (not nullable)",
        ),
        (
            enc(r#""tags":["a",null]"#),
            ErrorCode::ItemRequired,
            "E_ITEM_REQUIRED: Page.tags[1]: a value is required (not nullable)",
        ),
        (
            enc(&format!(r#""ok":"{secret}""#)),
            ErrorCode::ItemType,
            "E_ITEM_TYPE: Page.ok: expected a boolean, got a string (boolean attribute)",
        ),
        (
            enc(r#""meta":{"at":"2024-01-01"}"#),
            ErrorCode::ItemType,
            "E_ITEM_TYPE: Page.meta.at: expected a Date, got a string (datetime attribute)",
        ),
        (
            enc(r#""tags":"a""#),
            ErrorCode::ItemType,
            "E_ITEM_TYPE: Page.tags: expected an array, got a string (list attribute)",
        ),
        (
            enc(r#""ss":["a"]"#),
            ErrorCode::ItemType,
            "E_ITEM_TYPE: Page.ss: expected a Set, got an array (stringSet attribute)",
        ),
        (
            enc(r#""ns":{"\u0000set":["1"]}"#),
            ErrorCode::ItemType,
            "E_ITEM_TYPE: Page.ns: Set elements must all be numbers",
        ),
        (
            enc(&format!(r#""doc":{{"k":"\u0000b{}"}}"#, "AAAA")),
            ErrorCode::ItemType,
            "E_ITEM_TYPE: Page.doc: a Uint8Array is not JSON (json attribute)",
        ),
        (
            item::encode_item(&schema, "[]"),
            ErrorCode::ItemType,
            "E_ITEM_TYPE: Page: an item must be an object",
        ),
        (
            item::encode_item(&schema, r#"{"id":"x","n":1,"i":1.5,"f":1}"#),
            ErrorCode::ItemValue,
            "E_ITEM_VALUE: Page.i: not an integer (int attribute)",
        ),
        (
            item::encode_item(&schema, r#"{"id":"x","n":"\u0000fNaN","i":1,"f":1}"#),
            ErrorCode::ItemValue,
            "E_ITEM_VALUE: Page.n: NaN and Infinity cannot be stored in DynamoDB",
        ),
        (
            item::encode_item(&schema, r#"{"id":"x","n":"\u0000i123456789012345678901234567890123456789","i":1,"f":1}"#),
            ErrorCode::ItemValue,
            "E_ITEM_VALUE: Page.n: more than 38 significant digits (DynamoDB's limit)",
        ),
        (
            item::encode_item(&schema, r#"{"id":"x","n":1e-200,"i":1,"f":1}"#),
            ErrorCode::ItemValue,
            "E_ITEM_VALUE: Page.n: magnitude outside DynamoDB's range 1e-130 to 9.99e+125",
        ),
        (
            enc(r#""tags":["ok","\ud800"]"#),
            ErrorCode::ItemValue,
            "E_ITEM_VALUE: Page.tags[1]: a string has a lone UTF-16 surrogate",
        ),
        (
            enc(r#""bin":"\u0000bAAE""#),
            ErrorCode::ItemValue,
            "E_ITEM_VALUE: Page.bin: invalid base64 in a bytes tag (canonical padded base64 expected)",
        ),
        (
            enc(r#""created":"\u0000d253402300800000000""#),
            ErrorCode::ItemValue,
            "E_ITEM_VALUE: Page.created: date outside years 1..=9999 (Python's datetime range)",
        ),
        (
            enc(r#""any":[{"\u0000set":[]}]"#),
            ErrorCode::ItemValue,
            "E_ITEM_VALUE: Page.any: an empty Set can only be an attribute or map value, which is then omitted (DynamoDB has no empty sets)",
        ),
        (
            enc(&format!(r#""{secret}":1"#)),
            ErrorCode::ItemUnknown,
            "E_ITEM_UNKNOWN: Page: an object property is not an attribute in the schema",
        ),
        (
            enc(r#""meta":{"at":"\u0000d0","x":1}"#),
            ErrorCode::ItemUnknown,
            "E_ITEM_UNKNOWN: Page.meta: an object property is not an attribute in the schema",
        ),
        (
            item::decode_item(&schema, &format!(r#"{{"m":{{"M":{{"a":{{"S":"{secret}"}}}}}}}}"#)),
            ErrorCode::ItemStored,
            "E_ITEM_STORED: Page.meta.at: stored text is not a datetime as pynamodb writes it",
        ),
        (
            item::decode_item(&schema, r#"{"id":{"N":"1"}}"#),
            ErrorCode::ItemStored,
            "E_ITEM_STORED: Page.id: stored N, but a string attribute is stored as S",
        ),
        (
            item::decode_item(&schema, r#"{"id":{"NULL":true}}"#),
            ErrorCode::ItemStored,
            "E_ITEM_STORED: Page.id: stored NULL, but a string attribute is stored as S",
        ),
        (
            item::decode_item(&schema, r#"{"i":{"N":"1.5"}}"#),
            ErrorCode::ItemStored,
            "E_ITEM_STORED: Page.i: stored number is not an integer",
        ),
        (
            item::decode_item(&schema, r#"{"tags":{"L":[{"S":"a"},{"B":"\u0000bAA=="}]}}"#),
            ErrorCode::ItemStored,
            "E_ITEM_STORED: Page.tags[1]: stored B, but a string attribute is stored as S",
        ),
        (
            item::decode_item(&schema, r#"{"bin":{"B":"AA=="}}"#),
            ErrorCode::ItemStored,
            "E_ITEM_STORED: Page.bin: B is not a bytes tag with canonical padded base64",
        ),
        (
            item::decode_item(&schema, r#"{"raw":{"X":1}}"#),
            ErrorCode::ItemStored,
            "E_ITEM_STORED: Page.raw: not an AttributeValue (an object with one type key)",
        ),
        (
            item::decode_item(&schema, r#"{"doc":{"S":"{x"}}"#),
            ErrorCode::ItemStored,
            "E_ITEM_STORED: Page.doc: stored text is not JSON",
        ),
    ] {
        let (got_code, got_message) = code_and_message(result);
        assert_eq!(got_code, code, "{message}");
        assert_eq!(got_message, message);
        assert!(!got_message.contains(secret));
    }
    // Too large is covered by the_400_kb_boundary; malformed JSON keeps the JSON codes.
    assert_eq!(
        item::encode_item(&schema, "{").unwrap_err().code(),
        ErrorCode::JsonSyntax
    );
    assert_eq!(
        item::decode_item(&schema, "[").unwrap_err().code(),
        ErrorCode::JsonSyntax
    );
}

#[test]
fn encode_value_for_expressions() {
    let schema = page();
    let value = |path: &str, wire: &str, element: bool| {
        item::encode_value(&schema, path, wire, element, None)
    };
    assert_eq!(value("id", r#""x""#, false).unwrap(), r#"{"S":"x"}"#);
    assert_eq!(value("f", "2", false).unwrap(), r#"{"N":"2.0"}"#);
    assert_eq!(
        value("meta.at", r#""\u0000d0""#, false).unwrap(),
        r#"{"S":"1970-01-01T00:00:00.000000+0000"}"#
    );
    assert_eq!(
        value("meta.deep.times", r#""\u0000d0""#, true).unwrap(),
        r#"{"S":"1970-01-01T00:00:00.000000+0000"}"#
    );
    assert_eq!(
        value("meta.deep.times", "null", true).unwrap(),
        r#"{"NULL":true}"#
    );
    assert_eq!(
        value("meta", r#"{"at":"\u0000d0"}"#, false).unwrap(),
        r#"{"M":{"a":{"S":"1970-01-01T00:00:00.000000+0000"}}}"#
    );
    assert_eq!(value("tags", r#""a""#, true).unwrap(), r#"{"S":"a"}"#);
    assert_eq!(value("ns", "1", true).unwrap(), r#"{"N":"1"}"#);
    assert_eq!(
        value("ns", r#"{"\u0000set":[1]}"#, false).unwrap(),
        r#"{"NS":["1"]}"#
    );
    assert_eq!(
        value("bs", r#""\u0000bAA==""#, true).unwrap(),
        r#"{"B":"\u0000bAA=="}"#
    );
    assert_eq!(value("ss", r#""a""#, true).unwrap(), r#"{"S":"a"}"#);
    assert_eq!(value("any", "[1]", true).unwrap(), r#"{"L":[{"N":"1"}]}"#);
    assert_eq!(
        value("raw.any.path", "1.5", false).unwrap(),
        r#"{"N":"1.5"}"#
    );
    assert_eq!(value("bin", "null", false).unwrap(), r#"{"NULL":true}"#);
    assert_eq!(
        value("expires", r#""\u0000d1500000""#, false).unwrap(),
        r#"{"N":"1"}"#
    );
    assert_eq!(value("v", "4", false).unwrap(), r#"{"N":"4"}"#);
    for (path, wire, element, code, message) in [
        ("nope", "1", false, ErrorCode::ItemUnknown, "E_ITEM_UNKNOWN: Page.nope: no attribute at this path"),
        ("meta.x", "1", false, ErrorCode::ItemUnknown, "E_ITEM_UNKNOWN: Page.meta.x: no attribute at this path"),
        ("m", "1", false, ErrorCode::ItemUnknown, "E_ITEM_UNKNOWN: Page.m: no attribute at this path"),
        ("id.x", "1", false, ErrorCode::ItemUnknown, "E_ITEM_UNKNOWN: Page.id.x: no attribute at this path"),
        ("", "1", false, ErrorCode::ItemUnknown, "E_ITEM_UNKNOWN: Page.: no attribute at this path"),
        ("id", "1", true, ErrorCode::Argument, "E_ARGUMENT: Page.id: element values exist for list and set attributes only"),
        ("id", "null", false, ErrorCode::ItemRequired, "E_ITEM_REQUIRED: Page.id: a value is required (not nullable)"),
        ("ss", r#"{"\u0000set":[]}"#, false, ErrorCode::ItemValue, "E_ITEM_VALUE: Page.ss: an empty Set can only be an attribute or map value, which is then omitted (DynamoDB has no empty sets)"),
        ("meta", r#"{"at":"\u0000d0","x":1}"#, false, ErrorCode::ItemUnknown, "E_ITEM_UNKNOWN: Page.meta: an object property is not an attribute in the schema"),
        ("meta.deep", r#"{"times":[1]}"#, false, ErrorCode::ItemType, "E_ITEM_TYPE: Page.meta.deep.times[0]: expected a Date, got a number (datetime attribute)"),
    ] {
        let (got_code, got_message) = code_and_message(value(path, wire, element));
        assert_eq!((got_code, got_message.as_str()), (code, message));
    }
}

#[test]
fn strings_that_start_with_the_tag_character() {
    let schema = page();
    // JS escapes a user string starting with U+0000 as "\u0000s..." in both directions.
    let (av, size) = encode(&schema, r#"{"id":"\u0000s\u0000b","n":1,"i":1,"f":1}"#);
    assert!(av.starts_with(r#"{"id":{"S":"\u0000s\u0000b"}"#), "{av}");
    // id 2 + 2 (the S is U+0000 and b), n 1+2, i 1+2, f 1+2, nil 3+1.
    assert_eq!(size, 4 + 3 + 3 + 3 + 4);
    assert!(item::decode_item(&schema, &av)
        .unwrap()
        .starts_with(r#"{"id":"\u0000s\u0000b""#));
    let (code, _) = code_and_message(item::decode_item(&schema, r#"{"id":{"S":"\u0000x"}}"#));
    assert_eq!(code, ErrorCode::ItemStored);
}

#[test]
fn nesting_limits() {
    let schema = page();
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // DynamoDB: a top-level attribute is level 1, 31 lists or maps may wrap a value at level 32.
    for attr in ["raw", "any"] {
        let deepest = format!("{}1{}", "[".repeat(31), "]".repeat(31));
        let (av, _) = encode(&schema, &format!("{{{MINIMAL},\"{attr}\":{deepest}}}"));
        assert!(
            item::decode_item(&schema, &av).unwrap().contains(&deepest),
            "{attr}"
        );
        let (code, message) = code_and_message(item::encode_item(
            &schema,
            &format!("{{{MINIMAL},\"{attr}\":[{deepest}]}}"),
        ));
        assert_eq!(code, ErrorCode::ItemValue, "{attr}");
        assert!(
            message.ends_with("nested deeper than DynamoDB's 32 levels"),
            "{message}"
        );
    }
    // Typed maps count too; in expressions the path gives the level (meta.deep.times[] is 4).
    assert!(item::encode_value(&schema, "raw", &nested(31), false, None).is_ok());
    assert!(item::encode_value(&schema, "raw", &nested(32), false, None).is_err());
    assert!(item::encode_value(&schema, "raw.a.b", &nested(29), false, None).is_ok());
    assert!(item::encode_value(&schema, "raw.a.b", &nested(30), false, None).is_err());
    // A json attribute is a string to DynamoDB: only the JSON readers' 512 levels apply.
    let (av, _) = encode(&schema, &format!("{{{MINIMAL},\"doc\":{}}}", nested(500)));
    assert!(item::decode_item(&schema, &av)
        .unwrap()
        .contains(&nested(500)));
    let too_deep = format!("{{\"doc\":{}}}", nested(600));
    assert_eq!(
        item::encode_item(&schema, &too_deep).unwrap_err().code(),
        ErrorCode::JsonDepth
    );
    assert_eq!(
        item::decode_item(&schema, &too_deep).unwrap_err().code(),
        ErrorCode::JsonDepth
    );
}

#[test]
fn legacy_binary_encoding_stores_base64_text() {
    // pynamodb's legacy_encoding=True: the B value holds the base64 text of the bytes (pynamodb's
    // docs: CA FE F0 0D is stored as "yv7wDQ==", which the SDK sends as "eXY3d0RRPT0=").
    let schema = Schema::parse(
        r#"{"model": "Old", "hashKey": "k", "attributes": [
      {"name": "k", "type": "binary", "legacyEncoding": true},
      {"name": "b", "type": "binary", "legacyEncoding": true, "nullable": true},
      {"name": "bs", "type": "binarySet", "legacyEncoding": true},
      {"name": "raw", "type": "binary", "legacyEncoding": false, "nullable": true}]}"#,
    )
    .unwrap();
    let wire = r#"{"k":"\u0000byv7wDQ==","b":"\u0000bAAE=","bs":{"\u0000set":["\u0000bAA==","\u0000b/w=="]},"raw":"\u0000bAAE="}"#;
    let (av, size) = encode(&schema, wire);
    assert_eq!(
        av,
        r#"{"k":{"B":"\u0000beXY3d0RRPT0="},"b":{"B":"\u0000bQUFFPQ=="},"bs":{"BS":["\u0000bQUE9PQ==","\u0000bL3c9PQ=="]},"raw":{"B":"\u0000bAAE="}}"#
    );
    // Sizes count the stored text: k 1+8, b 1+4, bs 2+4+4, raw 3+2.
    assert_eq!(size, 9 + 5 + 10 + 5);
    assert_eq!(item::decode_item(&schema, &av).unwrap(), wire);
    // Expression values and set elements are encoded the same way; the empty value is empty text.
    let value = |path: &str, wire: &str, element: bool| {
        item::encode_value(&schema, path, wire, element, None).unwrap()
    };
    assert_eq!(
        value("b", r#""\u0000bAAE=""#, false),
        r#"{"B":"\u0000bQUFFPQ=="}"#
    );
    assert_eq!(value("b", r#""\u0000b""#, false), r#"{"B":"\u0000b"}"#);
    assert_eq!(
        value("bs", r#""\u0000bAA==""#, true),
        r#"{"B":"\u0000bQUE9PQ=="}"#
    );
    assert_eq!(
        value("bs", r#"{"\u0000set":["\u0000b/w=="]}"#, false),
        r#"{"BS":["\u0000bL3c9PQ=="]}"#
    );
    // A stored value that is not canonical base64 text ("AAE", "AAF=") is refused, never guessed.
    for bad in ["QUFF", "QUFGPQ==", "/w=="] {
        let (code, message) = code_and_message(item::decode_item(
            &schema,
            &format!(r#"{{"k":{{"B":"\u0000beXY3d0RRPT0="}},"b":{{"B":"\u0000b{bad}"}}}}"#),
        ));
        assert_eq!(
            (code, message.as_str()),
            (
                ErrorCode::ItemStored,
                "E_ITEM_STORED: Old.b: a legacyEncoding binary value is not canonical padded base64 text"
            ),
            "{bad}"
        );
    }
}

#[test]
fn legacy_binary_encoding_is_for_top_level_binary_attributes() {
    let attrs = |list: &str| format!(r#"{{"model": "M", "attributes": [{list}]}}"#);
    for (schema, message) in [
        (
            attrs(r#"{"name": "a", "type": "string", "legacyEncoding": true}"#),
            "M.a: \"legacyEncoding\" applies to binary and binarySet attributes only",
        ),
        (
            attrs(r#"{"name": "a", "type": "binary", "legacyEncoding": 1}"#),
            "M.a: \"legacyEncoding\" must be a boolean",
        ),
        (
            attrs(
                r#"{"name": "a", "type": "map", "attributes": [{"name": "b", "type": "binary", "legacyEncoding": true}]}"#,
            ),
            "M.a.b: \"legacyEncoding\" applies to top-level attributes only (pynamodb < 6 encoded only those)",
        ),
        (
            attrs(r#"{"name": "a", "type": "list", "of": {"type": "binarySet", "legacyEncoding": true}}"#),
            "M.a[]: \"legacyEncoding\" applies to top-level attributes only (pynamodb < 6 encoded only those)",
        ),
    ] {
        let e = Schema::parse(&schema).unwrap_err();
        assert_eq!((e.code(), e.message()), (ErrorCode::Schema, message), "{schema}");
    }
}

#[test]
fn empty_set_list_elements_are_null_as_pynamodb_stores_them() {
    // pynamodb's ListAttribute(of=NumberSetAttribute) writes an empty set element as NULL; a NULL
    // set (element or attribute) is no set and reads as an empty Set, or null where nullable.
    let schema = Schema::parse(
        r#"{"model": "L", "attributes": [
      {"name": "sets", "type": "list", "of": {"type": "numberSet"}},
      {"name": "maybe", "type": "list", "of": {"type": "stringSet", "nullable": true}},
      {"name": "ss", "type": "stringSet", "nullable": true}]}"#,
    )
    .unwrap();
    let wire = r#"{"sets":[{"\u0000set":[1]},{"\u0000set":[]}],"maybe":[{"\u0000set":[]}]}"#;
    let (av, size) = encode(&schema, wire);
    assert_eq!(
        av,
        r#"{"sets":{"L":[{"NS":["1"]},{"NULL":true}]},"maybe":{"L":[{"NULL":true}]}}"#
    );
    // sets 4 + 3 + (1+2) + (1+1) · maybe 5 + 3 + (1+1)
    assert_eq!(size, 12 + 10);
    assert_eq!(
        item::decode_item(&schema, &av).unwrap(),
        r#"{"sets":[{"\u0000set":[1]},{"\u0000set":[]}],"maybe":[null],"ss":{"\u0000set":[]}}"#
    );
    assert_eq!(
        item::decode_item(&schema, r#"{"ss":{"NULL":true}}"#).unwrap(),
        r#"{"ss":null}"#
    );
    // An expression value is never NULL in place of a set: JS makes set(new Set()) a REMOVE.
    let (code, _) = code_and_message(item::encode_value(
        &schema,
        "sets",
        r#"{"\u0000set":[]}"#,
        true,
        None,
    ));
    assert_eq!(code, ErrorCode::ItemValue);
}
