// Node only (js/runtime/node.mjs installs it; the browser build never imports it): the byte codecs
// hand inputs above a measured crossover size to node:zlib / node:crypto, which use the CPU's
// AES-NI, SHA-NI and SIMD zlib, and keep the wasm path below it (no per-call setup there).
// Same results as the wasm path: identical bytes for ciphertexts and hashes, gzip that both paths
// read (same header; the deflate body differs). A native attempt that declines (returns undefined:
// an input shape it does not handle) or fails (throws) is redone by the wasm path, so errors keep
// their wasm codes and messages.
import { Buffer, constants as bufferConstants, isUtf8 } from 'node:buffer';
import { createCipheriv, createDecipheriv, createHash, hash } from 'node:crypto';
import { endianness } from 'node:os';
import { crc32, gzipSync, inflateRawSync } from 'node:zlib';
import { core, wasm } from '../runtime/core.mjs';
// The envelope's algorithm byte and the plans' field offsets: src/aead.rs, `envelope` and `plan`.
import {
  ENVELOPE_ALG_DETERMINISTIC as SIV, ENVELOPE_ALG_OFFSET as ALG_AT, ENVELOPE_HEADER_MAX, ENVELOPE_TAG_LEN,
  PLAN_SIV_KEY, PLAN_SIV_TAG, PLAN_SIV_HEADER, PLAN_GCM_KEY, PLAN_GCM_NONCE, PLAN_GCM_HEADER_LEN, PLAN_GCM_AAD,
  PLAN_OPEN_ALG, PLAN_OPEN_KEY, PLAN_OPEN_IV, PLAN_OPEN_BODY_START, PLAN_OPEN_AAD, LEGACY_PLAN_CTR_COUNTER, LEGACY_PLAN_CTR_TOKEN,
  GZIP_PLAN_MEMBER_BODY_START, GZIP_PLAN_MEMBER_BODY_END, GZIP_PLAN_MEMBER_CRC,
  GZIP_PLAN_MEMBER_SIZE,
} from '../generated/constants.mjs';

// Where node:zlib / node:crypto is faster than wasm, in input bytes (the native path is used from
// these sizes up). Measured with `node bench/crossover.mjs` (each function's wasm and native paths
// interleaved in one process, 64 B to 1 MiB; bench/results/crossover.json) on the 2-vCPU AMD EPYC
// dev machine (AES-NI, SHA-NI), Node 20.20.2, against the opt-level 3 + simd128 wasm build.
// The aead rows were re-measured once subkeys were cached per key and context (issue 14).
export const CROSSOVER = {
  sha256: 0, // SHA-NI: 1.1x faster at 64 B, 5x from 4 KiB
  md5: 0, // no hardware MD5: parity with wasm (0.97-1.15x) at every size
  ecb: 256, // wasm 1.15x faster at 64 B (no cipher object per call); parity (encrypt) to 1.2x (decrypt) at 256 B, 20x at 1 MiB
  ctr: 1024, // the envelope is wasm on both paths (its plans): 1.4x at 1 KiB, 2-2.8x from 2 KiB
  gcmSiv: 1024, // native does only the keystream (POLYVAL stays in wasm): wasm (message keys kept) 1.4-1.5x faster at 256 B, native 1.2-1.5x at 1 KiB, 2-3x from 64 KiB
  gcm: 256, // 0.85-1.1x at 256 B (wasm has its subkeys cached too), 2.5-3x at 1 KiB, 20x from 64 KiB
  gunzip: 16384, // 0.9x at 8 KiB, 1.13x at 16 KiB, 1.2x from 64 KiB
  /**
   * gzip, per level: [from, below). zlib-rs is faster at levels 0-2 (its level 1 is a quicker,
   * weaker algorithm than zlib's: 1.3-2x faster, 30% larger output) and at level 9 from 16 KiB (it
   * searches less than zlib there: about 3% larger output, 1.7-2.4x faster); node:zlib is faster at
   * levels 3-8 from 2 KiB (1.1-1.4x) and at level 9 from 1 to 16 KiB (1.4-1.7x).
   */
  gzip: [null, null, null, [2048, Infinity], [2048, Infinity], [2048, Infinity], [2048, Infinity], [2048, Infinity], [2048, Infinity], [1024, 16384]],
};

/** A plain Uint8Array (what the wasm path returns) of a Buffer, without copying when it owns its memory. */
function plain(buf) {
  return buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength ? new Uint8Array(buf.buffer) : new Uint8Array(buf);
}

