/**
 * Import errors that used to escape as 500s from the database write: an action item citing
 * a missing root cause, and a NUL in the title (PostgreSQL cannot store U+0000). Both must
 * be ordinary 422 import errors with a line, alike on SQLite and PostgreSQL, and the CLI
 * must print them with the file and line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as importRoute } from "@/app/api/incidents/import/route";
import { GET as listRoute } from "@/app/api/incidents/route";
import { runCommand } from "@/scripts/cli/commands";
import { databaseKinds, setupTestDatabase, type TestDatabase } from "@/test/support/databases";

const SEED = readFileSync(new URL("../fixtures/reports/sheca-2025-ocsp-rollback.md", import.meta.url), "utf8");
const CITED = "| Fix OCSP status of 2 certs                          | Prevent | Root Cause #1 ";
/** The fixture's second action-item row ("Fix OCSP status of 2 certs") is on line 104. */
const SECOND_ITEM_LINE = 104;

/** The seed report with its second action item citing `cause` instead of Root Cause #1. */
const citing = (cause: string) => SEED.replace(CITED, `${CITED.replace("Root Cause #1", cause)}`);

const post = (body: string, query = "") =>
  importRoute(new Request(`http://desk.test/api/incidents/import${query}`, { method: "POST", body }));

async function count(): Promise<number> {
  const response = await listRoute();
  return ((await response.json()) as { incidents: unknown[] }).incidents.length;
}

describe.each(databaseKinds())("import errors on %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await setupTestDatabase(kind);
    dir = mkdtempSync(join(tmpdir(), "import-errors-"));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.cleanup();
  });

  it.each(["Root Cause #7", "Root Cause #2", "Root Cause #0"])(
    "answers 422 naming the item's line when it cites %s of a one-factor report",
    async (cause) => {
      const before = await count();
      const response = await post(citing(cause));
      expect(response.status).toBe(422);
      const number = cause.replace("Root Cause ", "");
      expect(await response.json()).toEqual({
        errors: [
          {
            line: SECOND_ITEM_LINE,
            message:
              `Action Items: "${cause}" refers to root cause ${number}, which the report does ` +
              "not have (its Root Cause Analysis has #1).",
          },
        ],
      });
      expect(await count()).toBe(before);
    },
  );

  it("answers 422 for a NUL in the title and saves nothing", async () => {
    const before = await count();
    const response = await post(SEED, "?title=nul%00title");
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      errors: [{ line: 0, message: "The title contains a NUL character (U+0000); remove it." }],
    });
    expect(await count()).toBe(before);
  });

  it("the CLI prints the missing root cause with the file and line, and exits 1", async () => {
    const file = join(dir, "rc7.md");
    writeFileSync(file, citing("Root Cause #7"));
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(await runCommand(["import", file])).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(written).toEqual([
      `${file}:${SECOND_ITEM_LINE}: Action Items: "Root Cause #7" refers to root cause #7, ` +
        "which the report does not have (its Root Cause Analysis has #1).\n",
      `error: ${file} was not imported; nothing was saved\n`,
    ]);
  });
});
