//! Authenticated envelopes for new data (this library's default format).
//!
//! Deterministic values use AES-256-GCM-SIV (RFC 8452) under a nonce fixed per table+attribute, so
//! equal plaintexts give equal ciphertexts (usable in DynamoDB conditions) and reveal nothing else;
//! randomized values use AES-256-GCM with a fresh 96-bit nonce. Each table+attribute gets its own
//! subkey, derived with HKDF-SHA-256 from the 256-bit master key, and the envelope header is
//! authenticated together with the table and attribute names. See `docs/envelope.md`.
//!
//! ```text
//! magic "\xddM" | version 1 | alg (1 = GCM-SIV det., 2 = GCM rand.) | key id length | key id (UTF-8)
//! | key check (4) | context check (4) | ciphertext length (u32 BE) | [nonce (12), alg 2 only]
//! | ciphertext | tag (16)
//! ```

use crate::error::{err, ErrorCode, Result};
use crate::gcm_siv;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::Aes256Gcm;
use alloc::{boxed::Box, string::String, vec::Vec};
use core::cell::{OnceCell, RefCell};
use hkdf::Hkdf;
use sha2::{Digest, Sha256};

/// The envelope's fixed bytes (`docs/envelope.md`); scripts/generate-constants.mjs writes them into
/// js/generated/constants.mjs for the JS layer.
pub(crate) mod envelope {
    pub(crate) const MAGIC: [u8; 2] = [0xdd, b'M'];
    pub(crate) const VERSION: u8 = 1;
    /// The algorithm byte (offset 3): AES-256-GCM-SIV, or AES-256-GCM.
    pub(crate) const ALG_DETERMINISTIC: u8 = 1;
    pub(crate) const ALG_RANDOMIZED: u8 = 2;
    pub(crate) const ALG_OFFSET: usize = 3;
    /// The tag ends the envelope.
    pub(crate) const TAG_LEN: usize = 16;
    /// No header is longer (`header_len` of a 255-byte key id with a nonce; a literal, for the
    /// generated JS constants): the open plan reads this prefix only.
    pub(crate) const HEADER_MAX: usize = 284;
}
use envelope::{
    ALG_DETERMINISTIC, ALG_OFFSET, ALG_RANDOMIZED, HEADER_MAX, MAGIC, TAG_LEN, VERSION,
};
const NONCE_LEN: usize = 12;
const SALT: &[u8] = b"dynamodb-mate/v1";

/// Where a ciphertext belongs: it decrypts only under the same table and attribute names, and,
/// when `item` is set, the same item (its canonical primary-key bytes, see `docs/envelope.md`). The
/// item is bound by the context check and the associated data only: subkeys stay per table+attribute.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub table: &'a str,
    pub attribute: &'a str,
    pub item: Option<&'a [u8]>,
}

impl<'a> Context<'a> {
    /// The context of values bound to a table and attribute only.
    pub fn new(table: &'a str, attribute: &'a str) -> Context<'a> {
        Context {
            table,
            attribute,
            item: None,
        }
    }

    /// The length-prefixed parts of the context check and the associated data.
    fn parts(&self) -> impl Iterator<Item = &'a [u8]> {
        [self.table.as_bytes(), self.attribute.as_bytes()]
            .into_iter()
            .chain(self.item)
    }
}

/// Encrypts `plaintext` into a version-1 envelope. `nonce` is used by the randomized mode only;
/// callers pass fresh random bytes (see `crate::random`).
pub fn encrypt(
    master: &[u8; 32],
    key_id: &str,
    ctx: Context<'_>,
    plaintext: &[u8],
    deterministic: bool,
    nonce: &[u8; NONCE_LEN],
) -> Result<Vec<u8>> {
    with_subkeys(master, ctx, |keys| {
        keys.encrypt(key_id, ctx, plaintext, deterministic, nonce)
    })
}

/// How many (master key, table, attribute) [`SubKeys`] the codec functions keep (a service uses a
/// few keys and encrypted attributes).
const CACHED_SUBKEYS: usize = 8;

/// A kept entry: table, attribute, and the subkeys of one master key for them.
type CachedSubKeys = (Box<str>, Box<str>, SubKeys);

std::thread_local! {
    /// The subkeys of the last few master keys and contexts, most recent first: their HKDF
    /// derivations and AES key schedules cost more than sealing 1 KiB, once per call without it.
    static SUBKEYS: RefCell<Vec<CachedSubKeys>> = const { RefCell::new(Vec::new()) };
}

