/**
 * Reading certificate uploads from a Request: multipart (`certificates` files, optional
 * `issuers` files) or JSON `{ pem, issuerPem? }`. Web-standard Request only, no Next.js.
 */
import { z } from "zod";
import type { CertificateFile } from "@/lib/certificates/attach-plan";
import { BodyError, readLimitedForm, readLimitedText } from "./read-body";

/** 64 MiB: a 20 000-certificate PEM bundle is about 40 MiB. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export const pemUploadSchema = z.object({
  pem: z.string().min(1, "pem is empty"),
  issuerPem: z.string().optional(),
});

/** The files of an upload, or a problem to answer with 422/413. */
export type UploadReading =
  | { ok: true; certificates: CertificateFile[]; issuers: CertificateFile[] }
  | { ok: false; status: 413 | 415 | 422; message: string };

/** Reads an upload request into named files (names are what errors will cite). */
export async function readCertificateUpload(request: Request): Promise<UploadReading> {
  try {
    return await readUpload(request);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    return { ok: false, status: error.status === 400 ? 422 : error.status, message: error.message };
  }
}

async function readUpload(request: Request): Promise<UploadReading> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES) {
    return { ok: false, status: 413, message: `The upload is ${declared} bytes; the limit is ${MAX_UPLOAD_BYTES}.` };
  }
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("application/json")) {
    let json: unknown;
    try {
      json = JSON.parse(await readLimitedText(request, MAX_UPLOAD_BYTES));
    } catch (error) {
      if (error instanceof BodyError) throw error;
      return { ok: false, status: 422, message: "The body is not JSON; send { \"pem\": \"-----BEGIN…\" }." };
    }
    const parsed = pemUploadSchema.safeParse(json);
    if (!parsed.success) return { ok: false, status: 422, message: zodMessage(parsed.error) };
    const { pem, issuerPem } = parsed.data;
    const issuers = issuerPem ? [{ name: "issuerPem", bytes: issuerPem }] : [];
    return { ok: true, certificates: [{ name: "pem", bytes: pem }], issuers };
  }
  if (!type.startsWith("multipart/form-data")) {
    return { ok: false, status: 415, message: "Send multipart/form-data (certificates, issuers) or JSON { pem }." };
  }
  const form = await readLimitedForm(request, MAX_UPLOAD_BYTES);
  const certificates = await filesOf(form, "certificates");
  if (certificates.length === 0) {
    return { ok: false, status: 422, message: 'The form has no file in the "certificates" field.' };
  }
  return { ok: true, certificates, issuers: await filesOf(form, "issuers") };
}

/** The files (or text values) of a form field, each with its file name. */
export async function filesOf(form: FormData, field: string): Promise<CertificateFile[]> {
  const out: CertificateFile[] = [];
  for (const [i, value] of form.getAll(field).entries()) {
    if (typeof value === "string") out.push({ name: `${field}[${i}]`, bytes: value });
    else out.push({ name: value.name || `${field}[${i}]`, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return out;
}

/** One line per Zod issue: "path: message". */
export function zodMessage(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}
