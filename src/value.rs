//! Whole-value codecs: kind rules + gzip or encryption in one call, so a JS attribute crosses the
//! wasm boundary once per value.

use crate::aead::{self, Context};
use crate::error::{err, ErrorCode, Result};
use crate::gzip;
use crate::kind::{self, Kind};
use crate::legacy;
use crate::random;
use alloc::vec::Vec;

/// gzip of the kind's plaintext with MTIME 0, so equal values give equal bytes.
pub fn compress(kind: Kind, value: &[u8], level: u32, ensure_ascii: bool) -> Result<Vec<u8>> {
    gzip::compress(&kind::to_plaintext(kind, value, ensure_ascii)?, level, 0)
}

pub fn decompress(kind: Kind, stored: &[u8], max_output: usize) -> Result<Vec<u8>> {
    kind::from_plaintext(kind, gzip::decompress(stored, max_output)?)
}

/// pynamodb_mate's bytes: ECB when deterministic, else a CTR envelope with a random 8-byte nonce.
pub fn legacy_encrypt(
    key: &[u8; 32],
    kind: Kind,
    value: &[u8],
    deterministic: bool,
) -> Result<Vec<u8>> {
    let plaintext = kind::to_plaintext(kind, value, true)?;
    Ok(if deterministic {
        legacy::ecb_encrypt(key, &plaintext)
    } else {
        legacy::ctr_encrypt(key, &plaintext, &random::bytes()?)
    })
}

pub fn legacy_decrypt(
    key: &[u8; 32],
    kind: Kind,
    stored: &[u8],
    deterministic: bool,
) -> Result<Vec<u8>> {
    let plaintext = if deterministic {
        legacy::ecb_decrypt(key, stored)?
    } else {
        legacy::ctr_decrypt(key, stored)?
    };
    kind::from_plaintext(kind, plaintext)
}

pub fn aead_encrypt(
    master: &[u8; 32],
    key_id: &str,
    ctx: Context<'_>,
    kind: Kind,
    value: &[u8],
    deterministic: bool,
) -> Result<Vec<u8>> {
    aead_sealed(kind, value, deterministic, |plaintext, nonce| {
        aead::encrypt(master, key_id, ctx, plaintext, deterministic, nonce)
    })
}

/// `seal(plaintext, nonce)` of a value of `kind`, with a fresh nonce when randomized.
pub(crate) fn aead_sealed(
    kind: Kind,
    value: &[u8],
    deterministic: bool,
    seal: impl FnOnce(&[u8], &[u8; 12]) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    let plaintext = kind::to_plaintext(kind, value, true)?;
    let nonce = if deterministic {
        [0u8; 12]
    } else {
        random::bytes::<12>()?
    };
    seal(&plaintext, &nonce)
}

pub fn aead_decrypt(
    master: &[u8; 32],
    ctx: Context<'_>,
    kind: Kind,
    stored: &[u8],
) -> Result<Vec<u8>> {
    kind::from_plaintext(kind, aead::decrypt(master, ctx, stored)?)
}

/// A raw key argument must be exactly 32 bytes.
pub fn key32(key: &[u8]) -> Result<&[u8; 32]> {
    key.try_into().map_err(|_| {
        err(
            ErrorCode::KeyLength,
            alloc::format!("key must be 32 bytes, got {}", key.len()),
        )
    })
}
