import { z } from "zod";
import { detectInterruptedSweeps, startSweep } from "@/lib/checks/sweeps.server";
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

const startSchema = z.object({ certificateIds: z.array(z.string().min(1)).min(1).max(100_000).optional() }).strict();

/** Start a revocation sweep (OCSP + CRL) in the background: 202 `{ sweepId }`. */
export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  const text = await request.text();
  let body: unknown = {};
  try {
    if (text.trim()) body = JSON.parse(text);
  } catch {
    return Response.json({ error: "The body is not JSON" }, { status: 400 });
  }
  const parsed = startSchema.safeParse(body);
  if (!parsed.success) return Response.json({ error: zodMessage(parsed.error) }, { status: 400 });
  if (!(await incidentExists(id))) return Response.json({ error: `No incident with id ${id}` }, { status: 404 });

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
  return Response.json(
    { sweepId: sweep.id, alreadyRunning: !started },
    { status: 202, headers: { Location: `/api/incidents/${id}/revocation-checks` } },
  );
}

/** The latest sweep's progress and every certificate's latest OCSP and CRL check. */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  if (!(await incidentExists(id))) return Response.json({ error: `No incident with id ${id}` }, { status: 404 });
  await detectInterruptedSweeps({ incidentId: id });
  const [sweep, certificates] = await Promise.all([latestSweep(id), certificatesWithLatestChecks(id)]);
  return Response.json({ sweep, certificates });
}
