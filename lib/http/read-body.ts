/**
 * Reading request bodies with a byte limit enforced while streaming, so that a chunked
 * upload with no Content-Length cannot make the server buffer more than the limit.
 * Web-standard Request only, no Next.js.
 */

/** A body over the limit, or one that could not be read as the type it claims. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = "BodyError";
  }
}

/** Reads the whole body as bytes, stopping with a 413 as soon as it passes `limit`. */
export async function readLimitedBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(declared, limit);
  if (!request.body) return new Uint8Array();

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(size, limit, true);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads a UTF-8 text body under `limit` bytes; invalid UTF-8 is a 400 naming the offset. */
export async function readLimitedText(request: Request, limit: number): Promise<string> {
  const bytes = await readLimitedBytes(request, limit);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BodyError(400, "The body is not UTF-8 text (is it a binary file?).");
  }
}

/** Reads a multipart/form-data body under `limit` bytes; a malformed form is a 400. */
export async function readLimitedForm(request: Request, limit: number): Promise<FormData> {
  // Media types are case-insensitive; the boundary parameter is not.
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    throw new BodyError(415, "Send multipart/form-data.");
  }
  const bytes = await readLimitedBytes(request, limit);
  try {
    return await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": type } }).formData();
  } catch {
    throw new BodyError(400, "The multipart/form-data body is malformed (check the boundary).");
  }
}

function tooLarge(size: number, limit: number, atLeast = false): BodyError {
  const how = atLeast ? "more than " : "";
  return new BodyError(413, `The body is ${how}${size} bytes; the limit is ${limit} bytes.`);
}
