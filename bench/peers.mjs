// What a hand-written application would run to produce the same bytes as each codec call of this
// library, once with node:zlib / node:crypto ("native") and once in pure JavaScript with pako,
// @noble/ciphers and @noble/hashes ("js"): the same gzip header, the same pynamodb_mate ECB bytes
// and CTR envelope, and the same authenticated envelope (HKDF subkeys, key and context checks,
// header as associated data; docs/envelope.md). The codec bench checks that both read and write
// what this library does before timing them. `byHand` is what a user would write instead of this
// library: plain node:crypto AES-256-GCM in a format of their own (issue 14's comparison).
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomFillSync } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ctr, ecb, gcm, gcmsiv } from '@noble/ciphers/aes.js';
import { md5 } from '@noble/hashes/legacy.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import pako from 'pako';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const be32 = (n) => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const random = (n) => randomFillSync(new Uint8Array(n));

// Python's base64.b85encode / b85decode.
const B85 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';
const B85_VALUE = new Uint8Array(128);
for (let i = 0; i < B85.length; i++) B85_VALUE[B85.charCodeAt(i)] = i;
function b85encode(data) {
  const padded = new Uint8Array(Math.ceil(data.length / 4) * 4);
  padded.set(data);
  const view = new DataView(padded.buffer);
  const out = [];
  for (let i = 0; i < padded.length; i += 4) {
    let n = view.getUint32(i);
    const digits = new Array(5);
    for (let d = 4; d >= 0; d--) {
      digits[d] = B85[n % 85];
      n = Math.floor(n / 85);
    }
    out.push(digits.join(''));
  }
  return out.join('').slice(0, out.length * 5 - (padded.length - data.length));
}
/** Table-driven, as a user would write it (the last group padded with '~', the highest digit). */
function b85decode(text) {
  const pad = (5 - (text.length % 5)) % 5;
  const out = Buffer.allocUnsafe(((text.length + pad) / 5) * 4);
  for (let i = 0, o = 0; i < text.length; i += 5, o += 4) {
    let n = 0;
    for (let d = i; d < i + 5; d++) n = n * 85 + (d < text.length ? B85_VALUE[text.charCodeAt(d)] : 84);
    out[o] = n >>> 24;
    out[o + 1] = n >>> 16;
    out[o + 2] = n >>> 8;
    out[o + 3] = n;
  }
  return out.subarray(0, out.length - pad);
}

/** pynamodb_mate's CTR envelope around a cipher's output. */
const ctrEnvelope = (nonce, token) => encoder.encode(`{"nonce": "${b85encode(nonce)}", "token": "${b85encode(token)}"}`);
function ctrParts(stored) {
  const { nonce, token } = JSON.parse(decoder.decode(stored));
  return [b85decode(nonce), b85decode(token)];
}
const ctrIv = (nonce) => concat(nonce, new Uint8Array(16 - nonce.length));

/**
 * The authenticated envelope over three primitives: `kdf(master, info, length)` (HKDF-SHA-256 with
 * the envelope's salt), `sha(bytes)` and the two AEADs (`seal`/`open`, by algorithm byte; open
 * throws on a bad tag).
 */
function envelope({ kdf, sha, aeads }) {
  const SALT = encoder.encode('dynamodb-mate/v1');
  const named = (table, attribute) => {
    const t = encoder.encode(table);
    const a = encoder.encode(attribute);
    return concat(be32(t.length), t, be32(a.length), a);
  };
  const keyCheck = (master) => kdf(master, SALT, encoder.encode('key-check'), 4);
  const contextCheck = (ctx) => sha(concat(encoder.encode('dynamodb-mate/v1 context'), ctx)).subarray(0, 4);
  const subkey = (master, alg, ctx) => kdf(master, SALT, concat(encoder.encode('subkey'), [alg], ctx), alg === 1 ? 44 : 32);
  return {
    encrypt(master, keyId, table, attribute, plaintext, deterministic) {
      const alg = deterministic ? 1 : 2;
      const ctx = named(table, attribute);
      const okm = subkey(master, alg, ctx);
      const nonce = deterministic ? okm.subarray(32, 44) : random(12);
      const id = encoder.encode(keyId);
      const header = concat([0xdd, 0x4d, 1, alg, id.length], id, keyCheck(master), contextCheck(ctx), be32(plaintext.length), deterministic ? [] : nonce);
      return concat(header, aeads[alg].seal(okm.subarray(0, 32), nonce, concat(header, ctx), plaintext));
    },
    decrypt(master, table, attribute, stored) {
      const alg = stored[3];
      const ctx = named(table, attribute);
      const checks = stored.subarray(5 + stored[4]); // key check, context check, length, [nonce]
      const bodyStart = 5 + stored[4] + 12 + (alg === 2 ? 12 : 0);
      const same = (a, b) => a.every((x, i) => x === b[i]);
      if (!same(keyCheck(master), checks) || !same(contextCheck(ctx), checks.subarray(4))) throw new Error('wrong key or context');
      const okm = subkey(master, alg, ctx);
      const nonce = alg === 1 ? okm.subarray(32, 44) : stored.subarray(bodyStart - 12, bodyStart);
      return aeads[alg].open(okm.subarray(0, 32), nonce, concat(stored.subarray(0, bodyStart), ctx), stored.subarray(bodyStart));
    },
  };
}

