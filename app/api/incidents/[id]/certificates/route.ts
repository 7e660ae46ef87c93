import { AttachInputError, attachCertificates, IncidentNotFoundError } from "@/lib/certificates/attach.server";
import { readCertificateUpload } from "@/lib/http/certificate-upload";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Attach certificates (multipart `certificates` + optional `issuers`, or JSON
 * `{ pem, issuerPem? }`): 201 with the attached rows, or 422 naming file, block and line.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const upload = await readCertificateUpload(request);
  if (!upload.ok) {
    const errors = [{ file: null, block: null, line: null, message: upload.message }];
    return Response.json({ errors }, { status: upload.status });
  }
  try {
    const certificates = await attachCertificates(id, upload.certificates, upload.issuers);
    return Response.json({ certificates }, { status: 201 });
  } catch (e) {
    if (e instanceof AttachInputError) return Response.json({ errors: e.problems }, { status: 422 });
    if (e instanceof IncidentNotFoundError) return Response.json({ error: e.message }, { status: 404 });
    throw e;
  }
}
