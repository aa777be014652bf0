//! AES-256-GCM-SIV (RFC 8452) split in two: the message keys and the tag (POLYVAL) here, the CTR
//! keystream wherever it is fastest. Node has no GCM-SIV, but its AES-NI encrypts the counter
//! blocks 20× faster than software AES in wasm; `js/codec/node-native.mjs` does that half. The
//! envelopes' wasm path runs both halves here with [`MessageCipher`] (message keys kept per fixed
//! nonce). Together they give the same bytes as `aes_gcm_siv::Aes256GcmSiv` (tested below).
//!
//! The keystream: block i is AES(message key, counter + i), where counter is the tag with the top
//! bit of its last byte set and the increment applies to its first 4 bytes as a little-endian u32.

use aes::cipher::{BlockCipherEncrypt, KeyInit};
use aes::Aes256;
use polyval::universal_hash::UniversalHash;
use polyval::Polyval;

pub const KEY_LEN: usize = 32;
pub const NONCE_LEN: usize = 12;
pub const TAG_LEN: usize = 16;

/// The per-nonce message-encryption key and message-authentication key (RFC 8452 §4).
pub struct MessageKeys {
    pub encryption: [u8; KEY_LEN],
    authentication: [u8; 16],
}

impl core::fmt::Debug for MessageKeys {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("MessageKeys(..)") // never the key bytes
    }
}

pub fn message_keys(key: &[u8; KEY_LEN], nonce: &[u8; NONCE_LEN]) -> MessageKeys {
    // Six blocks "LE32(i) | nonce", encrypted in one call (the software AES does several at once);
    // each gives its first 8 bytes: 2 for the authentication key, 4 for the encryption key.
    let mut blocks = [aes::Block::default(); 6];
    for (i, block) in blocks.iter_mut().enumerate() {
        block[..4].copy_from_slice(&(i as u32).to_le_bytes());
        block[4..].copy_from_slice(nonce);
    }
    Aes256::new(key.into()).encrypt_blocks(&mut blocks);
    let mut keys = MessageKeys {
        encryption: [0; KEY_LEN],
        authentication: [0; 16],
    };
    let halves = blocks.iter().map(|b| &b[..8]);
    let out = keys
        .authentication
        .chunks_mut(8)
        .chain(keys.encryption.chunks_mut(8));
    for (dst, src) in out.zip(halves) {
        dst.copy_from_slice(src);
    }
    keys
}

/// The tag of `plaintext` under `aad`: POLYVAL, the nonce mixed in, encrypted with the message key.
pub fn tag(
    keys: &MessageKeys,
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    plaintext: &[u8],
) -> [u8; TAG_LEN] {
    let aes = Aes256::new(&keys.encryption.into());
    tag_with(&aes, &keys.authentication, nonce, aad, plaintext)
}

/// Message keys with the encryption key expanded, for a caller that seals and opens many values
/// under one nonce (the envelope's deterministic mode: one fixed nonce per table and attribute),
/// so that each value pays neither the key derivation nor the constant-time key schedule.
pub struct MessageCipher {
    pub keys: MessageKeys,
    aes: Aes256,
}

impl core::fmt::Debug for MessageCipher {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("MessageCipher(..)")
    }
}

impl MessageCipher {
    pub fn new(keys: MessageKeys) -> MessageCipher {
        let aes = Aes256::new(&keys.encryption.into());
        MessageCipher { keys, aes }
    }

    /// [`tag`] under these keys.
    pub fn tag(&self, nonce: &[u8; NONCE_LEN], aad: &[u8], plaintext: &[u8]) -> [u8; TAG_LEN] {
        tag_with(&self.aes, &self.keys.authentication, nonce, aad, plaintext)
    }

    /// `data` XOR the keystream of `tag`, in place (what Node's half computes with AES-256-ECB).
    pub fn keystream_xor(&self, tag: &[u8; TAG_LEN], data: &mut [u8]) {
        let mut counter = *tag;
        counter[15] |= 0x80;
        let first = u32::from_le_bytes([counter[0], counter[1], counter[2], counter[3]]);
        // Eight blocks per call: the software AES encrypts several at once.
        const BATCH: usize = 8;
        let mut blocks = [aes::Block::default(); BATCH];
        for (c, chunk) in data.chunks_mut(16 * BATCH).enumerate() {
            let n = chunk.len().div_ceil(16);
            for (i, block) in blocks[..n].iter_mut().enumerate() {
                block.copy_from_slice(&counter);
                let at = first.wrapping_add((c * BATCH + i) as u32);
                block[..4].copy_from_slice(&at.to_le_bytes());
            }
            self.aes.encrypt_blocks(&mut blocks[..n]);
            for (d, k) in chunk.iter_mut().zip(blocks.iter().flat_map(|b| b.iter())) {
                *d ^= k;
            }
        }
    }
}

