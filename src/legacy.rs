//! pynamodb_mate's own encryption (`cipher.py`), kept byte-exact for interoperability.
//!
//! **Weaker than [`crate::aead`]; use only to share data with Python.** The key is one unsalted
//! SHA-256 of a password; deterministic mode is AES-256-ECB (leaks equal 16-byte blocks); random
//! mode is AES-256-CTR without authentication (ciphertexts are malleable).

use crate::base85;
use crate::error::{err, ErrorCode, Result};
use crate::pyjson::{self, Value};
use aes::cipher::{
    BlockCipherDecrypt, BlockCipherEncrypt, InnerIvInit, KeyInit, StreamCipher,
    StreamCipherCoreWrapper,
};
use aes::Aes256;
use alloc::vec::Vec;
use core::cell::RefCell;
use sha2::{Digest, Sha256};

const BLOCK: usize = 16;
/// pynamodb_mate's CTR nonce: 8 random bytes, then a 64-bit counter from zero.
const CTR_NONCE_LEN: usize = 8;

/// The CTR plans, for a caller that runs AES-256-CTR itself (Node's AES-NI, in
/// js/codec/node-native.mjs): the initial counter block (`nonce || 0…0`, pycryptodome's), then the
/// token (open plan only). Offsets read by JS from js/generated/constants.mjs.
pub(crate) mod plan {
    pub(crate) const CTR_COUNTER: usize = 0;
    pub(crate) const CTR_TOKEN: usize = 16;
}
type Aes256Ctr = StreamCipherCoreWrapper<ctr::CtrCore<Aes256, ctr::flavors::Ctr128BE>>;

/// How many expanded keys [`with_cipher`] keeps (a service uses one key, or a few).
const CACHED_KEYS: usize = 4;

std::thread_local! {
    /// The expanded keys of the last few keys, most recent first: the constant-time key schedule
    /// costs about as much as encrypting 64 B, so a small value would otherwise pay it twice.
    static CIPHERS: RefCell<Vec<([u8; 32], Aes256)>> = const { RefCell::new(Vec::new()) };
}

/// `cipher.str_to_key`: SHA-256 of the UTF-8 password.
pub fn key_from_password(password: &str) -> [u8; 32] {
    Sha256::digest(password.as_bytes()).into()
}

/// `f` with the expanded `key`, from the cache when it is there.
fn with_cipher<T>(key: &[u8; 32], f: impl FnOnce(&Aes256) -> T) -> T {
    CIPHERS.with_borrow_mut(|ciphers| {
        match ciphers
            .iter()
            .position(|(k, _)| crate::constant_time::eq(k, key))
        {
            Some(at) => ciphers[..=at].rotate_right(1),
            None => {
                ciphers.truncate(CACHED_KEYS - 1);
                ciphers.insert(0, (*key, Aes256::new(key.into())));
            }
        }
        f(&ciphers[0].1)
    })
}

/// Deterministic mode: AES-256-ECB over PKCS#7-padded plaintext.
pub fn ecb_encrypt(key: &[u8; 32], plaintext: &[u8]) -> Vec<u8> {
    let mut buf = pkcs7_pad(plaintext);
    // All blocks in one call: the software AES encrypts several blocks at once.
    with_cipher(key, |c| {
        c.encrypt_blocks(aes::Block::slice_as_chunks_mut(&mut buf).0)
    });
    buf
}

/// Inverse of [`ecb_encrypt`] with strict padding checks (as pycryptodome's `unpad`).
pub fn ecb_decrypt(key: &[u8; 32], stored: &[u8]) -> Result<Vec<u8>> {
    if stored.is_empty() || !stored.len().is_multiple_of(BLOCK) {
        return Err(err(
            ErrorCode::LegacyLength,
            "ECB ciphertext length is not a positive multiple of 16",
        ));
    }
    let mut buf = stored.to_vec();
    with_cipher(key, |c| {
        c.decrypt_blocks(aes::Block::slice_as_chunks_mut(&mut buf).0)
    });
    let pad = pkcs7_padding_len(&buf)?;
    buf.truncate(buf.len() - pad);
    Ok(buf)
}