/// `f` with the subkeys of `master` for `ctx`'s table and attribute, from the cache when they
/// are there (`f` must not call back into this cache).
fn with_subkeys<T>(master: &[u8; 32], ctx: Context<'_>, f: impl FnOnce(&SubKeys) -> T) -> T {
    SUBKEYS.with_borrow_mut(|cache| {
        let hit = cache.iter().position(|(table, attribute, keys)| {
            crate::constant_time::eq(&keys.master, master)
                && **table == *ctx.table
                && **attribute == *ctx.attribute
        });
        match hit {
            Some(at) => cache[..=at].rotate_right(1),
            None => {
                cache.truncate(CACHED_SUBKEYS - 1);
                let keys = SubKeys::new(master, ctx);
                cache.insert(0, (ctx.table.into(), ctx.attribute.into(), keys));
            }
        }
        f(&cache[0].2)
    })
}

/// What one master key derives for one table+attribute: the header checks, and the ciphers (made on
/// first use, then kept). The item codec keeps one per key of an encrypted attribute, so a value
/// pays for no HKDF derivation and no AES key schedule of the subkey.
pub struct SubKeys {
    master: [u8; 32],
    checks: Checks,
    /// GCM-SIV's message keys are fixed per table+attribute, as its nonce is: kept, expanded.
    deterministic: OnceCell<(gcm_siv::MessageCipher, [u8; NONCE_LEN])>,
    randomized: OnceCell<Aes256Gcm>,
    /// The GCM subkey, which the randomized plans hand out.
    randomized_key: OnceCell<[u8; 32]>,
}

impl core::fmt::Debug for SubKeys {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("SubKeys(..)")
    }
}

impl SubKeys {
    /// The keys of `master` for `ctx`'s table and attribute (encrypt and decrypt take them again,
    /// each value with its own item, if any).
    pub fn new(master: &[u8; 32], ctx: Context<'_>) -> SubKeys {
        SubKeys {
            master: *master,
            checks: Checks::of(master, Context { item: None, ..ctx }),
            deterministic: OnceCell::new(),
            randomized: OnceCell::new(),
            randomized_key: OnceCell::new(),
        }
    }

    /// The GCM-SIV message cipher of the table+attribute's fixed nonce, and the nonce.
    fn siv(&self, ctx: Context<'_>) -> &(gcm_siv::MessageCipher, [u8; NONCE_LEN]) {
        self.deterministic.get_or_init(|| {
            let (key, fixed_nonce) = deterministic_key(&self.master, ctx);
            let keys = gcm_siv::message_keys(&key, &fixed_nonce);
            (gcm_siv::MessageCipher::new(keys), fixed_nonce)
        })
    }

    /// The header checks of `ctx`: kept ones unless the value is bound to an item.
    fn checks(&self, ctx: Context<'_>) -> Checks {
        match ctx.item {
            None => self.checks,
            Some(_) => Checks {
                key: self.checks.key,
                context: context_check(ctx),
            },
        }
    }

    fn gcm(&self, ctx: Context<'_>) -> &Aes256Gcm {
        self.randomized
            .get_or_init(|| Aes256Gcm::new(self.gcm_key(ctx).into()))
    }

    fn gcm_key(&self, ctx: Context<'_>) -> &[u8; 32] {
        self.randomized_key
            .get_or_init(|| randomized_key(&self.master, ctx))
    }

