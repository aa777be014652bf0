// Keys of encrypted attributes. Keys at hand (passwords, raw keys) go into the item codec when the
// model is defined, so everything stays synchronous; key providers (a KMS data key) are awaited by
// `prepare()`, once per model, which every request awaits before it encodes or decodes an item.
import { Attribute } from '../attributes/attribute.mjs';
import { DynamoDBMateError } from '../errors/index.mjs';
import { codecError } from '../errors/make.mjs';

const resolvesKeys = (attribute) => attribute.resolveKeys !== Attribute.prototype.resolveKeys;

/** Sets the keys that need no waiting; returns the names whose keys `prepare()` must resolve. */
export function setKeysNow(codec, attributes) {
  const pending = [];
  for (const [name, attribute] of attributes) {
    const keys = attribute.keysNow();
    if (keys) codec.setKeys(name, keys);
    else if (resolvesKeys(attribute)) pending.push(name);
  }
  return pending;
}

/**
 * `error` with `Model.name: ` in front unless it names the attribute already: a key error of
 * `setKey`, `prepare()` or a key provider must say which attribute's key it is about.
 */
function naming(m, name, error) {
  const where = `${m.name}.${name}`;
  if (!(error instanceof DynamoDBMateError) || error.message.includes(where)) return error;
  return codecError(error.code, `${where}: ${error.message}`);
}

/** Runs `fn` (sync or async) and names attribute `name` in its typed errors. */
async function keyStep(m, name, fn) {
  try {
    return await fn();
  } catch (error) {
    throw naming(m, name, error);
  }
}

/** Resolves the pending keys, once (again after a failure, e.g. a KMS call that failed). */
export function prepare(m) {
  return m.keysResolved((names) => Promise.all(names.map((name) => keyStep(m, name, async () => {
    m.codec.setKeys(name, await m.attributes.get(name).resolveKeys());
  }))));
}

/** Gives encrypted attribute `name` another key option (rotation: a keyring with a new current id). */
export async function setKey(m, name, key, { keyId } = {}) {
  const attribute = m.attributes.get(name);
  if (!attribute || !resolvesKeys(attribute)) throw codecError('E_ARGUMENT', `${m.name} has no encrypted attribute ${name}`);
  await prepare(m);
  await keyStep(m, name, async () => {
    const rotated = attribute.withKey(key, keyId);
    m.codec.setKeys(name, rotated.keysNow() ?? await rotated.resolveKeys());
    m.attributes.set(name, rotated);
  });
}
