/**
 * Applying the committed migrations (`npm run db:migrate`, test set-up). When the history
 * table already lists every migration folder with the same checksum, nothing is spawned;
 * otherwise `prisma migrate deploy` runs, which also creates a missing database.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { prismaPaths, projectRoot, type DatabaseTarget } from "./target";

interface AppliedMigration {
  migration_name: string;
  checksum: string;
}

const APPLIED_SQL = `SELECT migration_name, checksum FROM "_prisma_migrations"
  WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

/** The migration folders of a provider, with Prisma's checksum (SHA-256 of the SQL). */
function committedMigrations(target: DatabaseTarget, root: string) {
  const dir = path.join(root, prismaPaths(target.kind).migrations);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const sql = readFileSync(path.join(dir, entry.name, "migration.sql"));
      return { name: entry.name, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** What the database says is applied; null when the database or its history is missing. */
async function appliedMigrations(target: DatabaseTarget): Promise<AppliedMigration[] | null> {
  try {
    if (target.kind === "sqlite") {
      if (!target.file || !existsSync(target.file)) return null;
      const file = new Database(target.file, { readonly: true, fileMustExist: true });
      try {
        return file.prepare(APPLIED_SQL).all() as AppliedMigration[];
      } finally {
        file.close();
      }
    }
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      return (await client.query<AppliedMigration>(APPLIED_SQL)).rows;
    } finally {
      await client.end();
    }
  } catch {
    // No database, no history table, or unreachable: `migrate deploy` will say which.
    return null;
  }
}

/** True when every committed migration is applied, unchanged. */
export async function isUpToDate(target: DatabaseTarget, root = projectRoot()) {
  const applied = await appliedMigrations(target);
  if (applied === null) return false;
  const done = new Map(applied.map((m) => [m.migration_name, m.checksum]));
  return committedMigrations(target, root).every((m) => done.get(m.name) === m.checksum);
}

/**
 * Brings the database `target` names up to the committed migrations, creating it if it
 * does not exist. Returns whether `prisma migrate deploy` had to run; throws with the
 * CLI's output when it fails.
 */
export async function migrateDatabase(target: DatabaseTarget, root = projectRoot()) {
  if (await isUpToDate(target, root)) return { ran: false, output: "" };
  const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [cli, "migrate", "deploy"],
      { cwd: root, env: { ...process.env, DATABASE_URL: target.url }, timeout: 120_000 },
    );
    return { ran: true, output: `${stdout}${stderr}` };
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`prisma migrate deploy failed:\n${stdout}${stderr}`);
  }
}