    /// [`encrypt`] under these keys.
    pub fn encrypt(
        &self,
        key_id: &str,
        ctx: Context<'_>,
        plaintext: &[u8],
        deterministic: bool,
        nonce: &[u8; NONCE_LEN],
    ) -> Result<Vec<u8>> {
        let mut out = header(
            self.checks(ctx),
            key_id,
            plaintext.len(),
            deterministic,
            nonce,
            plaintext.len() + TAG_LEN,
        )?;
        let aad = aad(&out, ctx);
        if deterministic {
            // RFC 8452 with the kept message keys: the tag, then the keystream from it.
            let (cipher, fixed_nonce) = self.siv(ctx);
            let tag = cipher.tag(fixed_nonce, &aad, plaintext);
            let body_start = out.len();
            out.extend_from_slice(plaintext);
            cipher.keystream_xor(&tag, &mut out[body_start..]);
            out.extend_from_slice(&tag);
            return Ok(out);
        }
        let payload = Payload {
            msg: plaintext,
            aad: &aad,
        };
        let sealed = self
            .gcm(ctx)
            .encrypt(nonce.into(), payload)
            .map_err(|_| err(ErrorCode::Argument, "plaintext too large to encrypt"))?;
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// [`decrypt`] under these keys.
    pub fn decrypt(&self, ctx: Context<'_>, stored: &[u8]) -> Result<Vec<u8>> {
        let h = Header::open(self.checks(ctx), stored)?;
        let aad = aad(&stored[..h.body_start], ctx);
        // The header says how long the body is and `Header::parse_prefix` checked `stored` against it.
        let (body, tag) = stored[h.body_start..].split_at(stored.len() - h.body_start - TAG_LEN);
        if h.alg == ALG_DETERMINISTIC {
            let (cipher, fixed_nonce) = self.siv(ctx);
            let tag: &[u8; TAG_LEN] = tag.try_into().unwrap_or_else(|_| unreachable!());
            let mut plaintext = body.to_vec();
            cipher.keystream_xor(tag, &mut plaintext);
            if gcm_siv::tags_equal(&cipher.tag(fixed_nonce, &aad, &plaintext), tag) {
                return Ok(plaintext);
            }
            plaintext.fill(0); // no unauthenticated plaintext left behind
            return Err(tampered());
        }
        let nonce: &[u8; NONCE_LEN] = stored[h.body_start - NONCE_LEN..h.body_start]
            .try_into()
            .unwrap_or_else(|_| unreachable!());
        let payload = Payload {
            msg: &stored[h.body_start..],
            aad: &aad,
        };
        self.gcm(ctx)
            .decrypt(nonce.into(), payload)
            .map_err(|_| tampered())
    }
}

/// The header's key check and context check of a master key and a context.
#[derive(Debug, Clone, Copy)]
struct Checks {
    key: [u8; 4],
    context: [u8; 4],
}

impl Checks {
    fn of(master: &[u8; 32], ctx: Context<'_>) -> Checks {
        Checks {
            key: key_check(master),
            context: context_check(ctx),
        }
    }
}

/// The envelope up to its ciphertext, with room for `extra` more bytes.
fn header(
    checks: Checks,
    key_id: &str,
    plaintext_len: usize,
    deterministic: bool,
    nonce: &[u8; NONCE_LEN],
    extra: usize,
) -> Result<Vec<u8>> {
    if key_id.is_empty() || key_id.len() > 255 {
        return Err(err(
            ErrorCode::Argument,
            "key id must be 1..=255 bytes of UTF-8",
        ));
    }
    let len = u32::try_from(plaintext_len)
        .map_err(|_| err(ErrorCode::Argument, "plaintext larger than 4 GiB"))?;
    let alg = if deterministic {
        ALG_DETERMINISTIC
    } else {
        ALG_RANDOMIZED
    };
    let mut out = Vec::with_capacity(header_len(key_id.len(), alg) + extra);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&[VERSION, alg, key_id.len() as u8]);
    out.extend_from_slice(key_id.as_bytes());
    out.extend_from_slice(&checks.key);
    out.extend_from_slice(&checks.context);
    out.extend_from_slice(&len.to_be_bytes());
    if !deterministic {
        out.extend_from_slice(nonce);
    }
    Ok(out)
}

/// The key id an envelope names, so the caller can pick the key from a keyring.
pub fn key_id(stored: &[u8]) -> Result<String> {
    key_id_of_head(stored, stored.len())
}

/// [`key_id`] of an envelope of `stored_len` bytes from its first bytes (at least `HEADER_MAX`
/// of them, or all): the same result and errors without the ciphertext.
pub fn key_id_of_head(head: &[u8], stored_len: usize) -> Result<String> {
    key_id_in_head(head, stored_len).map(String::from)
}

/// [`key_id_of_head`], borrowed from `head`.
pub fn key_id_in_head(head: &[u8], stored_len: usize) -> Result<&str> {
    check_head(head, stored_len)?;
    Ok(Header::parse_prefix(head, stored_len)?.key_id)
}

/// `head` must hold any header the envelope can have (and be no longer than the envelope).
fn check_head(head: &[u8], stored_len: usize) -> Result<()> {
    if head.len() < stored_len.min(HEADER_MAX) || head.len() > stored_len {
        return Err(err(
            ErrorCode::Argument,
            "head must be the envelope's first bytes, up to its longest header",
        ));
    }
    Ok(())
}

