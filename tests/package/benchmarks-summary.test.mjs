// docs/benchmarks.md (and the README, its targets) publish what bench/summary.mjs computes from the
// committed bench/results/*.json: a full bench run rewrites them, and none may drift from the others.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readmeSummary, summary, withSummary } from '../../bench/summary.mjs';

const doc = readFileSync(new URL('../../docs/benchmarks.md', import.meta.url), 'utf8');

test('docs/benchmarks.md holds the summary of the committed results', () => {
  assert.equal(withSummary(doc, summary()), doc);
});

test('the README holds the targets of the committed results', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.equal(withSummary(readme, readmeSummary(), 'readme'), readme);
  assert.match(readmeSummary(), /\| Cold start of the model path/);
});

test('the summary replaces only what is between its markers', () => {
  const next = withSummary(doc, 'NEW SUMMARY');
  assert.match(next, /\n<!-- summary: [^\n]*-->\n\nNEW SUMMARY\n\n<!-- end of summary -->\n/);
  assert.equal(next.split('NEW SUMMARY')[0], doc.split('Measured 20')[0]);
  assert.equal(next.split('NEW SUMMARY')[1], doc.slice(doc.indexOf('\n\n<!-- end of summary -->')));
});

test('a benchmarks page without its markers is refused, not overwritten', () => {
  assert.throws(() => withSummary('# Benchmarks\n', 'x'), /lost its summary markers/);
});
