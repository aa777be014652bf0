import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codec, errors } from '../node.mjs';
import { expectError } from '../testing/expect-error.mjs';

const { pythonJsonDumps: dumps, pythonJsonLoads: loads, PythonFloat } = codec;

// Expected texts are Python 3.11's json.dumps / json.loads output.
test('dumps is byte-exact Python json.dumps', () => {
  assert.equal(dumps({ a: 1.5, b: [1, 2n ** 64n], c: 'é' }), '{"a": 1.5, "b": [1, 18446744073709551616], "c": "\\u00e9"}');
  assert.equal(
    dumps({ z: [1, 2.5, null, true, false], a: { é: '😀\u2028' }, n: new PythonFloat(1e16), m: 1e-7, t: 1 / 3,
      big: -(2n ** 70n), f: 1e22, g: new PythonFloat(123456789), h: 5e-324, i: Number.MAX_VALUE }, { sortKeys: true }),
    '{"a": {"\\u00e9": "\\ud83d\\ude00\\u2028"}, "big": -1180591620717411303424, "f": 1e+22, "g": 123456789.0, '
      + '"h": 5e-324, "i": 1.7976931348623157e+308, "m": 1e-07, "n": 1e+16, "t": 0.3333333333333333, "z": [1, 2.5, null, true, false]}',
  );
  assert.equal(dumps({ z: 1, a: 'é😀' }, { ensureAscii: false, separators: [',', ':'] }), '{"z":1,"a":"é😀"}');
  assert.equal(dumps('\u0000\u001f\u007f"\\/\b\f\n\r\t'), '"\\u0000\\u001f\\u007f\\"\\\\/\\b\\f\\n\\r\\t"');
  assert.equal(
    dumps([2 ** 53, 2n ** 53n + 1n, -(2 ** 53) + 1, new PythonFloat(0), -0, new PythonFloat(100), 1e21, 1.5e300]),
    '[9007199254740992, 9007199254740993, -9007199254740991, 0.0, -0.0, 100.0, 1e+21, 1.5e+300]',
  );
  assert.equal(dumps([NaN, Infinity, -Infinity, new PythonFloat(NaN)]), '[NaN, Infinity, -Infinity, NaN]');
});

test('dumps follows JSON.stringify for undefined and toJSON', () => {
  assert.equal(dumps({ a: undefined, b: 1 }), '{"b": 1}');
  assert.equal(dumps([undefined]), '[null]');
  assert.equal(dumps({ toJSON: () => ({ x: 1 }) }), '{"x": 1}');
  assert.equal(dumps([new Number(2), new String('\u0000s'), new Boolean(false)]), '[2, "\\u0000s", false]');
});

test('strings starting with U+0000 survive the wire tags', () => {
  for (const s of ['\u0000', '\u0000i12', '\u0000fNaN', '\u0000s', 'a\u0000']) {
    assert.equal(dumps(s), JSON.stringify(s));
    assert.deepEqual(loads(dumps({ [s]: [s] })), { [s]: [s] }); // keys are never tags
  }
});

test('loads follows Python json.loads', () => {
  assert.deepEqual(loads('{"a": 1, "a": 2, "b": [1e400, -Infinity, 1.0, 10000000000000000000000]}'),
    { a: 2, b: [Infinity, -Infinity, new PythonFloat(1), 10000000000000000000000n] });
  const [nan, negZero, maxSafe, big, negBig] = loads('[NaN, -0.0, 9007199254740991, 9007199254740992, -9007199254740992]');
  assert.ok(Number.isNaN(nan));
  assert.ok(Object.is(negZero, -0));
  assert.equal(maxSafe, 9007199254740991);
  assert.equal(big, 9007199254740992n);
  assert.equal(negBig, -9007199254740992n);
  assert.equal(loads('"\\ud83d\\ude00"'), '😀');
  assert.equal(loads(' 1 '), 1);
});

test('loads reads whole floats as PythonFloat, so dumps writes them back as Python wrote them', () => {
  const text = '{"price": 10.0, "n": 10, "x": [1.0, 1e+16, 1e+22, 0.0, -0.0, -2.0, 2.5, 1e-07, NaN]}';
  const value = loads(text);
  assert.deepEqual(value.price, new PythonFloat(10));
  assert.equal(value.n, 10);
  const [one, e16, e22, zero, negZero, minusTwo, half, tiny, nan] = value.x;
  for (const [got, want] of [[one, 1], [e16, 1e16], [e22, 1e22], [zero, 0], [minusTwo, -2]]) {
    assert.ok(got instanceof PythonFloat, String(want));
    assert.equal(got.value, want);
  }
  // Non-whole floats and -0 are plain numbers: they stay floats as they are.
  assert.ok(Object.is(negZero, -0));
  assert.equal(half, 2.5);
  assert.equal(tiny, 1e-7);
  assert.ok(Number.isNaN(nan));
  assert.equal(dumps(value), text);
});