fn tag_with(
    aes: &Aes256,
    authentication: &[u8; 16],
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    plaintext: &[u8],
) -> [u8; TAG_LEN] {
    let mut polyval = Polyval::new(&(*authentication).into());
    polyval.update_padded(aad);
    polyval.update_padded(plaintext);
    let mut lengths = polyval::Block::default();
    lengths[..8].copy_from_slice(&(aad.len() as u64 * 8).to_le_bytes());
    lengths[8..].copy_from_slice(&(plaintext.len() as u64 * 8).to_le_bytes());
    polyval.update(&[lengths]);
    let mut block = polyval.finalize();
    for (b, n) in block.iter_mut().zip(nonce) {
        *b ^= n;
    }
    block[15] &= 0x7f;
    aes.encrypt_block(&mut block);
    block.into()
}

/// Constant-time tag comparison.
pub fn tags_equal(a: &[u8; TAG_LEN], b: &[u8; TAG_LEN]) -> bool {
    crate::constant_time::eq(a, b)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use aes::cipher::{KeyIvInit, StreamCipher};
    use aes_gcm_siv::aead::{Aead, Payload};
    use aes_gcm_siv::Aes256GcmSiv;

    fn keystream_xor(keys: &MessageKeys, tag: &[u8; TAG_LEN], data: &mut [u8]) {
        let mut counter = *tag;
        counter[15] |= 0x80;
        ctr::Ctr32LE::<Aes256>::new(&keys.encryption.into(), &counter.into()).apply_keystream(data);
    }

    #[test]
    fn split_gives_the_bytes_of_aes_gcm_siv() {
        let key: [u8; 32] = core::array::from_fn(|i| (i * 7 + 1) as u8);
        let nonce: [u8; 12] = core::array::from_fn(|i| (i * 13 + 5) as u8);
        for len in [0usize, 1, 15, 16, 17, 64, 1000, 4096 + 3] {
            for aad_len in [0usize, 5, 16, 40] {
                let plaintext: alloc::vec::Vec<u8> =
                    (0..len).map(|i| (i * 31 + len) as u8).collect();
                let aad: alloc::vec::Vec<u8> = (0..aad_len).map(|i| (i * 3) as u8).collect();
                let expected = Aes256GcmSiv::new(&key.into())
                    .encrypt(
                        &nonce.into(),
                        Payload {
                            msg: &plaintext,
                            aad: &aad,
                        },
                    )
                    .unwrap();

                let keys = message_keys(&key, &nonce);
                let t = tag(&keys, &nonce, &aad, &plaintext);
                let mut sealed = plaintext.clone();
                keystream_xor(&keys, &t, &mut sealed);
                sealed.extend_from_slice(&t);
                assert_eq!(sealed, expected, "len {len}, aad {aad_len}");
                assert!(tags_equal(&t, &expected[len..].try_into().unwrap()));

                // The kept cipher gives the same tag and keystream.
                let cipher = MessageCipher::new(message_keys(&key, &nonce));
                assert_eq!(cipher.tag(&nonce, &aad, &plaintext), t);
                let mut body = plaintext.clone();
                cipher.keystream_xor(&t, &mut body);
                assert_eq!(body, sealed[..len], "len {len}, aad {aad_len}");
            }
        }
    }

    #[test]
    fn kept_keystream_wraps_its_counter_as_ctr32le() {
        let keys = || message_keys(&[3; 32], &[4; 12]);
        let tag = [0xff; TAG_LEN]; // the counter starts at 2^32 - 1
        let mut kept = [5u8; 200];
        MessageCipher::new(keys()).keystream_xor(&tag, &mut kept);
        let mut reference = [5u8; 200];
        keystream_xor(&keys(), &tag, &mut reference);
        assert_eq!(kept, reference);
    }

    #[test]
    fn rfc8452_vector() {
        // RFC 8452 appendix C.2, AES-256: 8-byte plaintext, 1-byte AAD.
        let mut key = [0u8; 32];
        key[0] = 1;
        let mut nonce = [0u8; 12];
        nonce[0] = 3;
        let keys = message_keys(&key, &nonce);
        let t = tag(&keys, &nonce, &[1], &[2, 0, 0, 0, 0, 0, 0, 0]);
        let mut body = [2, 0, 0, 0, 0, 0, 0, 0];
        keystream_xor(&keys, &t, &mut body);
        assert_eq!(crate::hash::hex(&body), "1de22967237a8132");
        assert_eq!(crate::hash::hex(&t), "91213f267e3b452f02d01ae33e4ec854");
        let mut other = t;
        other[0] ^= 1;
        assert!(!tags_equal(&t, &other));
    }
}
