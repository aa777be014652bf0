// Test helper: every DynamoDB backend paired with moto's S3 (DynamoDB Local serves no S3), so that
// S3-backed attributes run against both DynamoDB servers.
import { test } from 'node:test';
import { backends } from '../../tests/support/endpoints.mjs';

/** Like eachBackend: one test per DynamoDB backend, `fn({ name, dynamodb, s3 }, t)` with moto's S3 client. */
export function eachS3Backend(title, fn, options = {}) {
  const all = backends();
  const { s3 } = all.find((b) => b.name === 'moto');
  for (const backend of all) {
    test(`${title} [${backend.name}]`, { timeout: 60_000, ...options }, (t) => fn({ ...backend, s3 }, t));
  }
}

/** A client that records the command names it sends, and can replace a command's result (`fail`). */
export function recording(client) {
  const wrapper = {
    sent: [],
    /** `{ CommandName: (command, send) => result }`: answers instead of the server (call `send(command)` to forward). */
    fail: {},
    send(command) {
      const name = command.constructor.name.replace(/Command$/, '');
      wrapper.sent.push(name);
      const hook = wrapper.fail[name];
      return hook ? hook(command, (c) => client.send(c)) : client.send(command);
    },
  };
  return wrapper;
}
