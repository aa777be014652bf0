//! A keyring's keys for one table and attribute, registered once by the public codec (`aeadRing` in
//! src/wasm.rs; js/codec/rings.mjs keeps the handles): a value then crosses into wasm once, its key
//! picked here by the envelope's key id, with no key or name copied per call.

use crate::aead::{self, Context, SubKeys};
use crate::error::{err, ErrorCode, Result};
use crate::kind::{self, Kind};
use crate::pyjson::{self, DumpOptions, Value};
use crate::{random, value};
use alloc::{boxed::Box, format, string::String, vec::Vec};
use core::cell::OnceCell;

/// The keys of a keyring for one table+attribute, each with its subkeys (derived on first use).
#[derive(Debug)]
pub struct Ring {
    table: Box<str>,
    attribute: Box<str>,
    /// The index of the key new values are encrypted with.
    current: usize,
    /// The ids as the unknown-key-id error lists them.
    known: Box<str>,
    keys: Vec<Key>,
}

#[derive(Debug)]
struct Key {
    /// `None`: an id no envelope can name (JS text with a lone surrogate).
    id: Option<String>,
    /// Checked for 32 bytes when used, as the one-key calls check theirs.
    bytes: Box<[u8]>,
    subkeys: OnceCell<SubKeys>,
}

impl Ring {
    /// `ids[i]` names `keys[i]`; `current` indexes the key to encrypt with; `known` lists the ids
    /// for the unknown-key-id error.
    pub fn new(
        table: &str,
        attribute: &str,
        current: usize,
        ids: Vec<Option<String>>,
        keys: Vec<Box<[u8]>>,
        known: &str,
    ) -> Result<Ring> {
        if ids.len() != keys.len() || current >= keys.len() {
            return Err(err(
                ErrorCode::Argument,
                "a keyring needs one key per id and a current id among them",
            ));
        }
        let keys = ids
            .into_iter()
            .zip(keys)
            .map(|(id, bytes)| Key {
                id,
                bytes,
                subkeys: OnceCell::new(),
            })
            .collect();
        Ok(Ring {
            table: table.into(),
            attribute: attribute.into(),
            current,
            known: known.into(),
            keys,
        })
    }

    /// The context of a value (bound to `item` too, when given).
    pub fn context<'a>(&'a self, item: Option<&'a [u8]>) -> Context<'a> {
        Context {
            item,
            ..Context::new(&self.table, &self.attribute)
        }
    }

    fn subkeys<'a>(&'a self, key: &'a Key) -> Result<&'a SubKeys> {
        let master = value::key32(&key.bytes)?;
        Ok(key
            .subkeys
            .get_or_init(|| SubKeys::new(master, self.context(None))))
    }

    /// The current key's id and subkeys.
    fn current(&self) -> Result<(&str, &SubKeys)> {
        let key = &self.keys[self.current];
        let subkeys = self.subkeys(key)?;
        let id = key
            .id
            .as_deref()
            .ok_or_else(|| err(ErrorCode::Argument, "key id must be 1..=255 bytes of UTF-8"))?;
        Ok((id, subkeys))
    }

    /// The subkeys of the key that an envelope of `stored_len` bytes starting with `head` names.
    fn opening(&self, head: &[u8], stored_len: usize) -> Result<&SubKeys> {
        let id = aead::key_id_in_head(head, stored_len)?;
        let key = self
            .keys
            .iter()
            .find(|key| key.id.as_deref() == Some(id))
            .ok_or_else(|| self.unknown(id))?;
        self.subkeys(key)
    }

    /// `no key for key id "<id as JSON>" (known: <ids>)`: the id is the envelope's, never a key.
    fn unknown(&self, id: &str) -> crate::Error {
        let plain = DumpOptions {
            ensure_ascii: false,
            ..DumpOptions::default()
        };
        // Python's json.dumps(ensure_ascii=False) quotes a str as JSON.stringify does.
        let quoted = pyjson::dumps(&Value::Str(id.into()), &plain).unwrap_or_default();
        err(
            ErrorCode::AeadUnknownKeyId,
            format!("no key for key id {quoted} (known: {})", self.known),
        )
    }

    /// The envelope of a value of `kind` under the current key.
    pub fn encrypt(
        &self,
        kind: Kind,
        value: &[u8],
        deterministic: bool,
        item: Option<&[u8]>,
    ) -> Result<Vec<u8>> {
        let (id, subkeys) = self.current()?;
        value::aead_sealed(kind, value, deterministic, |plaintext, nonce| {
            subkeys.encrypt(id, self.context(item), plaintext, deterministic, nonce)
        })
    }

