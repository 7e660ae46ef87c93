/**
 * `npm run bench:ocsp [-- --n 23000 --responders 1 --sample 200 --key rsa|ec --heap-mb 256 --profile DIR]`: how fast the
 * app's revocation sweep checks certificates against real `openssl ocsp` responders, next to
 * (b) one `openssl ocsp` process per certificate and (c) the responders' raw capacity.
 * By default ONE responder, the setup of the report it answers (about 800 answers/s and an
 * `openssl ocsp` loop at about 77/s on 2 cores); `--responders N` spreads the leaves over N.
 * Prints one line per figure and a final `BENCH {json}` line for scripts.
 */
import { rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { readBasicResponse } from "@/lib/checks/fast/basic-response";
import { launchSweepProcess, sweepProcessArgs } from "@/lib/checks/sweep-process.server";
import { disconnectDatabase } from "@/lib/db/client";
import { prismaRevocationStore } from "@/lib/db/revocation.server";
import { parseCertificateDer } from "@/lib/pki/certificate";
import { buildOcspRequest } from "@/lib/revocation/ocsp-request";
import { cpuSecondsOf } from "./bench/cpu";
import { opensslPerCertificate } from "./bench/openssl-sample";
import { startBenchPki } from "./bench/pki";
import { measureCapacity, requestsFromTemplate } from "./bench/raw-load";
import { seedBenchDatabase } from "./bench/seed";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive integer`);
  return value;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const fixed = (x: number, digits = 1) => x.toFixed(digits);

/**
 * The sweep as the app runs it: created in the database, then run by the app's sweep
 * process (same runner, same Node.js flags), whose peak memory is the sweep's alone.
 */
async function sweepInChild(url: string, incidentId: string) {
  process.env.DATABASE_URL = url;
  const store = prismaRevocationStore();
  const sweep = await store.createSweep(incidentId, null, new Date());
  await disconnectDatabase();
  // --profile DIR writes a V8 CPU profile of the sweep process into DIR.
  const at = process.argv.indexOf("--profile");
  const profile = at >= 0 ? ["--cpu-prof", `--cpu-prof-dir=${process.argv[at + 1] ?? "."}`] : [];
  const extra = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
  const proc = launchSweepProcess(sweep.id, {
    nodeFlags: [...profile, ...extra],
    stdout: "pipe",
    env: { ...process.env, OUTBOUND_ALLOW_PRIVATE: "1" },
  });
  let out = "";
  proc.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => proc.on("exit", resolve));
  if (process.env.BENCH_CHILD_LOG) writeFileSync(process.env.BENCH_CHILD_LOG, out);
  if (code !== 0) throw new Error(`the sweep process exited with ${code}`);
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as {
    summary: { checkedNow: number; verdicts: { ocsp: Record<string, number> } };
    seconds: number;
    peakRssMb: number;
    cpuSeconds: number;
  };
}

/**
 * Checks per second that `cores` can sustain when each costs `responderMs` of CPU in one
 * of `responders` single-threaded `openssl ocsp` processes and `clientMs` in the client.
 */
function ceilingPerSecond(cores: number, responders: number, responderMs: number, clientMs: number): number {
  const byCores = (1000 * cores) / (responderMs + clientMs);
  const byResponders = responderMs > 0 ? (1000 * Math.min(responders, cores)) / responderMs : Infinity;
  return Math.min(byCores, byResponders);
}

async function main(): Promise<void> {
  const n = flag("n", 23_000);
  const responders = flag("responders", 1);
  const sampleSize = Math.min(flag("sample", 200), n);
  const key = process.argv.includes("--key") ? process.argv[process.argv.indexOf("--key") + 1] : "rsa";
  if (key !== "rsa" && key !== "ec") throw new Error("--key takes rsa or ec");
  say(`bench:ocsp n=${n} responders=${responders} sample=${sampleSize} key=${key}`);

  const pki = await startBenchPki(n, responders, key);
  let dbFile = "";
  try {
    say(`setup: ${n} leaves issued in ${fixed(pki.issueSeconds)} s`);
    const seeded = await seedBenchDatabase(pki.leaves, pki.ca.cert);
    dbFile = seeded.file;

    // (c) first, with the responders idle otherwise.
    const first = pki.leaves[0];
    if (!first) throw new Error("no leaves");
    const template = await buildOcspRequest(parseCertificateDer(first.der), pki.ca.cert);
    const count = Math.min(Math.max(n, 2000), 20_000);
    const targets = Array.from({ length: count }, (_, i) => pki.leaves[i % n] ?? first);
    const ders = requestsFromTemplate(template.der, first.serial, targets.map((l) => l.serial));
    const responderCpu = () => cpuSecondsOf(pki.ca.indexPath);
    const cpuBeforeC = responderCpu();
    const capacity = await measureCapacity(targets.map((l, i) => ({ url: l.ocspUrl ?? "", der: ders[i] ?? template.der })), 32);
    const c = capacity.perSecond;
    say(`(c) responder capacity: ${capacity.ok} POSTs answered in ${fixed(capacity.seconds, 2)} s = ${fixed(c)} responses/s (not verified; ${capacity.failed} failed)`);

    const cpuPerAnswerC = (1000 * (responderCpu() - cpuBeforeC)) / Math.max(capacity.ok, 1);

    // (e) The same loop, reading each answer the way the sweep's fast path does (one
    // decode with asn1js under @peculiar/asn1-schema), nothing verified or stored: no
    // sweep built on these libraries can go faster than this on this machine.
    const requests = targets.map((l, i) => ({ url: l.ocspUrl ?? "", der: ders[i] ?? template.der }));
    const cpuBeforeE = responderCpu();
    const decoding = await measureCapacity(requests, 32, (body) => void readBasicResponse(body));
    const e = decoding.perSecond;
    const cpuPerAnswerE = (1000 * (responderCpu() - cpuBeforeE)) / Math.max(decoding.ok, 1);
    say(`(e) the same loop, each answer decoded as the sweep decodes it (not verified, not stored): ${fixed(e)} responses/s = ${fixed((100 * e) / c)} % of (c)`);
    // (f) What the machine's cores allow: every answer costs the responder r and the client
    // at least k (the loop of (e), which only fetches and decodes), so no client, however many
    // threads or processes it uses, checks more than cores / (r + k) per second here.
    const cores = availableParallelism();
    const f = ceilingPerSecond(cores, responders, cpuPerAnswerE, decoding.clientCpuMsPerAnswer);
    say(`(f) ceiling on ${cores} cores: responder ${fixed(cpuPerAnswerE, 2)} ms + client ${fixed(decoding.clientCpuMsPerAnswer, 2)} ms of CPU per answer in (e) (fetch + decode only) => at most ${fixed(f)} checks/s = ${fixed((100 * f) / c)} % of (c), with every core busy`);
    const cpuBeforeA = responderCpu();
    // --heap-mb: a hard old-space limit for the sweep process, as SWEEP_HEAP_MB sets it in the app.
    if (process.argv.includes("--heap-mb")) process.env.SWEEP_HEAP_MB = String(flag("heap-mb", 256));
    const heapFlags = sweepProcessArgs("ID").filter((a) => a.startsWith("--") && a !== "--import");
    const sweep = await sweepInChild(seeded.url, seeded.incidentId);
    const cpuPerAnswerA = (1000 * (responderCpu() - cpuBeforeA)) / Math.max(sweep.summary.checkedNow, 1);
    const a = sweep.summary.checkedNow / sweep.seconds;
    const verdicts = Object.entries(sweep.summary.verdicts.ocsp).map(([v, k]) => `${v} ${k}`).join(", ");
    say(`(a) app sweep: ${sweep.summary.checkedNow} certificates in ${fixed(sweep.seconds, 2)} s = ${fixed(a)} checks/s (OCSP verified + CRL, stored in SQLite; ${verdicts})`);

    const sample = await opensslPerCertificate(pki.ca, pki.leaves.slice(0, sampleSize));
    const b = sample.perSecond;
    say(`(b) openssl ocsp per certificate: ${sample.checks} in ${fixed(sample.seconds, 2)} s = ${fixed(b)} checks/s; ${n} would take ${fixed(n / b, 0)} s`);
    say(`(d) sweep peak RSS: ${fixed(sweep.peakRssMb)} MB (the app's sweep process, ${heapFlags.join(" ")}; the runtime alone, with tsx, Prisma's query compiler and pkijs loaded, is about 165 MB)`);
    const sweepCpuMs = (1000 * sweep.cpuSeconds) / Math.max(sweep.summary.checkedNow, 1);
    const aCeiling = ceilingPerSecond(cores, responders, cpuPerAnswerA, sweepCpuMs);
    say(`responder CPU per answer: ${fixed(cpuPerAnswerC, 2)} ms during (c), ${fixed(cpuPerAnswerA, 2)} ms during (a); client CPU per answer: ${fixed(capacity.clientCpuMsPerAnswer, 2)} ms in (c), ${fixed(decoding.clientCpuMsPerAnswer, 2)} ms in (e), ${fixed(sweepCpuMs, 2)} ms in the sweep process (a), whose cost would allow at most ${fixed(aCeiling)} checks/s = ${fixed((100 * aCeiling) / c)} % of (c) even spread over all ${cores} cores`);
    say(`ratio a/c: ${fixed((100 * a) / c)} % (target >= 80 %), a/e: ${fixed((100 * a) / e)} %, a/b: ${fixed(a / b)}x`);
    say(`BENCH ${JSON.stringify({ n, responders, cores, a, b, c, e, f, peakRssMb: sweep.peakRssMb, responderCpuMsPerAnswer: { c: cpuPerAnswerC, e: cpuPerAnswerE, a: cpuPerAnswerA }, clientCpuMsPerAnswer: { c: capacity.clientCpuMsPerAnswer, e: decoding.clientCpuMsPerAnswer, a: sweepCpuMs }, checked: sweep.summary.checkedNow, verdicts: sweep.summary.verdicts.ocsp, opensslStatuses: sample.statuses })}`);
  } finally {
    await pki.close();
    if (dbFile && !process.argv.includes("--keep-db")) rmSync(dbFile, { force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:ocsp failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
