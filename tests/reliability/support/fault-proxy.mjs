// Test helper: a loopback HTTP proxy in front of a local server (DynamoDB Local or moto) that fails
// chosen requests, so that the SDK's own retry, backoff and timeout logic runs unchanged against
// the real server. Clients made by `clients()` send every request through it.
//
//   const proxy = await startFaultProxy(backend.endpoint);
//   proxy.inject('PutItem', dynamodbError('ProvisionedThroughputExceededException'), { times: 2 });
//   ... proxy.seen('PutItem') ...   // requests the proxy saw, failed ones included
//   await proxy.close();
import http from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { REGION } from '../../support/endpoints.mjs';

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/**
 * The API operation of a request: DynamoDB's X-Amz-Target, or the S3 REST operation from the method,
 * the path (path-style `/bucket/key`) and the query.
 */
function operationOf(req) {
  const target = req.headers['x-amz-target'];
  if (target) return target.split('.').pop();
  const url = new URL(req.url, 'http://proxy');
  const hasKey = url.pathname.split('/').filter(Boolean).length > 1;
  const q = url.searchParams;
  if (req.method === 'POST' && q.has('delete')) return 'DeleteObjects';
  if (req.method === 'GET' && q.get('list-type') === '2') return 'ListObjectsV2';
  if (req.method === 'GET' && !hasKey) return 'ListObjects';
  const object = { HEAD: 'HeadObject', GET: 'GetObject', PUT: 'PutObject', DELETE: 'DeleteObject' };
  const bucket = { HEAD: 'HeadBucket', PUT: 'CreateBucket', DELETE: 'DeleteBucket' };
  return (hasKey ? object : bucket)[req.method] ?? `${req.method} ${url.pathname}`;
}

/** A DynamoDB error response (JSON 1.0 protocol), as the service sends it. */
export function dynamodbError(type, status = 400) {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'fault-proxy' },
    body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: `injected ${type}` }),
  };
}

/** An S3 error response (REST-XML); HEAD responses carry no body, as S3's. */
export function s3Error(code, status) {
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'fault-proxy' },
    body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected ${code}</Message><RequestId>fault-proxy</RequestId></Error>`,
  };
}

/** The request is never answered (the client's timeout or abort ends it). */
export const HANG = { hang: true };
/** The connection is closed without a response. */
export const RESET = { reset: true };

/**
 * Starts the proxy on 127.0.0.1 (a free port) in front of `endpoint`; `close()` it (and the clients
 * it made) when done.
 * @returns the proxy: `endpoint`, `inject`, `seen`, `clear`, `clients`, `close`
 */
export async function startFaultProxy(endpoint) {
  const target = new URL(endpoint);
  const agent = new http.Agent({ keepAlive: true });
  const rules = [];
  const log = [];

  /** Sends the buffered request to the server; resolves to its whole response. */
  const forward = (req, body) => new Promise((resolve, reject) => {
    const headers = { ...req.headers, 'content-length': String(body.length) };
    delete headers['transfer-encoding'];
    delete headers.expect; // the body is already here: no 100-continue round trip
    const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });

  const reply = (res, { status, headers, body }, method) => {
    const bytes = method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(body ?? '');
    const h = { ...headers };
    delete h['transfer-encoding'];
    delete h.connection;
    if (method !== 'HEAD') h['content-length'] = String(bytes.length);
    res.writeHead(status, h);
    res.end(bytes);
  };

  const server = http.createServer(async (req, res) => {
    let body;
    try {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      body = Buffer.concat(chunks);
    } catch {
      return req.socket.destroy(); // the client went away mid-request
    }
    const op = operationOf(req);
    const rule = rules.find((r) => r.matches(op, req, body) && r.left > 0);
    log.push(op);
    try {
      if (!rule) return reply(res, await forward(req, body), req.method);
      rule.left -= 1;
      rule.hits += 1;
      // `forwarded`: the server applies the request, then the client gets the fault instead (a lost response).
      if (rule.forwarded) await forward(req, body);
      if (rule.fault.hang) return undefined;
      if (rule.fault.reset) return req.socket.destroy();
      if (typeof rule.fault === 'function') return reply(res, await rule.fault({ op, body, forward: (other = body) => forward(req, Buffer.from(other)) }), req.method);
      return reply(res, rule.fault, req.method);
    } catch (error) {
      return reply(res, { status: 502, headers: {}, body: `fault proxy: ${error.message}` }, req.method);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxyEndpoint = `http://127.0.0.1:${server.address().port}`;
  const made = [];

  const proxy = {
    endpoint: proxyEndpoint,

    /**
     * Fails the next `times` requests of operation `op` (a name, or a predicate `(op, req, body)`)
     * with `fault`: a response ({ status, headers, body }), HANG, RESET, or an async function
     * `({ op, body, forward }) => response` that may forward the request, or another body in its
     * place (`forward(body)`; local servers do not check signatures), and answer what it likes.
     * `forwarded: true` sends the request to the server first (it is applied; its response is lost).
     * @returns the rule: `hits` counts the requests it failed
     */
    inject(op, fault, { times = Infinity, forwarded = false } = {}) {
      const matches = typeof op === 'function' ? op : (name) => name === op;
      const rule = { matches, fault, left: times, hits: 0, forwarded };
      rules.push(rule);
      return rule;
    },

    /** Requests of operation `op` the proxy received (faulted ones included). */
    seen(op) {
      return log.filter((o) => o === op).length;
    },

    /** Forgets the rules and the log. */
    clear() {
      rules.length = 0;
      log.length = 0;
    },

    /**
     * SDK clients that talk through the proxy: `{ dynamodb, s3 }` with `maxAttempts` (default 3, the
     * SDK's) and request handler options (e.g. `{ requestTimeout, throwOnRequestTimeout }`).
     */
    clients({ maxAttempts = 3, requestHandler } = {}) {
      const common = { region: REGION, credentials: CREDENTIALS, endpoint: proxyEndpoint, maxAttempts, ...(requestHandler ? { requestHandler } : {}) };
      const pair = { dynamodb: new DynamoDBClient(common), s3: new S3Client({ ...common, forcePathStyle: true }) };
      made.push(pair);
      return pair;
    },

    async close() {
      for (const { dynamodb, s3 } of made.splice(0)) {
        dynamodb.destroy();
        s3.destroy();
      }
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
  return proxy;
}
