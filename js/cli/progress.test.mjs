// The progress display: a bar with rate and ETA on a terminal, JSON lines otherwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progress } from './progress.mjs';

const stream = (isTTY) => ({ isTTY, text: '', write(s) { this.text += s; } });
/** A clock that advances one second at each reading after the first. */
const ticking = () => {
  let t = -1000;
  return () => (t += 1000);
};

test('on a terminal: one line redrawn in place, with the count, the rate and an ETA when a total is known', () => {
  const out = stream(true);
  const bar = progress(out, { command: 'reencrypt', total: 200, now: ticking() });
  bar.report({ scanned: 50, updated: 50 });
  bar.report({ scanned: 100, updated: 100 });
  bar.report({ scanned: 120, updated: 100 });
  bar.finish();
  assert.deepEqual(out.text.split('\r\x1b[K').slice(1), [
    '[######------------------] 50/~200 items 50.0/s ETA 3s',
    '[############------------] 100/~200 items 50.0/s ETA 2s',
    '[##############----------] 120/~200 items 40.0/s ETA 2s\n',
  ]);
});

test('on a terminal without a total: no bar and no ETA', () => {
  const out = stream(true);
  const bar = progress(out, { command: 'orphans', now: ticking() });
  bar.report({ scanned: 7 });
  assert.equal(out.text, '\r\x1b[K7 items 7.0/s');
});

test('not on a terminal: one JSON line per page, and nothing at the end', () => {
  const out = stream(undefined);
  const bar = progress(out, { command: 'orphans', total: 10, now: ticking() });
  bar.report({ scanned: 3, listed: 0 });
  bar.report({ scanned: 5, listed: 2 });
  bar.finish();
  assert.equal(out.text, `${[
    { command: 'orphans', scanned: 3, listed: 0, rate: 3, elapsedSeconds: 1 },
    { command: 'orphans', scanned: 5, listed: 2, rate: 2.5, elapsedSeconds: 2 },
  ].map((l) => JSON.stringify(l)).join('\n')}\n`);
});
