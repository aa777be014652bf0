//! The wasm exports of the `deflate-crypto` measurement variant (bench/wasm-variants.sh puts this
//! file in place of src/wasm.rs in a copy of the crate): gzip, SHA-256, MD5, ECB and the aead
//! envelope over bytes, with the signatures bench/wasm-variants.mjs calls, and nothing that pulls
//! in the item codec, Python JSON or kinds. It sizes the floor of a codec-only module.

use crate::aead::{self, Context};
use crate::error::Error;
use crate::{gzip, hash, legacy, value};
use alloc::{string::String, vec::Vec};
use wasm_bindgen::prelude::*;

type JsResult<T> = core::result::Result<T, JsError>;

fn js(e: Error) -> JsError {
    JsError::new(&alloc::format!("{e}"))
}

#[wasm_bindgen(js_name = gzip)]
pub fn gzip_(data: &[u8], level: u32, mtime: u32) -> JsResult<Vec<u8>> {
    gzip::compress(data, level, mtime).map_err(js)
}

#[wasm_bindgen]
pub fn gunzip(data: &[u8], max_output: f64) -> JsResult<Vec<u8>> {
    gzip::decompress(data, max_output as usize).map_err(js)
}

#[wasm_bindgen(js_name = sha256Hex)]
pub fn sha256_hex(data: &[u8]) -> String {
    hash::sha256_hex(data)
}

#[wasm_bindgen(js_name = md5Hex)]
pub fn md5_hex(data: &[u8]) -> String {
    hash::md5_hex(data)
}

/// ECB only (`_kind` and `_deterministic` are ignored): CTR's envelope is Python JSON.
#[wasm_bindgen(js_name = legacyEncrypt)]
pub fn legacy_encrypt(
    key: &[u8],
    _kind: &str,
    data: &[u8],
    _deterministic: bool,
) -> JsResult<Vec<u8>> {
    Ok(legacy::ecb_encrypt(value::key32(key).map_err(js)?, data))
}

#[wasm_bindgen(js_name = legacyDecrypt)]
pub fn legacy_decrypt(
    key: &[u8],
    _kind: &str,
    stored: &[u8],
    _deterministic: bool,
) -> JsResult<Vec<u8>> {
    legacy::ecb_decrypt(value::key32(key).map_err(js)?, stored).map_err(js)
}

/// Bytes only (`_kind` is ignored).
#[wasm_bindgen(js_name = aeadEncrypt)]
pub fn aead_encrypt(
    master: &[u8],
    key_id: &str,
    table: &str,
    attribute: &str,
    _kind: &str,
    data: &[u8],
    deterministic: bool,
) -> JsResult<Vec<u8>> {
    let master = value::key32(master).map_err(js)?;
    let nonce = if deterministic {
        [0u8; 12]
    } else {
        crate::random::bytes::<12>().map_err(js)?
    };
    aead::encrypt(
        master,
        key_id,
        Context::new(table, attribute),
        data,
        deterministic,
        &nonce,
    )
    .map_err(js)
}

#[wasm_bindgen(js_name = aeadDecrypt)]
pub fn aead_decrypt(
    master: &[u8],
    table: &str,
    attribute: &str,
    _kind: &str,
    stored: &[u8],
) -> JsResult<Vec<u8>> {
    let master = value::key32(master).map_err(js)?;
    aead::decrypt(master, Context::new(table, attribute), stored).map_err(js)
}