/// PKCS#7: `plaintext` and its [`pkcs7_padding`].
pub fn pkcs7_pad(plaintext: &[u8]) -> Vec<u8> {
    let padding = pkcs7_padding(plaintext.len());
    let mut buf = Vec::with_capacity(plaintext.len() + padding.len());
    buf.extend_from_slice(plaintext);
    buf.extend_from_slice(&padding);
    buf
}

/// What PKCS#7 appends to `len` bytes: 1 to 16 bytes that each hold their count, up to a whole block.
pub fn pkcs7_padding(len: usize) -> Vec<u8> {
    let pad = BLOCK - len % BLOCK;
    alloc::vec![pad as u8; pad]
}

/// How many padding bytes end `padded` (its last block is enough), checked strictly as
/// pycryptodome's `unpad`.
pub fn pkcs7_padding_len(padded: &[u8]) -> Result<usize> {
    let pad = padded.last().map_or(0, |&b| usize::from(b));
    let valid = (1..=BLOCK).contains(&pad)
        && pad <= padded.len()
        && padded[padded.len() - pad..]
            .iter()
            .all(|&b| usize::from(b) == pad);
    if !valid {
        return Err(err(
            ErrorCode::LegacyPadding,
            "invalid PKCS#7 padding (wrong key or corrupted data)",
        ));
    }
    Ok(pad)
}

/// Random mode: AES-256-CTR under `nonce` (pynamodb_mate: 8 random bytes), stored as Python's
/// `json.dumps({"nonce": b85(nonce), "token": b85(ciphertext)})`.
pub fn ctr_encrypt(key: &[u8; 32], plaintext: &[u8], nonce: &[u8; CTR_NONCE_LEN]) -> Vec<u8> {
    let mut token = plaintext.to_vec();
    ctr_apply(key, nonce, &mut token);
    ctr_envelope(nonce, &token)
}

/// The stored bytes of a CTR `token` under `nonce`, as Python's `json.dumps` writes them.
pub fn ctr_envelope(nonce: &[u8], token: &[u8]) -> Vec<u8> {
    let envelope = alloc::format!(
        "{{\"nonce\": \"{}\", \"token\": \"{}\"}}",
        base85::encode(nonce),
        base85::encode(token)
    );
    envelope.into_bytes()
}

/// The seal plan: the initial counter block of a fresh random nonce (its first 8 bytes).
pub fn ctr_seal_plan() -> Result<Vec<u8>> {
    Ok(counter_block(&crate::random::bytes::<CTR_NONCE_LEN>()?).to_vec())
}

/// The envelope of `token`, made under the counter block of a seal plan.
pub fn ctr_envelope_of_plan(counter: &[u8], token: &[u8]) -> Result<Vec<u8>> {
    match counter.get(..CTR_NONCE_LEN) {
        Some(nonce) if counter.len() == BLOCK => Ok(ctr_envelope(nonce, token)),
        _ => Err(err(ErrorCode::Argument, "not a CTR seal plan")),
    }
}

/// The open plan of stored bytes (counter block, then the token), after the checks of [`ctr_decrypt`].
pub fn ctr_open_plan(stored: &[u8]) -> Result<Vec<u8>> {
    let (nonce, token) = ctr_envelope_parts(stored)?;
    let mut out = alloc::vec![0; plan::CTR_TOKEN + token.len()];
    out[plan::CTR_COUNTER..plan::CTR_TOKEN].copy_from_slice(&counter_block(&nonce));
    out[plan::CTR_TOKEN..].copy_from_slice(&token);
    Ok(out)
}

/// Inverse of [`ctr_encrypt`]; reads any JSON layout and any nonce of 0..=15 bytes, as pycryptodome.
pub fn ctr_decrypt(key: &[u8; 32], stored: &[u8]) -> Result<Vec<u8>> {
    let (nonce, mut token) = ctr_envelope_parts(stored)?;
    ctr_apply(key, &nonce, &mut token);
    Ok(token)
}

