// Test helper for the kill and soak tests: one model with every kind of attribute (plain,
// compressed, encrypted in both formats, S3-backed in both layouts), a seeded random generator, and
// value generators whose results can be compared after a round trip.
import { attr, defineModel } from '../../../js/node.mjs';
import { s3Storage } from '../../../js/s3.mjs';

/** The deterministic aead key of `email` (a test key, not a secret). */
const AEAD_KEY = new Uint8Array(32).fill(7);
/** S3 key prefixes of the two layouts: the orphan audit lists objects under these. */
export const PREFIXES = { content: 'mixed/content', item: 'mixed/item' };

/** The model: hash `owner` (one writer per owner), range `key`. */
export function mixedModel({ table, bucket, dynamodb, s3 }) {
  return defineModel({
    table,
    client: dynamodb,
    s3: s3Storage(s3),
    attributes: {
      owner: attr.string({ hashKey: true }),
      key: attr.string({ rangeKey: true }),
      title: attr.string(),
      n: attr.number({ integer: true }),
      notes: attr.compressedJson({ nullable: true }),
      email: attr.encryptedString({ key: AEAD_KEY }),
      secret: attr.encryptedJson({ key: 'mixed-model-password', format: 'pynamodb_mate', deterministic: false, nullable: true }),
      doc: attr.s3Text({ bucket, prefix: PREFIXES.content, nullable: true }),
      blob: attr.s3Binary({ bucket, layout: 'item', prefix: PREFIXES.item, nullable: true }),
      meta: attr.s3Json({ bucket, layout: 'item', prefix: PREFIXES.item, nullable: true }),
    },
  });
}

/** mulberry32: a small seeded generator, so that a failing run can be repeated with its seed. */
export function seeded(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

const WORDS = ['alpha', 'beta', 'gamma', 'délta', 'ε', '😀', 'zeta', 'eta', 'θ', 'iota'];
/** The same text in many items: a content-addressed object that several items share. */
const SHARED_DOC = 'shared document '.repeat(400);

function text(rng, size) {
  const out = [];
  let length = 0;
  while (length < size) {
    const w = rng.pick(WORDS);
    out.push(w);
    length += w.length + 1;
  }
  return out.join(' ');
}

function bytes(rng, size) {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = rng.int(256);
  return b;
}

/**
 * The attribute values of write number `seq` of an item. S3-backed values are sometimes null (the
 * attribute is removed) and the text is sometimes the shared document.
 */
export function mixedValues(rng, owner, key, seq, { maxBytes = 6000 } = {}) {
  const size = () => 200 + rng.int(maxBytes);
  const roll = rng.next();
  return {
    owner,
    key,
    title: `${key} #${seq}`,
    n: seq,
    notes: rng.next() < 0.2 ? null : { seq, words: [rng.pick(WORDS), rng.pick(WORDS)], ok: true },
    email: `${key}@example.test`,
    secret: rng.next() < 0.2 ? null : { seq, pin: rng.int(10_000) },
    doc: roll < 0.1 ? null : roll < 0.25 ? SHARED_DOC : `${text(rng, size())} #${seq}`,
    blob: rng.next() < 0.15 ? null : bytes(rng, size()),
    meta: rng.next() < 0.15 ? null : { seq, list: [1, 2.5, 'x', null], owner },
  };
}

const NAMES = ['owner', 'key', 'title', 'n', 'notes', 'email', 'secret', 'doc', 'blob', 'meta'];

/** The values of an item (a model instance) in the form `mixedValues` gives them: absent ones null. */
export function valuesOf(item) {
  return Object.fromEntries(NAMES.map((name) => [name, item[name] ?? null]));
}

/** `valuesOf`, with binary as base64: for deepEqual and for messages. */
export function comparable(item) {
  const out = valuesOf(item);
  if (out.blob !== null) out.blob = Buffer.from(out.blob).toString('base64');
  return out;
}
