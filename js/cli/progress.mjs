// Progress of long jobs, on stderr (stdout keeps the result): a one-line bar with rate and ETA on a
// terminal, one JSON line per page otherwise (logs, pipes, CI).

const WIDTH = 24;

function duration(seconds) {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * `report(counts)` after each page: `counts.scanned` drives the rate, and the bar and ETA when
 * `total` (an approximate item count) is known. `finish()` ends the bar's line. `now` (ms) is the clock.
 */
export function progress(stream, { command, total, now = Date.now }) {
  const started = now();
  const tty = Boolean(stream.isTTY);
  let drawn = false;
  return {
    report(counts) {
      const elapsed = (now() - started) / 1000;
      const rate = elapsed > 0 ? counts.scanned / elapsed : 0;
      if (!tty) {
        stream.write(`${JSON.stringify({ command, ...counts, rate: Math.round(rate * 10) / 10, elapsedSeconds: Math.round(elapsed) })}\n`);
        return;
      }
      const known = total > 0;
      const fraction = known ? Math.min(counts.scanned / total, 1) : 0;
      const bar = known ? `[${'#'.repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, '-')}] ` : '';
      const eta = known && rate > 0 ? ` ETA ${duration(Math.max(total - counts.scanned, 0) / rate)}` : '';
      const of = known ? `/~${total}` : '';
      stream.write(`\r\x1b[K${bar}${counts.scanned}${of} items ${rate.toFixed(1)}/s${eta}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