/// Opens an envelope. Each failure has its own code: not an envelope, unknown version, truncated,
/// wrong key, other table/attribute, or tampered.
pub fn decrypt(master: &[u8; 32], ctx: Context<'_>, stored: &[u8]) -> Result<Vec<u8>> {
    with_subkeys(master, ctx, |keys| keys.decrypt(ctx, stored))
}

fn tampered() -> crate::Error {
    err(
        ErrorCode::AeadTampered,
        "authentication failed: the value was modified",
    )
}

// Plans: the parts of an envelope for a caller that runs the bulk AES itself (Node's AES-NI, in
// js/codec/node-native.mjs) and gets the same bytes as `encrypt`/`decrypt`. Their layouts are the
// offsets in `plan`, which the JS layer reads from js/generated/constants.mjs (u32 are LE):
//   deterministic seal: message key (32) | tag (16) | header
//     envelope = header | CTR keystream of gcm_siv (message key, tag) XOR plaintext | tag
//   randomized seal:    subkey (32) | nonce (12) | header length (4) | aad (the header first)
//     envelope = header | AES-256-GCM(subkey, nonce, aad, plaintext) | its tag
//   open:               alg (1) | key (32) | iv (16) | body start (4) | aad
//     alg 1: key = message key, iv = tag, then `check_deterministic`; alg 2: key = subkey,
//     iv = nonce | 0000, aad for AES-256-GCM.
// The keys come from the cached subkeys ([`with_subkeys`]). The open plan reads the envelope's
// first `HEADER_MAX` bytes, its tag and its length: the ciphertext never crosses into wasm.

/// Where each field of a plan starts (the last one runs to the end of the plan).
pub(crate) mod plan {
    pub(crate) const SIV_KEY: usize = 0;
    pub(crate) const SIV_TAG: usize = 32;
    pub(crate) const SIV_HEADER: usize = 48;
    pub(crate) const GCM_KEY: usize = 0;
    pub(crate) const GCM_NONCE: usize = 32;
    pub(crate) const GCM_HEADER_LEN: usize = 44;
    pub(crate) const GCM_AAD: usize = 48;
    pub(crate) const OPEN_ALG: usize = 0;
    pub(crate) const OPEN_KEY: usize = 1;
    pub(crate) const OPEN_IV: usize = 33;
    pub(crate) const OPEN_BODY_START: usize = 49;
    pub(crate) const OPEN_AAD: usize = 53;
}

/// Appends `field` to `out`, which must end where the layout says `field` starts.
fn put(out: &mut Vec<u8>, at: usize, field: &[u8]) {
    debug_assert_eq!(out.len(), at);
    out.extend_from_slice(field);
}

/// The deterministic seal plan of `plaintext` (its POLYVAL is computed here).
pub fn seal_plan_deterministic(
    master: &[u8; 32],
    key_id: &str,
    ctx: Context<'_>,
    plaintext: &[u8],
) -> Result<Vec<u8>> {
    with_subkeys(master, ctx, |subkeys| {
        subkeys.seal_plan_deterministic(key_id, ctx, plaintext)
    })
}

/// The randomized seal plan for a plaintext of `plaintext_len` bytes under `nonce`.
pub fn seal_plan_randomized(
    master: &[u8; 32],
    key_id: &str,
    ctx: Context<'_>,
    plaintext_len: usize,
    nonce: &[u8; NONCE_LEN],
) -> Result<Vec<u8>> {
    with_subkeys(master, ctx, |subkeys| {
        subkeys.seal_plan_randomized(key_id, ctx, plaintext_len, nonce)
    })
}

/// The open plan of an envelope of `stored_len` bytes, from its first bytes (`head`: at least
/// `HEADER_MAX` of them, or all) and its last `TAG_LEN` (`tag`), after the same checks (and
/// errors) as `decrypt`.
pub fn open_plan(
    master: &[u8; 32],
    ctx: Context<'_>,
    head: &[u8],
    tag: &[u8],
    stored_len: usize,
) -> Result<Vec<u8>> {
    with_subkeys(master, ctx, |subkeys| {
        subkeys.open_plan(ctx, head, tag, stored_len)
    })
}

/// Checks the tag of a deterministic envelope against the plaintext its open plan gave.
pub fn check_deterministic(
    master: &[u8; 32],
    ctx: Context<'_>,
    stored: &[u8],
    plaintext: &[u8],
) -> Result<()> {
    with_subkeys(master, ctx, |subkeys| {
        subkeys.check_deterministic(ctx, stored, plaintext)
    })
}

