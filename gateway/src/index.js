// The prompt-tracker gateway: D1, Workers KV, Queues and R2 through Worker bindings, for a product that
// would otherwise spend the account-wide REST API budget (4 requests per second) on every call (or,
// for R2, hold the bucket's S3 keys).
// It answers the subset of the REST API's shapes that the product's adapters use, so the same
// adapters run over either transport: the paths, the {success, errors, messages, result} envelope
// and Cloudflare's error codes. The resource ids in a path are binding names (DB, KV, EMAIL_QUEUE, BODIES…);
// the account id is ignored. No SQL is built here: the product's statements run as sent, bound.
// See README.md for the protocol, the signature and the error shape.

const SIGNATURE_WINDOW_SECONDS = 30;
const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const BINDING = /^[A-Z][A-Z0-9_]{0,62}$/;
const encoder = new TextEncoder();
// D1's transient failures (Cloudflare's "Debug D1" page): the same statement may succeed when retried.
const TRANSIENT_D1 = /network connection lost|object to be reset|transient issue|internal error|overloaded|too many requests queued/i;

// Nonces seen in the signature window, oldest first, so a replayed request is refused. Held per
// isolate: see README.md ("Replays") for what that does and does not cover.
const seenNonces = new Map();
let cachedKey = null;

export default {
  async fetch(request, env) {
    try {
      return await handle(request, env);
    } catch (error) {
      if (error instanceof GatewayError) {
        return failure(error.status, error.code, error.message);
      }
      console.error("gateway error", error && error.stack ? error.stack : String(error));
      return failure(500, 10000, "the gateway failed: " + messageOf(error));
    }
  },

  // The email queue's push consumer: each message goes to the product's email worker
  // (PRODUCT_URL/internal/email-jobs, signed like the product's own requests), which sends the email
  // and answers whether the message is done or comes back later. An unreachable product leaves the
  // message to the queue's own retries, and past max_retries to its dead-letter queue.
  async queue(batch, env) {
    await Promise.all(batch.messages.map((message) => forward(message, batch.queue, env)));
  },
};

const PUSH_PATH = "/internal/email-jobs";
const DEFAULT_RETRY_SECONDS = 10;

async function forward(message, queue, env) {
  if (typeof env.PRODUCT_URL !== "string" || env.PRODUCT_URL === "") {
    console.error("no PRODUCT_URL: the email job stays in the queue");
    message.retry({ delaySeconds: 60 });
    return;
  }
  const body = encoder.encode(JSON.stringify({ id: message.id, queue, attempts: message.attempts,
    timestamp: message.timestamp instanceof Date ? message.timestamp.getTime() : null, body: message.body }));
  let response;
  try {
    response = await fetch(env.PRODUCT_URL.replace(/\/$/, "") + PUSH_PATH, { method: "POST", body,
      headers: { "content-type": "application/json", ...(await sign(env, "POST", PUSH_PATH, body)) } });
  } catch (error) {
    console.error("the product did not answer an email job: " + messageOf(error));
    message.retry({ delaySeconds: DEFAULT_RETRY_SECONDS });
    return;
  }
  let answer = {};
  try {
    answer = await response.json();
  } catch (error) {
    answer = {};
  }
  if (response.status === 200 && answer.outcome === "ack") {
    message.ack();
  } else if (response.status === 200 && answer.outcome === "retry") {
    message.retry({ delaySeconds: Math.max(0, Math.min(43200, Number(answer.delaySeconds) || 0)) });
  } else {
    const retryAfter = Number(response.headers.get("retry-after"));
    message.retry({ delaySeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(43200, retryAfter)
      : DEFAULT_RETRY_SECONDS });
  }
}

async function sign(env, method, pathAndQuery, body) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = hex(crypto.getRandomValues(new Uint8Array(16)).buffer);
  const bodyHash = hex(await crypto.subtle.digest("SHA-256", body));
  const key = await crypto.subtle.importKey("raw", encoder.encode(env.GATEWAY_SECRET), { name: "HMAC", hash: "SHA-256" },
    false, ["sign"]);
  const signature = hex(await crypto.subtle.sign("HMAC", key, encoder.encode(
    [method, pathAndQuery, timestamp, nonce, bodyHash].join("\n"))));
  return { "x-gateway-timestamp": timestamp, "x-gateway-nonce": nonce, "x-gateway-signature": signature };
}

