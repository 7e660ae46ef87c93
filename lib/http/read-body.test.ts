import { describe, expect, it } from "vitest";
import { BodyError, readLimitedBytes, readLimitedForm, readLimitedText } from "./read-body";

/** A request whose body arrives in chunks with no Content-Length, as curl -T - sends. */
function chunked(parts: Uint8Array[], type = "text/markdown"): Request {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = parts[pulled++];
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
  return new Request("http://desk.test/", {
    method: "POST",
    body,
    headers: { "content-type": type },
    duplex: "half",
  } as RequestInit);
}

describe("bounded body reading", () => {
  it("stops a chunked body as soon as it passes the limit, without reading the rest", async () => {
    const chunk = new Uint8Array(1024);
    const parts = Array.from({ length: 100 }, () => chunk);
    const error = await readLimitedBytes(chunked(parts), 4096).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyError);
    expect((error as BodyError).status).toBe(413);
    expect((error as BodyError).message).toBe("The body is more than 5120 bytes; the limit is 4096 bytes.");
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const request = new Request("http://desk.test/", {
      method: "POST",
      body: "x".repeat(10),
      headers: { "content-length": "999999" },
    });
    await expect(readLimitedBytes(request, 100)).rejects.toMatchObject({ status: 413 });
  });

  it("reads text under the limit and rejects bytes that are not UTF-8", async () => {
    const text = await readLimitedText(chunked([new TextEncoder().encode("## Full Incident Report\n")]), 100);
    expect(text).toBe("## Full Incident Report\n");
    const binary = chunked([new Uint8Array([0xff, 0xfe, 0x00, 0x80])]);
    await expect(readLimitedText(binary, 100)).rejects.toMatchObject({ status: 400 });
  });

  it("answers 400 for a malformed multipart body and 415 for another type", async () => {
    const garbage = chunked([new TextEncoder().encode("garbage")], "multipart/form-data; boundary=xyz");
    await expect(readLimitedForm(garbage, 100)).rejects.toMatchObject({ status: 400 });
    await expect(readLimitedForm(chunked([], "application/json"), 100)).rejects.toMatchObject({ status: 415 });
  });

  it("parses a well-formed multipart body", async () => {
    const form = new FormData();
    form.append("certificates", new Blob(["-----BEGIN CERTIFICATE-----"]), "leaf.pem");
    const encoded = new Response(form);
    const request = new Request("http://desk.test/", {
      method: "POST",
      body: await encoded.arrayBuffer(),
      headers: { "content-type": encoded.headers.get("content-type") ?? "" },
    });
    const parsed = await readLimitedForm(request, 10_000);
    const file = parsed.get("certificates");
    expect(file).toBeInstanceOf(File);
    expect((file as File).name).toBe("leaf.pem");
  });

  it("reads the media type case-insensitively but keeps the boundary as sent", async () => {
    const form = new FormData();
    form.append("response", new Blob([new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x06])]), "r.der");
    const encoded = new Response(form);
    const type = (encoded.headers.get("content-type") ?? "").replace("multipart/form-data", "Multipart/Form-Data");
    const request = new Request("http://desk.test/", {
      method: "POST",
      body: await encoded.arrayBuffer(),
      headers: { "content-type": type },
    });
    expect((await readLimitedForm(request, 10_000)).get("response")).toBeInstanceOf(File);
  });
});
