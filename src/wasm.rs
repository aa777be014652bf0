//! The wasm-bindgen exports: thin adapters from JS types to the core, errors as `E_CODE: message`.
//! The contract is `docs/wasm-interface.md`; `js/codec/` is the only caller.

use crate::aead;
use crate::error::{err, Error, ErrorCode};
use crate::kind::Kind;
use crate::pyjson::{self, DumpOptions};
use crate::{base85, datetime, gcm_siv, gzip, hash, legacy, value};
use alloc::{boxed::Box, string::String, vec::Vec};
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

/// Objects JS holds by handle: an index into `slots`, `None` once freed. Freed slots are reused, so
/// a program that makes them in a loop keeps as many as it has live JS holders.
struct Handles<T> {
    slots: Vec<Option<T>>,
    free: Vec<u32>,
}

impl<T> Handles<T> {
    const fn new() -> Handles<T> {
        Handles {
            slots: Vec::new(),
            free: Vec::new(),
        }
    }

    fn insert(&mut self, value: T) -> crate::Result<u32> {
        if let Some(handle) = self.free.pop() {
            self.slots[handle as usize] = Some(value);
            return Ok(handle);
        }
        let handle = u32::try_from(self.slots.len()).map_err(|_| {
            err(
                ErrorCode::Argument,
                "too many handles (schemas or keyrings)",
            )
        })?;
        self.slots.push(Some(value));
        Ok(handle)
    }

    fn get(&self, handle: u32) -> Option<&T> {
        self.slots.get(handle as usize).and_then(Option::as_ref)
    }

    fn get_mut(&mut self, handle: u32) -> Option<&mut T> {
        self.slots.get_mut(handle as usize).and_then(Option::as_mut)
    }

    /// Frees `handle`; an unknown or already freed one is ignored.
    fn remove(&mut self, handle: u32) {
        if self
            .slots
            .get_mut(handle as usize)
            .and_then(Option::take)
            .is_some()
        {
            self.free.push(handle);
        }
    }
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

/// pynamodb_mate's framing for Node's native AES (`js/codec/node-native.mjs`), which then does
/// only the AES calls: PKCS#7 around ECB, and the CTR plans and envelope (layouts in `legacy`).
/// The padding alone (its plaintext's length in, not its bytes): JS appends it, no copy into wasm.
#[wasm_bindgen(js_name = legacyPkcs7Padding)]
pub fn legacy_pkcs7_padding(plaintext_len: u32) -> Vec<u8> {
    legacy::pkcs7_padding(plaintext_len as usize)
}

#[wasm_bindgen(js_name = legacyPkcs7PaddingLength)]
pub fn legacy_pkcs7_padding_length(padded: &[u8]) -> JsResult<u32> {
    legacy::pkcs7_padding_len(padded)
        .map(|n| n as u32)
        .map_err(js)
}

#[wasm_bindgen(js_name = legacyCtrSealPlan)]
pub fn legacy_ctr_seal_plan() -> JsResult<Vec<u8>> {
    legacy::ctr_seal_plan().map_err(js)
}

#[wasm_bindgen(js_name = legacyCtrEnvelope)]
pub fn legacy_ctr_envelope(counter: &[u8], token: &[u8]) -> JsResult<Vec<u8>> {
    legacy::ctr_envelope_of_plan(counter, token).map_err(js)
}

#[wasm_bindgen(js_name = legacyCtrOpenPlan)]
pub fn legacy_ctr_open_plan(stored: &[u8]) -> JsResult<Vec<u8>> {
    legacy::ctr_open_plan(stored).map_err(js)
}

/// gzip's framing for node:zlib's raw deflate/inflate (`js/codec/node-native.mjs`); layouts in `gzip`.
#[wasm_bindgen(js_name = gzipHeader)]
pub fn gzip_header(level: u32, mtime: u32) -> JsResult<Vec<u8>> {
    gzip::header(level, mtime).map(|h| h.to_vec()).map_err(js)
}

#[wasm_bindgen(js_name = gunzipMemberPlan)]
pub fn gunzip_member_plan(data: &[u8]) -> JsResult<Vec<u32>> {
    gzip::member_plan(data).map_err(js)
}

/// `head`: the envelope's first `ENVELOPE_HEADER_MAX` bytes, `stored_len` its length.
#[wasm_bindgen(js_name = aeadKeyId)]
pub fn aead_key_id(head: &[u8], stored_len: u32) -> JsResult<String> {
    aead::key_id_of_head(head, stored_len as usize).map_err(js)
}

/// The keyrings of the public codec, by handle (`aeadRing`): one per (keyring, table, attribute)
/// that js/codec/rings.mjs keeps, so a value's call passes a number, not its keys and names.
mod rings {
    use super::*;
    use crate::aead_ring::Ring;
    use core::cell::RefCell;

