import { evidenceDocument } from "@/lib/checks/evidence";
import { checkEvidence } from "@/lib/db/revocation-reads.server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** One check as a downloadable JSON evidence record: bytes in base64, every parsed field. */
export async function GET(_request: Request, { params }: { params: Promise<{ checkId: string }> }): Promise<Response> {
  const { checkId } = await params;
  const check = await checkEvidence(checkId);
  if (!check) return Response.json({ error: `No revocation check with id ${checkId}` }, { status: 404 });
  return new Response(JSON.stringify(await evidenceDocument(check), null, 2), {
    headers: {
      "content-type": "application/json",
      "content-disposition": `attachment; filename="revocation-check-${check.id}.json"`,
    },
  });
}
