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
  certificatesWithLatestChecks,
  classifyCertificateIds,
  incidentExists,
  latestSweep,
} from "@/lib/db/revocation-reads.server";

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
 * Start a revocation sweep (OCSP + CRL) in the background: 202 `{ sweepId, alreadyRunning }`;
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

  const { sweep, started } = await startSweep(id, { certificateIds: requested });
  return Response.json({ sweepId: sweep.id, alreadyRunning: !started }, { status: 202, headers: location });
}

/** The latest sweep's progress and every certificate's latest OCSP and CRL check. */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  if (!(await incidentExists(id))) return Response.json({ error: `No incident with id ${id}` }, { status: 404 });
  await detectInterruptedSweeps({ incidentId: id });
  const [sweep, certificates] = await Promise.all([latestSweep(id), certificatesWithLatestChecks(id)]);
  return Response.json({ sweep, certificates });
}
