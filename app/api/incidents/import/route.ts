import { getIncident } from "@/lib/db/incidents.server";
import { BodyError, readLimitedText } from "@/lib/http/read-body";
import { importReport } from "@/lib/incidents/import.server";
import { MAX_REPORT_BYTES } from "@/lib/reports/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const TEXT_TYPES = ["text/markdown", "text/x-markdown", "text/plain", "application/octet-stream"];

/** POST a Full Incident Report as markdown; 201 with the incident, or 422 with errors. */
export async function POST(request: Request): Promise<Response> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type && !TEXT_TYPES.includes(type)) {
    const message =
      `Content-Type ${type} is not accepted: send the report's markdown as the body with ` +
      "Content-Type: text/markdown (curl --data-binary @report.md -H 'Content-Type: text/markdown').";
    return Response.json({ errors: [{ line: 0, message }] }, { status: 415 });
  }

  const url = new URL(request.url);
  const bug = url.searchParams.get("bug");
  if (bug !== null && !/^[1-9]\d{0,9}$/.test(bug)) {
    const message = `?bug=${JSON.stringify(bug)} is not a Bugzilla bug number (a positive integer).`;
    return Response.json({ errors: [{ line: 0, message }] }, { status: 422 });
  }

  let body: string;
  try {
    body = await readLimitedText(request, MAX_REPORT_BYTES);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    const status = error.status === 413 ? 422 : error.status;
    return Response.json({ errors: [{ line: 1, message: error.message }] }, { status });
  }

  const outcome = await importReport(body, {
    title: url.searchParams.get("title"),
    bugNumber: bug === null ? null : Number(bug),
  });
  if (!outcome.ok) return Response.json({ errors: outcome.errors }, { status: 422 });

  const incident = await getIncident(outcome.id);
  return Response.json(
    { ...incident, warnings: outcome.warnings },
    { status: 201, headers: { Location: `/api/incidents/${outcome.id}` } },
  );
}
