import { getIncident } from "@/lib/db/incidents.server";
import { importReport } from "@/lib/incidents/import.server";
import { MAX_REPORT_BYTES } from "@/lib/reports/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** POST a Full Incident Report as markdown; 201 with the incident, or 422 with errors. */
export async function POST(request: Request): Promise<Response> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_REPORT_BYTES) {
    return tooLarge(declared);
  }
  const body = await request.text();
  const size = Buffer.byteLength(body, "utf8");
  if (size > MAX_REPORT_BYTES) return tooLarge(size);

  const url = new URL(request.url);
  const bug = url.searchParams.get("bug");
  const outcome = await importReport(body, {
    title: url.searchParams.get("title"),
    bugNumber: bug && /^\d+$/.test(bug) ? Number(bug) : null,
  });
  if (!outcome.ok) return Response.json({ errors: outcome.errors }, { status: 422 });

  const incident = await getIncident(outcome.id);
  return Response.json(
    { ...incident, warnings: outcome.warnings },
    { status: 201, headers: { Location: `/api/incidents/${outcome.id}` } },
  );
}

function tooLarge(size: number): Response {
  const message =
    `The report is ${size} bytes; the limit is ${MAX_REPORT_BYTES} bytes (1 MiB). ` +
    "Move certificate lists to an attachment and import the report text alone.";
  return Response.json({ errors: [{ line: 1, message }] }, { status: 422 });
}
