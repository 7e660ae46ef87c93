/**
 * The JSON-RPC side of the stand-in: one request per stdin line, answered in order on
 * stdout, with the native engine's method names mapped onto the Wasm engine's.
 */
import { createRequire } from "node:module";
import readline from "node:readline";
import { log } from "./log.mjs";
import { startWasmEngine } from "./wasm.mjs";

const require = createRequire(import.meta.url);
const { bindMigrationAwareSqlAdapterFactory } = require("@prisma/driver-adapter-utils");

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

function errorResponse(id, error) {
  const message = String(error?.message ?? error);
  return {
    jsonrpc: "2.0",
    id,
    error: {
      code: 4466,
      message: "An error happened. Check the data field for details.",
      data: { is_panic: false, message, meta: error?.meta ?? null, error_code: error?.code ?? null },
    },
  };
}

async function providerModule(provider) {
  if (provider === "postgres") {
    const pgModule = await import("./postgres.mjs");
    pgModule.readCharAsText();
    return {
      factory: (url, shadow) =>
        pgModule.postgresAdapterFactory(url ?? "postgresql://localhost/postgres", shadow),
      createDatabase: (url) => pgModule.postgresCli("create-database", url),
    };
  }
  const sqlite = await import("./sqlite.mjs");
  return {
    factory: (url, shadow) => sqlite.sqliteAdapterFactory(url ?? "file::memory:", shadow),
    createDatabase: (url) => sqlite.sqliteCli("create-database", url),
    createMigrationsTable: (url) => url && sqlite.createMigrationsTable(url),
    reset: (url) => sqlite.resetSqlite(url),
  };
}

/** Serves JSON-RPC until stdin closes. */
export async function serveJsonRpc({ provider, url, shadowDatabaseUrl, datamodels }) {
  // A malformed request or a Rust panic makes the Wasm glue throw outside any promise:
  // fail the request in hand, or stop as the native engine does on a panic.
  let failCurrent = null;
  process.on("uncaughtException", (error) => {
    if (failCurrent) return failCurrent(error);
    log("ERROR", String(error?.stack ?? error));
    process.exit(101);
  });

  const db = await providerModule(provider);
  const factory = bindMigrationAwareSqlAdapterFactory(db.factory(url, shadowDatabaseUrl));
  // `migrate diff` starts the engine without a schema, which the Wasm engine cannot accept.
  const stub = `datasource db {\n  provider = "${provider === "postgres" ? "postgresql" : "sqlite"}"\n}\n`;
  const initial = datamodels.length > 0 ? datamodels : [["schema.prisma", stub]];
  const engine = await startWasmEngine(initial, factory);

  async function call(method, params) {
    if (method === "getDatabaseVersion") return engine.version(params ?? null);
    if (method === "createDatabase") {
      const target = params?.datasource?.url ?? url;
      await db.createDatabase(target);
      return { databaseName: target };
    }
    if (method === "reset" && db.reset) return db.reset(url) ?? null;
    if (typeof engine[method] !== "function") throw new Error(`Unsupported method ${method}`);
    try {
      return await engine[method](params);
    } catch (error) {
      const missingHistory = error?.code === "P1014" && /_prisma_migrations/.test(error.message);
      if (!missingHistory || !db.createMigrationsTable) throw error;
      db.createMigrationsTable(url);
      return engine[method](params);
    }
  }


  async function answer(request) {
    try {
      const failure = new Promise((_, reject) => (failCurrent = reject));
      const result = await Promise.race([call(request.method, request.params), failure]);
      if (request.method === "diff" && typeof result?.stdout === "string") {
        const content = result.stdout;
        send({ jsonrpc: "2.0", id: `print-${request.id}`, method: "print", params: { content } });
      }
      send({ jsonrpc: "2.0", id: request.id, result: result ?? null });
    } catch (error) {
      send(errorResponse(request.id, error));
    } finally {
      failCurrent = null;
    }
  }

  let queue = Promise.resolve();
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    const request = JSON.parse(line);
    if (!request.method) return; // the CLI's answer to one of our "print" requests
    queue = queue.then(() => answer(request));
  });
  await new Promise((resolve) => lines.on("close", resolve));
  await queue;
  log("INFO", "stdin closed, stopping");
  process.exit(0);
}
