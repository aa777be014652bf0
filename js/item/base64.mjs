// Base64 for page cursors, console URLs and the model's JSON copies of items (js/model/index.mjs).
// Node's Buffer is native and fast; browsers fall back to btoa/atob over a binary string.
const hasBuffer = typeof globalThis.Buffer === 'function';

export function toBase64(bytes) {
  if (hasBuffer) return globalThis.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text) {
  if (hasBuffer) {
    const b = globalThis.Buffer.from(text, 'base64');
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
