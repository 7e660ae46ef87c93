/**
 * A small Web PKI for sweep tests: one OpenSSL CA, several real `openssl ocsp`
 * responders on 127.0.0.1, optional broken ones (closed port, HTTP 500, silent), a CRL
 * server, and leaves spread over them with the verdicts each should get.
 */
import type { Db } from "@/lib/db/client";
import { createIncident } from "@/lib/db/incidents.server";
import { closedPortUrl, startFixedPeer, startSilentPeer, type TestPeer } from "@/lib/net/test-peers";
import { richReport } from "@/lib/reports/testing/rich-report";
import { createTestCa, type TestCa } from "@/test/support/openssl-ca";
import { freePort, startOpensslResponder, type OpensslResponder } from "@/test/support/openssl-ocsp";
import { attachCertificates } from "@/lib/certificates/attach.server";
import { issueSpreadLeaves, type LeafSpec, type SpreadLeaf } from "./spread-leaves";

/** A leaf with the verdicts a correct sweep stores for it. */
export interface ExpectedLeaf extends SpreadLeaf {
  expect: { ocsp: string; crl: string };
}

/** The running world; `close()` stops every process and removes the CA. */
export interface SweepWorld {
  ca: TestCa;
  leaves: ExpectedLeaf[];
  responders: OpensslResponder[];
  crlPeer: TestPeer;
  close(): Promise<void>;
}

/** Options of {@link startSweepWorld}. */
export interface WorldOptions {
  /** Working `openssl ocsp` responders (default 6). */
  goodResponders?: number;
  /** Leaves per responder URL (default 4). */
  leavesPerUrl?: number;
  /** Add a closed port, an HTTP 500 peer and a silent peer (default true). */
  broken?: boolean;
  /** Revoke the first leaf of each good responder (default true). */
  revokeSome?: boolean;
}

/** Builds and starts the world (a few seconds: keys, then the responders). */
export async function startSweepWorld(options: WorldOptions = {}): Promise<SweepWorld> {
  const { goodResponders = 6, leavesPerUrl = 4, broken = true, revokeSome = true } = options;
  const ca = await createTestCa({ ocspPort: await freePort(), crlPort: await freePort(), keyType: "ec" });
  let crl: Uint8Array = new Uint8Array();
  const crlPeer = await startFixedPeer(() => ({ contentType: "application/pkix-crl", body: crl }));
  const crlUrl = `${crlPeer.url}ca.crl`;
  const peers: TestPeer[] = [crlPeer];

  const ports = await Promise.all(Array.from({ length: goodResponders }, () => freePort()));
  const targets: { url: string; ocsp: string }[] = ports.map((p) => ({ url: `http://127.0.0.1:${p}/`, ocsp: "good" }));
  if (broken) {
    const failing = await startFixedPeer({ status: 500, contentType: "text/plain", body: "responder down" });
    const silent = await startSilentPeer();
    peers.push(failing, silent);
    targets.push({ url: await closedPortUrl(), ocsp: "connection-refused" });
    targets.push({ url: failing.url, ocsp: "http-status" }, { url: silent.url, ocsp: "timeout" });
  }

  const specs: (LeafSpec & { expect: ExpectedLeaf["expect"] })[] = [];
  for (const t of targets) {
    for (let i = 0; i < leavesPerUrl; i++) {
      const revoked = revokeSome && t.ocsp === "good" && i === 0 ? "keyCompromise" : undefined;
      const ocsp = revoked ? "revoked" : t.ocsp;
      specs.push({ ocspUrl: t.url, crlUrl, revoked, expect: { ocsp, crl: revoked ? "revoked" : "not-listed" } });
    }
  }
  specs.push({ ocspUrl: null, crlUrl: null, expect: { ocsp: "no-ocsp-url", crl: "no-crl-url" } });
  const issued = await issueSpreadLeaves(ca, specs);
  const leaves = issued.map((leaf, i) => ({ ...leaf, expect: specs[i]?.expect ?? { ocsp: "", crl: "" } }));
  crl = await ca.generateCrl();

  // Started after index.txt is complete: openssl ocsp reads it once.
  const responders = await Promise.all(ports.map((port) => startOpensslResponder({ ca, port })));
  return {
    ca,
    leaves,
    responders,
    crlPeer,
    async close() {
      await Promise.all([...responders.map((r) => r.stop()), ...peers.map((p) => p.close())]);
      await ca.cleanup();
    },
  };
}

/** A new incident holding the world's leaves (one PEM bundle) and the CA as issuer. */
export async function seedIncident(db: Db, world: SweepWorld): Promise<{ incidentId: string; ids: Map<string, string> }> {
  const report = richReport();
  report.affectedCertificates = [];
  const { id: incidentId } = await createIncident(report, db);
  const bundle = world.leaves.map((l) => l.pem).join("\n");
  const rows = await attachCertificates(incidentId, [{ name: "leaves.pem", bytes: bundle }], [
    { name: "ca.pem", bytes: world.ca.cert.der },
  ], db);
  const ids = new Map(rows.map((r) => [r.serialHex ?? "", r.id]));
  return { incidentId, ids };
}
