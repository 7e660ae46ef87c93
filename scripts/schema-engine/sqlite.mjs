/**
 * SQLite for the Wasm schema engine: the driver adapter, and the three places where the
 * Wasm engine behaves differently from the native one on SQLite.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { EngineError } from "./log.mjs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const { PrismaBetterSqlite3 } = require("@prisma/adapter-better-sqlite3");

/** The absolute file a `file:` URL names; relative paths follow the CLI's working directory. */
export function sqlitePath(url) {
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return file === ":memory:" ? file : path.resolve(process.cwd(), file);
}

/**
 * Shadow-database replay sends a whole migration (many statements, no parameters) through
 * the single-statement call, which better-sqlite3 refuses; run such SQL as a script.
 */
function acceptScripts(queryable, runScript) {
  for (const method of ["executeRaw", "queryRaw"]) {
    const original = queryable[method].bind(queryable);
    queryable[method] = async (query) => {
      try {
        return await original(query);
      } catch (error) {
        const text = `${error?.message} ${JSON.stringify(error?.cause ?? {})}`;
        if (query.args.length > 0 || !/more than one statement/i.test(text)) throw error;
        await runScript(query.sql);
        return method === "executeRaw" ? 0 : { columnNames: [], columnTypes: [], rows: [] };
      }
    };
  }
  return queryable;
}

function tolerant(adapter) {
  const runScript = (sql) => adapter.executeScript(sql);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (level) => acceptScripts(await startTransaction(level), runScript);
  return acceptScripts(adapter, runScript);
}

/** A migration-aware adapter factory for the file `url` names. */
export function sqliteAdapterFactory(url, shadowDatabaseUrl) {
  const options = shadowDatabaseUrl ? { shadowDatabaseUrl: sqlitePath(shadowDatabaseUrl) } : {};
  const inner = new PrismaBetterSqlite3({ url: sqlitePath(url) }, options);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => tolerant(await inner.connect()),
    connectToShadowDb: async () => tolerant(await inner.connectToShadowDb()),
  };
}

// Prisma's own layout of the history table on SQLite.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

function withDatabase(url, fn) {
  const db = new Database(sqlitePath(url));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/**
 * The native engine reads a missing `_prisma_migrations` as "nothing applied yet"; the Wasm
 * one fails with P1014. Creating the empty table gives the native meaning.
 */
export function createMigrationsTable(url) {
  withDatabase(url, (db) => db.exec(MIGRATIONS_TABLE));
}

/** What `migrate reset` should do and the Wasm engine does not: drop every object. */
export function resetSqlite(url) {
  withDatabase(url, (db) => {
    const objects = db
      .prepare(
        `SELECT type, name FROM sqlite_master
         WHERE name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'
           AND type IN ('view', 'trigger', 'table')`,
      )
      .all();
    db.pragma("foreign_keys = OFF");
    for (const { type, name } of objects) {
      db.exec(`DROP ${type.toUpperCase()} IF EXISTS "${name.replaceAll('"', '""')}"`);
    }
    db.exec(MIGRATIONS_TABLE);
    db.exec(`DELETE FROM "_prisma_migrations"`);
    db.pragma("foreign_keys = ON");
  });
}

/** The engine's `cli` commands for a SQLite file. */
export function sqliteCli(command, url) {
  const file = sqlitePath(url);
  if (command === "can-connect-to-database") {
    if (file !== ":memory:" && !existsSync(file)) {
      throw new EngineError("P1003", `Database \`${path.basename(file)}\` does not exist at \`${file}\``);
    }
  } else if (command === "create-database") {
    mkdirSync(path.dirname(file), { recursive: true });
    withDatabase(url, () => undefined);
  } else if (command === "drop-database") {
    for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  } else {
    throw new EngineError("P1012", `Unknown command \`${command}\``);
  }
}