impl SubKeys {
    /// [`seal_plan_deterministic`] under these keys.
    pub fn seal_plan_deterministic(
        &self,
        key_id: &str,
        ctx: Context<'_>,
        plaintext: &[u8],
    ) -> Result<Vec<u8>> {
        let header = header(
            self.checks(ctx),
            key_id,
            plaintext.len(),
            true,
            &[0; NONCE_LEN],
            0,
        )?;
        let (cipher, fixed_nonce) = self.siv(ctx);
        let tag = cipher.tag(fixed_nonce, &aad(&header, ctx), plaintext);
        let mut out = Vec::with_capacity(plan::SIV_HEADER + header.len());
        put(&mut out, plan::SIV_KEY, &cipher.keys.encryption);
        put(&mut out, plan::SIV_TAG, &tag);
        put(&mut out, plan::SIV_HEADER, &header);
        Ok(out)
    }

    /// [`seal_plan_randomized`] under these keys.
    pub fn seal_plan_randomized(
        &self,
        key_id: &str,
        ctx: Context<'_>,
        plaintext_len: usize,
        nonce: &[u8; NONCE_LEN],
    ) -> Result<Vec<u8>> {
        let header = header(self.checks(ctx), key_id, plaintext_len, false, nonce, 0)?;
        let mut out = Vec::with_capacity(plan::GCM_AAD + header.len() + context_len(ctx));
        put(&mut out, plan::GCM_KEY, self.gcm_key(ctx));
        put(&mut out, plan::GCM_NONCE, nonce);
        put(
            &mut out,
            plan::GCM_HEADER_LEN,
            &(header.len() as u32).to_le_bytes(),
        );
        put(&mut out, plan::GCM_AAD, &header);
        push_context(&mut out, ctx);
        Ok(out)
    }

    /// [`open_plan`] under these keys.
    pub fn open_plan(
        &self,
        ctx: Context<'_>,
        head: &[u8],
        tag: &[u8],
        stored_len: usize,
    ) -> Result<Vec<u8>> {
        check_head(head, stored_len)?;
        let h = Header::open_prefix(self.checks(ctx), head, stored_len)?;
        let mut out = Vec::with_capacity(plan::OPEN_AAD + h.body_start + context_len(ctx));
        put(&mut out, plan::OPEN_ALG, &[h.alg]);
        let body_start = (h.body_start as u32).to_le_bytes();
        if h.alg == ALG_DETERMINISTIC {
            if tag.len() != TAG_LEN {
                return Err(err(
                    ErrorCode::Argument,
                    "the tag must be the envelope's last 16 bytes",
                ));
            }
            put(&mut out, plan::OPEN_KEY, &self.siv(ctx).0.keys.encryption);
            put(&mut out, plan::OPEN_IV, tag);
            put(&mut out, plan::OPEN_BODY_START, &body_start);
        } else {
            put(&mut out, plan::OPEN_KEY, self.gcm_key(ctx));
            let nonce = &head[h.body_start - NONCE_LEN..h.body_start];
            put(&mut out, plan::OPEN_IV, nonce);
            out.extend_from_slice(&[0; 4]);
            put(&mut out, plan::OPEN_BODY_START, &body_start);
            put(&mut out, plan::OPEN_AAD, &head[..h.body_start]);
            push_context(&mut out, ctx);
        }
        Ok(out)
    }

    /// [`check_deterministic`] under these keys.
    pub fn check_deterministic(
        &self,
        ctx: Context<'_>,
        stored: &[u8],
        plaintext: &[u8],
    ) -> Result<()> {
        let h = Header::open(self.checks(ctx), stored)?;
        let (cipher, fixed_nonce) = self.siv(ctx);
        let expected = cipher.tag(fixed_nonce, &aad(&stored[..h.body_start], ctx), plaintext);
        let stored_tag: &[u8; TAG_LEN] = stored[stored.len() - TAG_LEN..]
            .try_into()
            .unwrap_or_else(|_| unreachable!());
        let fits =
            h.alg == ALG_DETERMINISTIC && plaintext.len() == stored.len() - TAG_LEN - h.body_start;
        if fits && gcm_siv::tags_equal(&expected, stored_tag) {
            Ok(())
        } else {
            Err(tampered())
        }
    }
}

/// True when `stored` starts like an envelope of this module (used to tell formats apart).
pub fn looks_like_envelope(stored: &[u8]) -> bool {
    stored.starts_with(&MAGIC)
}

fn header_len(key_id_len: usize, alg: u8) -> usize {
    5 + key_id_len + 4 + 4 + 4 + if alg == ALG_RANDOMIZED { NONCE_LEN } else { 0 }
}

