/**
 * The HTTP API of issue "import, store, show and render", called through the route
 * handlers themselves (the same functions Next.js serves) on SQLite and PostgreSQL.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getIncidentRoute } from "@/app/api/incidents/[id]/route";
import { GET as getReportRoute } from "@/app/api/incidents/[id]/report.md/route";
import { POST as importRoute } from "@/app/api/incidents/import/route";
import { GET as listRoute } from "@/app/api/incidents/route";
import { runCommand } from "@/scripts/cli/commands";
import { databaseKinds, setupTestDatabase, type TestDatabase } from "@/test/support/databases";

const SEED = readFileSync(new URL("../fixtures/reports/sheca-2025-ocsp-rollback.md", import.meta.url), "utf8");
const SHA_A = "87da4f8a47e4ec0da0b69047d02a51f3fe0f413c308a59160891ebf166c2b5e0";

const post = (body: string, query = "") =>
  importRoute(new Request(`http://desk.test/api/incidents/import${query}`, { method: "POST", body }));
const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function count(): Promise<number> {
  const response = await listRoute();
  return ((await response.json()) as { incidents: unknown[] }).incidents.length;
}

describe.each(databaseKinds())("the incidents API on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await setupTestDatabase(kind);
  });
  afterAll(() => t.cleanup());

  it("imports the seed report: 201, the stored incident, and a Location", async () => {
    const response = await post(SEED, "?bug=1965000&title=SHECA%3A%20OCSP%20unknown");
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(response.headers.get("Location")).toBe(`/api/incidents/${body.id}`);
    expect(body.bugNumber).toBe(1965000);
    expect(body.title).toBe("SHECA: OCSP unknown");
    expect(body.caOwner.name).toBe("Shanghai Electronic Certification Authority Co., Ltd.");
    expect(body.affectedCertificates.map((c: { certificateSha256: string }) => c.certificateSha256)).toContain(SHA_A);
    expect(body.timeline[0].at).toBe("2025-05-07T01:09:00.000Z");
    expect(body.actionItems.map((a: { dueDate: string }) => a.dueDate)).toEqual([
      "2025-05-12",
      "2025-05-16",
      "2025-05-25",
    ]);

    const again = await getIncidentRoute(new Request("http://desk.test"), params(body.id));
    expect(again.status).toBe(200);
    const stored = await again.json();
    delete body.warnings;
    expect(stored).toEqual(body);
  });

  it("serves the report as text/markdown that imports to the same data", async () => {
    const created = await (await post(SEED)).json();
    const response = await getReportRoute(new Request("http://desk.test/x?download=1"), params(created.id));
    expect(response.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename=".*full-report\.md"$/);
    const markdown = await response.text();
    expect(markdown.startsWith("## Full Incident Report\n")).toBe(true);

    const reimported = await (await post(markdown)).json();
    const strip = ({ id: _i, createdAt: _c, updatedAt: _u, warnings: _w, ...rest }: Record<string, unknown>) => rest;
    expect(strip(reimported)).toEqual(strip(created));
  });

  it("answers 422 with every problem and its line, and saves nothing", async () => {
    const before = await count();
    const broken = SEED.replace("| Due Date   | Status  |", "| Due Date   |").replace(
      "- **2025-05-07 09:20:00** A script",
      "- **2025-13-45 09:20:00** A script",
    );
    const response = await post(broken);
    expect(response.status).toBe(422);
    const { errors } = (await response.json()) as { errors: { line: number; message: string }[] };
    const lines = SEED.split("\n");
    const tableLine = lines.findIndex((l) => l.startsWith("| Action Item")) + 1;
    const dateLine = lines.findIndex((l) => l.includes("09:20:00** A script")) + 1;
    expect(errors.map((e) => e.line)).toEqual(expect.arrayContaining([tableLine, dateLine]));
    expect(await count()).toBe(before);
  });

  it("refuses an empty body and a body over 1 MiB with 422", async () => {
    const before = await count();
    const empty = await post("   \n");
    expect(empty.status).toBe(422);
    const huge = await post(SEED + "x".repeat(5 * 1024 * 1024));
    expect(huge.status).toBe(422);
    const { errors } = await huge.json();
    expect(errors[0].message).toMatch(/limit/);
    expect(await count()).toBe(before);
  });

  it("refuses other content types with 415 and a bad ?bug with 422, saving nothing", async () => {
    const before = await count();
    const form = new FormData();
    form.append("file", new Blob([SEED]), "report.md");
    const multipart = await importRoute(
      new Request("http://desk.test/api/incidents/import", { method: "POST", body: form }),
    );
    expect(multipart.status).toBe(415);
    expect((await multipart.json()).errors[0].message).toMatch(/^Content-Type multipart\/form-data is not accepted/);

    const badBug = await post(SEED, "?bug=abc");
    expect(badBug.status).toBe(422);
    expect((await badBug.json()).errors[0].message).toBe('?bug="abc" is not a Bugzilla bug number (a positive integer).');
    expect(await count()).toBe(before);
  });

  it("stops a chunked 5 MB upload at the limit and saves nothing", async () => {
    const before = await count();
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 80) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await importRoute(
      new Request("http://desk.test/api/incidents/import", {
        method: "POST",
        body,
        headers: { "content-type": "text/markdown" },
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].message).toMatch(/limit is 1048576 bytes/);
    expect(sent).toBeLessThan(40);
    expect(await count()).toBe(before);
  });

  it("refuses a closure summary while action items are open, unless asked for a draft", async () => {
    const created = await (await post(SEED)).json();
    const refused = await getReportRoute(new Request("http://desk.test/x?kind=closure"), params(created.id));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("- Fix transaction issue (Ongoing, due 2025-05-12)");

    const draft = await getReportRoute(new Request("http://desk.test/x?kind=closure&draft=1"), params(created.id));
    expect(draft.status).toBe(200);
    const markdown = await draft.text();
    expect(markdown).toContain("### Report Closure Summary");
    expect(markdown).toContain("**Incident Root Cause(s):** Contributing Factor #1");
  });

  it("the CLI refuses a closure summary with open action items unless --draft", async () => {
    const created = await (await post(SEED)).json();
    await expect(runCommand(["report", created.id, "--kind", "closure"])).rejects.toThrow(
      "the closure summary says every action item is complete, but 3 are open; add --draft to print it anyway",
    );
  });

  it("answers 404 for an unknown incident", async () => {
    expect((await getIncidentRoute(new Request("http://desk.test"), params("nope"))).status).toBe(404);
    expect((await getReportRoute(new Request("http://desk.test/x"), params("nope"))).status).toBe(404);
  });
});
