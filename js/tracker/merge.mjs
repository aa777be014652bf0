// Merging sorted async iterators into one sorted stream, pulling lazily (one item ahead per source).

/** Yields the items of `iterators` (each sorted by `compare`) in `compare` order; closes them all at the end. */
export async function* mergeSorted(iterators, compare) {
  const heads = await Promise.all(iterators.map((it) => it.next()));
  try {
    for (;;) {
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        if (!heads[i].done && (best < 0 || compare(heads[i].value, heads[best].value) < 0)) best = i;
      }
      if (best < 0) return;
      yield heads[best].value;
      heads[best] = await iterators[best].next();
    }
  } finally {
    await Promise.all(iterators.map((it) => it.return?.()));
  }
}
