import { listIncidents } from "@/lib/db/incidents.server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Every incident, one summary row each. */
export async function GET(): Promise<Response> {
  return Response.json({ incidents: await listIncidents() });
}
