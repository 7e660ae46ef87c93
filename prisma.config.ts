/**
 * Prisma CLI configuration. The provider follows DATABASE_URL (see lib/db/target.ts): the
 * canonical SQLite schema by default, the derived PostgreSQL one for postgres:// URLs.
 * The schema engine is our Wasm stand-in, so the CLI needs no download (docs/decisions/0001).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { prismaPaths, projectRoot, resolveDatabaseTarget } from "./lib/db/target";

const root = projectRoot(import.meta.dirname);
const target = resolveDatabaseTarget(process.env.DATABASE_URL, root);
const paths = prismaPaths(target.kind);

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, "scripts", "prisma-schema-engine.mjs");
if (target.file) mkdirSync(path.dirname(target.file), { recursive: true });

export default defineConfig({
  schema: path.join(root, paths.schema),
  migrations: { path: path.join(root, paths.migrations) },
  datasource: { url: target.url, shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL },
});
