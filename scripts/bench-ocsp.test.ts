/**
 * `npm run bench:ocsp` with a small N, as part of the suite: every figure must be printed
 * and plausible. No timing thresholds — the machine's speed is not under test.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

interface BenchResult {
  n: number;
  a: number;
  b: number;
  c: number;
  peakRssMb: number;
  e: number;
  checked: number;
  verdicts: Record<string, number>;
  opensslStatuses: Record<string, number>;
}

it("bench:ocsp --n 200 prints the sweep rate, openssl per certificate, responder capacity and peak RSS", { timeout: 180_000 }, async () => {
  const script = path.join(__dirname, "bench-ocsp.ts");
  const proc = spawn(process.execPath, ["--import", "tsx", script, "--n", "200", "--sample", "20", "--responders", "2"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => proc.on("exit", resolve));
  expect(code, stderr).toBe(0);

  for (const label of ["(a) app sweep:", "(b) openssl ocsp per certificate:", "(c) responder capacity:", "(d) sweep peak RSS:", "(e) the same loop, each answer decoded"]) {
    expect(stdout).toContain(label);
  }
  const line = stdout.split("\n").find((l) => l.startsWith("BENCH "));
  const result = JSON.parse(line?.slice("BENCH ".length) ?? "null") as BenchResult;
  expect(result.n).toBe(200);
  expect(result.checked).toBe(200);
  // Every 100th leaf is revoked; the rest must be verified good.
  expect(result.verdicts).toEqual({ good: 198, revoked: 2 });
  expect(result.opensslStatuses).toEqual({ good: 20 });
  for (const rate of [result.a, result.b, result.c, result.e]) expect(rate).toBeGreaterThan(0);
  expect(result.peakRssMb).toBeGreaterThan(20);
  expect(result.peakRssMb).toBeLessThan(4096);
});