    thread_local! {
        static RINGS: RefCell<Handles<Ring>> = const { RefCell::new(Handles::new()) };
    }

    /// `f` with the ring of `handle` (an unknown or freed handle is E_ARGUMENT).
    pub(super) fn with_ring<T>(
        handle: u32,
        f: impl FnOnce(&Ring) -> crate::Result<T>,
    ) -> JsResult<T> {
        RINGS
            .with_borrow(|rings| {
                let ring = rings
                    .get(handle)
                    .ok_or_else(|| err(ErrorCode::Argument, "unknown keyring handle"))?;
                f(ring)
            })
            .map_err(js)
    }

    /// Registers the keys of a keyring for `table` and `attribute`: `ids_json` a JSON array of the
    /// ids (null for one no envelope can name), `keys` their keys concatenated, `lengths` each key's
    /// length (checked when the key is used), `current` the index of the key to encrypt with,
    /// `known` the ids as the unknown-key-id error lists them.
    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(js_name = aeadRing)]
    pub fn aead_ring(
        table: &str,
        attribute: &str,
        current: u32,
        ids_json: &str,
        keys: &[u8],
        lengths: &[u32],
        known: &str,
    ) -> JsResult<u32> {
        let bad = || {
            js(err(
                ErrorCode::Argument,
                "key ids must be a JSON array of strings or null",
            ))
        };
        let pyjson::Value::List(list) = pyjson::loads(ids_json).map_err(|_| bad())? else {
            return Err(bad());
        };
        let ids = list
            .into_iter()
            .map(|v| match v {
                pyjson::Value::Str(id) => Ok(Some(id)),
                pyjson::Value::Null => Ok(None),
                _ => Err(bad()),
            })
            .collect::<JsResult<Vec<_>>>()?;
        let mut rest = keys;
        let mut split = Vec::with_capacity(lengths.len());
        for &n in lengths {
            let n = (n as usize).min(rest.len());
            let (key, tail) = rest.split_at(n);
            split.push(Box::from(key));
            rest = tail;
        }
        let ring = Ring::new(table, attribute, current as usize, ids, split, known).map_err(js)?;
        RINGS
            .with_borrow_mut(|rings| rings.insert(ring))
            .map_err(js)
    }

    /// Drops a keyring (its keys and subkeys); its handle may be handed out again. An unknown or
    /// freed handle does nothing.
    #[wasm_bindgen(js_name = aeadFreeRing)]
    pub fn aead_free_ring(handle: u32) {
        RINGS.with_borrow_mut(|rings| rings.remove(handle));
    }
}
use rings::with_ring;

#[wasm_bindgen(js_name = aeadEncrypt)]
pub fn aead_encrypt(
    ring: u32,
    kind: &str,
    data: &[u8],
    deterministic: bool,
    item: Option<Vec<u8>>,
) -> JsResult<Vec<u8>> {
    with_ring(ring, |r| {
        r.encrypt(Kind::parse(kind)?, data, deterministic, item.as_deref())
    })
}

#[wasm_bindgen(js_name = aeadDecrypt)]
pub fn aead_decrypt(
    ring: u32,
    kind: &str,
    stored: &[u8],
    item: Option<Vec<u8>>,
) -> JsResult<Vec<u8>> {
    with_ring(ring, |r| {
        r.decrypt(Kind::parse(kind)?, stored, item.as_deref())
    })
}

