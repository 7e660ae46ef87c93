/**
 * The revocation HTTP API, called through the exported route handlers with real
 * Requests, on SQLite and PostgreSQL, against a real openssl ocsp responder.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as certificatesRoute from "@/app/api/incidents/[id]/certificates/route";
import * as sweepsRoute from "@/app/api/incidents/[id]/revocation-checks/route";
import * as historyRoute from "@/app/api/certificates/[id]/revocation-checks/route";
import * as evidenceRoute from "@/app/api/revocation-checks/[checkId]/evidence/route";
import * as responseRoute from "@/app/api/revocation-checks/[checkId]/response.der/route";
import * as requestRoute from "@/app/api/revocation-checks/[checkId]/request.der/route";
import * as inspectRoute from "@/app/api/ocsp/inspect/route";
import { databaseKinds, setupTestDatabase, type TestDatabase } from "@/test/support/databases";
import { startSweepWorld, type SweepWorld } from "@/lib/checks/testing/sweep-world";
import { createIncident } from "@/lib/db/incidents.server";
import { prismaRevocationStore } from "@/lib/db/revocation.server";
import type { NewCheck } from "@/lib/checks/store";
import { isSweepActiveHere, isSweepRunInThisProcess } from "@/lib/checks/sweep";
import { richReport } from "@/lib/reports/testing/rich-report";

const base = "http://desk.test";
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe.each(databaseKinds())("revocation API on %s", (kind) => {
  let world: SweepWorld;
  let fresh: TestDatabase;
  let incidentId: string;

  beforeAll(async () => {
    world = await startSweepWorld({ goodResponders: 1, leavesPerUrl: 3, broken: false });
    fresh = await setupTestDatabase(kind);
    process.env.OUTBOUND_ALLOW_PRIVATE = "1";
    const report = richReport();
    report.affectedCertificates = [];
    incidentId = (await createIncident(report, fresh.db)).id;
  });
  afterAll(async () => {
    await fresh?.cleanup();
    await world?.close();
  });

  it("POST certificates (JSON PEM) → 201 with the attached rows", async () => {
    const pem = world.leaves.map((l) => l.pem).join("\n");
    const res = await certificatesRoute.POST(
      new Request(`${base}/api/incidents/${incidentId}/certificates`, json({ pem, issuerPem: pemOf(world.ca.cert.der) })),
      params({ id: incidentId }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { certificates: { serialHex: string; issuerCertificateId: string | null }[] };
    expect(body.certificates.map((c) => c.serialHex).sort()).toEqual(world.leaves.map((l) => l.serial).sort());
    expect(body.certificates.every((c) => c.issuerCertificateId)).toBe(true);
  });

  it("POST certificates (multipart) with a broken file → 422 naming file, block and line", async () => {
    const form = new FormData();
    form.append("certificates", new File([world.leaves[0]?.pem ?? ""], "good.pem"));
    form.append("certificates", new File(["-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----\n"], "bad.pem"));
    const req = new Request(`${base}/api/incidents/${incidentId}/certificates`, { method: "POST", body: form });
    const res = await certificatesRoute.POST(req, params({ id: incidentId }));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      errors: [{ file: "bad.pem", block: 1, line: 1, message: "line 2 is not base64" }],
    });
  });

  it("POST certificates with an empty and a binary file → 422 saying what each file is", async () => {
    const form = new FormData();
    form.append("certificates", new File([], "empty.pem"));
    form.append("certificates", new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], "bundle.zip"));
    const req = new Request(`${base}/api/incidents/${incidentId}/certificates`, { method: "POST", body: form });
    const res = await certificatesRoute.POST(req, params({ id: incidentId }));
    expect(res.status).toBe(422);
    const neither = "neither PEM (no -----BEGIN CERTIFICATE----- line) nor DER (not an ASN.1 SEQUENCE: first byte 0x50)";
    expect(await res.json()).toEqual({
      errors: [
        { file: "empty.pem", block: null, line: null, message: "the file is empty" },
        { file: "bundle.zip", block: null, line: null, message: neither },
      ],
    });
  });

  it("POST certificates with invalid JSON or a malformed form → 422 naming the body", async () => {
    const url = `${base}/api/incidents/${incidentId}/certificates`;
    const badJson = { method: "POST", headers: { "content-type": "application/json" }, body: '{"pem": ' };
    const badForm = { method: "POST", headers: { "content-type": "multipart/form-data; boundary=xyz" }, body: "x" };
    const answers = await Promise.all(
      [badJson, badForm].map(async (init) => {
        const res = await certificatesRoute.POST(new Request(url, init), params({ id: incidentId }));
        return { status: res.status, body: await res.json() };
      }),
    );
    const only = (message: string) => ({ status: 422, body: { errors: [{ file: null, block: null, line: null, message }] } });
    expect(answers).toEqual([
      only('The body is not JSON; send { "pem": "-----BEGIN…" }.'),
      only("The multipart/form-data body is malformed (check the boundary)."),
    ]);
  });

  it("POST revocation-checks → 202, then GET shows the finished sweep and each latest check", async () => {
    const res = await sweepsRoute.POST(new Request(`${base}/x`, json({})), params({ id: incidentId }));
    expect(res.status).toBe(202);
    const { sweepId } = (await res.json()) as { sweepId: string };
    // The sweep runs in a sweep process, not in the process serving requests, which
    // counts it alive while that process lives, whatever its heartbeat says.
    expect(isSweepRunInThisProcess(sweepId)).toBe(false);
    expect(isSweepActiveHere(sweepId)).toBe(true);

    let body: { sweep: { id: string; status: string; completed: number; total: number }; certificates: Cert[] };
    type Cert = { id: string; serialHex: string; ocsp: { verdict: string } | null; crl: { verdict: string } | null };
    const deadline = Date.now() + 20_000;
    do {
      await new Promise((r) => setTimeout(r, 100));
      body = (await (await sweepsRoute.GET(new Request(`${base}/x`), params({ id: incidentId }))).json()) as typeof body;
    } while (body.sweep.status === "running" && Date.now() < deadline);
    expect(body.sweep).toMatchObject({ id: sweepId, status: "done", completed: world.leaves.length, total: world.leaves.length });
    const verdicts = Object.fromEntries(body.certificates.map((c) => [c.serialHex, [c.ocsp?.verdict, c.crl?.verdict]]));
    expect(verdicts).toEqual(Object.fromEntries(world.leaves.map((l) => [l.serial, [l.expect.ocsp, l.expect.crl]])));
  });

  it("GET a certificate's history (no bytes), its evidence JSON and the raw DER files", async () => {
    const cert = await fresh.db.affectedCertificate.findFirstOrThrow({ where: { incidentId, serialHex: world.leaves[1]?.serial }, select: { id: true } });
    const history = (await (await historyRoute.GET(new Request(`${base}/x`), params({ id: cert.id }))).json()) as {
      checks: Record<string, unknown>[];
    };
    expect(history.checks.map((c) => c.protocol).sort()).toEqual(["crl", "ocsp"]);
    expect(history.checks.every((c) => !("responseBytes" in c) && !("requestBytes" in c))).toBe(true);

    const ocsp = history.checks.find((c) => c.protocol === "ocsp") as { id: string };
    const evidence = await evidenceRoute.GET(new Request(`${base}/x`), params({ checkId: ocsp.id }));
    expect(evidence.headers.get("content-disposition")).toMatch(/^attachment; filename=".*\.json"$/);
    const doc = (await evidence.json()) as {
      verdict: string;
      response: { der: string };
      request: { der: string };
      certificate: { der: string };
      recorded: { fastPath: boolean };
      parsed: { verdict: string; signature: string; response: { responses: unknown[] } };
    };
    expect(doc.verdict).toBe("good");
    // Re-read in full whichever path the sweep took: every parsed field is there.
    expect(doc.parsed).toMatchObject({ verdict: "good", signature: expect.stringMatching(/^valid/) });
    expect(doc.parsed.response.responses).toHaveLength(1);
    expect(doc.certificate.der).toBeTruthy();
    expect(typeof doc.recorded.fastPath).toBe("boolean");

    const der = await responseRoute.GET(new Request(`${base}/x`), params({ checkId: ocsp.id }));
    expect(der.headers.get("content-type")).toBe("application/ocsp-response");
    expect(Buffer.from(await der.arrayBuffer()).toString("base64")).toBe(doc.response.der);
    const request = await requestRoute.GET(new Request(`${base}/x`), params({ checkId: ocsp.id }));
    expect(request.headers.get("content-type")).toBe("application/ocsp-request");

    // Every CRL check serves the sweep's one stored copy of the CRL.
    const crl = history.checks.find((c) => c.protocol === "crl") as { id: string };
    const crlDer = await responseRoute.GET(new Request(`${base}/x`), params({ checkId: crl.id }));
    expect(crlDer.headers.get("content-type")).toBe("application/pkix-crl");
    expect(new Uint8Array(await crlDer.arrayBuffer())[0]).toBe(0x30);
    expect((await requestRoute.GET(new Request(`${base}/x`), params({ checkId: crl.id }))).status).toBe(404);
  });

  it("POST /api/ocsp/inspect: a stored response with its issuer, and a CRL refused with what it is", async () => {
    const check = await fresh.db.revocationCheck.findFirstOrThrow({ where: { protocol: "ocsp", verdict: "good" }, select: { responseBytes: true } });
    const crl = await fresh.db.revocationCheck.findFirstOrThrow({ where: { protocol: "crl", NOT: { responseBytes: null } }, select: { responseBytes: true } });
    const inspect = (response: Uint8Array) => {
      const form = new FormData();
      form.append("response", new File([Buffer.from(response)], "r.der"));
      form.append("issuer", new File([pemOf(world.ca.cert.der)], "ca.pem"));
      return inspectRoute.POST(new Request(`${base}/api/ocsp/inspect`, { method: "POST", body: form }));
    };
    const ok = await inspect(check.responseBytes ?? new Uint8Array());
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ isOcspResponse: true, signature: expect.stringMatching(/^valid/) });
    const refused = await inspect(crl.responseBytes ?? new Uint8Array());
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: string }).error).toMatch(/not an OCSP response; they are a CRL/);
  });

  it("GET pages and filters the certificates, and counts them by latest verdict", async () => {
    type Page = { total: number; offset: number; limit: number; certificates: { serialHex: string }[]; counts: { ocsp: Record<string, number>; attention: number } };
    const get = async (query: string) => {
      const res = await sweepsRoute.GET(new Request(`${base}/x?${query}`), params({ id: incidentId }));
      return { status: res.status, body: (await res.json()) as Page & { error?: string } };
    };
    const n = world.leaves.length;
    const second = await get("offset=1&limit=1");
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ total: n, offset: 1, limit: 1 });
    expect(second.body.certificates).toHaveLength(1);
    const expectedOcsp: Record<string, number> = {};
    for (const l of world.leaves) expectedOcsp[l.expect.ocsp] = (expectedOcsp[l.expect.ocsp] ?? 0) + 1;
    expect(second.body.counts.ocsp).toEqual(expectedOcsp);

    const settled = new Set(["good", "not-listed"]);
    const needing = world.leaves.filter((l) => !settled.has(l.expect.ocsp) || !settled.has(l.expect.crl));
    const attention = await get("show=attention");
    expect(attention.body.counts.attention).toBe(needing.length);
    expect(attention.body.certificates.map((c) => c.serialHex).sort()).toEqual(needing.map((l) => l.serial).sort());
    const good = await get("show=good");
    expect(good.body.total).toBe(world.leaves.filter((l) => l.expect.ocsp === "good").length);
  });

  it("GET refuses a bad page or filter with 400 naming the parameter", async () => {
    const errorOf = async (query: string) => {
      const res = await sweepsRoute.GET(new Request(`${base}/x?${query}`), params({ id: incidentId }));
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: string }).error;
    };
    expect(await errorOf("limit=0")).toMatch(/^Query: limit: /);
    expect(await errorOf("limit=1001")).toMatch(/^Query: limit: /);
    expect(await errorOf("offset=-1")).toMatch(/^Query: offset: /);
    expect(await errorOf("offset=abc")).toMatch(/^Query: offset: /);
    expect(await errorOf("show=whatever")).toMatch(/^Query: show: /);
    expect(await errorOf("limit=")).toBe("Query: limit: a whole number from 1 to 1000, in decimal digits");
    expect(await errorOf("offset=0x10")).toMatch(/^Query: offset: a whole number from 0 to /);
    expect(await errorOf("offset=1e3")).toMatch(/^Query: offset: /);
  });

  it("404 for an unknown incident, 400 for a bad body", async () => {
    expect((await sweepsRoute.GET(new Request(`${base}/x`), params({ id: "nope" }))).status).toBe(404);
    const bad = await sweepsRoute.POST(new Request(`${base}/x`, json({ certificateIds: "all" })), params({ id: incidentId }));
    expect(bad.status).toBe(400);
  });

  it("422 for certificate ids that are not in the incident, saying which", async () => {
    const response = await sweepsRoute.POST(
      new Request(`${base}/x`, json({ certificateIds: ["no-such-certificate"] })),
      params({ id: incidentId }),
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toBe(
      "certificateIds not in this incident: no-such-certificate",
    );
  });
  type SweepBody = { sweep: { id: string; status: string; completed: number; total: number } };
  const getState = async () =>
    (await (await sweepsRoute.GET(new Request(`${base}/x`), params({ id: incidentId }))).json()) as SweepBody;
  const post = async (body: unknown) => {
    const res = await sweepsRoute.POST(new Request(`${base}/x`, json(body)), params({ id: incidentId }));
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  // A sweep of all the incident's certificates, as another process would have created it.
  const sweepRow = async (startedAt: Date, heartbeatAt: Date) => {
    const total = await fresh.db.affectedCertificate.count({ where: { incidentId, der: { not: null } } });
    return fresh.db.revocationSweep.create({
      data: { incidentId, status: "running", total, completed: 0, startedAt, heartbeatAt },
      select: { id: true },
    });
  };

  const statusOf = async (id: string) =>
    (await fresh.db.revocationSweep.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

  it("GET marks a running sweep whose heartbeat stopped 15 s ago (server killed) interrupted", async () => {
    const stale = new Date(Date.now() - 15_000);
    const dead = await sweepRow(stale, stale);
    await getState();
    expect(await statusOf(dead.id)).toBe("interrupted");
  });

  it("a sweep another process runs (fresh heartbeat, nothing written for minutes) is left running", async () => {
    const live = await sweepRow(new Date(Date.now() - 5 * 60_000), new Date());
    expect(await post({})).toEqual({ status: 202, body: { sweepId: live.id, alreadyRunning: true } });
    const refused = await post({ resume: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(new RegExp(`^Nothing to resume: sweep ${live.id} of incident .* is still running`));
    expect(await statusOf(live.id)).toBe("running");
    await fresh.db.revocationSweep.update({ where: { id: live.id }, data: { status: "done", finishedAt: new Date() } });
  });

  it("POST { resume: true } carries on the interrupted sweep, checking only certificates it had not reached", async () => {
    const store = prismaRevocationStore(fresh.db);
    const sweep = await store.createSweep(incidentId, null, new Date());
    const [first] = await fresh.db.affectedCertificate.findMany({ where: { incidentId }, orderBy: { id: "asc" }, take: 1, select: { id: true } });
    const before = (protocol: "ocsp" | "crl"): NewCheck => ({
      id: randomUUID(), certificateId: first?.id ?? "", sweepId: sweep.id, protocol, url: "", method: null,
      startedAt: new Date(), durationMs: 1, httpStatus: null, contentType: null, requestBytes: null,
      responseBytes: null, parsedJson: null, verdict: "check-failed", verdictDetail: "written before the crash",
    });
    await store.insertChecks(sweep.id, [before("ocsp"), before("crl")], 1);
    await store.finishSweep(sweep.id, "interrupted", new Date());
    const total = world.leaves.length;
    expect((await getState()).sweep).toMatchObject({ id: sweep.id, status: "interrupted", completed: 1, total });

    const res = await sweepsRoute.POST(new Request(`${base}/x`, json({ resume: true })), params({ id: incidentId }));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ sweepId: sweep.id, resumed: true });
    let state = await getState();
    for (const deadline = Date.now() + 20_000; state.sweep.status === "running" && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 100));
      state = await getState();
    }
    expect(state.sweep).toMatchObject({ id: sweep.id, status: "done", completed: total, total });

    const checks = await fresh.db.revocationCheck.findMany({ where: { sweepId: sweep.id }, select: { certificateId: true, verdictDetail: true } });
    expect(checks).toHaveLength(2 * total);
    const kept = checks.filter((c) => c.certificateId === first?.id).map((c) => c.verdictDetail);
    expect(kept).toEqual(["written before the crash", "written before the crash"]);
  });

  it("POST { resume: true } with nothing interrupted → 409 saying why; with certificateIds too → 400", async () => {
    const refused = await post({ resume: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/^Nothing to resume: the latest sweep of incident .* is done, not interrupted$/);
    expect((await post({ resume: true, certificateIds: ["x"] })).status).toBe(400);
    expect((await post({ resume: false })).status).toBe(400);
  });
});

function pemOf(der: Uint8Array): string {
  return `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;
}
