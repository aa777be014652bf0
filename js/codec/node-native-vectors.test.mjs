// External vectors through the Node path of the ciphers (node-native.mjs): Wycheproof's AES-GCM and
// AES-GCM-SIV sets (tests/vectors/wycheproof/) through node:crypto's GCM and the split GCM-SIV (key
// and tag from wasm, keystream from node:crypto's AES-256-ECB), and NIST SP 800-38A's AES-256
// ECB/CTR examples through the legacy paths, each block checked against node:crypto as an
// independent oracle. The Rust suite (tests/suite/wycheproof.rs, known_answers.rs) runs the same
// files natively and as wasm.
import assert from 'node:assert/strict';
import { createCipheriv, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import '../runtime/node.mjs';
import { wasm } from '../runtime/core.mjs';
import { native, primitives } from './node-native.mjs';

const vectors = (path) => JSON.parse(readFileSync(new URL(`../../tests/vectors/${path}`, import.meta.url), 'utf8'));
const unhex = (s) => new Uint8Array(Buffer.from(s, 'hex'));
const hex = (b) => Buffer.from(b).toString('hex');
const EMPTY = new Uint8Array(0);

/**
 * Every vector of a Wycheproof AEAD file, split into the ones the envelopes' ciphers take (AES-256,
 * 96-bit nonce, 128-bit tag) and the count of the others per reason, as in tests/suite/wycheproof.rs.
 */
function wycheproof(file) {
  const cases = [];
  const notApplicable = { notAes256: 0, not96BitIv: 0 };
  for (const group of vectors(`wycheproof/${file}`).testGroups) {
    assert.equal(group.tagSize, 128, 'tag sizes other than 128 bits');
    for (const t of group.tests) {
      // Wycheproof's "acceptable" would need a decision per flag; these files have none.
      assert.ok(t.result === 'valid' || t.result === 'invalid', `vector ${t.tcId}: result ${t.result} has no rule here`);
      if (group.keySize !== 256) notApplicable.notAes256++; // the envelopes use AES-256 only
      else if (group.ivSize !== 96) notApplicable.not96BitIv++; // the envelopes' nonces are 12 bytes
      else cases.push({ ...t, key: unhex(t.key), iv: unhex(t.iv), aad: unhex(t.aad), msg: unhex(t.msg), ct: unhex(t.ct), tag: unhex(t.tag) });
    }
  }
  return { cases, notApplicable };
}

/** Counts of a run: valid and invalid vectors that ran, and the not applicable ones. */
const counts = ({ cases, notApplicable }) => ({
  valid: cases.filter((c) => c.result === 'valid').length,
  invalid: cases.filter((c) => c.result === 'invalid').length,
  ...notApplicable,
});

/**
 * Each vector sealed (valid ones give exactly ct and tag) and opened (valid ones give msg back,
 * invalid ones throw `refusal`: the tag check, not some other failure).
 */
function runAead(set, seal, open, refusal) {
  for (const c of set.cases) {
    if (c.result === 'valid') {
      const { body, tag } = seal(c.key, c.iv, c.aad, c.msg);
      assert.equal(hex(body) + hex(tag), hex(c.ct) + hex(c.tag), `vector ${c.tcId} seal`);
      assert.equal(hex(open(c.key, c.iv, c.aad, c.ct, c.tag)), hex(c.msg), `vector ${c.tcId} open`);
    } else {
      assert.throws(() => open(c.key, c.iv, c.aad, c.ct, c.tag), refusal, `vector ${c.tcId}: invalid, but opened`);
    }
  }
}

// GCM-SIV as node-native.mjs composes it (aeadEncrypt/aeadDecrypt, alg 1): message key and tag of
// the plaintext from wasm, the keystream from the tag here.
function sivSeal(key, nonce, aad, plaintext) {
  const keyAndTag = wasm.gcmSivKeyAndTag(key, nonce, aad, plaintext);
  const tag = keyAndTag.subarray(32);
  return { body: primitives.sivKeystreamXor(keyAndTag.subarray(0, 32), tag, plaintext), tag };
}

function sivOpen(key, nonce, aad, body, tag) {
  const messageKey = wasm.gcmSivKeyAndTag(key, nonce, aad, EMPTY).subarray(0, 32);
  const plaintext = primitives.sivKeystreamXor(messageKey, tag, body);
  if (!timingSafeEqual(wasm.gcmSivKeyAndTag(key, nonce, aad, plaintext).subarray(32), tag)) throw new Error('tag mismatch');
  return plaintext;
}

test('Wycheproof AES-GCM: every AES-256 vector with a 96-bit nonce through node:crypto, the others counted', () => {
  const set = wycheproof('aes_gcm_test.json');
  assert.deepEqual(counts(set), { valid: 39, invalid: 27, notAes256: 211, not96BitIv: 39 });
  runAead(set, primitives.gcmSeal, primitives.gcmOpen, /unable to authenticate data/);
});

test('Wycheproof AES-GCM-SIV: every AES-256 vector through wasm key and tag + node:crypto keystream, the others counted', () => {
  const set = wycheproof('aes_gcm_siv_test.json');
  assert.deepEqual(counts(set), { valid: 69, invalid: 34, notAes256: 99, not96BitIv: 0 });
  runAead(set, sivSeal, sivOpen, /tag mismatch/);
});

test('gcmSivKeyAndTag refuses a key or nonce of another size with a typed error', () => {
  assert.throws(() => wasm.gcmSivKeyAndTag(new Uint8Array(16), new Uint8Array(12), EMPTY, EMPTY), { code: 'E_KEY_LENGTH' });
  assert.throws(() => wasm.gcmSivKeyAndTag(new Uint8Array(32), new Uint8Array(8), EMPTY, EMPTY), { code: 'E_ARGUMENT', message: /nonce must be 12 bytes/ });
});

const nist = vectors('nist-sp800-38a.json');
const NIST_KEY = unhex(nist.key);
const joined = (blocks, name) => unhex(blocks.map((b) => b[name]).join(''));
const ecbBlock = (block) => createCipheriv('aes-256-ecb', NIST_KEY, null).setAutoPadding(false).update(block);

test('NIST SP 800-38A F.1.5/F.1.6 ECB-AES256: each block by node:crypto, then the legacy deterministic mode on both paths', () => {
  const { blocks } = nist.ecb;
  assert.equal(blocks.length, 4);
  for (const [i, b] of blocks.entries()) assert.equal(hex(ecbBlock(unhex(b.plaintext))), b.ciphertext, `oracle block ${i + 1}`);
  const plaintext = joined(blocks, 'plaintext');
  // The legacy mode pads (PKCS#7): the example's blocks, then the full padding block.
  const stored = hex(joined(blocks, 'ciphertext')) + hex(ecbBlock(new Uint8Array(16).fill(16)));
  for (const [name, path] of [['native', native], ['wasm', wasm]]) {
    assert.equal(hex(path.legacyEncrypt(NIST_KEY, 'binary', plaintext, true)), stored, `${name} F.1.5`);
    assert.equal(hex(path.legacyDecrypt(NIST_KEY, 'binary', unhex(stored), true)), hex(plaintext), `${name} F.1.6`);
  }
});

test('NIST SP 800-38A F.5.5/F.5.6 CTR-AES256: each counter block by node:crypto, then aes-256-ctr from the initial counter', () => {
  const { blocks, initialCounter } = nist.ctr;
  assert.equal(blocks.length, 4);
  assert.equal(blocks[0].counter, initialCounter);
  for (const [i, b] of blocks.entries()) {
    const keystream = ecbBlock(unhex(b.counter));
    const ciphertext = unhex(b.plaintext).map((p, j) => p ^ keystream[j]);
    assert.equal(hex(ciphertext), b.ciphertext, `oracle block ${i + 1}`);
  }
  // The legacy CTR's Node path is this same aes-256-ctr call, but from `nonce || 0…0` (8 random
  // bytes, as pynamodb_mate): the example's counter cannot be given to it (nor to the wasm path).
  // tests/suite/known_answers.rs runs the example through the Rust CTR primitive from this counter.
  const run = (data) => createCipheriv('aes-256-ctr', NIST_KEY, unhex(initialCounter)).update(data);
  assert.equal(hex(run(joined(blocks, 'plaintext'))), hex(joined(blocks, 'ciphertext')), 'F.5.5');
  assert.equal(hex(run(joined(blocks, 'ciphertext'))), hex(joined(blocks, 'plaintext')), 'F.5.6');
});
