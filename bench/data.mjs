// Inputs of the codec benches, the same in every run: a text-like corpus for gzip (70% JSON
// records, 30% HTML rows with ids and numbers; about 4.3× compressible, like stored pages and
// documents) and pseudo-random bytes for ciphers and hashes.

/** xorshift32: deterministic, so every run and every implementation sees the same bytes. */
function prng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];

/** `size` bytes of the text corpus (prefixes of one stream, so sizes are comparable). */
export function text(size) {
  const rnd = prng(7);
  const pick = () => WORDS[Math.floor(rnd() * WORDS.length)];
  let s = '';
  for (let i = 0; s.length < size; i++) {
    s += rnd() < 0.7
      ? `{"id": "${(rnd() * 1e9).toString(36)}", "name": "${pick()} ${pick()}", "score": ${(rnd() * 1000).toFixed(2)}, "tags": ["${pick()}", "${pick()}"], "active": ${rnd() < 0.5}}\n`
      : `<tr class="row-${i % 7}"><td>${pick()}</td><td>${Math.floor(rnd() * 1e6)}</td><td><a href="/item/${i}">${pick()}</a></td></tr>\n`;
  }
  return new TextEncoder().encode(s.slice(0, size));
}

/** `size` pseudo-random bytes. */
export function random(size) {
  const rnd = prng(size + 1);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = Math.floor(rnd() * 256);
  return out;
}

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** `64 B`, `16 KiB`, `4 MiB`. */
export function sizeName(n) {
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= KiB && n % KiB === 0) return `${n / KiB} KiB`;
  return `${n} B`;
}
