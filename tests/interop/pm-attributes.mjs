// The values and attributes of tests/interop/pm_attributes.py on the JS side, and a runner of that
// script, shared by the model interop test and the adapters' (attributes.interop.test.mjs,
// adapters.interop.test.mjs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { codec } from '../../js/node.mjs';

const root = new URL('../../', import.meta.url).pathname;
const PASSWORD = 'interop-password é';

const pm = (deterministic = true) => ({ key: PASSWORD, format: 'pynamodb_mate', deterministic });
/** name → [attr.* / adapter factory, options]: pm_attributes.py's SCHEMA. */
export const SHAPE = {
  cu: ['compressedString', {}],
  cu_empty: ['compressedString', {}],
  cb: ['compressedBinary', {}],
  cj: ['compressedJson', {}],
  eu: ['encryptedString', pm()],
  eu_empty: ['encryptedString', pm()],
  eur: ['encryptedString', pm(false)],
  eb: ['encryptedBinary', pm()],
  ebr: ['encryptedBinary', pm(false)],
  en_int: ['encryptedNumber', { ...pm(), integer: true }],
  en_big: ['encryptedNumber', { ...pm(), integer: true }],
  en_float: ['encryptedNumber', { ...pm(), float: true }],
  en_tenth: ['encryptedNumber', { ...pm(), float: true }],
  enr: ['encryptedNumber', pm(false)],
  ej: ['encryptedJson', pm()],
  ejr: ['encryptedJson', pm(false)],
};
export const DETERMINISTIC = ['eu', 'eu_empty', 'eb', 'en_int', 'en_big', 'en_float', 'en_tenth', 'ej'];

const bytes = (list, times = 1) => new Uint8Array(Array(times).fill(list).flat());
/** What JS reads from Python's item and writes: Python's whole floats read as PythonFloat. */
export const EXPECTED = {
  cu: 'héllo 😀 '.repeat(200),
  cu_empty: '',
  cb: bytes([0, 1, 0, 255], 50),
  cj: { é: [1, 2.5, null, true], emoji: '😀', big: 12345678901234567890n, f: new codec.PythonFloat(1e16) },
  eu: 'alice@example.com é😀',
  eu_empty: '',
  eur: 'random é😀',
  eb: bytes([0, 1, 0, 255]),
  ebr: bytes([0, 0, 0, 0, 0]),
  en_int: 42,
  en_big: -123456789012345678901234567890n,
  en_float: 1e16,
  en_tenth: 0.1,
  enr: 3.5,
  ej: { a: [1, new codec.PythonFloat(1), 'é😀', null], n: -5 },
  ejr: { k: 'v' },
};

/** `python(command, ...args)` runs pm_attributes.py with pynamodb_mate `version`; its stdout. */
export function pmAttributes(version) {
  const venv = `${root}.venv-pm${version[0]}`;
  return (...args) => {
    try {
      return execFileSync(`${venv}/bin/python`, [`${root}tests/interop/pm_attributes.py`, ...args], { encoding: 'utf8' });
    } catch (error) {
      return assert.fail(`pm_attributes.py ${args[0]} (pynamodb_mate ${version}) failed:\n${error.stdout}${error.stderr}`);
    }
  };
}