class GatewayError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function handle(request, env) {
  const url = new URL(request.url);
  const body = await readBody(request, maxBodyBytes(env));
  await authenticate(request, url, body, env);
  const segments = url.pathname.split("/").filter((part) => part.length > 0).map(decodeURIComponent);
  // /client/v4 is optional, so GATEWAY_URL may or may not carry it.
  const start = segments[0] === "client" && segments[1] === "v4" ? 2 : 0;
  const route = segments.slice(start);
  if (route[0] !== "accounts" || route.length < 3) {
    throw new GatewayError(404, 7003, "no route for " + request.method + " " + url.pathname);
  }
  const [service, ...rest] = route.slice(2);
  if (service === "d1") {
    return d1(request, env, rest, body);
  }
  if (service === "storage" && rest[0] === "kv") {
    return kv(request, env, url, rest.slice(1), body);
  }
  if (service === "queues") {
    return queues(request, env, rest, body);
  }
  if (service === "r2") {
    return r2(request, env, url, rest, body);
  }
  throw new GatewayError(404, 7003, "no route for " + request.method + " " + url.pathname);
}

// ---- authentication -------------------------------------------------------------------------------

async function readBody(request, limit) {
  const declared = Number(request.headers.get("content-length") || "0");
  if (declared > limit) {
    throw new GatewayError(413, 10013, "the body is " + declared + " bytes; the gateway takes at most " + limit);
  }
  if (request.body === null) {
    return new Uint8Array(0);
  }
  const reader = request.body.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    length += value.byteLength;
    if (length > limit) {
      await reader.cancel();
      throw new GatewayError(413, 10013, "the body is over " + limit + " bytes, the gateway's limit");
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function maxBodyBytes(env) {
  const configured = Number(env.MAX_BODY_BYTES);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_BODY_BYTES;
}

// The signature covers method, path with query, timestamp, nonce and the body's SHA-256:
// hex(HMAC-SHA256(secret, METHOD \n /path?query \n timestamp \n nonce \n hex(sha256(body)))).
async function authenticate(request, url, body, env) {
  if (typeof env.GATEWAY_SECRET !== "string" || env.GATEWAY_SECRET.length < 32) {
    throw new GatewayError(503, 10001, "the gateway has no GATEWAY_SECRET of 32 characters or more; "
      + "set one with `wrangler secret put GATEWAY_SECRET`");
  }
  const timestamp = request.headers.get("x-gateway-timestamp") || "";
  const nonce = request.headers.get("x-gateway-nonce") || "";
  const signature = request.headers.get("x-gateway-signature") || "";
  if (!/^\d{1,12}$/.test(timestamp) || !NONCE.test(nonce) || !/^[0-9a-f]{64}$/.test(signature)) {
    throw new GatewayError(401, 10001, "unsigned request: X-Gateway-Timestamp, X-Gateway-Nonce (16 to 64 of "
      + "A-Z a-z 0-9 _ -) and X-Gateway-Signature (hex HMAC-SHA256) are required");
  }
  const now = Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) {
    throw new GatewayError(401, 10002, "the request's timestamp is more than " + SIGNATURE_WINDOW_SECONDS
      + " s from the gateway's clock");
  }
  const bodyHash = hex(await crypto.subtle.digest("SHA-256", body));
  const signed = [request.method, url.pathname + url.search, timestamp, nonce, bodyHash].join("\n");
  const key = await signingKey(env.GATEWAY_SECRET);
  const valid = await crypto.subtle.verify("HMAC", key, unhex(signature), encoder.encode(signed));
  if (!valid) {
    throw new GatewayError(401, 10001, "the request's signature does not match");
  }
  forgetExpiredNonces(now);
  if (seenNonces.has(nonce)) {
    throw new GatewayError(401, 10003, "this request was already received (replayed nonce)");
  }
  seenNonces.set(nonce, Number(timestamp) + SIGNATURE_WINDOW_SECONDS);
}

async function signingKey(secret) {
  if (cachedKey === null || cachedKey.secret !== secret) {
    const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" },
      false, ["verify"]);
    cachedKey = { secret, key };
  }
  return cachedKey.key;
}

function forgetExpiredNonces(now) {
  for (const [nonce, expires] of seenNonces) {
    if (expires >= now - SIGNATURE_WINDOW_SECONDS) {
      break;
    }
    seenNonces.delete(nonce);
  }
}

// ---- D1 -------------------------------------------------------------------------------------------

// POST …/d1/database/{binding}/query with {sql, params} or {batch: [{sql, params}…]}, run as one
// transaction (db.batch()). A statement's sql may hold several statements (a migration's script).
async function d1(request, env, rest, bodyBytes) {
  if (request.method !== "POST" || rest[0] !== "database" || rest.length !== 3 || rest[2] !== "query") {
    throw new GatewayError(404, 7003, "D1 answers POST …/d1/database/{binding}/query");
  }
  const db = binding(env, rest[1], "prepare", "D1 database");
  const body = json(bodyBytes);
  const statements = Array.isArray(body.batch) ? body.batch : [body];
  if (statements.length === 0) {
    return success([]);
  }
  const prepared = statements.map((statement) => prepare(db, statement));
  try {
    const results = prepared.length === 1 ? [await prepared[0].all()] : await db.batch(prepared);
    return success(results.map(d1Result));
  } catch (error) {
    const message = messageOf(error);
    // D1's documented transient failures are worth a retry; any other refusal is the statement's.
    if (TRANSIENT_D1.test(message)) {
      throw new GatewayError(503, 7500, message);
    }
    throw new GatewayError(400, 7500, message);
  }
}

