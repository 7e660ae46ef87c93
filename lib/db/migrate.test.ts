/**
 * The committed migrations against real databases. These spawn the Prisma CLI (and so the
 * Wasm schema-engine stand-in), which takes a second or two each: keep them few.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { databaseKinds, setupTestDatabase, type TestDatabase } from "@/test/support/databases";
import { migrateDatabase } from "./migrate";
import { prismaPaths, projectRoot } from "./target";

const run = promisify(execFile);
const root = projectRoot();
const cli = ["node_modules/prisma/build/index.js"];

describe.each(databaseKinds())("migrations on %s", (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it("create the database and apply from nothing, then do nothing, quickly", async () => {
    t = await setupTestDatabase(kind, { empty: true });

    expect((await migrateDatabase(t.target)).ran).toBe(true);
    expect(await t.db.incident.count()).toBe(0);

    const started = performance.now();
    expect((await migrateDatabase(t.target)).ran).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);

    const { stdout } = await run("npx", ["tsx", "scripts/db-migrate.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url },
    });
    expect(stdout).toMatch(/already up to date/);
  });

  it("match the schema: no drift between migrations and schema.prisma", async () => {
    const { migrations, schema } = prismaPaths(kind);
    t = await setupTestDatabase(kind); // the CLI's config wants a datasource of this kind
    const { stdout } = await run(
      process.execPath,
      [...cli, "migrate", "diff", "--from-migrations", migrations, "--to-schema", schema, "--exit-code"],
      { cwd: root, env: { ...process.env, DATABASE_URL: t.url } },
    );
    expect(stdout).toMatch(/No difference detected/);
  });
});

describe("the PostgreSQL schema", () => {
  it("is derived from the canonical one and up to date", async () => {
    await expect(
      run(process.execPath, ["scripts/derive-postgres-schema.mjs", "--check"], { cwd: root }),
    ).resolves.toBeDefined();
  });
});