/// The nonce and token of a CTR envelope, refused where pycryptodome would refuse to decrypt them.
fn ctr_envelope_parts(stored: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
    let bad = |what: &str| {
        err(
            ErrorCode::LegacyEnvelope,
            alloc::format!("CTR envelope: {what}"),
        )
    };
    let text = core::str::from_utf8(stored).map_err(|_| bad("not UTF-8 text"))?;
    let Ok(Value::Dict(fields)) = pyjson::loads(text) else {
        return Err(bad("not a JSON object"));
    };
    let field = |name: &str| -> Result<Vec<u8>> {
        match fields.iter().find(|(k, _)| k == name) {
            Some((_, Value::Str(s))) => base85::decode(s).map_err(|_| bad("field is not base85")),
            _ => Err(bad("missing string field")),
        }
    };
    let nonce = field("nonce")?;
    let token = field("token")?;
    if nonce.len() >= BLOCK {
        return Err(bad("nonce longer than 15 bytes"));
    }
    // pycryptodome refuses to let the counter field (16 - nonce bytes) wrap around.
    let counter_bits = 8 * (BLOCK - nonce.len()) as u32;
    let blocks = token.len().div_ceil(BLOCK) as u128;
    if counter_bits < 128 && blocks > 1u128 << counter_bits {
        return Err(bad("counter would wrap for this nonce length"));
    }
    Ok((nonce, token))
}

/// pycryptodome's CTR counter block: `nonce || 0…0` (the nonce is shorter than a block).
fn counter_block(nonce: &[u8]) -> [u8; BLOCK] {
    let mut counter = [0u8; BLOCK];
    counter[..nonce.len()].copy_from_slice(nonce);
    counter
}

fn ctr_apply(key: &[u8; 32], nonce: &[u8], buf: &mut [u8]) {
    ctr_xor(key, &counter_block(nonce), buf);
}

