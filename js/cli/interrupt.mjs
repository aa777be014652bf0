// Ctrl-C: the first SIGINT aborts the signal given to the operation, which stops after its current
// page; a second one quits at once. Either way the exit code is 130.
export const INTERRUPTED = 130;

/** `{ signal, dispose() }`; `notice` is printed on stderr at the first Ctrl-C. */
export function interruptible(stderr, notice) {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(INTERRUPTED);
    stderr.write(`\n${notice}\n`);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
