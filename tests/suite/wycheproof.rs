//! Wycheproof's AES-GCM and AES-GCM-SIV vectors (`tests/vectors/wycheproof/`, source in its README)
//! through the AEADs under the authenticated envelopes: aes-gcm's `Aes256Gcm`, aes-gcm-siv's
//! `Aes256GcmSiv`, and `gcm_siv`'s split (message keys and POLYVAL tag here, the CTR keystream
//! apart, as Node computes it). A valid vector seals to exactly its ciphertext and tag and opens
//! back; an invalid one is refused. Vectors of sizes these do not take are counted as not
//! applicable with their reason, and every count is asserted, so the test cannot silently run none.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::fixtures::{get, load, unhex};
use aes::cipher::{KeyIvInit, StreamCipher};
use aes::Aes256;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::Aes256Gcm;
use aes_gcm_siv::Aes256GcmSiv;
use dynamodb_mate::gcm_siv;
use dynamodb_mate::pyjson::Value;

const GCM: &str = include_str!("../vectors/wycheproof/aes_gcm_test.json");
const GCM_SIV: &str = include_str!("../vectors/wycheproof/aes_gcm_siv_test.json");

/// Why a vector cannot reach the crate's AEADs (their key and nonce are fixed-size array types).
const NOT_AES_256: &str = "128/192-bit key: the envelopes use AES-256 only";
const NOT_96_BIT_IV: &str = "IV other than 96 bits: the AEADs take a 12-byte nonce type only";

struct Case {
    id: String,
    key: Vec<u8>,
    iv: Vec<u8>,
    aad: Vec<u8>,
    msg: Vec<u8>,
    /// Ciphertext followed by the 16-byte tag.
    sealed: Vec<u8>,
    valid: bool,
}

#[derive(Debug, Default, PartialEq)]
struct Counts {
    valid: usize,
    invalid: usize,
    not_aes_256: usize,
    not_96_bit_iv: usize,
}

fn list(v: &Value) -> &[Value] {
    match v {
        Value::List(items) => items,
        _ => panic!("vector file: expected a list"),
    }
}

fn str_of(v: &Value) -> &str {
    match v {
        Value::Str(s) => s,
        _ => panic!("vector file: expected a string"),
    }
}

fn int_of(v: &Value) -> &str {
    match v {
        Value::Int(n) => n.as_str(),
        _ => panic!("vector file: expected an integer"),
    }
}

/// Runs `run` on every applicable vector of a Wycheproof AEAD file and counts them all.
fn each_case(text: &str, mut run: impl FnMut(&Case)) -> Counts {
    let file = load(text);
    let mut counts = Counts::default();
    for group in list(get(&file, "testGroups")) {
        assert_eq!(
            int_of(get(group, "tagSize")),
            "128",
            "tag sizes other than 128 bits"
        );
        for t in list(get(group, "tests")) {
            let id = int_of(get(t, "tcId")).to_string();
            // Wycheproof's "acceptable" (valid but weak) would need a decision per flag; these files have none.
            let valid = match str_of(get(t, "result")) {
                "valid" => true,
                "invalid" => false,
                other => panic!("vector {id}: result {other} has no rule here"),
            };
            if int_of(get(group, "keySize")) != "256" {
                counts.not_aes_256 += 1;
                continue;
            }
            if int_of(get(group, "ivSize")) != "96" {
                counts.not_96_bit_iv += 1;
                continue;
            }
            let field = |name: &str| unhex(str_of(get(t, name)));
            let mut sealed = field("ct");
            sealed.extend(field("tag"));
            let case = Case {
                id,
                key: field("key"),
                iv: field("iv"),
                aad: field("aad"),
                msg: field("msg"),
                sealed,
                valid,
            };
            run(&case);
            if valid {
                counts.valid += 1;
            } else {
                counts.invalid += 1;
            }
        }
    }
    counts
}

/// Seals and opens `c` with an aead crate's cipher.
fn check_aead<C: KeyInit + Aead>(c: &Case) {
    let cipher = C::new_from_slice(&c.key).unwrap();
    let nonce = c.iv.as_slice().try_into().unwrap();
    let opened = cipher.decrypt(
        nonce,
        Payload {
            msg: &c.sealed,
            aad: &c.aad,
        },
    );
    if !c.valid {
        assert!(opened.is_err(), "vector {}: invalid, but opened", c.id);
        return;
    }
    assert_eq!(opened.as_deref(), Ok(&c.msg[..]), "vector {} open", c.id);
    let sealed = cipher.encrypt(
        nonce,
        Payload {
            msg: &c.msg,
            aad: &c.aad,
        },
    );
    assert_eq!(sealed.as_deref(), Ok(&c.sealed[..]), "vector {} seal", c.id);
}

/// GCM-SIV's keystream from the tag (RFC 8452 §4: top bit set, little-endian 32-bit counter).
fn siv_keystream_xor(keys: &gcm_siv::MessageKeys, tag: &[u8; 16], data: &mut [u8]) {
    let mut counter = *tag;
    counter[15] |= 0x80;
    ctr::Ctr32LE::<Aes256>::new(&keys.encryption.into(), &counter.into()).apply_keystream(data);
}

/// Seals and opens `c` with `gcm_siv`'s message keys and tag and a separate keystream.
fn check_split_siv(c: &Case) {
    let key: &[u8; 32] = c.key.as_slice().try_into().unwrap();
    let nonce: &[u8; 12] = c.iv.as_slice().try_into().unwrap();
    let keys = gcm_siv::message_keys(key, nonce);
    let (body, tag) = c.sealed.split_at(c.sealed.len() - 16);
    let tag: &[u8; 16] = tag.try_into().unwrap();
    let mut opened = body.to_vec();
    siv_keystream_xor(&keys, tag, &mut opened);
    let expected = gcm_siv::tag(&keys, nonce, &c.aad, &opened);
    if !c.valid {
        assert!(
            !gcm_siv::tags_equal(&expected, tag),
            "vector {}: invalid, but its tag matched",
            c.id
        );
        return;
    }
    assert!(gcm_siv::tags_equal(&expected, tag), "vector {} tag", c.id);
    assert_eq!(opened, c.msg, "vector {} open", c.id);
    let mut sealed = c.msg.clone();
    let tag = gcm_siv::tag(&keys, nonce, &c.aad, &c.msg);
    siv_keystream_xor(&keys, &tag, &mut sealed);
    sealed.extend_from_slice(&tag);
    assert_eq!(sealed, c.sealed, "vector {} seal", c.id);
}

#[test]
fn wycheproof_aes_gcm() {
    let counts = each_case(GCM, check_aead::<Aes256Gcm>);
    let expected = Counts {
        valid: 39,
        invalid: 27,
        not_aes_256: 211,
        not_96_bit_iv: 39,
    };
    assert_eq!(counts, expected, "{NOT_AES_256}; {NOT_96_BIT_IV}");
}

#[test]
fn wycheproof_aes_gcm_siv() {
    let expected = Counts {
        valid: 69,
        invalid: 34,
        not_aes_256: 99,
        not_96_bit_iv: 0,
    };
    let counts = each_case(GCM_SIV, check_aead::<Aes256GcmSiv>);
    assert_eq!(counts, expected, "{NOT_AES_256}; {NOT_96_BIT_IV}");
    assert_eq!(
        each_case(GCM_SIV, check_split_siv),
        expected,
        "split GCM-SIV"
    );
}