/// `buf` XOR the AES-256-CTR keystream from `initial_counter`, a 128-bit big-endian counter block
/// (NIST SP 800-38A's CTR): the primitive under [`ctr_encrypt`] and [`ctr_decrypt`], public so
/// that the standard's vectors, whose counters do not end in zeros, can run through it.
pub fn ctr_xor(key: &[u8; 32], initial_counter: &[u8; BLOCK], buf: &mut [u8]) {
    let core = with_cipher(key, |c| {
        ctr::CtrCore::inner_iv_init(c.clone(), initial_counter.into())
    });
    Aes256Ctr::from_core(core).apply_keystream(buf);
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn password_key_matches_python() {
        let key = key_from_password("my-password");
        assert_eq!(
            crate::hash::hex(&key),
            "6fa2288c361becce3e30ba4c41be7d8ba01e3580566f7acc76a7f99994474c46"
        );
    }

    #[test]
    fn ecb_padding_and_errors() {
        let key = key_from_password("k");
        for len in [0, 1, 15, 16, 17, 32] {
            let pt = alloc::vec![7u8; len];
            let ct = ecb_encrypt(&key, &pt);
            assert_eq!(ct.len(), (len / 16 + 1) * 16);
            assert_eq!(ecb_decrypt(&key, &ct).unwrap(), pt);
        }
        let ct = ecb_encrypt(&key, b"secret");
        assert_eq!(
            ecb_decrypt(&key, &ct[..15]).unwrap_err().code(),
            ErrorCode::LegacyLength
        );
        assert_eq!(
            ecb_decrypt(&key, &[]).unwrap_err().code(),
            ErrorCode::LegacyLength
        );
        let other = key_from_password("other");
        assert_eq!(
            ecb_decrypt(&other, &ct).unwrap_err().code(),
            ErrorCode::LegacyPadding
        );
    }

    #[test]
    fn cached_keys_give_the_same_bytes() {
        let keys: Vec<[u8; 32]> = (0..=CACHED_KEYS as u8).map(|i| [i; 32]).collect();
        let expected: Vec<Vec<u8>> = keys
            .iter()
            .map(|k| {
                let mut buf = alloc::vec![9u8; 32];
                Aes256::new(k.into()).encrypt_blocks(aes::Block::slice_as_chunks_mut(&mut buf).0);
                buf
            })
            .collect();
        // More keys than the cache holds, in an order that both hits and evicts.
        for i in [0, 1, 0, 2, 3, 4, 1, 0, 4, 4, 2] {
            let ct = ecb_encrypt(&keys[i], &[9u8; 16]);
            assert_eq!(ct[..16], expected[i][..16]);
            assert_eq!(ecb_decrypt(&keys[i], &ct).unwrap(), [9u8; 16]);
        }
        assert!(CIPHERS.with_borrow(|c| c.len()) <= CACHED_KEYS);
    }

    #[test]
    fn ctr_envelope() {
        let key = key_from_password("k");
        let stored = ctr_encrypt(&key, b"hello", &[1, 2, 3, 4, 5, 6, 7, 8]);
        let text = core::str::from_utf8(&stored).unwrap();
        assert!(text.starts_with("{\"nonce\": \"") && text.contains("\", \"token\": \""));
        assert_eq!(ctr_decrypt(&key, &stored).unwrap(), b"hello");
        // Key order and spacing do not matter on read.
        let swapped = alloc::format!(
            "{{\"token\":\"{}\",\"nonce\":\"{}\"}}",
            text.split('"').nth(7).unwrap(),
            text.split('"').nth(3).unwrap()
        );
        assert_eq!(ctr_decrypt(&key, swapped.as_bytes()).unwrap(), b"hello");
        for bad in [
            &b"{}"[..],
            b"[1]",
            b"\xff",
            br#"{"nonce": "a b", "token": ""}"#,
            br#"{"nonce": 1, "token": ""}"#,
        ] {
            assert_eq!(
                ctr_decrypt(&key, bad).unwrap_err().code(),
                ErrorCode::LegacyEnvelope
            );
        }
    }

    #[test]
    fn plans_give_the_same_bytes() {
        let key = key_from_password("k");
        let nonce = [7u8; CTR_NONCE_LEN];
        let stored = ctr_encrypt(&key, b"hello", &nonce);
        let plan = ctr_open_plan(&stored).unwrap();
        assert_eq!(
            plan[plan::CTR_COUNTER..plan::CTR_TOKEN],
            counter_block(&nonce)
        );
        let mut token = plan[plan::CTR_TOKEN..].to_vec();
        ctr_xor(&key, &counter_block(&nonce), &mut token);
        assert_eq!(token, b"hello");
        let sealed = ctr_seal_plan().unwrap();
        assert_eq!(sealed[CTR_NONCE_LEN..], [0; BLOCK - CTR_NONCE_LEN]);
        assert_eq!(
            ctr_envelope_of_plan(&counter_block(&nonce), &plan[plan::CTR_TOKEN..]).unwrap(),
            stored
        );
        assert_eq!(
            ctr_envelope_of_plan(&nonce, b"").unwrap_err().code(),
            ErrorCode::Argument
        );
        // The padding's length from the last block alone, strictly checked.
        let padded = pkcs7_pad(&[1u8; 20]);
        assert_eq!(padded.len(), 32);
        assert_eq!(padded[20..], pkcs7_padding(20));
        assert_eq!(pkcs7_padding(32), [16; 16]);
        assert_eq!(pkcs7_padding_len(&padded[16..]).unwrap(), 12);
        for bad in [&[0u8; 16][..], &[17u8; 16], &[], &[2, 3]] {
            assert_eq!(
                pkcs7_padding_len(bad).unwrap_err().code(),
                ErrorCode::LegacyPadding
            );
        }
    }

    #[test]
    fn ctr_short_counter_overflow_is_refused() {
        let key = key_from_password("k");
        // A 15-byte nonce leaves an 8-bit counter: 256 blocks at most.
        let nonce = base85::encode(&[0u8; 15]);
        let ok = alloc::format!(
            r#"{{"nonce": "{nonce}", "token": "{}"}}"#,
            base85::encode(&[0u8; 4096])
        );
        assert_eq!(ctr_decrypt(&key, ok.as_bytes()).unwrap().len(), 4096);
        let over = alloc::format!(
            r#"{{"nonce": "{nonce}", "token": "{}"}}"#,
            base85::encode(&[0u8; 4097])
        );
        assert_eq!(
            ctr_decrypt(&key, over.as_bytes()).unwrap_err().code(),
            ErrorCode::LegacyEnvelope
        );
    }
}