struct Header<'a> {
    alg: u8,
    key_id: &'a str,
    key_check: [u8; 4],
    context_check: [u8; 4],
    body_start: usize,
}

impl<'a> Header<'a> {
    /// Parses the header of an envelope to be opened by keys with these checks.
    fn open(checks: Checks, stored: &'a [u8]) -> Result<Header<'a>> {
        Header::open_prefix(checks, stored, stored.len())
    }

    /// [`Header::open`] of an envelope of `stored_len` bytes that starts with `head`.
    fn open_prefix(checks: Checks, head: &'a [u8], stored_len: usize) -> Result<Header<'a>> {
        let h = Header::parse_prefix(head, stored_len)?;
        if h.key_check != checks.key {
            return Err(err(
                ErrorCode::AeadWrongKey,
                "the key does not match the key that encrypted this value",
            ));
        }
        if h.context_check != checks.context {
            return Err(err(
                ErrorCode::AeadContext,
                "the value was encrypted for another table or attribute (or, bound to its item, another item)",
            ));
        }
        Ok(h)
    }

    /// The header of an envelope of `stored_len` bytes that starts with `stored` (at least its
    /// header, or all of it), checked against that length.
    fn parse_prefix(stored: &'a [u8], stored_len: usize) -> Result<Header<'a>> {
        let truncated = || {
            err(
                ErrorCode::AeadTruncated,
                "envelope is shorter than its header says",
            )
        };
        if !looks_like_envelope(stored) {
            return Err(err(
                ErrorCode::AeadFormat,
                "not an authenticated envelope (bad magic bytes)",
            ));
        }
        let version = *stored.get(2).ok_or_else(truncated)?;
        if version != VERSION {
            return Err(err(
                ErrorCode::AeadVersion,
                alloc::format!("unsupported envelope version {version}"),
            ));
        }
        let alg = *stored.get(ALG_OFFSET).ok_or_else(truncated)?;
        if alg != ALG_DETERMINISTIC && alg != ALG_RANDOMIZED {
            return Err(err(ErrorCode::AeadFormat, "unknown envelope algorithm"));
        }
        let id_len = usize::from(*stored.get(4).ok_or_else(truncated)?);
        let body_start = header_len(id_len, alg);
        let header = stored.get(..body_start).ok_or_else(truncated)?;
        let key_id = core::str::from_utf8(&header[5..5 + id_len])
            .map_err(|_| err(ErrorCode::AeadFormat, "key id is not UTF-8"))?;
        let fixed = |at: usize| -> [u8; 4] {
            header[at..at + 4]
                .try_into()
                .unwrap_or_else(|_| unreachable!())
        };
        let at = 5 + id_len;
        let length = u32::from_be_bytes(fixed(at + 8)) as usize;
        let expected = body_start
            .checked_add(length)
            .and_then(|n| n.checked_add(TAG_LEN));
        match expected {
            Some(n) if n == stored_len => {}
            Some(n) if n > stored_len => return Err(truncated()),
            _ => {
                return Err(err(
                    ErrorCode::AeadFormat,
                    "bytes after the end of the envelope",
                ))
            }
        }
        Ok(Header {
            alg,
            key_id,
            key_check: fixed(at),
            context_check: fixed(at + 4),
            body_start,
        })
    }
}

/// Names the key without revealing it: 4 bytes of HKDF output, so a wrong key is told apart from
/// tampering. (An attacker learns nothing a failed decryption would not already tell them.)
fn key_check(master: &[u8; 32]) -> [u8; 4] {
    let mut out = [0u8; 4];
    expand(master, &[b"key-check"], &mut out);
    out
}

/// 4 bytes of SHA-256 over the table and attribute names (and item key, when bound): tells "moved
/// here from elsewhere" apart.
fn context_check(ctx: Context<'_>) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(b"dynamodb-mate/v1 context");
    for part in ctx.parts() {
        h.update((part.len() as u32).to_be_bytes());
        h.update(part);
    }
    let digest = h.finalize();
    [digest[0], digest[1], digest[2], digest[3]]
}

/// Associated data: the whole header plus the length-prefixed table and attribute names (and item
/// key, when bound).
fn aad(header: &[u8], ctx: Context<'_>) -> Vec<u8> {
    let mut aad = Vec::with_capacity(header.len() + context_len(ctx));
    aad.extend_from_slice(header);
    push_context(&mut aad, ctx);
    aad
}

/// How many bytes the context adds to the associated data.
fn context_len(ctx: Context<'_>) -> usize {
    ctx.parts().map(|p| p.len() + 4).sum()
}

/// Appends the associated data's context part (after the header) to `out`.
fn push_context(out: &mut Vec<u8>, ctx: Context<'_>) {
    for part in ctx.parts() {
        out.extend_from_slice(&(part.len() as u32).to_be_bytes());
        out.extend_from_slice(part);
    }
}

fn deterministic_key(master: &[u8; 32], ctx: Context<'_>) -> ([u8; 32], [u8; NONCE_LEN]) {
    let mut okm = [0u8; 32 + NONCE_LEN];
    expand_for(master, ALG_DETERMINISTIC, ctx, &mut okm);
    let (key, nonce) = okm.split_at(32);
    (
        key.try_into().unwrap_or_else(|_| unreachable!()),
        nonce.try_into().unwrap_or_else(|_| unreachable!()),
    )
}

fn randomized_key(master: &[u8; 32], ctx: Context<'_>) -> [u8; 32] {
    let mut key = [0u8; 32];
    expand_for(master, ALG_RANDOMIZED, ctx, &mut key);
    key
}

fn expand_for(master: &[u8; 32], alg: u8, ctx: Context<'_>, okm: &mut [u8]) {
    let t = (ctx.table.len() as u32).to_be_bytes();
    let a = (ctx.attribute.len() as u32).to_be_bytes();
    expand(
        master,
        &[
            b"subkey",
            &[alg],
            &t,
            ctx.table.as_bytes(),
            &a,
            ctx.attribute.as_bytes(),
        ],
        okm,
    );
}

fn expand(master: &[u8; 32], info: &[&[u8]], okm: &mut [u8]) {
    // okm is at most 44 bytes, far below HKDF-SHA-256's 8160-byte limit.
    let _ = Hkdf::<Sha256>::new(Some(SALT), master).expand_multi_info(info, okm);
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn kept_subkeys_give_the_one_shot_bytes() {
        let master = [7u8; 32];
        let ctx = Context::new("t", "a");
        let other = Context::new("t", "b");
        let keys = SubKeys::new(&master, ctx);
        let nonce = [9u8; NONCE_LEN];
        for deterministic in [true, false] {
            let once = encrypt(&master, "k", ctx, b"value", deterministic, &nonce).unwrap();
            for _ in 0..2 {
                let kept = keys
                    .encrypt("k", ctx, b"value", deterministic, &nonce)
                    .unwrap();
                assert_eq!(kept, once);
                assert_eq!(keys.decrypt(ctx, &once).unwrap(), b"value");
                assert_eq!(decrypt(&master, ctx, &kept).unwrap(), b"value");
            }
            let code = |r: Result<Vec<u8>>| r.unwrap_err().code();
            assert_eq!(
                code(SubKeys::new(&master, other).decrypt(other, &once)),
                ErrorCode::AeadContext
            );
            assert_eq!(
                code(SubKeys::new(&[8; 32], ctx).decrypt(ctx, &once)),
                ErrorCode::AeadWrongKey
            );
        }
    }

    #[test]
    fn an_item_bound_value_opens_only_for_that_item() {
        let master = [7u8; 32];
        let nonce = [9u8; NONCE_LEN];
        let bound = |table, attribute, item| Context {
            item: Some(item),
            ..Context::new(table, attribute)
        };
        let ctx = bound("t", "a", b"\0\0\0\x02id S\0\0\0\x01x");
        let stored = encrypt(&master, "k", ctx, b"value", false, &nonce).unwrap();
        assert_eq!(decrypt(&master, ctx, &stored).unwrap(), b"value");
        let keys = SubKeys::new(&master, Context::new("t", "a"));
        assert_eq!(keys.decrypt(ctx, &stored).unwrap(), b"value");
        assert_eq!(
            keys.encrypt("k", ctx, b"value", false, &nonce).unwrap(),
            stored
        );
        for elsewhere in [
            bound("t", "a", b"\0\0\0\x02id S\0\0\0\x01y"),
            bound("u", "a", b"\0\0\0\x02id S\0\0\0\x01x"),
            bound("t", "b", b"\0\0\0\x02id S\0\0\0\x01x"),
            Context::new("t", "a"),
        ] {
            let e = decrypt(&master, elsewhere, &stored).unwrap_err();
            assert_eq!(e.code(), ErrorCode::AeadContext);
        }
        // The item is a third length-prefixed part: ("t", "a", item) is not ("t", "a" + item).
        let unbound = encrypt(
            &master,
            "k",
            Context::new("t", "a"),
            b"value",
            false,
            &nonce,
        )
        .unwrap();
        assert_ne!(unbound, stored);
        assert_eq!(
            decrypt(&master, ctx, &unbound).unwrap_err().code(),
            ErrorCode::AeadContext
        );
        // A bound envelope whose context check is forged still fails its tag under another item.
        let mut forged = stored.clone();
        let other = bound("t", "a", b"other");
        let check_at = 5 + 1 + 4;
        forged[check_at..check_at + 4].copy_from_slice(&context_check(other));
        assert_eq!(
            decrypt(&master, other, &forged).unwrap_err().code(),
            ErrorCode::AeadTampered
        );
    }

    #[test]
    fn plans_bind_the_item_too() {
        let master = [3u8; 32];
        let nonce = [1u8; NONCE_LEN];
        let ctx = Context {
            item: Some(b"key"),
            ..Context::new("t", "a")
        };
        let stored = encrypt(&master, "k", ctx, b"value", false, &nonce).unwrap();
        let plan = seal_plan_randomized(&master, "k", ctx, 5, &nonce).unwrap();
        let header_len = u32::from_le_bytes(
            plan[plan::GCM_HEADER_LEN..plan::GCM_AAD]
                .try_into()
                .unwrap(),
        ) as usize;
        assert_eq!(
            &plan[plan::GCM_AAD..plan::GCM_AAD + header_len],
            &stored[..header_len]
        );
        assert_eq!(
            &plan[plan::GCM_AAD..],
            aad(&stored[..header_len], ctx).as_slice()
        );
        let tag = &stored[stored.len() - TAG_LEN..];
        let open = open_plan(&master, ctx, &stored, tag, stored.len()).unwrap();
        assert_eq!(open[0], ALG_RANDOMIZED);
        assert_eq!(
            open_plan(&master, Context::new("t", "a"), &stored, tag, stored.len())
                .unwrap_err()
                .code(),
            ErrorCode::AeadContext
        );
    }

    #[test]
    fn open_plans_need_only_the_longest_header_and_the_tag() {
        let master = [4u8; 32];
        let ctx = Context::new("t", "a");
        let key_id = "k".repeat(255);
        for deterministic in [true, false] {
            let stored =
                encrypt(&master, &key_id, ctx, &[5; 1000], deterministic, &[6; 12]).unwrap();
            let (len, tag) = (stored.len(), &stored[stored.len() - TAG_LEN..]);
            let whole = open_plan(&master, ctx, &stored, tag, len).unwrap();
            assert_eq!(
                open_plan(&master, ctx, &stored[..HEADER_MAX], tag, len).unwrap(),
                whole
            );
            assert_eq!(header_len(key_id.len(), ALG_RANDOMIZED), HEADER_MAX);
            let short = open_plan(&master, ctx, &stored[..HEADER_MAX - 1], tag, len);
            assert_eq!(short.unwrap_err().code(), ErrorCode::Argument);
            assert_eq!(key_id_of_head(&stored[..HEADER_MAX], len).unwrap(), key_id);
            let short = key_id_of_head(&stored[..HEADER_MAX - 1], len);
            assert_eq!(short.unwrap_err().code(), ErrorCode::Argument);
            let truncated = key_id_of_head(&stored[..HEADER_MAX], len - 1);
            assert_eq!(truncated.unwrap_err().code(), ErrorCode::AeadTruncated);
        }
    }

    #[test]
    fn cached_subkeys_give_the_one_shot_bytes() {
        // More contexts and keys than the cache holds, in an order that both hits and evicts.
        let nonce = [2u8; NONCE_LEN];
        for round in 0..3u8 {
            for k in 0..(CACHED_SUBKEYS as u8 / 2 + 2) {
                let master = [k; 32];
                for ctx in [Context::new("t", "a"), Context::new("t", "b")] {
                    let fresh = SubKeys::new(&master, ctx);
                    for deterministic in [true, false] {
                        let value = [round; 40];
                        let stored =
                            encrypt(&master, "k", ctx, &value, deterministic, &nonce).unwrap();
                        assert_eq!(
                            stored,
                            fresh
                                .encrypt("k", ctx, &value, deterministic, &nonce)
                                .unwrap()
                        );
                        assert_eq!(decrypt(&master, ctx, &stored).unwrap(), value);
                    }
                }
            }
        }
    }
}
