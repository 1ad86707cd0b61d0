// Runs the gateway on workerd (through Miniflare, with the bindings wrangler.jsonc declares) for the
// product's tests: prints {"url": …} once it listens on a free loopback port, and stops when its
// standard input closes, so a test that dies takes the runtime with it.
// Usage: node test/serve.mjs <persist-dir> <secret> [product-url]
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { fileURLToPath } from "node:url";
import path from "node:path";

const [persist, secret, productUrl] = process.argv.slice(2);
if (!persist || !secret) {
  console.error("usage: node test/serve.mjs <persist-dir> <secret>");
  process.exit(2);
}
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(root, "wrangler.jsonc"));
const miniflare = new Miniflare({
  ...workerOptions,
  name: "prompt-tracker-gateway",
  modules: true,
  modulesRoot: root,
  scriptPath: path.join(root, "src/index.js"),
  bindings: { ...workerOptions.bindings, GATEWAY_SECRET: secret, PRODUCT_URL: productUrl || "" },
  host: "127.0.0.1",
  port: 0,
  cf: false,
  d1Persist: path.join(persist, "d1"),
  kvPersist: path.join(persist, "kv"),
  r2Persist: path.join(persist, "r2"),
  cachePersist: false,
});
const url = await miniflare.ready;
process.stdout.write(JSON.stringify({ url: url.toString().replace(/\/$/, "") }) + "\n");

let stopping = false;
async function stop() {
  if (stopping) {
    return;
  }
  stopping = true;
  await miniflare.dispose();
  process.exit(0);
}
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
