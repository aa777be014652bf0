// The README's first command runs this (through scripts/demo.sh): what the codec core does, on
// data shaped like a crawler's. Later issues grow it into the full DynamoDB + S3 scenario.
import { codec, errors } from '../pkg/dist/node.mjs';

const line = (label, value) => console.log(`  ${label.padEnd(34)} ${value}`);
const html = `<html><body>${'<p>dynamodb-mate stores big pages compressed.</p>'.repeat(200)}</body></html>`;

console.log('\n1. Compression (pynamodb_mate CompressedUnicodeAttribute bytes: gzip)');
const packed = codec.compress(html, { kind: 'string' });
line('page size', `${Buffer.byteLength(html)} bytes`);
line('stored size', `${packed.length} bytes (${(Buffer.byteLength(html) / packed.length).toFixed(1)}x smaller)`);
line('reads back', codec.decompress(packed, { kind: 'string' }) === html);

console.log('\n2. Python-exact JSON (what deterministic encryption makes observable)');
const record = { url: 'https://example.com/é', score: new codec.PythonFloat(1), visits: 2n ** 64n, ratio: new codec.PythonFloat(1e16), count: 1e16 };
line('json.dumps form', codec.pythonJsonDumps(record));
line('sha256 of the page (S3 key)', codec.sha256Hex(html).slice(0, 16) + '…');

console.log("\n3. Encryption, format 'aead' (default: authenticated, bound to table + attribute)");
const key = new Uint8Array(32).fill(7); // use a random 32-byte key or a KMS data key in real code
const ctx = { key, table: 'crawler', attribute: 'owner_email' };
const a = codec.encrypt('alice@example.com', ctx);
const b = codec.encrypt('alice@example.com', ctx);
line('deterministic: equal ciphertexts', Buffer.from(a).equals(Buffer.from(b)));
line('envelope', `${a.length} bytes (33 + key id "default" + 17 of plaintext)`);
line('decrypts', codec.decrypt(a, { ...ctx, kind: 'string' }));
try {
  codec.decrypt(a, { ...ctx, attribute: 'phone', kind: 'string' });
} catch (e) {
  line('moved to another attribute', `${e.constructor.name} ${e.code}`);
}

console.log("\n4. Encryption, format 'pynamodb_mate' (legacy ECB/CTR bytes, readable by Python)");
const legacy = { key: 'my-password', format: 'pynamodb_mate' };
const ecb = codec.encrypt(42, legacy);
line('EncryptedNumberAttribute(42)', Buffer.from(ecb).toString('hex'));
line('random mode (CTR envelope)', new TextDecoder().decode(codec.encrypt('hi', { ...legacy, deterministic: false })));

console.log('\n5. Errors are typed, with stable codes and no secrets in messages');
try {
  codec.gunzip(new Uint8Array([1, 2, 3]));
} catch (e) {
  line(e.constructor.name, `${e.code}: ${e.message}`);
  line('instanceof errors.DynamoDBMateError', e instanceof errors.DynamoDBMateError);
}
console.log('\nDone.');
