import { getIncident } from "@/lib/db/incidents.server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** One incident with every section, as stored. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await params;
  const incident = await getIncident(id);
  if (!incident) return Response.json({ error: `No incident with id ${id}` }, { status: 404 });
  return Response.json(incident);
}
