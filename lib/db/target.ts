/**
 * Which database DATABASE_URL names, decided in one place for the app, the Prisma CLI
 * (prisma.config.ts), the migrate script and the tests. No imports beyond node: so that
 * prisma.config.ts can load it.
 */
import { existsSync } from "node:fs";
import path from "node:path";

export type DatabaseKind = "sqlite" | "postgres";

export interface DatabaseTarget {
  kind: DatabaseKind;
  /** For SQLite always `file:` and an absolute path; for PostgreSQL the URL as given. */
  url: string;
  /** The SQLite file, absolute; undefined for PostgreSQL. */
  file?: string;
}

/** The project root: the nearest directory, from the working directory up, with prisma/. */
export function projectRoot(start = process.cwd()): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "prisma", "schema.prisma"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start);
  }
}

/** The SQLite file used when DATABASE_URL is unset. */
export const DEFAULT_SQLITE_FILE = path.join("data", "incident-desk.db");

/**
 * Reads a DATABASE_URL: unset or empty → the default SQLite file; `file:` → that SQLite
 * file, a relative path taken from the project root (the Prisma CLI would take it from
 * the config file and the app from its working directory; one absolute path avoids that);
 * `postgres://` or `postgresql://` → PostgreSQL. Anything else is an error.
 */
export function resolveDatabaseTarget(
  raw: string | undefined = process.env.DATABASE_URL,
  root: string = projectRoot(),
): DatabaseTarget {
  const value = raw?.trim() ?? "";
  if (value === "" || value.startsWith("file:")) {
    const given = value === "" ? DEFAULT_SQLITE_FILE : value.slice("file:".length).replace(/\?.*$/, "");
    const file = path.resolve(root, given);
    return { kind: "sqlite", url: `file:${file}`, file };
  }
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: "postgres", url: value };
  throw new Error(
    `DATABASE_URL must be unset, "file:<path>" (SQLite) or "postgresql://..." (PostgreSQL); ` +
      `got "${value.replace(/\/\/[^@/]*@/, "//***@")}"`,
  );
}

/** Where a provider's schema and migrations live, relative to the project root. */
export function prismaPaths(kind: DatabaseKind): { schema: string; migrations: string } {
  const dir = kind === "sqlite" ? "prisma" : path.join("prisma", "postgres");
  return { schema: path.join(dir, "schema.prisma"), migrations: path.join(dir, "migrations") };
}
