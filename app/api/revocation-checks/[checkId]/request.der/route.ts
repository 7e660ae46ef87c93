import { evidenceFile } from "@/lib/checks/evidence";
import { checkEvidence } from "@/lib/db/revocation-reads.server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The OCSP request as sent (application/ocsp-request); 404 for a CRL check. */
export async function GET(_request: Request, { params }: { params: Promise<{ checkId: string }> }): Promise<Response> {
  const { checkId } = await params;
  const check = await checkEvidence(checkId);
  const file = check ? evidenceFile(check, "request") : null;
  if (!file) return Response.json({ error: `No request bytes for revocation check ${checkId}` }, { status: 404 });
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
    },
  });
}
