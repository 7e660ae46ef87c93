/**
 * Fresh, migrated databases for tests, SQLite and PostgreSQL alike.
 *
 *   describe.each(databaseKinds())("on %s", (kind) => {
 *     let t: TestDatabase;
 *     beforeAll(async () => (t = await setupTestDatabase(kind)));
 *     afterAll(() => t.cleanup());
 *     it("...", async () => { await createIncident(report, t.db); });
 *   });
 *
 * Each call makes a new database (a temp SQLite file, or `incident_desk_test_<time>_<random>`
 * on PostgreSQL) cloned from a migrated template, which is built once per set of migrations
 * and kept; so only the first run after a schema change pays for `prisma migrate deploy`.
 * While it is set up, DATABASE_URL points at it, so code using the shared `db` hits it too.
 *
 * PostgreSQL: TEST_PG_URL (default postgresql://postgres@127.0.0.1:5432/postgres). If it is
 * unreachable the set-up fails with a message saying how to start it; SKIP_PG=1 leaves
 * PostgreSQL out of databaseKinds().
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, disconnectDatabase, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { migrationsFingerprint } from "./migrations-fingerprint";
import { resolveDatabaseTarget, type DatabaseKind, type DatabaseTarget } from "@/lib/db/target";

export type { DatabaseKind };

export interface TestDatabase {
  kind: DatabaseKind;
  /** The DATABASE_URL of this database. */
  url: string;
  target: DatabaseTarget;
  /** A client of its own for this database. */
  db: Db;
  /** Closes the clients, drops the database, restores DATABASE_URL. */
  cleanup(): Promise<void>;
}

/** The kinds to run database tests on: both, or SQLite only when SKIP_PG=1. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.SKIP_PG === "1" ? ["sqlite"] : ["sqlite", "postgres"];
}

/**
 * A new migrated database of `kind`, with DATABASE_URL pointing at it until cleanup.
 * `{ empty: true }` gives only a URL: the database does not exist yet (migration tests).
 */
export async function setupTestDatabase(
  kind: DatabaseKind,
  options: { empty?: boolean } = {},
): Promise<TestDatabase> {
  const made = kind === "sqlite" ? await sqliteDatabase(options) : await postgresDatabase(options);
  const target = resolveDatabaseTarget(made.url);
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = target.url;
  const db = createDb(target);
  return {
    kind,
    url: target.url,
    target,
    db,
    async cleanup() {
      await db.$disconnect();
      await disconnectDatabase();
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
      await made.drop();
    },
  };
}

const unique = () => `${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;

async function sqliteDatabase({ empty = false }) {
  const dir = mkdtempSync(path.join(tmpdir(), "incident-desk-test-"));
  const file = path.join(dir, "test.db");
  if (!empty) copyFileSync(await sqliteTemplate(), file);
  return { url: `file:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function sqliteTemplate(): Promise<string> {
  const dir = path.join(tmpdir(), "incident-desk-test-templates");
  const file = path.join(dir, `sqlite-${migrationsFingerprint("sqlite")}.db`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  // Built under a private name and renamed, so that concurrent runs never see half a file.
  const building = `${file}.${unique()}`;
  await migrateDatabase(resolveDatabaseTarget(`file:${building}`));
  renameSync(building, file);
  return file;
}

function adminUrl(): string {
  return process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${adminUrl()} (${(error as Error).message}). Start it ` +
        "with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, " +
        "point TEST_PG_URL at another server, or set SKIP_PG=1 to test on SQLite only.",
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function postgresDatabase({ empty = false }) {
  const name = `incident_desk_test_${unique()}`;
  const template = empty ? null : await postgresTemplate();
  await admin(async (c) => {
    await dropAbandoned(c);
    if (template) await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  });
  const drop = () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  return { url: withDatabaseName(adminUrl(), name), drop: async () => void (await drop()) };
}

async function postgresTemplate(): Promise<string> {
  const name = `incident_desk_template_${migrationsFingerprint("postgres")}`;
  const exists = await admin((c) => c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]));
  if (exists.rowCount) return name;
  const building = `${name}_${unique()}`;
  await migrateDatabase(resolveDatabaseTarget(withDatabaseName(adminUrl(), building)));
  await admin(async (c) => {
    try {
      await c.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    } catch {
      // Another run built it first: keep theirs.
      await c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    }
  });
  return name;
}

/** Test databases left by runs that died before cleanup (older than six hours). */
async function dropAbandoned(c: pg.Client) {
  const { rows } = await c.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'incident\\_desk\\_test\\_%'",
  );
  const cutoff = Date.now() / 1000 - 6 * 3600;
  for (const { datname } of rows) {
    const seconds = Number(datname.split("_")[3]);
    if (seconds < cutoff) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}