/// Envelope plans for Node's native AES (`js/codec/node-native.mjs`); layouts in `aead`. Each
/// writes its plan into `out` and returns its length; a plan longer than `out` is not written (the
/// caller calls again with room for it). `out` is the caller's buffer, reused: no allocation per call.
fn plan_into(out: &mut [u8], plan: crate::Result<Vec<u8>>) -> JsResult<u32> {
    let plan = plan.map_err(js)?;
    if let Some(room) = out.get_mut(..plan.len()) {
        room.copy_from_slice(&plan);
    }
    // A plan is at most a few hundred bytes plus the table, attribute and item names.
    Ok(plan.len() as u32)
}

#[wasm_bindgen(js_name = aeadSealPlanDeterministic)]
pub fn aead_seal_plan_deterministic(
    ring: u32,
    plaintext: &[u8],
    item: Option<Vec<u8>>,
    out: &mut [u8],
) -> JsResult<u32> {
    plan_into(
        out,
        with_ring(ring, |r| {
            Ok(r.seal_plan_deterministic(plaintext, item.as_deref()))
        })?,
    )
}

#[wasm_bindgen(js_name = aeadSealPlanRandomized)]
pub fn aead_seal_plan_randomized(
    ring: u32,
    plaintext_len: u32,
    item: Option<Vec<u8>>,
    out: &mut [u8],
) -> JsResult<u32> {
    plan_into(
        out,
        with_ring(ring, |r| {
            Ok(r.seal_plan_randomized(plaintext_len as usize, item.as_deref()))
        })?,
    )
}

/// `head`: the envelope's first `ENVELOPE_HEADER_MAX` bytes, `tag` its last `ENVELOPE_TAG_LEN`
/// (so that the ciphertext is not copied into wasm), `stored_len` its length. The key is the one
/// the header names.
#[wasm_bindgen(js_name = aeadOpenPlan)]
pub fn aead_open_plan(
    ring: u32,
    head: &[u8],
    tag: &[u8],
    stored_len: u32,
    item: Option<Vec<u8>>,
    out: &mut [u8],
) -> JsResult<u32> {
    plan_into(
        out,
        with_ring(ring, |r| {
            Ok(r.open_plan(head, tag, stored_len as usize, item.as_deref()))
        })?,
    )
}

#[wasm_bindgen(js_name = aeadCheckDeterministic)]
pub fn aead_check_deterministic(
    ring: u32,
    stored: &[u8],
    plaintext: &[u8],
    item: Option<Vec<u8>>,
) -> JsResult<()> {
    with_ring(ring, |r| {
        r.check_deterministic(stored, plaintext, item.as_deref())
    })
}

