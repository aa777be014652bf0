// Test helper: asserts a typed error (class, code) whose message leaks none of `secrets`.
import assert from 'node:assert/strict';
import { errors } from '../node.mjs';

const hex = (bytes) => Buffer.from(bytes).toString('hex');

/**
 * `base`: the DynamoDBMateError class of the module under test (each bundle has its own classes).
 * `secrets`: strings and byte arrays (keys, plaintext) that must appear in the message neither as
 * text nor as hex nor as base85/base64 of the bytes.
 */
export function expectError(fn, { code, type, secrets = [], base = errors.DynamoDBMateError }) {
  let caught;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught, `expected ${code}, nothing was thrown`);
  assert.ok(caught instanceof base, `expected a DynamoDBMateError, got ${caught?.stack}`);
  assert.equal(caught.code, code, caught.message);
  assert.ok(caught instanceof type, `${code}: ${caught.name} is not a ${type.name}`);
  assert.equal(caught.name, caught.constructor.name);
  assert.ok(caught.message.length > 0);
  for (const secret of secrets) {
    const forms = typeof secret === 'string'
      ? [secret]
      : [hex(secret), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('latin1')];
    for (const form of forms.filter((f) => f.length >= 4)) {
      assert.ok(!caught.message.includes(form), `${code} message leaks a secret: ${caught.message}`);
    }
  }
  return caught;
}
