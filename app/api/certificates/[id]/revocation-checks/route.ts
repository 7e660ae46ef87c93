import { certificateExists, certificateHistory } from "@/lib/db/revocation-reads.server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Every revocation check of one certificate, newest first, without the bytes. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  if (!(await certificateExists(id))) return Response.json({ error: `No certificate with id ${id}` }, { status: 404 });
  return Response.json({ checks: await certificateHistory(id) });
}
