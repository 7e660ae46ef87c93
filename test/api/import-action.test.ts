/**
 * The import page's server action: a saved import with warnings stays on the page to show
 * them (with the new incident's id for the link); one without warnings goes to the incident.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importAction } from "@/app/incidents/import/actions";
import { getIncident } from "@/lib/db/incidents.server";
import { databaseKinds, setupTestDatabase, type TestDatabase } from "@/test/support/databases";

const SEED = readFileSync(new URL("../fixtures/reports/sheca-2025-ocsp-rollback.md", import.meta.url), "utf8");

const form = (markdown: string) => {
  const data = new FormData();
  data.set("markdown", markdown);
  return data;
};
const initial = { errors: [], markdown: "" };

describe.each(databaseKinds())("the import page's action on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await setupTestDatabase(kind);
  });
  afterAll(() => t.cleanup());

  it("shows the warnings of a saved import and names the incident", async () => {
    // Line 104 is the second action item; 2025-02-30 is no real day.
    const report = SEED.replace("| 2025-05-16 |", "| 2025-02-30 |");
    const state = await importAction(initial, form(report));
    expect(state.errors).toEqual([]);
    expect(state.imported?.warnings).toContainEqual({
      line: 104,
      message: 'Action Items: due date "2025-02-30" is not a real date (February 2025 has 28 days).',
    });
    const saved = await getIncident(state.imported?.id ?? "");
    expect(saved?.actionItems.map((a) => a.dueDate)).toEqual(["2025-05-12", null, "2025-05-25"]);
  });

  it("goes straight to the incident when there is nothing to warn about", async () => {
    const clean = SEED.replace(
      "  Shanghai Electronic Certification Authority Co., Ltd.",
      "  A000123 (Shanghai Electronic Certification Authority Co., Ltd.)",
    );
    await expect(importAction(initial, form(clean))).rejects.toThrow("NEXT_REDIRECT");
  });
});