    /// The value of `kind` in an envelope, under the key its id names.
    pub fn decrypt(&self, kind: Kind, stored: &[u8], item: Option<&[u8]>) -> Result<Vec<u8>> {
        let subkeys = self.opening(stored, stored.len())?;
        kind::from_plaintext(kind, subkeys.decrypt(self.context(item), stored)?)
    }

    /// [`aead::seal_plan_deterministic`] under the current key.
    pub fn seal_plan_deterministic(
        &self,
        plaintext: &[u8],
        item: Option<&[u8]>,
    ) -> Result<Vec<u8>> {
        let (id, subkeys) = self.current()?;
        subkeys.seal_plan_deterministic(id, self.context(item), plaintext)
    }

    /// [`aead::seal_plan_randomized`] under the current key and a fresh nonce.
    pub fn seal_plan_randomized(
        &self,
        plaintext_len: usize,
        item: Option<&[u8]>,
    ) -> Result<Vec<u8>> {
        let (id, subkeys) = self.current()?;
        let nonce = random::bytes::<12>()?;
        subkeys.seal_plan_randomized(id, self.context(item), plaintext_len, &nonce)
    }

    /// [`aead::open_plan`] under the key the envelope names.
    pub fn open_plan(
        &self,
        head: &[u8],
        tag: &[u8],
        stored_len: usize,
        item: Option<&[u8]>,
    ) -> Result<Vec<u8>> {
        let subkeys = self.opening(head, stored_len)?;
        subkeys.open_plan(self.context(item), head, tag, stored_len)
    }

    /// [`aead::check_deterministic`] under the key the envelope names.
    pub fn check_deterministic(
        &self,
        stored: &[u8],
        plaintext: &[u8],
        item: Option<&[u8]>,
    ) -> Result<()> {
        let subkeys = self.opening(stored, stored.len())?;
        subkeys.check_deterministic(self.context(item), stored, plaintext)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn ring(current: usize) -> Ring {
        let ids = ["old", "new"].map(|id| Some(String::from(id))).into();
        let keys = [[1u8; 32], [2u8; 32]].map(|k| Box::from(&k[..])).into();
        Ring::new("t", "a", current, ids, keys, "old, new").unwrap()
    }

    #[test]
    fn a_ring_opens_what_the_one_key_calls_seal() {
        let ctx = Context::new("t", "a");
        for deterministic in [true, false] {
            let sealed =
                aead::encrypt(&[1; 32], "old", ctx, b"v", deterministic, &[3; 12]).unwrap();
            assert_eq!(ring(1).decrypt(Kind::Binary, &sealed, None).unwrap(), b"v");
            let ours = ring(1)
                .encrypt(Kind::Binary, b"v", deterministic, None)
                .unwrap();
            assert_eq!(aead::decrypt(&[2; 32], ctx, &ours).unwrap(), b"v");
        }
    }

    #[test]
    fn an_unknown_key_id_is_named_as_json() {
        let sealed = aead::encrypt(
            &[1; 32],
            "a\"\n\u{1}é",
            Context::new("t", "a"),
            b"v",
            false,
            &[3; 12],
        )
        .unwrap();
        let e = ring(0).decrypt(Kind::Binary, &sealed, None).unwrap_err();
        assert_eq!(e.code(), ErrorCode::AeadUnknownKeyId);
        assert_eq!(
            e.message(),
            "no key for key id \"a\\\"\\n\\u0001é\" (known: old, new)"
        );
    }

    #[test]
    fn a_bad_key_fails_only_when_used() {
        let ids = vec![Some(String::from("k")), Some(String::from("short"))];
        let keys = vec![Box::from(&[1u8; 32][..]), Box::from(&[1u8; 5][..])];
        let r = Ring::new("t", "a", 0, ids, keys, "k, short").unwrap();
        let sealed = r.encrypt(Kind::Binary, b"v", true, None).unwrap();
        assert_eq!(r.decrypt(Kind::Binary, &sealed, None).unwrap(), b"v");
        let other = aead::encrypt(
            &[1; 32],
            "short",
            Context::new("t", "a"),
            b"v",
            true,
            &[0; 12],
        )
        .unwrap();
        assert_eq!(
            r.decrypt(Kind::Binary, &other, None).unwrap_err().code(),
            ErrorCode::KeyLength
        );
    }
}