function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** update()'s and final()'s output as one plain Uint8Array, copied only if final() gave bytes (GCM's never does). */
const joined = (updated, final) => (final.length === 0 ? plain(updated) : concat(updated, final));

const hex = typeof hash === 'function'
  ? (alg, data) => hash(alg, data, 'hex')
  : (alg, data) => createHash(alg).update(data).digest('hex'); // Node < 20.12

// The aead plans are written into `room` (grown when one needs more) and read before the next
// plan: no buffer per call (a small Uint8Array costs about 0.25 µs, plus its collection), and
// views of its fixed-place fields made once per buffer, not per call (about 40 ns each).
let room;
let fields;

function makeRoom(length) {
  room = new Uint8Array(length);
  fields = {
    sivKey: room.subarray(PLAN_SIV_KEY, PLAN_SIV_TAG),
    sivTag: room.subarray(PLAN_SIV_TAG, PLAN_SIV_HEADER),
    gcmKey: room.subarray(PLAN_GCM_KEY, PLAN_GCM_NONCE),
    gcmNonce: room.subarray(PLAN_GCM_NONCE, PLAN_GCM_HEADER_LEN),
    openKey: room.subarray(PLAN_OPEN_KEY, PLAN_OPEN_IV),
    openIv: room.subarray(PLAN_OPEN_IV, PLAN_OPEN_BODY_START),
    openNonce: room.subarray(PLAN_OPEN_IV, PLAN_OPEN_IV + 12),
  };
}
makeRoom(512);

/** The length of the plan that `call(room)` writes into `room`, given room for it. */
function planned(call) {
  let length = call(room);
  if (length > room.length) {
    makeRoom(length);
    length = call(room);
  }
  return length;
}

/** A value's bytes from its plaintext: kinds other than string and binary are left to wasm. */
function valueBytes(kind, plaintext) {
  if (kind === 'binary') return plaintext;
  if (kind === 'string' && isUtf8(plaintext)) return plaintext;
  return undefined;
}


// sivKeystreamXor builds counter blocks in a Uint32Array, which is little-endian only there.
const LITTLE_ENDIAN = endianness() === 'LE';
const u32At = (b, at) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] * 2 ** 24);

/**
 * `data` XOR the AES-256-GCM-SIV keystream of (key, tag) (src/gcm_siv.rs): node's AES-256-ECB over
 * the counter blocks, which are the tag with its top bit set and a little-endian u32 counter in
 * its first 4 bytes (node's aes-256-ctr counts big-endian over all 16, so it cannot be used).
 */
function sivKeystreamXor(key, tag, data) {
  const blocks = Math.ceil(data.length / 16);
  const counters = new Uint32Array(blocks * 4);
  const t = new Uint32Array(new Uint8Array(tag).buffer);
  t[3] |= 0x80000000;
  for (let i = 0, w = 0; i < blocks; i++, w += 4) {
    counters[w] = (t[0] + i) >>> 0;
    counters[w + 1] = t[1];
    counters[w + 2] = t[2];
    counters[w + 3] = t[3];
  }
  const stream = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false).update(counters);
  const out = new Uint8Array(data.length);
  out.set(data);
  const words = data.length >>> 2;
  let i = 0;
  if (stream.byteOffset % 4 === 0) {
    const o32 = new Uint32Array(out.buffer, 0, words);
    const s32 = new Uint32Array(stream.buffer, stream.byteOffset, words);
    for (; i < words; i++) o32[i] ^= s32[i];
    i *= 4;
  }
  for (; i < data.length; i++) out[i] ^= stream[i];
  return out;
}

/** AES-256-GCM of node:crypto: the ciphertext and the 16-byte tag. */
function gcmSeal(key, nonce, aad, plaintext) {
  const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(aad);
  const body = joined(cipher.update(plaintext), cipher.final());
  return { body, tag: cipher.getAuthTag() };
}

/**
 * The plaintext of a `gcmSeal` result; throws when the tag does not match. authTagLength pins the
 * tag to 16 bytes (node:crypto would otherwise check a shorter tag against a prefix).
 */
function gcmOpen(key, nonce, aad, body, tag) {
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 }).setAAD(aad).setAuthTag(tag);
  return joined(decipher.update(body), decipher.final());
}

/**
 * Internal, not the package's API: the node:crypto halves of the authenticated envelopes under raw
 * keys and nonces, which the external test vectors (tests/vectors/) run through (GCM-SIV's key and
 * tag come from wasm's gcmSivKeyAndTag).
 */
export const primitives = { sivKeystreamXor, gcmSeal, gcmOpen };

/**
 * The native attempts, named and called as the wasm functions they stand in for; undefined means
 * "not this input". Exported for the tests, which run them against the wasm path.
 */
