//! Published known-answer vectors for the primitives under the authenticated envelopes:
//! RFC 8452 Appendix C.2 (AES-256-GCM-SIV) and the GCM specification's test cases 13, 14 and 16
//! (McGrew & Viega, AES-256-GCM); NIST SP 800-38A's AES-256 ECB and CTR examples (F.1.5/F.1.6,
//! F.5.5/F.5.6, in `tests/vectors/nist-sp800-38a.json`) for the legacy modes.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::fixtures::{get, load, unhex};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::Aes256Gcm;
use aes_gcm_siv::Aes256GcmSiv;
use dynamodb_mate::legacy;
use dynamodb_mate::pyjson::Value;

struct Vector {
    key: &'static str,
    nonce: &'static str,
    aad: &'static str,
    plaintext: &'static str,
    /// Ciphertext followed by the 16-byte tag.
    sealed: &'static str,
}

const RFC8452_C2: &[Vector] = &[
    Vector {
        key: "0100000000000000000000000000000000000000000000000000000000000000",
        nonce: "030000000000000000000000",
        aad: "",
        plaintext: "0100000000000000",
        sealed: "c2ef328e5c71c83b843122130f7364b761e0b97427e3df28",
    },
    Vector {
        key: "0100000000000000000000000000000000000000000000000000000000000000",
        nonce: "030000000000000000000000",
        aad: "01",
        plaintext: "0200000000000000",
        sealed: "1de22967237a813291213f267e3b452f02d01ae33e4ec854",
    },
    Vector {
        key: "e66021d5eb8e4f4066d4adb9c33560e4f46e44bb3da0015c94f7088736864200",
        nonce: "e0eaf5284d884a0e77d31646",
        aad: "",
        plaintext: "",
        sealed: "169fbb2fbf389a995f6390af22228a62",
    },
    Vector {
        key: "3c535de192eaed3822a2fbbe2ca9dfc88255e14a661b8aa82cc54236093bbc23",
        nonce: "688089e55540db1872504e1c",
        aad: "734320ccc9d9bbbb19cb81b2af4ecbc3e72834321f7aa0f70b7282b4f33df23f167541",
        plaintext: "ced532ce4159b035277d4dfbb7db62968b13cd4eec",
        sealed: "626660c26ea6612fb17ad91e8e767639edd6c9faee9d6c7029675b89eaf4ba1ded1a286594",
    },
];

const GCM_SPEC: &[Vector] = &[
    Vector { key: "0000000000000000000000000000000000000000000000000000000000000000", nonce: "000000000000000000000000", aad: "", plaintext: "", sealed: "530f8afbc74536b9a963b4f1c4cb738b" },
    Vector { key: "0000000000000000000000000000000000000000000000000000000000000000", nonce: "000000000000000000000000", aad: "", plaintext: "00000000000000000000000000000000", sealed: "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919" },
    Vector {
        key: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
        nonce: "cafebabefacedbaddecaf888",
        aad: "feedfacedeadbeeffeedfacedeadbeefabaddad2",
        plaintext: "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
        sealed: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f66276fc6ece0f4e1768cddf8853bb2d551b",
    },
];

fn check<C: KeyInit + Aead>(vectors: &[Vector]) {
    for (i, v) in vectors.iter().enumerate() {
        let cipher = C::new_from_slice(&unhex(v.key)).unwrap();
        let nonce = unhex(v.nonce);
        let nonce = nonce.as_slice().try_into().unwrap();
        let (aad, plaintext, sealed) = (unhex(v.aad), unhex(v.plaintext), unhex(v.sealed));
        let out = cipher
            .encrypt(
                nonce,
                Payload {
                    msg: &plaintext,
                    aad: &aad,
                },
            )
            .unwrap();
        assert_eq!(out, sealed, "vector {i} encrypt");
        let back = cipher
            .decrypt(
                nonce,
                Payload {
                    msg: &sealed,
                    aad: &aad,
                },
            )
            .unwrap();
        assert_eq!(back, plaintext, "vector {i} decrypt");
        let mut flipped = sealed.clone();
        flipped[0] ^= 1;
        assert!(
            cipher
                .decrypt(
                    nonce,
                    Payload {
                        msg: &flipped,
                        aad: &aad
                    }
                )
                .is_err(),
            "vector {i} tamper"
        );
    }
}

#[test]
fn aes_256_gcm_siv_rfc8452() {
    check::<Aes256GcmSiv>(RFC8452_C2);
}

#[test]
fn aes_256_gcm_spec() {
    check::<Aes256Gcm>(GCM_SPEC);
}

const NIST_SP800_38A: &str = include_str!("../vectors/nist-sp800-38a.json");

/// The concatenated `plaintext` and `ciphertext` of one mode's example blocks (4 each).
fn nist_blocks(mode: &str) -> (Vec<u8>, Vec<u8>) {
    let file = load(NIST_SP800_38A);
    let Value::List(blocks) = get(get(&file, mode), "blocks") else {
        panic!("{mode}: blocks is not a list")
    };
    assert_eq!(blocks.len(), 4, "{mode}: the examples have 4 blocks");
    let hex_of = |block: &Value, name: &str| match get(block, name) {
        Value::Str(s) => unhex(s),
        _ => panic!("{mode}: {name} is not a string"),
    };
    blocks
        .iter()
        .map(|b| (hex_of(b, "plaintext"), hex_of(b, "ciphertext")))
        .fold((vec![], vec![]), |(mut p, mut c), (pb, cb)| {
            p.extend(pb);
            c.extend(cb);
            (p, c)
        })
}

fn nist_hex(path: &[&str]) -> Vec<u8> {
    let file = load(NIST_SP800_38A);
    let value = path.iter().fold(&file, |v, name| get(v, name));
    match value {
        Value::Str(s) => unhex(s),
        _ => panic!("{path:?} is not a string"),
    }
}

fn nist_key() -> [u8; 32] {
    nist_hex(&["key"]).try_into().unwrap()
}

/// F.1.5 and F.1.6 through the deterministic legacy mode, which pads (PKCS#7): its ciphertext is the
/// example's blocks and then the padding block, which is `ecb_encrypt` of the empty plaintext.
#[test]
fn nist_sp800_38a_ecb_aes256() {
    let key = nist_key();
    let (plaintext, ciphertext) = nist_blocks("ecb");
    let padding_block = legacy::ecb_encrypt(&key, b"");
    assert_eq!(padding_block.len(), 16);
    let stored = [&ciphertext[..], &padding_block[..]].concat();
    assert_eq!(
        legacy::ecb_encrypt(&key, &plaintext),
        stored,
        "F.1.5 encrypt"
    );
    assert_eq!(
        legacy::ecb_decrypt(&key, &stored).unwrap(),
        plaintext,
        "F.1.6 decrypt"
    );
}

/// F.5.5 and F.5.6 through the legacy CTR keystream, from the example's initial counter (whose low
/// bytes carry into the next byte at the second block).
#[test]
fn nist_sp800_38a_ctr_aes256() {
    let key = nist_key();
    let counter: [u8; 16] = nist_hex(&["ctr", "initialCounter"]).try_into().unwrap();
    let (plaintext, ciphertext) = nist_blocks("ctr");
    let mut buf = plaintext.clone();
    legacy::ctr_xor(&key, &counter, &mut buf);
    assert_eq!(buf, ciphertext, "F.5.5 encrypt");
    legacy::ctr_xor(&key, &counter, &mut buf);
    assert_eq!(buf, plaintext, "F.5.6 decrypt");
}
