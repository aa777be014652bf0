//! The wasm-bindgen exports: thin adapters from JS types to the core, errors as `E_CODE: message`.
//! The contract is `docs/wasm-interface.md`; `js/codec/` is the only caller.

use crate::aead::{self, Context};
use crate::error::{err, Error, ErrorCode};
use crate::kind::Kind;
use crate::pyjson::{self, DumpOptions};
use crate::{base85, datetime, gzip, hash, legacy, value};
use alloc::{string::String, vec::Vec};
use wasm_bindgen::prelude::*;

type JsResult<T> = core::result::Result<T, JsError>;

fn js(e: Error) -> JsError {
    JsError::new(&alloc::format!("{e}"))
}

/// A JS number used as a byte count: finite, non-negative, integral; saturates at usize::MAX.
fn byte_limit(n: f64) -> JsResult<usize> {
    if n.is_nan() || n < 0.0 || n.trunc() != n {
        return Err(js(err(
            ErrorCode::Argument,
            "maxOutput must be a non-negative integer",
        )));
    }
    Ok(if n >= usize::MAX as f64 {
        usize::MAX
    } else {
        n as usize
    })
}

#[wasm_bindgen(js_name = gzip)]
pub fn gzip_(data: &[u8], level: u32, mtime: u32) -> JsResult<Vec<u8>> {
    gzip::compress(data, level, mtime).map_err(js)
}

#[wasm_bindgen]
pub fn gunzip(data: &[u8], max_output: f64) -> JsResult<Vec<u8>> {
    gzip::decompress(data, byte_limit(max_output)?).map_err(js)
}

#[wasm_bindgen(js_name = sha256Hex)]
pub fn sha256_hex(data: &[u8]) -> String {
    hash::sha256_hex(data)
}

#[wasm_bindgen(js_name = md5Hex)]
pub fn md5_hex(data: &[u8]) -> String {
    hash::md5_hex(data)
}

#[wasm_bindgen]
pub fn b85encode(data: &[u8]) -> String {
    base85::encode(data)
}

#[wasm_bindgen]
pub fn b85decode(text: &str) -> JsResult<Vec<u8>> {
    base85::decode(text).map_err(js)
}

#[wasm_bindgen(js_name = pythonJsonDumps)]
pub fn python_json_dumps(
    wire: &str,
    ensure_ascii: bool,
    item_sep: &str,
    key_sep: &str,
    sort_keys: bool,
) -> JsResult<String> {
    let value = pyjson::from_wire(wire).map_err(js)?;
    let options = DumpOptions {
        ensure_ascii,
        item_separator: item_sep,
        key_separator: key_sep,
        sort_keys,
    };
    pyjson::dumps(&value, &options).map_err(js)
}

#[wasm_bindgen(js_name = pythonJsonLoads)]
pub fn python_json_loads(text: &str) -> JsResult<String> {
    pyjson::loads(text).map(|v| pyjson::to_wire(&v)).map_err(js)
}

#[wasm_bindgen(js_name = formatDatetime)]
pub fn format_datetime(epoch_micros: i64) -> JsResult<String> {
    datetime::format(epoch_micros).map_err(js)
}

#[wasm_bindgen(js_name = parseDatetime)]
pub fn parse_datetime(text: &str) -> JsResult<i64> {
    datetime::parse(text).map_err(js)
}

#[wasm_bindgen(js_name = legacyKeyFromPassword)]
pub fn legacy_key_from_password(password: &str) -> Vec<u8> {
    legacy::key_from_password(password).to_vec()
}

#[wasm_bindgen(js_name = legacyEncrypt)]
pub fn legacy_encrypt(
    key: &[u8],
    kind: &str,
    data: &[u8],
    deterministic: bool,
) -> JsResult<Vec<u8>> {
    let key = value::key32(key).map_err(js)?;
    value::legacy_encrypt(key, Kind::parse(kind).map_err(js)?, data, deterministic).map_err(js)
}

#[wasm_bindgen(js_name = legacyDecrypt)]
pub fn legacy_decrypt(
    key: &[u8],
    kind: &str,
    stored: &[u8],
    deterministic: bool,
) -> JsResult<Vec<u8>> {
    let key = value::key32(key).map_err(js)?;
    value::legacy_decrypt(key, Kind::parse(kind).map_err(js)?, stored, deterministic).map_err(js)
}

#[wasm_bindgen(js_name = aeadKeyId)]
pub fn aead_key_id(stored: &[u8]) -> JsResult<String> {
    aead::key_id(stored).map_err(js)
}

#[wasm_bindgen(js_name = aeadEncrypt)]
pub fn aead_encrypt(
    master: &[u8],
    key_id: &str,
    table: &str,
    attribute: &str,
    kind: &str,
    data: &[u8],
    deterministic: bool,
) -> JsResult<Vec<u8>> {
    let master = value::key32(master).map_err(js)?;
    let kind = Kind::parse(kind).map_err(js)?;
    value::aead_encrypt(
        master,
        key_id,
        Context { table, attribute },
        kind,
        data,
        deterministic,
    )
    .map_err(js)
}

#[wasm_bindgen(js_name = aeadDecrypt)]
pub fn aead_decrypt(
    master: &[u8],
    table: &str,
    attribute: &str,
    kind: &str,
    stored: &[u8],
) -> JsResult<Vec<u8>> {
    let master = value::key32(master).map_err(js)?;
    let kind = Kind::parse(kind).map_err(js)?;
    value::aead_decrypt(master, Context { table, attribute }, kind, stored).map_err(js)
}

#[wasm_bindgen(js_name = compressValue)]
pub fn compress_value(
    kind: &str,
    data: &[u8],
    level: u32,
    ensure_ascii: bool,
) -> JsResult<Vec<u8>> {
    value::compress(Kind::parse(kind).map_err(js)?, data, level, ensure_ascii).map_err(js)
}

#[wasm_bindgen(js_name = decompressValue)]
pub fn decompress_value(kind: &str, stored: &[u8], max_output: f64) -> JsResult<Vec<u8>> {
    value::decompress(
        Kind::parse(kind).map_err(js)?,
        stored,
        byte_limit(max_output)?,
    )
    .map_err(js)
}
