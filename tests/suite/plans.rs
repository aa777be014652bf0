//! Envelope plans (what Node's native AES is handed): assembled with reference AES, they give the
//! bytes `aead::encrypt` gives and open what it sealed; their errors are `aead::decrypt`'s.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use aes::cipher::{KeyIvInit, StreamCipher};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::Aes256Gcm;
use dynamodb_mate::aead::{self, Context};
use dynamodb_mate::ErrorCode;

const KEY: [u8; 32] = [7; 32];
const CTX: Context<'static> = Context {
    table: "users",
    attribute: "émail",
    item: None,
};
const NONCE: [u8; 12] = [9; 12];
const LENGTHS: [usize; 6] = [0, 1, 15, 16, 100, 5000];

fn plaintext(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 + 3) as u8).collect()
}

fn arr<const N: usize>(b: &[u8]) -> [u8; N] {
    b.try_into().unwrap()
}

/// The open plan of a whole envelope (node-native.mjs hands over only its first bytes and tag).
fn open_plan(key: &[u8; 32], ctx: Context<'_>, stored: &[u8]) -> dynamodb_mate::Result<Vec<u8>> {
    let tag = &stored[stored.len().saturating_sub(16)..];
    aead::open_plan(key, ctx, stored, tag, stored.len())
}

fn u32_at(b: &[u8], at: usize) -> usize {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap()) as usize
}

/// GCM-SIV's keystream: AES-CTR from the tag with its top bit set, 32-bit little-endian counter.
fn siv_keystream(key: &[u8], tag: &[u8], data: &mut [u8]) {
    let mut counter: [u8; 16] = tag.try_into().unwrap();
    counter[15] |= 0x80;
    ctr::Ctr32LE::<aes::Aes256>::new(&arr::<32>(key).into(), &counter.into()).apply_keystream(data);
}

#[test]
fn deterministic_plan_gives_the_envelope() {
    for len in LENGTHS {
        let pt = plaintext(len);
        let plan = aead::seal_plan_deterministic(&KEY, "k1", CTX, &pt).unwrap();
        let (key, rest) = plan.split_at(32);
        let (tag, header) = rest.split_at(16);
        let mut body = pt.clone();
        siv_keystream(key, tag, &mut body);
        let assembled = [header, &body, tag].concat();
        assert_eq!(
            assembled,
            aead::encrypt(&KEY, "k1", CTX, &pt, true, &NONCE).unwrap(),
            "len {len}"
        );
    }
}

#[test]
fn randomized_plan_gives_the_envelope() {
    for len in LENGTHS {
        let pt = plaintext(len);
        let plan = aead::seal_plan_randomized(&KEY, "k1", CTX, len, &NONCE).unwrap();
        let (key, nonce) = (&plan[..32], &plan[32..44]);
        let aad = &plan[48..];
        let header = &aad[..u32_at(&plan, 44)];
        let sealed = Aes256Gcm::new(&arr::<32>(key).into())
            .encrypt(&arr::<12>(nonce).into(), Payload { msg: &pt, aad })
            .unwrap();
        let assembled = [header, &sealed].concat();
        assert_eq!(
            assembled,
            aead::encrypt(&KEY, "k1", CTX, &pt, false, &NONCE).unwrap(),
            "len {len}"
        );
    }
}

#[test]
fn open_plans_open_what_encrypt_sealed() {
    for len in LENGTHS {
        let pt = plaintext(len);
        for deterministic in [true, false] {
            let stored = aead::encrypt(&KEY, "k1", CTX, &pt, deterministic, &NONCE).unwrap();
            let plan = open_plan(&KEY, CTX, &stored).unwrap();
            let (key, iv, start) = (&plan[1..33], &plan[33..49], u32_at(&plan, 49));
            let body = &stored[start..stored.len() - 16];
            if deterministic {
                assert_eq!(plan[0], 1);
                let mut opened = body.to_vec();
                siv_keystream(key, iv, &mut opened);
                assert_eq!(opened, pt);
                aead::check_deterministic(&KEY, CTX, &stored, &opened).unwrap();
                let mut wrong = opened.clone();
                match wrong.first_mut() {
                    Some(b) => *b ^= 1,
                    None => wrong.push(0),
                }
                let code = aead::check_deterministic(&KEY, CTX, &stored, &wrong)
                    .map(|_| ())
                    .unwrap_err()
                    .code();
                assert_eq!(code, ErrorCode::AeadTampered);
            } else {
                assert_eq!(plan[0], 2);
                let payload = Payload {
                    msg: &stored[start..],
                    aad: &plan[53..],
                };
                let opened = Aes256Gcm::new(&arr::<32>(key).into())
                    .decrypt(&arr::<12>(&iv[..12]).into(), payload)
                    .unwrap();
                assert_eq!(opened, pt);
            }
        }
    }
}

#[test]
fn plans_fail_as_decrypt_fails() {
    let stored = aead::encrypt(&KEY, "k1", CTX, b"secret", true, &NONCE).unwrap();
    let other = Context {
        table: "users",
        attribute: "phone",
        item: None,
    };
    let cases: [(&[u8; 32], Context<'_>, &[u8]); 5] = [
        (&[8; 32], CTX, &stored),
        (&KEY, other, &stored),
        (&KEY, CTX, &stored[..stored.len() - 1]),
        (&KEY, CTX, b"not an envelope"),
        (&KEY, CTX, &[stored.as_slice(), &[0]].concat()),
    ];
    for (key, ctx, bytes) in cases {
        let expected = aead::decrypt(key, ctx, bytes).unwrap_err();
        let got = open_plan(key, ctx, bytes).unwrap_err();
        assert_eq!(got.to_string(), expected.to_string());
    }
    let e = aead::seal_plan_randomized(&KEY, "", CTX, 1, &NONCE).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Argument);
}