export const native = {
  /**
   * node:zlib's gzip member with this library's header from wasm in place of zlib's, which has
   * the same length (no optional fields): no copy of the deflate data to frame it.
   */
  gzip(data, level, mtime) {
    const header = wasm.gzipHeader(level, mtime);
    const out = gzipSync(data, { level });
    out.set(header);
    return plain(out);
  },

  /**
   * One member (its header read by wasm) whose deflate data ends at its trailer and matches it;
   * else (more members, padding, a mismatch) wasm, which reads it or gives the error.
   */
  gunzip(data, maxOutput) {
    if (!(maxOutput >= 1)) return undefined;
    const plan = wasm.gunzipMemberPlan(data);
    const size = plan[GZIP_PLAN_MEMBER_SIZE];
    const maxOutputLength = Math.min(Math.floor(maxOutput), bufferConstants.MAX_LENGTH);
    // One output chunk of the trailer's size when it is plausible: no concatenation of 16 KiB
    // chunks. Deflate expands at most 1032:1, so a forged size cannot make it allocate more.
    const chunkSize = Math.max(64, Math.min(size + 1, data.length * 1032, maxOutputLength));
    const body = data.subarray(plan[GZIP_PLAN_MEMBER_BODY_START], plan[GZIP_PLAN_MEMBER_BODY_END]);
    const { buffer: out, engine } = inflateRawSync(body, { info: true, maxOutputLength, chunkSize });
    if (engine.bytesWritten !== body.length) return undefined; // the deflate data ends before the trailer
    if (crc32(out) !== plan[GZIP_PLAN_MEMBER_CRC] || out.length % 2 ** 32 !== size) return undefined;
    return plain(out);
  },

  sha256Hex: (data) => hex('sha256', data),
  md5Hex: (data) => hex('md5', data),

  /**
   * pynamodb_mate's bytes: AES-256-ECB + PKCS#7 (deterministic), or the CTR JSON envelope. The
   * padding, counter block and envelope come from wasm; one update() each here: final() alone
   * cost as much as the AES of 1 KiB. Only the plaintext's length crosses for the padding: the
   * plaintext is copied once, next to it, not into wasm and back.
   */
  legacyEncrypt(key, kind, plaintext, deterministic) {
    if ((kind !== 'string' && kind !== 'binary') || plaintext.length > 0xffffffff) return undefined;
    if (deterministic) {
      const padding = wasm.legacyPkcs7Padding(plaintext.length);
      // Internal, fully written: node's pooled, unzeroed memory (no ArrayBuffer per call). The pool
      // is shared with every small Buffer of the process (their `.buffer`), so the plaintext is
      // wiped before the call returns.
      const padded = Buffer.allocUnsafe(plaintext.length + padding.length);
      try {
        padded.set(plaintext);
        padded.set(padding, plaintext.length);
        return plain(createCipheriv('aes-256-ecb', key, null).setAutoPadding(false).update(padded));
      } finally {
        padded.fill(0);
      }
    }
    const counter = wasm.legacyCtrSealPlan();
    return wasm.legacyCtrEnvelope(counter, createCipheriv('aes-256-ctr', key, counter).update(plaintext));
  },

  /**
   * ECB, its padding checked by wasm, or any CTR envelope wasm reads (its open plan); a bad length,
   * padding or envelope is left to the wasm path, which gives the error.
   */
  legacyDecrypt(key, kind, stored, deterministic) {
    if (kind !== 'string' && kind !== 'binary') return undefined;
    if (deterministic) {
      if (stored.length === 0 || stored.length % 16 !== 0) return undefined;
      const padded = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false).update(stored);
      const pad = wasm.legacyPkcs7PaddingLength(padded.subarray(padded.length - 16));
      return valueBytes(kind, new Uint8Array(padded.subarray(0, padded.length - pad)));
    }
    const plan = wasm.legacyCtrOpenPlan(stored);
    const decipher = createDecipheriv('aes-256-ctr', key, plan.subarray(LEGACY_PLAN_CTR_COUNTER, LEGACY_PLAN_CTR_TOKEN));
    return valueBytes(kind, plain(decipher.update(plan.subarray(LEGACY_PLAN_CTR_TOKEN))));
  },

  /** The authenticated envelope: its header, keys and (GCM-SIV) tag from wasm, the bulk AES here. */
  aeadEncrypt(ring, kind, plaintext, deterministic, item) {
    if ((kind !== 'string' && kind !== 'binary') || plaintext.length > 0xffffffff || (deterministic && !LITTLE_ENDIAN)) return undefined;
    let header;
    let body;
    let tag;
    if (deterministic) {
      const end = planned((out) => wasm.aeadSealPlanDeterministic(ring, plaintext, item, out));
      tag = fields.sivTag;
      header = room.subarray(PLAN_SIV_HEADER, end);
      body = sivKeystreamXor(fields.sivKey, tag, plaintext);
    } else {
      const end = planned((out) => wasm.aeadSealPlanRandomized(ring, plaintext.length, item, out));
      header = room.subarray(PLAN_GCM_AAD, PLAN_GCM_AAD + u32At(room, PLAN_GCM_HEADER_LEN));
      const aad = room.subarray(PLAN_GCM_AAD, end);
      ({ body, tag } = gcmSeal(fields.gcmKey, fields.gcmNonce, aad, plaintext));
    }
    const out = new Uint8Array(header.length + body.length + tag.length);
    out.set(header);
    out.set(body, header.length);
    out.set(tag, header.length + body.length);
    return out;
  },

  /**
   * Checks and keys from wasm (same errors as its decrypt), which reads the header and the tag
   * only and picks the ring's key by the header's key id; GCM-SIV's tag is checked there too.
   */
  aeadDecrypt(ring, kind, stored, item) {
    if ((kind !== 'string' && kind !== 'binary') || stored.length > 0xffffffff || (stored[ALG_AT] === SIV && !LITTLE_ENDIAN)) return undefined;
    const head = stored.subarray(0, ENVELOPE_HEADER_MAX);
    const tag = stored.subarray(Math.max(0, stored.length - ENVELOPE_TAG_LEN));
    const end = planned((out) => wasm.aeadOpenPlan(ring, head, tag, stored.length, item, out));
    const body = stored.subarray(u32At(room, PLAN_OPEN_BODY_START), stored.length - ENVELOPE_TAG_LEN);
    if (room[PLAN_OPEN_ALG] === SIV) {
      const plaintext = sivKeystreamXor(fields.openKey, fields.openIv, body);
      try {
        wasm.aeadCheckDeterministic(ring, stored, plaintext, item);
      } catch (error) {
        plaintext.fill(0); // no unauthenticated plaintext left behind, as on the wasm path
        throw error;
      }
      return valueBytes(kind, plaintext);
    }
    return valueBytes(kind, gcmOpen(fields.openKey, fields.openNonce, room.subarray(PLAN_OPEN_AAD, end), body, tag));
  },
};