/// Raw AES-256-GCM-SIV under any key and nonce: message-encryption key (32) | tag (16) of
/// `plaintext`, the wasm half of Node's GCM-SIV (`js/codec/node-native.mjs` does the keystream).
/// The envelopes never call it (their keys come from the plans above); the external test vectors
/// (`tests/vectors/`) run the Node path through it.
#[wasm_bindgen(js_name = gcmSivKeyAndTag)]
pub fn gcm_siv_key_and_tag(
    key: &[u8],
    nonce: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> JsResult<Vec<u8>> {
    let key = value::key32(key).map_err(js)?;
    let nonce: &[u8; gcm_siv::NONCE_LEN] = nonce
        .try_into()
        .map_err(|_| js(err(ErrorCode::Argument, "nonce must be 12 bytes")))?;
    let keys = gcm_siv::message_keys(key, nonce);
    let tag = gcm_siv::tag(&keys, nonce, aad, plaintext);
    Ok([&keys.encryption[..], &tag[..]].concat())
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

/// The item codec's exports: schemas by handle, and its output kept in memory for JS to read.
#[cfg(feature = "item")]
mod items {
    use super::*;
    use crate::item::{self, Schema};
    use core::cell::RefCell;

    thread_local! {
        /// Registered schemas, by handle.
        static SCHEMAS: RefCell<Handles<Schema>> = const { RefCell::new(Handles::new()) };
    }

    /// Runs `f` with the schema of `handle` (an unknown or freed handle is E_ARGUMENT).
    fn with_schema_mut<T>(
        handle: u32,
        f: impl FnOnce(&mut Schema) -> crate::Result<T>,
    ) -> JsResult<T> {
        SCHEMAS
            .with_borrow_mut(|schemas| {
                let schema = schemas
                    .get_mut(handle)
                    .ok_or_else(|| err(ErrorCode::Argument, "unknown schema handle"))?;
                f(schema)
            })
            .map_err(js)
    }

    fn with_schema<T>(handle: u32, f: impl FnOnce(&Schema) -> crate::Result<T>) -> JsResult<T> {
        with_schema_mut(handle, |schema| f(schema))
    }

    #[wasm_bindgen(js_name = registerSchema)]
    pub fn register_schema(schema_json: &str) -> JsResult<u32> {
        let schema = Schema::parse(schema_json).map_err(js)?;
        SCHEMAS
            .with_borrow_mut(|schemas| schemas.insert(schema))
            .map_err(js)
    }

    /// Drops the schema of `handle` (its keys included) and lets a later registration reuse the handle.
    /// Called once the JS codec that holds the handle is garbage (js/item/codec.mjs); freeing an unknown
    /// or already freed handle does nothing.
    #[wasm_bindgen(js_name = freeSchema)]
    pub fn free_schema(handle: u32) {
        SCHEMAS.with_borrow_mut(|schemas| schemas.remove(handle));
    }

    /// Sets the keys of encrypted attribute `name`: `ids_json` is a JSON array of key ids, `keys`
    /// their 32-byte keys concatenated in that order, `legacy` the key of pynamodb_mate bytes an aead
    /// attribute also reads. Called once per attribute, and again on rotation.
    #[wasm_bindgen(js_name = setKeys)]
    pub fn set_keys(
        handle: u32,
        name: &str,
        current: &str,
        ids_json: &str,
        keys: &[u8],
        legacy: Option<Vec<u8>>,
    ) -> JsResult<()> {
        let bad_ids = || {
            js(err(
                ErrorCode::Argument,
                "key ids must be a JSON array of strings",
            ))
        };
        let pyjson::Value::List(list) = pyjson::loads(ids_json).map_err(|_| bad_ids())? else {
            return Err(bad_ids());
        };
        let ids = list
            .into_iter()
            .map(|v| match v {
                pyjson::Value::Str(id) => Ok(id),
                _ => Err(bad_ids()),
            })
            .collect::<JsResult<Vec<String>>>()?;
        with_schema_mut(handle, |schema| {
            schema.set_keys(name, current, &ids, keys, legacy.as_deref())
        })
    }

    thread_local! {
        /// The item codec's last output, kept until its next call so that JS reads it in place.
        static OUTPUT: RefCell<item::Output> = RefCell::new(item::Output::default());
    }

    /// Keeps `output` and tells where it is in memory: the codes' address and length, the text area's.
    fn keep(output: item::Output) -> Vec<u32> {
        OUTPUT.with_borrow_mut(|kept| {
            *kept = output;
            let (codes, text) = (kept.codes(), kept.text());
            // wasm32 addresses are 32-bit.
            vec![
                codes.as_ptr() as usize as u32,
                codes.len() as u32,
                text.as_ptr() as usize as u32,
                text.len() as u32,
            ]
        })
    }

    /// The module's memory, where JS reads the item codec's output in place.
    #[wasm_bindgen(js_name = wasmMemory)]
    pub fn wasm_memory() -> JsValue {
        wasm_bindgen::memory()
    }

    /// The item codec takes the stream form and leaves its output, in the stream form, in memory
    /// (`docs/item-codec.md`, "The boundary"); each returns where it is (`keep`).
    #[wasm_bindgen(js_name = encodeItem)]
    pub fn encode_item(handle: u32, input: &[u8]) -> JsResult<Vec<u32>> {
        with_schema(handle, |schema| item::encode_item_stream(schema, input)).map(keep)
    }

    /// `key`: the item's key AttributeValues in the stream form, for randomized aead values (bound to it).
    #[wasm_bindgen(js_name = encodeValue)]
    pub fn encode_value(
        handle: u32,
        path: &str,
        input: &[u8],
        element: bool,
        key: Option<Vec<u8>>,
    ) -> JsResult<Vec<u32>> {
        with_schema(handle, |schema| {
            item::encode_value_stream(schema, path, input, element, key.as_deref())
        })
        .map(keep)
    }

    #[wasm_bindgen(js_name = decodeItem)]
    pub fn decode_item(handle: u32, input: &[u8]) -> JsResult<Vec<u32>> {
        with_schema(handle, |schema| item::decode_item_stream(schema, input)).map(keep)
    }

    /// The size of stored AttributeValues by DynamoDB's rules (an item, or with `value` one value), in
    /// the stream form: for JS that sizes raw items (the status tracker), so that the rule has one owner.
    #[wasm_bindgen(js_name = itemSize)]
    pub fn item_size(input: &[u8], value: bool) -> JsResult<usize> {
        item::size_stream(input, value).map_err(js)
    }

    /// The registry only exists in wasm (JsError needs a JS host), so these run there only.
    #[cfg(all(test, target_arch = "wasm32"))]
    mod tests {
        use super::*;
        use wasm_bindgen_test::wasm_bindgen_test as test;

        #[test]
        fn schemas_are_registered_by_handle() {
            use crate::item::op::*;
            let a = register_schema(
                r#"{"model": "A", "attributes": [{"name": "x", "type": "string"}]}"#,
            )
            .unwrap();
            let b = register_schema(
                r#"{"model": "B", "attributes": [{"name": "x", "type": "number"}]}"#,
            )
            .unwrap();
            assert_eq!(b, a + 1);
            // The output stays in OUTPUT (codes with text lengths in UTF-16 units, the text area), and
            // the call returns its addresses and lengths.
            let kept = || {
                OUTPUT.with_borrow(|o| {
                    let at = [
                        o.codes().as_ptr() as usize as u32,
                        o.text().as_ptr() as usize as u32,
                    ];
                    (o.codes().to_vec(), o.text().to_vec(), at)
                })
            };
            let at = encode_item(a, &[MAP, STR, 1, b'x', STR, 1, b'1', END]).unwrap();
            let (codes, text, addresses) = kept();
            assert_eq!(codes, [MAP, STR, 1, AV, 0, STR, 1, END, NUM, 1]);
            assert_eq!(text, b"x12");
            assert_eq!(at, [addresses[0], 10, addresses[1], 3]);
            encode_value(b, "x", &[NUM, 1, b'2'], false, None).unwrap();
            assert_eq!(kept().0, [AV, 1, STR, 1]);
            assert_eq!(kept().1, b"2");
            let input = [MAP, STR, 1, b'x', MAP, STR, 1, b'S', STR, 1, b'1', END, END];
            decode_item(a, &input).unwrap();
            assert_eq!(kept().0, [MAP, STR, 1, STR, 1, END]);
            assert_eq!(kept().1, b"x1");
            let empty = [MAP, END];
            assert!(encode_item(b + 1, &empty).is_err());
            assert!(decode_item(u32::MAX, &empty).is_err());
            assert!(register_schema("{}").is_err());
            assert!(encode_item(a, &[MAP, STR, 1, b'x', NUM, 1, b'1', END]).is_err());
        }

        #[test]
        fn freed_schemas_are_refused_and_their_handles_reused() {
            let json = r#"{"model": "C", "attributes": [{"name": "x", "type": "string"}]}"#;
            let c = register_schema(json).unwrap();
            free_schema(c);
            free_schema(c); // twice: nothing happens
            assert!(encode_item(c, &[crate::item::op::MAP, crate::item::op::END]).is_err());
            let d = register_schema(json).unwrap();
            assert_eq!(d, c);
            let e = register_schema(json).unwrap();
            assert_ne!(e, d);
        }
    }
}