test('a PythonFloat behaves as its number', () => {
  const price = new PythonFloat(10);
  assert.equal(price * 2, 20);
  assert.ok(price > 9.5 && price < 10.5);
  assert.equal(`${price}`, '10');
  assert.equal(String(price), '10');
  assert.ok(price == 10); // loose equality goes through valueOf
  assert.notEqual(price, 10); // strictly, it is an object
  assert.equal(JSON.stringify({ price }), '{"price":10}');
  assert.equal(dumps({ price }), '{"price": 10.0}');
});

test('round trips keep ints, floats and big ints apart', () => {
  const value = { int: 3, float: 2.5, big: 2n ** 100n, neg: -(2n ** 64n), nan: NaN, list: [{}, [], ''], nul: '\u0000x' };
  const text = dumps(value);
  assert.equal(dumps(loads(text)), text);
  assert.deepEqual(loads(text), value);
});

test('non-JSON values throw E_JSON_TYPE giving the position by index, never an object key', () => {
  const cases = [
    [{ a: { secretKey: [1, new Uint8Array(2)] } }, /^Uint8Array is not JSON .* at \$\{0\}\{0\}\[1\]$/],
    [{ 'x y': 1, secretKey: new Map() }, /^Map is not JSON .* at \$\{1\}$/],
    [[new Set()], /Set .* at \$\[0\]$/],
    [{ secretKey: new Date(0) }, /^Date is not JSON .* at \$\{0\}$/],
    [{ secretKey() {} }, /^function is not JSON .* at \$\{0\}$/],
    [[Symbol('s')], /^symbol .* at \$\[0\]$/],
    [undefined, /^undefined is not JSON at \$$/],
    [new ArrayBuffer(1), /^ArrayBuffer .* at \$$/],
  ];
  for (const [value, message] of cases) {
    const error = expectError(() => dumps(value), { code: 'E_JSON_TYPE', type: errors.EncodingError, secrets: ['secretKey'] });
    assert.match(error.message, message);
  }
  const cycle = { secretKey: [] };
  cycle.secretKey.push(cycle);
  assert.match(expectError(() => dumps(cycle), { code: 'E_JSON_TYPE', type: errors.EncodingError, secrets: ['secretKey'] }).message,
    /^circular reference at \$\{0\}\[0\]$/);
  // The same object twice is not a cycle.
  const shared = { s: 1 };
  assert.equal(dumps({ a: shared, b: [shared] }), '{"a": {"s": 1}, "b": [{"s": 1}]}');
});

/** `value` wrapped in `levels` arrays, or objects when `key` is given. */
function nested(levels, key) {
  let v = 1;
  for (let k = 0; k < levels; k++) v = key === undefined ? [v] : { [key]: v };
  return v;
}

test('dumps refuses nesting deeper than 512 with E_JSON_DEPTH, also 200,000 levels deep (no RangeError)', () => {
  assert.equal(loads(dumps(nested(511))).length, 1); // the 1 is at depth 511, Python's last
  for (const levels of [512, 513, 200_000]) {
    expectError(() => dumps(nested(levels)), { code: 'E_JSON_DEPTH', type: errors.EncodingError });
    expectError(() => dumps(nested(levels, 'secretKey')), { code: 'E_JSON_DEPTH', type: errors.EncodingError, secrets: ['secretKey'] });
  }
});

test('bad input and options', () => {
  expectError(() => loads('{'), { code: 'E_JSON_SYNTAX', type: errors.EncodingError });
  expectError(() => loads('[1,]'), { code: 'E_JSON_SYNTAX', type: errors.EncodingError });
  expectError(() => loads('"\\ud800"'), { code: 'E_JSON_SURROGATE', type: errors.EncodingError });
  expectError(() => loads('"\ud800"'), { code: 'E_JSON_SURROGATE', type: errors.EncodingError });
  expectError(() => dumps('\ud800'), { code: 'E_JSON_SURROGATE', type: errors.EncodingError });
  expectError(() => loads('['.repeat(600) + ']'.repeat(600)), { code: 'E_JSON_DEPTH', type: errors.EncodingError });
  const bad = (fn) => expectError(fn, { code: 'E_INPUT_TYPE', type: errors.ArgumentError });
  bad(() => loads(new TextEncoder().encode('1')));
  bad(() => dumps(1, { ensureAscii: 'yes' }));
  bad(() => dumps(1, { separators: [','] }));
  bad(() => dumps(1, { sortKeys: 1 }));
  bad(() => dumps(1, 'opts'));
  bad(() => new PythonFloat(1n));
});