function prepare(db, statement) {
  if (statement === null || typeof statement !== "object" || typeof statement.sql !== "string") {
    throw new GatewayError(400, 7400, "a D1 query has sql (a string) and params, or batch (a list of {sql, params})");
  }
  const params = statement.params === undefined ? [] : statement.params;
  if (!Array.isArray(params) || params.some((value) => value !== null && typeof value === "object")) {
    throw new GatewayError(400, 7400, "params is a list of strings, numbers and nulls");
  }
  return db.prepare(statement.sql).bind(...params);
}

function d1Result(result) {
  return { results: result.results || [], success: result.success !== false, meta: result.meta || {} };
}

// ---- Workers KV -----------------------------------------------------------------------------------

async function kv(request, env, url, rest, bodyBytes) {
  if (rest[0] !== "namespaces" || rest.length < 3) {
    throw new GatewayError(404, 7003, "KV answers …/storage/kv/namespaces/{binding}/…");
  }
  const namespace = binding(env, rest[1], "getWithMetadata", "KV namespace");
  const [resource, key] = [rest[2], rest.slice(3).join("/")];
  if (resource === "values" && key !== "") {
    if (request.method === "GET") {
      const value = await namespace.get(key, "arrayBuffer");
      if (value === null) {
        throw new GatewayError(404, 10009, "get: 'key not found'");
      }
      return new Response(value, { headers: { "content-type": "application/octet-stream" } });
    }
    if (request.method === "PUT") {
      const options = expiry(url.searchParams);
      let value = bodyBytes;
      const type = request.headers.get("content-type") || "";
      if (type.startsWith("multipart/form-data")) {
        const form = await new Response(bodyBytes, { headers: { "content-type": type } }).formData();
        const part = form.get("value");
        value = part === null ? new Uint8Array(0) : typeof part === "string" ? part : await part.arrayBuffer();
        const metadata = form.get("metadata");
        if (metadata !== null) {
          options.metadata = json(typeof metadata === "string" ? encoder.encode(metadata)
            : new Uint8Array(await metadata.arrayBuffer()));
        }
      }
      await kvCall(() => namespace.put(key, value, options));
      return success(null);
    }
    if (request.method === "DELETE") {
      await kvCall(() => namespace.delete(key));
      return success(null);
    }
  }
  if (resource === "metadata" && key !== "" && request.method === "GET") {
    const found = await namespace.getWithMetadata(key, "arrayBuffer");
    if (found.value === null) {
      throw new GatewayError(404, 10009, "metadata: 'key not found'");
    }
    return success(found.metadata === undefined ? null : found.metadata);
  }
  if (resource === "bulk" && key === "" && request.method === "PUT") {
    const entries = json(bodyBytes);
    if (!Array.isArray(entries)) {
      throw new GatewayError(400, 10026, "a bulk write is a list of {key, value, expiration_ttl}");
    }
    const unsuccessful = [];
    for (const entry of entries) {
      try {
        await namespace.put(String(entry.key), String(entry.value), expiry(new URLSearchParams(
          entry.expiration_ttl === undefined ? {} : { expiration_ttl: String(entry.expiration_ttl) })));
      } catch (error) {
        unsuccessful.push(String(entry.key));
      }
    }
    return success({ successful_key_count: entries.length - unsuccessful.length, unsuccessful_keys: unsuccessful });
  }
  if (resource === "keys" && key === "" && request.method === "GET") {
    const limit = Math.min(1000, Math.max(10, Number(url.searchParams.get("limit") || "1000")));
    const listed = await kvCall(() => namespace.list({ prefix: url.searchParams.get("prefix") || undefined,
      limit, cursor: url.searchParams.get("cursor") || undefined }));
    const keys = listed.keys.map((entry) => ({ name: entry.name, expiration: entry.expiration,
      metadata: entry.metadata }));
    return success(keys, { count: keys.length, cursor: listed.list_complete ? "" : listed.cursor });
  }
  throw new GatewayError(404, 7003, "no KV route for " + request.method + " " + url.pathname);
}

