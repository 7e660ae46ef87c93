#!/usr/bin/env node
/**
 * The servers the end-to-end tests drive: the production build served twice, on a fresh
 * SQLite file (E2E_PORT) and on a fresh PostgreSQL database (E2E_PG_PORT), each started
 * by the same `scripts/start.mjs` users run. The build happens once, in the first start.
 * SKIP_PG=1 serves SQLite only. Stops both when Playwright stops it.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import pg from "pg";

const root = new URL("..", import.meta.url).pathname;
const sqlitePort = process.env.E2E_PORT ?? "3100";
const pgPort = process.env.E2E_PG_PORT ?? "3101";
const pgAdmin = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const pgDatabase = "incident_desk_e2e";
const children = [];

function start(port, databaseUrl, extra = {}) {
  const env = { ...process.env, ...extra, PORT: port, DATABASE_URL: databaseUrl };
  const child = spawn("node", ["scripts/start.mjs"], { cwd: root, env, stdio: "inherit" });
  child.on("exit", (code) => {
    if (code !== null && code !== 0) {
      console.error(`e2e-servers: the server on port ${port} exited with ${code}`);
      stopAll(1);
    }
  });
  children.push(child);
}

async function ready(port) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/incidents`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the server on port ${port} did not answer within 10 minutes`);
}

async function freshPostgresDatabase() {
  const admin = new pg.Client({ connectionString: pgAdmin });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`);
  await admin.end();
  const url = new URL(pgAdmin);
  url.pathname = `/${pgDatabase}`;
  return url.toString();
}

function stopAll(code) {
  for (const child of children) child.kill("SIGTERM");
  process.exit(code);
}

process.on("SIGTERM", () => stopAll(0));
process.on("SIGINT", () => stopAll(0));

const sqliteFile = `${root}data/e2e.db`;
rmSync(sqliteFile, { force: true });
start(sqlitePort, `file:${sqliteFile}`);
await ready(sqlitePort);
if (process.env.SKIP_PG !== "1") {
  start(pgPort, await freshPostgresDatabase(), { SKIP_BUILD: "1" });
  await ready(pgPort);
}
console.log("e2e-servers: ready");
