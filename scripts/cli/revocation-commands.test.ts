import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSweepWorld, type SweepWorld } from "@/lib/checks/testing/sweep-world";
import { createIncident } from "@/lib/db/incidents.server";
import { prismaRevocationStore } from "@/lib/db/revocation.server";
import { richReport } from "@/lib/reports/testing/rich-report";
import { setupTestDatabase, type TestDatabase } from "@/test/support/databases";
import { runCommand } from "./commands";

/** Runs a CLI command in-process, returning its exit code and what it printed. */
async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: await runCommand(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe("CLI: certs add, check, ocsp inspect (SQLite)", () => {
  let world: SweepWorld;
  let t: TestDatabase;
  let dir: string;
  let incidentId: string;
  const file = (name: string, content: string | Uint8Array) => {
    writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };

  beforeAll(async () => {
    world = await startSweepWorld({ goodResponders: 1, leavesPerUrl: 2, broken: false });
    t = await setupTestDatabase("sqlite");
    process.env.OUTBOUND_ALLOW_PRIVATE = "1";
    dir = mkdtempSync(path.join(tmpdir(), "cli-revocation-"));
    const report = richReport();
    report.affectedCertificates = [];
    incidentId = (await createIncident(report, t.db)).id;
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
    await world?.close();
  });

  it("certs add prints one line per attached certificate; a broken file names its block", async () => {
    const leaves = file("leaves.pem", world.leaves.map((l) => l.pem).join("\n"));
    const ca = file("ca.der", world.ca.cert.der);
    const added = await cli("certs", "add", incidentId, leaves, "--issuer", ca);
    expect(added.code).toBe(0);
    expect(added.stdout.trim().split("\n")).toHaveLength(world.leaves.length);

    const broken = file("broken.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n");
    const refused = await cli("certs", "add", incidentId, broken);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${broken}:1: PEM block 1: no END CERTIFICATE line`);
  });

  it("check prints one line per certificate with its OCSP and CRL verdicts, --json an array", async () => {
    const text = await cli("check", incidentId);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split("\n");
    expect(lines).toHaveLength(world.leaves.length);
    const good = world.leaves.find((l) => l.expect.ocsp === "good");
    const notListed = "Not listed: the current, correctly signed CRL does not contain this serial.";
    const goodLine = lines.find((l) => l.includes(good?.serial ?? "?")) ?? "";
    expect(goodLine).toMatch(/\tOCSP good: Good: .*\tCRL not-listed: /);
    expect(goodLine.endsWith(`CRL not-listed: ${notListed}`)).toBe(true);
    expect(text.stderr).toMatch(/"event":"revocation-sweep.end"/);

    const json = await cli("check", incidentId, "--json");
    const rows = JSON.parse(json.stdout) as { serialHex: string; ocsp: { verdict: string } }[];
    expect(rows.map((r) => r.ocsp.verdict).sort()).toEqual(world.leaves.map((l) => l.expect.ocsp).sort());
  });

  it("check refuses while another process's sweep is alive; --resume carries on an interrupted one", async () => {
    const store = prismaRevocationStore(t.db);
    // Created here but run by no one in this process: to the CLI, the server's sweep.
    const other = await store.createSweep(incidentId, null, new Date());
    const sweeps = await t.db.revocationSweep.count({ where: { incidentId } });
    const refused = await cli("check", incidentId);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(`^error: sweep ${other.id} of incident ${incidentId} is still running \\(0 of \\d+ certificates checked, last heartbeat \\d+ ms ago\\); wait for it to finish\n$`),
    );
    expect(await t.db.revocationSweep.count({ where: { incidentId } })).toBe(sweeps);

    await store.finishSweep(other.id, "interrupted", new Date());
    const resumed = await cli("check", incidentId, "--resume");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.trim().split("\n")).toHaveLength(world.leaves.length);
    expect(await store.getSweep(other.id)).toMatchObject({ status: "done", completed: world.leaves.length });
    expect(await t.db.revocationSweep.count({ where: { incidentId } })).toBe(sweeps);

    const nothing = await cli("check", incidentId, "--resume");
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/^error: Nothing to resume: the latest sweep of incident .* is done, not interrupted\n$/);
  });

  it("ocsp inspect prints the inspection JSON, and says what the bytes are when they are not OCSP", async () => {
    const stored = await t.db.revocationCheck.findFirstOrThrow({ where: { protocol: "ocsp", verdict: "good" }, select: { responseBytes: true } });
    const response = file("r.der", stored.responseBytes ?? new Uint8Array());
    const ca = file("ca.pem", world.ca.cert.der);
    const ok = await cli("ocsp", "inspect", response, "--issuer", ca);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ isOcspResponse: true, verdict: "good" });
    const notOcsp = await cli("ocsp", "inspect", ca);
    expect(notOcsp.code).toBe(1);
    expect(notOcsp.stderr).toMatch(/not an OCSP response; they are an X\.509 certificate/);
  });

  it("the real CLI process exits by itself after a check (the database client is closed)", async () => {
    const proc = spawn(process.execPath, ["--import", "tsx", "scripts/cli.ts", "check", incidentId], {
      env: { ...process.env, DATABASE_URL: t.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    proc.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => proc.kill("SIGKILL"), 25_000);
      proc.on("exit", (c) => (clearTimeout(timer), resolve(c)));
    });
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(world.leaves.length);
  });
});