function expiry(params) {
  const options = {};
  if (params.has("expiration_ttl")) {
    options.expirationTtl = Number(params.get("expiration_ttl"));
  }
  if (params.has("expiration")) {
    options.expiration = Number(params.get("expiration"));
  }
  return options;
}

async function kvCall(call) {
  try {
    return await call();
  } catch (error) {
    const message = messageOf(error);
    // The binding refuses bad arguments (a TTL under 60 s, a key too long) with a TypeError or a 400.
    if (error instanceof TypeError || /\b400\b|invalid|must be/i.test(message)) {
      throw new GatewayError(400, 10019, message);
    }
    throw new GatewayError(503, 10000, message);
  }
}

// ---- Queues ---------------------------------------------------------------------------------------

async function queues(request, env, rest, bodyBytes) {
  if (request.method !== "POST" || rest.length < 2 || rest[1] !== "messages") {
    throw new GatewayError(404, 7003, "Queues answer POST …/queues/{binding}/messages[/batch]");
  }
  const queue = binding(env, rest[0], "sendBatch", "queue");
  const body = json(bodyBytes);
  try {
    if (rest.length === 2) {
      await queue.send(body.body, message(body));
      return success(null);
    }
    if (rest.length === 3 && rest[2] === "batch" && Array.isArray(body.messages)) {
      await queue.sendBatch(body.messages.map((entry) => ({ body: entry.body, ...message(entry) })));
      return success(null);
    }
  } catch (error) {
    throw new GatewayError(503, 10000, "the queue refused the message: " + messageOf(error));
  }
  // Pulling and acknowledging are not part of a binding: see README.md ("Email jobs").
  throw new GatewayError(404, 7003, "the gateway sends to queues; it does not pull from them");
}

function message(entry) {
  const options = { contentType: entry.content_type === "text" ? "text" : "json" };
  if (entry.delay_seconds !== undefined) {
    options.delaySeconds = Number(entry.delay_seconds);
  }
  return options;
}

// ---- R2 -------------------------------------------------------------------------------------------

// GET / PUT / DELETE …/r2/buckets/{binding}/objects/{key}: the REST API's object paths, through the
// bucket binding. A PUT's body is the whole object and its Content-Type becomes the object's.
async function r2(request, env, url, rest, bodyBytes) {
  if (rest[0] !== "buckets" || rest.length < 4 || rest[2] !== "objects") {
    throw new GatewayError(404, 7003, "R2 answers …/r2/buckets/{binding}/objects/{key}");
  }
  const bucket = binding(env, rest[1], "head", "R2 bucket");
  const key = rest.slice(3).join("/");
  if (request.method === "GET") {
    const object = await r2Call(() => bucket.get(key));
    if (object === null) {
      throw new GatewayError(404, 10007, "get: the specified key does not exist");
    }
    return new Response(object.body, { headers: { "content-type": "application/octet-stream" } });
  }
  if (request.method === "PUT") {
    const contentType = request.headers.get("content-type");
    const object = await r2Call(() => bucket.put(key, bodyBytes,
      contentType ? { httpMetadata: { contentType } } : {}));
    return success({ key: object.key, size: object.size, etag: object.etag });
  }
  if (request.method === "DELETE") {
    await r2Call(() => bucket.delete(key));
    return success(null);
  }
  throw new GatewayError(404, 7003, "no R2 route for " + request.method + " " + url.pathname);
}

async function r2Call(call) {
  try {
    return await call();
  } catch (error) {
    const message = messageOf(error);
    // The binding refuses a bad key (over 1024 bytes) as "not valid" (R2's 10020); anything else is R2's trouble.
    if (error instanceof TypeError || /not valid|invalid/i.test(message)) {
      throw new GatewayError(400, 10020, message);
    }
    throw new GatewayError(503, 10000, message);
  }
}

// ---- shared ---------------------------------------------------------------------------------------

function binding(env, name, method, kind) {
  const target = BINDING.test(name) ? env[name] : undefined;
  if (target === undefined || target === null || typeof target[method] !== "function") {
    throw new GatewayError(404, 7404, "the gateway has no " + kind + " bound as " + JSON.stringify(name));
  }
  return target;
}

function json(bytes) {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new GatewayError(400, 7400, "the body is not JSON");
  }
}

function success(result, resultInfo) {
  const envelope = { success: true, errors: [], messages: [], result };
  if (resultInfo !== undefined) {
    envelope.result_info = resultInfo;
  }
  return Response.json(envelope);
}

function failure(status, code, message) {
  return Response.json({ success: false, errors: [{ code, message }], messages: [], result: null }, { status });
}

function messageOf(error) {
  return error && error.message ? String(error.message) : String(error);
}

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

function unhex(text) {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(text.substring(2 * i, 2 * i + 2), 16);
  }
  return bytes;
}
