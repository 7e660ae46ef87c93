/**
 * Demo data: when the database holds no incident, import SHECA's real 2025 Full
 * Incident Report so that a fresh install has something to look at.
 */
import { readFile } from "node:fs/promises";
import { disconnectDatabase } from "@/lib/db/client";
import { countIncidents } from "@/lib/db/incidents.server";
import { importReport } from "@/lib/incidents/import.server";

const SEED = new URL("../test/fixtures/reports/sheca-2025-ocsp-rollback.md", import.meta.url);

async function main(): Promise<void> {
  if ((await countIncidents()) > 0) return;
  const outcome = await importReport(await readFile(SEED, "utf8"), {
    title: "SHECA: OCSP responses \"unknown\" after a lint timeout rolled back certificate writes",
    whiteboard: ["[ca-compliance]", "[ocsp-failure]"],
  });
  if (!outcome.ok) {
    const lines = outcome.errors.map((e) => `  line ${e.line}: ${e.message}`).join("\n");
    throw new Error(`the demo report did not import:\n${lines}`);
  }
  console.log(`seed: demo incident ${outcome.id} loaded`);
}

main()
  .catch((error: unknown) => {
    console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => disconnectDatabase());
