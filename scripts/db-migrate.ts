/**
 * `npm run db:migrate`: applies the committed migrations to the database DATABASE_URL
 * names (the SQLite file data/incident-desk.db when unset), creating it if needed.
 * Safe to run on every start: when nothing is pending it only reads the history table.
 */
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { resolveDatabaseTarget } from "@/lib/db/target";

async function main() {
  // The first step of `npm start`: a bad variable (SWEEP_HEAP_MB=abc…) stops start-up here, named.
  env();
  const started = performance.now();
  const target = resolveDatabaseTarget();
  const where = target.kind === "sqlite" ? target.file : target.url.replace(/\/\/[^@/]*@/, "//***@");
  const { ran, output } = await migrateDatabase(target);
  const ms = Math.round(performance.now() - started);
  if (ran) process.stdout.write(output);
  console.log(`db:migrate: ${target.kind} ${where} ${ran ? "migrated" : "already up to date"} (${ms} ms)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
