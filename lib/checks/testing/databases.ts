/**
 * Fresh, migrated databases for the revocation tests: a temp SQLite file, or a new
 * PostgreSQL database on 127.0.0.1 (TEST_POSTGRES_URL, default postgres@127.0.0.1).
 * TODO(#sweep-db-helper): switch to the shared helper in test/support once it lands.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { createDb, type Db } from "@/lib/db/client";
import { prismaPaths, projectRoot, type DatabaseKind } from "@/lib/db/target";

export const DATABASE_KINDS: DatabaseKind[] = ["sqlite", "postgres"];
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** A database of its own for one test file. */
export interface FreshDatabase {
  kind: DatabaseKind;
  db: Db;
  /** DATABASE_URL for a child process. */
  url: string;
  drop(): Promise<void>;
}

function migrationSql(kind: DatabaseKind): string[] {
  const dir = path.join(projectRoot(), prismaPaths(kind).migrations);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
}

/** Creates and migrates a new database of `kind`. */
export async function freshDatabase(kind: DatabaseKind): Promise<FreshDatabase> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "sweep-db-"));
    const file = path.join(dir, "test.db");
    const raw = new Database(file);
    for (const sql of migrationSql(kind)) raw.exec(sql);
    raw.pragma("journal_mode = WAL");
    raw.close();
    const db = createDb({ kind, url: `file:${file}`, file });
    return { kind, db, url: `file:${file}`, drop: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    } };
  }
  const name = `sweep_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).href;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const sql of migrationSql(kind)) await client.query(sql);
  await client.end();
  const db = createDb({ kind, url });
  return { kind, db, url, drop: async () => {
    await db.$disconnect();
    const a = new pg.Client({ connectionString: ADMIN_URL });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  } };
}
