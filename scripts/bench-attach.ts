/**
 * `npm run bench:attach [-- --n 23000]`: how long attaching N certificates takes, the way
 * the incident page uploads them (one PEM bundle and the issuer, multipart, through the
 * route handler, into a fresh SQLite database), and the peak memory of the process doing
 * it. The leaves are issued first in a process of their own, so their making is not counted.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { issueSpreadLeaves } from "@/lib/checks/testing/spread-leaves";
import { createTestCa } from "@/test/support/openssl-ca";

const say = (line: string) => process.stdout.write(`${line}\n`);

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive integer`);
  return value;
}

/** The measured part, run in a child: one POST of the bundle to the attach route. */
async function attachInChild(dir: string): Promise<void> {
  const { resolveDatabaseTarget } = await import("@/lib/db/target");
  const { migrateDatabase } = await import("@/lib/db/migrate");
  const { createIncident } = await import("@/lib/db/incidents.server");
  const { richReport } = await import("@/lib/reports/testing/rich-report");
  const route = await import("@/app/api/incidents/[id]/certificates/route");
  const target = resolveDatabaseTarget(`file:${path.join(dir, "attach.db")}`);
  process.env.DATABASE_URL = target.url;
  await migrateDatabase(target);
  const report = richReport();
  report.affectedCertificates = [];
  const { id } = await createIncident(report);
  const form = new FormData();
  form.append("certificates", new File([readFileSync(path.join(dir, "leaves.pem"))], "leaves.pem"));
  form.append("issuers", new File([readFileSync(path.join(dir, "ca.pem"))], "ca.pem"));
  const started = performance.now();
  const response = await route.POST(new Request("http://bench/x", { method: "POST", body: form }), {
    params: Promise.resolve({ id }),
  });
  const seconds = (performance.now() - started) / 1000;
  const body = (await response.json()) as { certificates?: unknown[] };
  const result = {
    status: response.status,
    attached: body.certificates?.length ?? 0,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  say(JSON.stringify(result));
}

async function main(): Promise<void> {
  const child = process.argv.indexOf("--child");
  if (child >= 0) return attachInChild(process.argv[child + 1] ?? ".");

  const n = flag("n", 23_000);
  const dir = path.join(process.cwd(), ".bench", `attach-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const ca = await createTestCa({ ocspPort: 9, crlPort: 9, keyType: "ec" });
  try {
    say(`bench:attach n=${n}`);
    const leaves = await issueSpreadLeaves(
      ca,
      Array.from({ length: n }, () => ({ ocspUrl: "http://127.0.0.1:9/", crlUrl: "http://127.0.0.1:9/ca.crl" })),
      "attach",
    );
    const bundle = leaves.map((l) => l.pem).join("\n");
    writeFileSync(path.join(dir, "leaves.pem"), bundle);
    writeFileSync(path.join(dir, "ca.pem"), readFileSync(ca.certPath));
    say(`bundle: ${n} certificates, ${(bundle.length / 1e6).toFixed(1)} MB of PEM`);
    const out = execFileSync(process.execPath, ["--import", "tsx", __filename, "--child", dir], {
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    });
    const r = JSON.parse(out.trim().split("\n").pop() ?? "{}") as {
      status: number;
      attached: number;
      seconds: number;
      peakRssMb: number;
    };
    if (r.status !== 201 || r.attached !== n) throw new Error(`attach answered ${r.status} with ${r.attached} rows`);
    say(`attach: ${r.attached} certificates in ${r.seconds.toFixed(2)} s = ${(r.attached / r.seconds).toFixed(0)} certificates/s (parse, pair with the issuer, one transaction)`);
    say(`peak RSS of the attaching process: ${r.peakRssMb.toFixed(0)} MB`);
    say(`BENCH ${JSON.stringify({ n, ...r })}`);
  } finally {
    await ca.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:attach failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
