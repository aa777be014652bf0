//! The `encrypted` attribute type: a B holding an authenticated envelope (`format: "aead"`, bound to
//! the table and the attribute's DynamoDB name) or pynamodb_mate's own ECB/CTR bytes
//! (`"pynamodb_mate"`). Keys never travel with items: the JS layer resolves them (passwords, raw
//! keys, KMS providers, keyrings) and sets them once per attribute with [`Encrypted::set_keys`].

use super::fault::Fault;
use super::payload;
use crate::aead::{self, Context};
use crate::error::{err, Error, ErrorCode, Result};
use crate::kind::Kind;
use crate::legacy;
use crate::pyjson::Value;
use crate::random;
use alloc::{boxed::Box, string::String, vec::Vec};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Aead,
    PynamodbMate,
}

#[derive(Debug)]
pub(crate) struct Encrypted {
    pub(crate) kind: Kind,
    format: Format,
    deterministic: bool,
    /// For aead attributes that also read pynamodb_mate bytes (during a migration): whether those
    /// were written deterministically (ECB) or not (CTR).
    legacy: Option<bool>,
    table: Box<str>,
    attribute: Box<str>,
    keys: Option<Keys>,
}

/// Key material set from JS; not printed by `Debug`.
struct Keys {
    /// Index of the current (writing) key in `ring`.
    current: usize,
    /// Key id, key, and what the key derives for this attribute (aead).
    ring: Vec<(Box<str>, [u8; 32], aead::SubKeys)>,
    legacy: Option<[u8; 32]>,
}

impl core::fmt::Debug for Keys {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Keys(..)")
    }
}