/** `core[name]` that runs `native[name]` when `use(...args)`, else (or if it declines or fails) wasm. */
function dispatch(name, use) {
  const attempt = native[name];
  const fallback = wasm[name];
  // Fixed parameters (no codec takes more than five), not rest and spread: an array per call
  // was a tenth of a small aead decrypt's overhead.
  return (a, b, c, d, e) => {
    if (use(a, b, c, d, e)) {
      try {
        const out = attempt(a, b, c, d, e);
        if (out !== undefined) return out;
      } catch {
        // the wasm path below gives the error its code and message
      }
    }
    return fallback(a, b, c, d, e);
  };
}

const from = (crossover) => (data) => data.length >= crossover;
const gzipUses = (data, level) => {
  const range = CROSSOVER.gzip[level];
  return range !== null && range !== undefined && data.length >= range[0] && data.length < range[1];
};
const legacyUses = (key, kind, data, deterministic) => data.length >= (deterministic ? CROSSOVER.ecb : CROSSOVER.ctr);
const dispatched = {
  gzip: dispatch('gzip', gzipUses),
  gunzip: dispatch('gunzip', from(CROSSOVER.gunzip)),
  sha256Hex: dispatch('sha256Hex', from(CROSSOVER.sha256)),
  md5Hex: dispatch('md5Hex', from(CROSSOVER.md5)),
  legacyEncrypt: dispatch('legacyEncrypt', legacyUses),
  legacyDecrypt: dispatch('legacyDecrypt', legacyUses),
  aeadEncrypt: dispatch('aeadEncrypt', (ring, kind, data, deterministic) =>
    data.length >= (deterministic ? CROSSOVER.gcmSiv : CROSSOVER.gcm)),
  aeadDecrypt: dispatch('aeadDecrypt', (ring, kind, stored) =>
    stored.length >= (stored[ALG_AT] === SIV ? CROSSOVER.gcmSiv : CROSSOVER.gcm)),
};

/**
 * Makes the codecs dispatch (true, what the Node entry does at import) or use the wasm path only
 * (false; the benchmarks compare both in one process).
 */
export function useNative(enabled) {
  for (const name of Object.keys(dispatched)) core[name] = enabled ? dispatched[name] : wasm[name];
}
