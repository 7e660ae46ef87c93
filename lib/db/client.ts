/**
 * The one Prisma client. DATABASE_URL picks the database (lib/db/target.ts); the rest of the
 * code sees a single client type, the SQLite client's, because both generated clients come
 * from the same models (prisma/postgres/schema.prisma is derived from prisma/schema.prisma).
 * Why two databases: docs/decisions/0001-two-databases.md.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import type { Prisma } from "./generated/sqlite/client";
import { resolveDatabaseTarget, type DatabaseTarget } from "./target";

/** The client type every query function takes. */
export type Db = SqliteClient;
/** What `db.$transaction(async (tx) => ...)` hands to its callback. */
export type Tx = Prisma.TransactionClient;

/**
 * A new client for `target` (by default the database DATABASE_URL names). The caller owns
 * it and should `$disconnect()` it; the app uses {@link getDb} instead.
 */
export function createDb(target: DatabaseTarget = resolveDatabaseTarget()): Db {
  if (target.kind === "postgres") {
    const schema = new URL(target.url).searchParams.get("schema") ?? undefined;
    const adapter = new PrismaPg({ connectionString: target.url }, { schema });
    // Same models, same runtime: only the generated type names differ.
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const file = target.file ?? target.url.replace(/^file:/, "");
  mkdirSync(path.dirname(file), { recursive: true });
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: file }) });
}

// Kept on globalThis so that Next.js's dev reloads do not open a new pool on every edit.
const cache = globalThis as unknown as { incidentDeskDb?: { raw: string | undefined; db: Db } };

/**
 * The shared client for the database DATABASE_URL names now, created on first use. When
 * DATABASE_URL changes (tests point it at a fresh database) the old client is closed.
 */
export function getDb(): Db {
  // Every query comes through here: resolve the target (a file-system walk) only when
  // DATABASE_URL itself changed.
  const raw = process.env.DATABASE_URL;
  const current = cache.incidentDeskDb;
  if (current && current.raw === raw) return current.db;
  if (current) void current.db.$disconnect();
  cache.incidentDeskDb = { raw, db: createDb(resolveDatabaseTarget(raw)) };
  return cache.incidentDeskDb.db;
}

/**
 * The app's one client. It forwards to {@link getDb} on every use, so importing it opens
 * nothing and it always follows DATABASE_URL.
 */
export const db: Db = new Proxy({} as Db, {
  get(_, property) {
    const client = getDb();
    const value: unknown = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** Closes the shared client (end of a script or test run); the next use opens a new one. */
export async function disconnectDatabase(): Promise<void> {
  const current = cache.incidentDeskDb;
  cache.incidentDeskDb = undefined;
  await current?.db.$disconnect();
}