impl Encrypted {
    /// The spec fields `kind`, `format` (default aead), `deterministic` (default true) and `legacy`
    /// (`{"deterministic": bool}`, aead only). `table` and `attribute` are the aead context.
    pub(crate) fn parse<'v>(
        field: impl Fn(&str) -> Option<&'v Value>,
        table: Option<&str>,
        attribute: &str,
    ) -> core::result::Result<Encrypted, &'static str> {
        let kind = match field("kind") {
            Some(Value::Str(k)) => Kind::parse(k).map_err(|_| KIND)?,
            _ => return Err(KIND),
        };
        let format = match field("format") {
            None => Format::Aead,
            Some(Value::Str(f)) if f == "aead" => Format::Aead,
            Some(Value::Str(f)) if f == "pynamodb_mate" => Format::PynamodbMate,
            Some(_) => return Err("\"format\" must be \"aead\" or \"pynamodb_mate\""),
        };
        let deterministic = match field("deterministic") {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err("\"deterministic\" must be a boolean"),
        };
        let legacy = match field("legacy") {
            None => None,
            Some(_) if format != Format::Aead => {
                return Err("\"legacy\" applies to aead attributes (pynamodb_mate ones read those bytes anyway)")
            }
            Some(Value::Dict(entries)) => match entries.as_slice() {
                [(k, Value::Bool(b))] if k == "deterministic" => Some(*b),
                _ => return Err("\"legacy\" must be {\"deterministic\": boolean}"),
            },
            Some(_) => return Err("\"legacy\" must be {\"deterministic\": boolean}"),
        };
        let table = match (format, table) {
            (Format::Aead, None) => {
                return Err("aead encryption needs the schema's \"table\" (it binds values to it)")
            }
            (_, table) => table.unwrap_or_default(),
        };
        Ok(Encrypted {
            kind,
            format,
            deterministic,
            legacy,
            table: table.into(),
            attribute: attribute.into(),
            keys: None,
        })
    }

    /// Sets (or replaces, on rotation) the keys: `ids[i]` names the 32 bytes at `keys[32 i..]`,
    /// `current` is the id new values are written with. pynamodb_mate bytes name no key, so that
    /// format takes exactly one; `legacy` is required exactly when the spec reads legacy bytes.
    pub(crate) fn set_keys(
        &mut self,
        current: &str,
        ids: &[String],
        keys: &[u8],
        legacy: Option<&[u8]>,
    ) -> Result<()> {
        let arg = |problem: &str| err(ErrorCode::Argument, problem);
        if keys.len() != ids.len() * 32 {
            return Err(err(
                ErrorCode::KeyLength,
                alloc::format!(
                    "{} key ids need {} key bytes, got {}",
                    ids.len(),
                    ids.len() * 32,
                    keys.len()
                ),
            ));
        }
        if ids.is_empty() || (self.format == Format::PynamodbMate && ids.len() != 1) {
            return Err(arg(match self.format {
                Format::Aead => "at least one key is needed",
                Format::PynamodbMate => {
                    "format pynamodb_mate stores no key id: give exactly one key"
                }
            }));
        }
        if ids.iter().any(|id| id.is_empty() || id.len() > 255) {
            return Err(arg("key ids must be 1..=255 bytes of UTF-8"));
        }
        if ids.iter().enumerate().any(|(i, id)| ids[..i].contains(id)) {
            return Err(arg("key ids must be distinct"));
        }
        let current = ids
            .iter()
            .position(|id| id == current)
            .ok_or_else(|| arg("the current key id is not among the key ids"))?;
        let legacy = match (self.legacy, legacy) {
            (Some(_), Some(key)) => Some(*crate::value::key32(key)?),
            (None, None) => None,
            (Some(_), None) => {
                return Err(arg(
                    "this attribute reads legacy bytes: a legacy key is needed",
                ))
            }
            (None, Some(_)) => {
                return Err(arg(
                    "this attribute reads no legacy bytes: give no legacy key",
                ))
            }
        };
        let ring = ids
            .iter()
            .zip(keys.chunks_exact(32))
            .map(|(id, key)| {
                let key = *crate::value::key32(key)?;
                let derived = aead::SubKeys::new(&key, self.context());
                Ok((id.as_str().into(), key, derived))
            })
            .collect::<Result<Vec<_>>>()?;
        self.keys = Some(Keys {
            current,
            ring,
            legacy,
        });
        Ok(())
    }

    fn keys(&self) -> core::result::Result<&Keys, Fault> {
        self.keys.as_ref().ok_or_else(|| {
            Fault::new(
                ErrorCode::KeyNotSet,
                "the keys of this attribute are not set (with a key provider: await Model.prepare() first)",
            )
        })
    }

    /// True for values bound to their item's key (randomized aead: deterministic values must stay
    /// equal across items, for conditions).
    pub(crate) fn binds_item(&self) -> bool {
        self.format == Format::Aead && !self.deterministic
    }

    fn context(&self) -> Context<'_> {
        Context::new(&self.table, &self.attribute)
    }

    /// The context of one value: `item` is the item's canonical key bytes (`super::key`), required
    /// when the attribute [binds items](Self::binds_item) and ignored otherwise.
    fn value_context<'s>(
        &'s self,
        item: Option<&'s [u8]>,
    ) -> core::result::Result<Context<'s>, Fault> {
        if !self.binds_item() {
            return Ok(self.context());
        }
        let item = item.ok_or_else(|| {
            Fault::new(
                ErrorCode::Argument,
                "a randomized aead value is bound to its item: the item's key is needed",
            )
        })?;
        Ok(Context {
            item: Some(item),
            ..self.context()
        })
    }

    /// The stored bytes of a plaintext, under the current key; `item` as in `value_context`.
    pub(crate) fn encrypt(
        &self,
        plaintext: &[u8],
        item: Option<&[u8]>,
    ) -> core::result::Result<Vec<u8>, Fault> {
        let keys = self.keys()?;
        let ctx = self.value_context(item)?;
        let (id, key, derived) = keys
            .ring
            .get(keys.current)
            .ok_or_else(|| Fault::new(ErrorCode::KeyNotSet, "no current key"))?;
        let sealed = match (self.format, self.deterministic) {
            (Format::PynamodbMate, true) => Ok(legacy::ecb_encrypt(key, plaintext)),
            (Format::PynamodbMate, false) => {
                random::bytes::<8>().map(|nonce| legacy::ctr_encrypt(key, plaintext, &nonce))
            }
            (Format::Aead, true) => derived.encrypt(id, ctx, plaintext, true, &[0; 12]),
            (Format::Aead, false) => random::bytes::<12>()
                .and_then(|nonce| derived.encrypt(id, ctx, plaintext, false, &nonce)),
        };
        sealed.map_err(payload::fault)
    }

    /// The plaintext of stored bytes. An aead attribute picks the key by the envelope's key id; with
    /// `legacy` set it also reads pynamodb_mate bytes (anything that is not an envelope); `item` as
    /// in `value_context`.
    pub(crate) fn decrypt(
        &self,
        stored: &[u8],
        item: Option<&[u8]>,
    ) -> core::result::Result<Vec<u8>, Fault> {
        let keys = self.keys()?;
        let legacy_read = |key: &[u8; 32], deterministic: bool| {
            if deterministic {
                legacy::ecb_decrypt(key, stored)
            } else {
                legacy::ctr_decrypt(key, stored)
            }
        };
        let opened = match (self.format, self.legacy, keys.legacy.as_ref()) {
            (Format::PynamodbMate, ..) => match keys.ring.first() {
                Some((_, key, _)) => legacy_read(key, self.deterministic),
                None => Err(err(ErrorCode::KeyNotSet, "no key")),
            },
            (Format::Aead, Some(deterministic), Some(key)) => {
                match self.open(keys, self.value_context(item)?, stored) {
                    Err(e) if is_not_an_envelope(&e) => legacy_read(key, deterministic),
                    opened => opened,
                }
            }
            (Format::Aead, ..) => self.open(keys, self.value_context(item)?, stored),
        };
        opened.map_err(payload::fault)
    }

    fn open(&self, keys: &Keys, ctx: Context<'_>, stored: &[u8]) -> Result<Vec<u8>> {
        let id = aead::key_id(stored)?;
        let (.., derived) = keys
            .ring
            .iter()
            .find(|(known, ..)| **known == *id)
            .ok_or_else(|| {
                err(
                    ErrorCode::AeadUnknownKeyId,
                    "no key for the envelope's key id (rotated out of the keyring?)",
                )
            })?;
        derived.decrypt(ctx, stored)
    }
}

/// Bytes that are no envelope of any version this build reads: legacy bytes, for a migrating reader.
fn is_not_an_envelope(e: &Error) -> bool {
    matches!(
        e.code(),
        ErrorCode::AeadFormat | ErrorCode::AeadVersion | ErrorCode::AeadTruncated
    )
}

const KIND: &str =
    "\"kind\" must be \"string\", \"binary\", \"number\", \"int\", \"float\" or \"json\"";
