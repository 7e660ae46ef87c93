/**
 * The sweep as a shell loop would do it: one `openssl ocsp` process per certificate
 * (request, verify against the CA, print the status), on a sample, one after another.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { SpreadLeaf } from "@/lib/checks/testing/spread-leaves";
import { OPENSSL, type TestCa } from "@/test/support/openssl-ca";

const run = promisify(execFile);

/** Checks each leaf with the openssl CLI; returns checks per second and the statuses seen. */
export async function opensslPerCertificate(ca: TestCa, sample: SpreadLeaf[]) {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-openssl-"));
  const statuses: Record<string, number> = {};
  try {
    const files = await Promise.all(
      sample.map(async (leaf, i) => {
        const file = path.join(dir, `leaf-${i}.pem`);
        await writeFile(file, leaf.pem);
        return { file, url: leaf.ocspUrl ?? "" };
      }),
    );
    const started = performance.now();
    for (const { file, url } of files) {
      const args = ["ocsp", "-issuer", ca.certPath, "-cert", file, "-url", url, "-CAfile", ca.certPath];
      const { stdout } = await run(OPENSSL, args);
      const status = /: (good|revoked|unknown)/.exec(stdout)?.[1] ?? "error";
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    const seconds = (performance.now() - started) / 1000;
    return { checks: sample.length, seconds, perSecond: sample.length / seconds, statuses };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
