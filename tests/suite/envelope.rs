//! The authenticated envelope: deterministic where asked, randomized otherwise, and every way a
//! ciphertext can go wrong has its own error code.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use dynamodb_mate::aead::{self, Context};
use dynamodb_mate::kind::Kind;
use dynamodb_mate::{value, ErrorCode};

const KEY: [u8; 32] = [7; 32];
const OTHER_KEY: [u8; 32] = [8; 32];
const CTX: Context<'static> = Context {
    table: "users",
    attribute: "email",
    item: None,
};

fn seal(det: bool, pt: &[u8]) -> Vec<u8> {
    value::aead_encrypt(&KEY, "k1", CTX, Kind::Binary, pt, det).unwrap()
}

fn open_code(key: &[u8; 32], ctx: Context<'_>, stored: &[u8]) -> ErrorCode {
    aead::decrypt(key, ctx, stored).unwrap_err().code()
}

#[test]
fn deterministic_is_stable_and_randomized_is_not() {
    assert_eq!(seal(true, b"alice"), seal(true, b"alice"));
    assert_ne!(seal(true, b"alice"), seal(true, b"bob"));
    assert_ne!(seal(false, b"alice"), seal(false, b"alice"));
    for det in [true, false] {
        for len in [0usize, 1, 16, 1000] {
            let pt = vec![0x5a; len];
            assert_eq!(aead::decrypt(&KEY, CTX, &seal(det, &pt)).unwrap(), pt);
        }
    }
    // The same plaintext in another attribute gives unrelated bytes (per-attribute subkeys).
    let elsewhere = value::aead_encrypt(
        &KEY,
        "k1",
        Context {
            table: "users",
            attribute: "phone",
            item: None,
        },
        Kind::Binary,
        b"alice",
        true,
    )
    .unwrap();
    assert_ne!(elsewhere[20..], seal(true, b"alice")[20..]);
}

#[test]
fn key_id_is_readable_without_the_key() {
    assert_eq!(aead::key_id(&seal(false, b"x")).unwrap(), "k1");
    assert!(aead::looks_like_envelope(&seal(true, b"x")));
    let long_id = "k".repeat(256);
    let e = value::aead_encrypt(&KEY, &long_id, CTX, Kind::Binary, b"x", true).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Argument);
}

#[test]
fn each_failure_has_its_own_code() {
    for det in [true, false] {
        let good = seal(det, b"secret value");
        assert_eq!(open_code(&OTHER_KEY, CTX, &good), ErrorCode::AeadWrongKey);
        assert_eq!(
            open_code(
                &KEY,
                Context {
                    table: "users",
                    attribute: "phone",
                    item: None,
                },
                &good
            ),
            ErrorCode::AeadContext
        );
        assert_eq!(
            open_code(
                &KEY,
                Context {
                    table: "admins",
                    attribute: "email",
                    item: None,
                },
                &good
            ),
            ErrorCode::AeadContext
        );
        assert_eq!(
            open_code(&KEY, CTX, &good[..good.len() - 1]),
            ErrorCode::AeadTruncated
        );
        assert_eq!(open_code(&KEY, CTX, &good[..6]), ErrorCode::AeadTruncated);
        let mut longer = good.clone();
        longer.push(0);
        assert_eq!(open_code(&KEY, CTX, &longer), ErrorCode::AeadFormat);
        assert_eq!(
            open_code(&KEY, CTX, b"not an envelope"),
            ErrorCode::AeadFormat
        );
        let mut version = good.clone();
        version[2] = 9;
        assert_eq!(open_code(&KEY, CTX, &version), ErrorCode::AeadVersion);
        // Flip each byte of the ciphertext and tag: always detected, never a wrong plaintext.
        let body_start = good.len() - 12 - 16;
        for i in body_start..good.len() {
            let mut t = good.clone();
            t[i] ^= 0x80;
            assert_eq!(
                open_code(&KEY, CTX, &t),
                ErrorCode::AeadTampered,
                "byte {i}"
            );
        }
        // The key id is authenticated too.
        let mut renamed = good.clone();
        renamed[5] = b'x';
        assert_eq!(open_code(&KEY, CTX, &renamed), ErrorCode::AeadTampered);
    }
}

#[test]
fn kinds_and_wrong_key_length() {
    let stored = value::aead_encrypt(&KEY, "k1", CTX, Kind::Float, b"3", true).unwrap();
    assert_eq!(
        value::aead_decrypt(&KEY, CTX, Kind::Number, &stored).unwrap(),
        br#""\u0000f3.0""#
    );
    assert_eq!(
        value::aead_decrypt(&KEY, CTX, Kind::Float, &stored).unwrap(),
        b"3.0"
    );
    assert_eq!(
        value::key32(&[1; 31]).unwrap_err().code(),
        ErrorCode::KeyLength
    );
}
