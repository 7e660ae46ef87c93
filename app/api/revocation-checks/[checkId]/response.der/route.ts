import { evidenceFile } from "@/lib/checks/evidence";
import { checkEvidence } from "@/lib/db/revocation-reads.server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The raw answer: application/ocsp-response, or application/pkix-crl for a CRL. */
export async function GET(_request: Request, { params }: { params: Promise<{ checkId: string }> }): Promise<Response> {
  const { checkId } = await params;
  const check = await checkEvidence(checkId);
  const file = check ? evidenceFile(check, "response") : null;
  if (!file) return Response.json({ error: `No response bytes for revocation check ${checkId}` }, { status: 404 });
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
    },
  });
}
