/**
 * The benchmark's PKI: one OpenSSL CA (RSA-2048 by default, as most public CAs' OCSP
 * responders sign; P-256 with `--key ec`), N leaves whose
 * AIA URLs are spread round-robin over several `openssl ocsp` responders, a CRL server.
 */
import { startFixedPeer, type TestPeer } from "@/lib/net/test-peers";
import { issueSpreadLeaves, type SpreadLeaf } from "@/lib/checks/testing/spread-leaves";
import { createTestCa, type TestCa } from "@/test/support/openssl-ca";
import { freePort, startOpensslResponder, type OpensslResponder } from "@/test/support/openssl-ocsp";

/** The running benchmark PKI. */
export interface BenchPki {
  ca: TestCa;
  leaves: SpreadLeaf[];
  urls: string[];
  issueSeconds: number;
  close(): Promise<void>;
}

/** Issues `n` leaves over `responders` responder URLs and starts the responders. */
export async function startBenchPki(
  n: number,
  responders: number,
  keyType: "rsa" | "ec" = "rsa",
): Promise<BenchPki> {
  const caPorts = { ocspPort: await freePort(), crlPort: await freePort() };
  const ca = await createTestCa({ ...caPorts, keyType, responderKeyType: keyType });
  let crl: Uint8Array = new Uint8Array();
  const crlPeer: TestPeer = await startFixedPeer(() => ({ contentType: "application/pkix-crl", body: crl }));
  const ports = await Promise.all(Array.from({ length: responders }, () => freePort()));
  const urls = ports.map((p) => `http://127.0.0.1:${p}/`);

  const started = performance.now();
  // Every 100th leaf revoked, so both verdicts travel the whole path.
  const specs = Array.from({ length: n }, (_, i) => ({
    ocspUrl: urls[i % urls.length] ?? null,
    crlUrl: `${crlPeer.url}ca.crl`,
    revoked: i % 100 === 99 ? "keyCompromise" : undefined,
  }));
  const leaves = await issueSpreadLeaves(ca, specs, "bench");
  const issueSeconds = (performance.now() - started) / 1000;
  crl = await ca.generateCrl();

  const running: OpensslResponder[] = await Promise.all(ports.map((port) => startOpensslResponder({ ca, port })));
  return {
    ca,
    leaves,
    urls,
    issueSeconds,
    async close() {
      await Promise.all([...running.map((r) => r.stop()), crlPeer.close()]);
      await ca.cleanup();
    },
  };
}
