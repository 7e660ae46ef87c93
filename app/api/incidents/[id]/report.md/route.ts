import { getIncident } from "@/lib/db/incidents.server";
import {
  openActionItems,
  renderClosureSummary,
  renderFullReport,
  renderPreliminaryReport,
} from "@/lib/reports/render";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const RENDERERS = {
  full: renderFullReport,
  preliminary: renderPreliminaryReport,
  closure: renderClosureSummary,
} as const;

/**
 * A report as Bugzilla-ready markdown: the Full report, or `?kind=preliminary|closure`.
 * `?download=1` asks the browser to save it as a file. A closure summary while action
 * items are still open is refused (409) unless `?draft=1`.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await params;
  const query = new URL(request.url).searchParams;
  const kind = query.get("kind") ?? "full";
  if (!(kind in RENDERERS)) {
    return new Response(`Unknown report kind "${kind}": use full, preliminary or closure\n`, {
      status: 400,
    });
  }
  const incident = await getIncident(id);
  if (!incident) return new Response(`No incident with id ${id}\n`, { status: 404 });

  const open = openActionItems(incident);
  if (kind === "closure" && open.length > 0 && !query.has("draft")) {
    const items = open.map((a) => `- ${a.text} (${a.status}, due ${a.dueDate ?? a.dueDateText})`);
    const message =
      `The closure summary states that every action item is complete, but ${open.length} ` +
      `are not:\n${items.join("\n")}\nAdd ?draft=1 to render it anyway.\n`;
    return new Response(message, { status: 409 });
  }

  const headers: Record<string, string> = { "Content-Type": "text/markdown; charset=utf-8" };
  if (query.has("download")) {
    const name = incident.bugNumber ? `bug-${incident.bugNumber}` : `incident-${id}`;
    headers["Content-Disposition"] = `attachment; filename="${name}-${kind}-report.md"`;
  }
  return new Response(RENDERERS[kind as keyof typeof RENDERERS](incident), { headers });
}
