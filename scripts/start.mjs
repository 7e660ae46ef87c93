#!/usr/bin/env node
/**
 * `npm start`: prepare the database (migrate, load the demo report when empty), build the
 * app when the sources are newer than the last build, then serve it on PORT (3000).
 * Every step works with no network: CA systems often sit in closed networks.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
process.env.NEXT_TELEMETRY_DISABLED = "1";

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`start: "${command} ${args.join(" ")}" failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

/** Newest modification time under `dir`, skipping build output and dependencies. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (["node_modules", ".next", ".git", "data", "test-results", "generated"].includes(entry.name)) {
      continue;
    }
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function buildIsCurrent() {
  const marker = join(root, ".next", "BUILD_ID");
  if (!existsSync(marker)) return false;
  const built = statSync(marker).mtimeMs;
  return ["app", "components", "lib"].every((d) => newest(join(root, d)) < built)
    && ["next.config.ts", "package.json"].every((f) => statSync(join(root, f)).mtimeMs < built);
}

// Loopback by default: the app has no login. HOST=0.0.0.0 exposes it to the network.
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
await ensurePortFree(host, port);

if (!existsSync(join(root, "lib", "db", "generated"))) run("npm", ["run", "db:generate"]);
run("npm", ["run", "db:migrate"]);
run("npx", ["tsx", "prisma/seed.ts"]);
if (process.env.SKIP_BUILD !== "1" && !buildIsCurrent()) run("npx", ["next", "build"]);

/** Resolves when `port` can be bound on `host`; a clear message beats EADDRINUSE's stack. */
function ensurePortFree(host, port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => {
      console.error(`start: ${host}:${port} is already in use; choose another with PORT=3300 npm start`);
      process.exit(1);
    });
    probe.listen(Number(port), host, () => probe.close(resolve));
  });
}

console.log(`CA Incident Desk: http://${host === "127.0.0.1" ? "localhost" : host}:${port}`);
run("npx", ["next", "start", "--port", port, "--hostname", host]);