const nodeGcm = {
  seal(key, nonce, aad, plaintext) {
    const c = createCipheriv('aes-256-gcm', key, nonce).setAAD(aad);
    return concat(c.update(plaintext), c.final(), c.getAuthTag());
  },
  open(key, nonce, aad, sealed) {
    const d = createDecipheriv('aes-256-gcm', key, nonce).setAAD(aad).setAuthTag(sealed.subarray(sealed.length - 16));
    return concat(d.update(sealed.subarray(0, sealed.length - 16)), d.final());
  },
};
const nodeEnvelope = envelope({
  kdf: (master, salt, info, n) => new Uint8Array(hkdfSync('sha256', master, salt, info, n)),
  sha: (b) => createHash('sha256').update(b).digest(),
  aeads: { 2: nodeGcm }, // node:crypto has no AES-GCM-SIV
});
const nobleEnvelope = envelope({
  kdf: (master, salt, info, n) => hkdf(sha256, master, salt, info, n),
  sha: sha256,
  aeads: {
    1: { seal: (k, n, aad, p) => gcmsiv(k, n, aad).encrypt(p), open: (k, n, aad, s) => gcmsiv(k, n, aad).decrypt(s) },
    2: { seal: (k, n, aad, p) => gcm(k, n, aad).encrypt(p), open: (k, n, aad, s) => gcm(k, n, aad).decrypt(s) },
  },
});

/** gzip with this library's header: MTIME 0, XFL as CPython, OS 255. */
function ourHeader(gz, level) {
  gz.set([0, 0, 0, 0, level === 9 ? 2 : level === 1 ? 4 : 0, 0xff], 4);
  return gz;
}

export const native = {
  name: 'node:zlib / node:crypto',
  gzip: (data, level) => ourHeader(gzipSync(data, { level }), level),
  gunzip: (data) => gunzipSync(data),
  sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
  md5Hex: (data) => createHash('md5').update(data).digest('hex'),
  ecbEncrypt(key, plaintext) {
    const c = createCipheriv('aes-256-ecb', key, null);
    return concat(c.update(plaintext), c.final());
  },
  ecbDecrypt(key, stored) {
    const d = createDecipheriv('aes-256-ecb', key, null);
    return concat(d.update(stored), d.final());
  },
  ctrEncrypt(key, plaintext) {
    const nonce = random(8);
    const c = createCipheriv('aes-256-ctr', key, ctrIv(nonce));
    return ctrEnvelope(nonce, concat(c.update(plaintext), c.final()));
  },
  ctrDecrypt(key, stored) {
    const [nonce, token] = ctrParts(stored);
    const d = createDecipheriv('aes-256-ctr', key, ctrIv(nonce));
    return concat(d.update(token), d.final());
  },
  aeadEncrypt: nodeEnvelope.encrypt,
  aeadDecrypt: nodeEnvelope.decrypt,
};

export const js = {
  name: 'pako / @noble',
  gzip: (data, level) => ourHeader(pako.gzip(data, { level }), level),
  gunzip: (data) => pako.ungzip(data),
  sha256Hex: (data) => bytesToHex(sha256(data)),
  md5Hex: (data) => bytesToHex(md5(data)),
  ecbEncrypt: (key, plaintext) => ecb(key).encrypt(plaintext),
  ecbDecrypt: (key, stored) => ecb(key).decrypt(stored),
  ctrEncrypt(key, plaintext) {
    const nonce = random(8);
    return ctrEnvelope(nonce, ctr(key, ctrIv(nonce)).encrypt(plaintext));
  },
  ctrDecrypt(key, stored) {
    const [nonce, token] = ctrParts(stored);
    return ctr(key, ctrIv(nonce)).decrypt(token);
  },
  aeadEncrypt: nobleEnvelope.encrypt,
  aeadDecrypt: nobleEnvelope.decrypt,
};

/**
 * What a user would write instead of this library, with node:crypto and a format of their own
 * (nonce ‖ ciphertext ‖ tag): AES-256-GCM under a random 12-byte nonce with the table and attribute
 * as associated data; deterministic, the same under a synthetic nonce, the first 12 bytes of
 * HMAC-SHA-256 of the associated data and plaintext under a MAC key of its own (Node has neither
 * AES-SIV nor AES-GCM-SIV). The associated data and the two deterministic keys are made once, as an
 * application would at start-up: no key derivation, no header, no checks per call.
 */
export const byHand = {
  name: 'node:crypto by hand',
  aad: (table, attribute) => Buffer.from(`${table}\0${attribute}`),
  deterministicKeys: (master) => ({
    enc: Buffer.from(hkdfSync('sha256', master, '', 'encryption', 32)),
    mac: Buffer.from(hkdfSync('sha256', master, '', 'synthetic nonce', 32)),
  }),
  gcmEncrypt(key, aad, plaintext, nonce = randomBytes(12)) {
    const c = createCipheriv('aes-256-gcm', key, nonce).setAAD(aad);
    return Buffer.concat([nonce, c.update(plaintext), c.final(), c.getAuthTag()]);
  },
  gcmDecrypt(key, aad, sealed) {
    const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12), { authTagLength: 16 })
      .setAAD(aad)
      .setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]);
  },
  deterministicEncrypt: (keys, aad, plaintext) =>
    byHand.gcmEncrypt(keys.enc, aad, plaintext, createHmac('sha256', keys.mac).update(aad).update(plaintext).digest().subarray(0, 12)),
  deterministicDecrypt: (keys, aad, sealed) => byHand.gcmDecrypt(keys.enc, aad, sealed),
};
