import { z } from "zod";
import { BodyError, readLimitedText } from "@/lib/http/read-body";
import {
  detectInterruptedSweeps,
  resumeLatestSweep,
  startSweep,
  SweepConflictError,
} from "@/lib/checks/sweeps.server";
import { zodMessage } from "@/lib/http/certificate-upload";
import {
  certificateStatusCounts,
  certificateStatusPage,
  classifyCertificateIds,
  incidentExists,
  latestSweep,
  type StatusFilter,
} from "@/lib/db/revocation-reads.server";
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, SHOW_VALUES, type Show } from "@/lib/checks/status-page";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const startSchema = z
  .object({
    certificateIds: z.array(z.string().min(1)).min(1).max(100_000).optional(),
    resume: z.literal(true).optional(),
  })
  .strict()
  // A resumed sweep keeps the scope it was started with.
  .refine((b) => !(b.resume && b.certificateIds), {
    message: "give either certificateIds (a new sweep) or resume (the interrupted one), not both",
  });

/**
 * Start a revocation sweep (OCSP + CRL) in the background: 202 `{ sweepId, alreadyRunning }`
 * (alreadyRunning: a running sweep covers the certificates asked for; 409 when it does not);
 * with `{ "resume": true }`, carry on the latest interrupted sweep: 202 `{ sweepId, resumed }`,
 * or 409 when there is none.
 */
export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  let text: string;
  try {
    // 100 000 ids of ~40 characters each fit well under 8 MiB.
    text = await readLimitedText(request, 8 * 1024 * 1024);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    return Response.json({ error: error.message }, { status: error.status });
  }
  let body: unknown = {};
  try {
    if (text.trim()) body = JSON.parse(text);
  } catch {
    return Response.json({ error: "The body is not JSON" }, { status: 400 });
  }
  const parsed = startSchema.safeParse(body);
  if (!parsed.success) return Response.json({ error: zodMessage(parsed.error) }, { status: 400 });
  if (!(await incidentExists(id))) return Response.json({ error: `No incident with id ${id}` }, { status: 404 });
  const location = { Location: `/api/incidents/${id}/revocation-checks` };

  if (parsed.data.resume) {
    try {
      const sweep = await resumeLatestSweep(id);
      return Response.json({ sweepId: sweep.id, resumed: true }, { status: 202, headers: location });
    } catch (error) {
      if (!(error instanceof SweepConflictError)) throw error;
      return Response.json({ error: error.message }, { status: 409 });
    }
  }

  const requested = parsed.data.certificateIds;
  if (requested) {
    const { unknown, hashOnly } = await classifyCertificateIds(id, requested);
    const problems = [
      unknown.length && `certificateIds not in this incident: ${unknown.join(", ")}`,
      hashOnly.length && `certificates known only by hash (attach the PEM or DER first): ${hashOnly.join(", ")}`,
    ].filter(Boolean);
    if (problems.length) return Response.json({ error: problems.join("; ") }, { status: 422 });
  }

  try {
    const { sweep, started } = await startSweep(id, { certificateIds: requested });
    return Response.json({ sweepId: sweep.id, alreadyRunning: !started }, { status: 202, headers: location });
  } catch (error) {
    if (!(error instanceof SweepConflictError)) throw error;
    return Response.json({ error: error.message }, { status: 409 });
  }
}

/** A query parameter written in decimal digits (not "0x10", "1e3" or blank) within [min, max]. */
const wholeNumber = (min: number, max: number) => {
  const message = `a whole number from ${min} to ${max}, in decimal digits`;
  return z
    .string()
    .regex(/^\d{1,15}$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message));
};

const pageSchema = z.object({
  offset: wholeNumber(0, Number.MAX_SAFE_INTEGER).default(0),
  limit: wholeNumber(1, PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  show: z.enum(SHOW_VALUES).default("all"),
});

function filterOf(show: Show): StatusFilter {
  if (show === "all" || show === "attention" || show === "unchecked") return { kind: show };
  return { kind: "verdict", verdict: show };
}

/**
 * The latest sweep's progress, the incident's certificates counted by latest verdict, and
 * one page of certificates with their latest OCSP and CRL checks:
 * `?offset=0&limit=100&show=all|attention|unchecked|<verdict>` (limit at most 1000;
 * `attention` = a latest verdict other than good / not-listed).
 */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  const query = pageSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: `Query: ${zodMessage(query.error)}` }, { status: 400 });
  if (!(await incidentExists(id))) return Response.json({ error: `No incident with id ${id}` }, { status: 404 });
  await detectInterruptedSweeps({ incidentId: id });
  const { offset, limit, show } = query.data;
  const [sweep, counts, page] = await Promise.all([
    latestSweep(id),
    certificateStatusCounts(id),
    certificateStatusPage(id, { offset, limit, filter: filterOf(show) }),
  ]);
  return Response.json({ sweep, counts, show, offset, limit, total: page.total, certificates: page.certificates });
}
