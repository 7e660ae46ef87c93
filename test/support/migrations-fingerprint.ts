/** A short hash of a provider's committed migrations, naming the test template built from them. */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { prismaPaths, projectRoot, type DatabaseKind } from "@/lib/db/target";

/** Changes whenever a migration is added, removed or edited. */
export function migrationsFingerprint(kind: DatabaseKind): string {
  const dir = path.join(projectRoot(), prismaPaths(kind).migrations);
  const hash = createHash("sha256");
  for (const name of readdirSync(dir).sort()) {
    const sql = path.join(dir, name, "migration.sql");
    hash.update(name);
    try {
      hash.update(readFileSync(sql));
    } catch {
      // migration_lock.toml and other files are not migrations
    }
  }
  return hash.digest("hex").slice(0, 12);
}
