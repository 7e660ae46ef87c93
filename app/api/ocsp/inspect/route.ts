import { inspectFiles } from "@/lib/checks/inspect-files";
import { MAX_UPLOAD_BYTES } from "@/lib/http/certificate-upload";
import { BodyError, readLimitedForm } from "@/lib/http/read-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Inspect a stored OCSP response (multipart: `response` file, optional `issuer`, `cert`):
 * the inspection JSON, or 422 saying what the bytes are.
 */
export async function POST(request: Request): Promise<Response> {
  if (Number(request.headers.get("content-length") ?? "0") > MAX_UPLOAD_BYTES) {
    return Response.json({ error: "The upload is over the size limit" }, { status: 413 });
  }
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return Response.json({ error: "Send multipart/form-data with a `response` file" }, { status: 415 });
  }
  let form: FormData;
  try {
    form = await readLimitedForm(request, MAX_UPLOAD_BYTES);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    return Response.json({ error: error.message }, { status: error.status });
  }
  const bytes = async (name: string) => {
    const value = form.get(name);
    if (value === null) return null;
    return typeof value === "string" ? value : new Uint8Array(await value.arrayBuffer());
  };
  const response = await bytes("response");
  if (response === null || typeof response === "string") {
    return Response.json({ error: "response: attach the DER response as a file" }, { status: 422 });
  }
  const outcome = await inspectFiles(response, { issuer: await bytes("issuer"), cert: await bytes("cert") });
  if (!outcome.ok) return Response.json({ error: outcome.message, field: outcome.field }, { status: 422 });
  return Response.json(outcome.inspection);
}
