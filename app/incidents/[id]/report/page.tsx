import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyButton } from "@/components/ui/copy-button";
import { getIncident } from "@/lib/db/incidents.server";
import { markdownToSafeHtml } from "@/lib/markdown/to-html";
import {
  openActionItems,
  renderClosureSummary,
  renderFullReport,
  renderPreliminaryReport,
} from "@/lib/reports/render";

export const dynamic = "force-dynamic";

const KINDS = {
  full: { label: "Full Incident Report", render: renderFullReport },
  preliminary: { label: "Preliminary report", render: renderPreliminaryReport },
  closure: { label: "Closure summary", render: renderClosureSummary },
} as const;
type Kind = keyof typeof KINDS;

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ kind?: string }>;
};

export default async function ReportPage({ params, searchParams }: Props) {
  const { id } = await params;
  const requested = (await searchParams).kind ?? "full";
  const kind: Kind = requested in KINDS ? (requested as Kind) : "full";
  const incident = await getIncident(id);
  if (!incident) notFound();

  const markdown = KINDS[kind].render(incident);
  const open = kind === "closure" ? openActionItems(incident) : [];
  const draft = open.length > 0 ? "&draft=1" : "";
  const downloadHref = `/api/incidents/${id}/report.md?kind=${kind}&download=1${draft}`;
  return (
    <>
      <h1>
        <Link href={`/incidents/${id}`}>{incident.title ?? "Incident"}</Link> — {KINDS[kind].label}
      </h1>
      <nav className="toolbar" aria-label="Report kind">
        {(Object.keys(KINDS) as Kind[]).map((k) => (
          <Link
            key={k}
            href={`/incidents/${id}/report?kind=${k}`}
            className={k === kind ? "button" : "button secondary"}
            aria-current={k === kind ? "page" : undefined}
          >
            {KINDS[k].label}
          </Link>
        ))}
      </nav>
      {open.length > 0 && (
        <div className="errors" role="note">
          Not ready to post: the closure summary says every action item is complete, but{" "}
          {open.length} {open.length === 1 ? "is" : "are"} still open (
          {open.map((a) => `${a.text}: ${a.status}`).join("; ")}).
        </div>
      )}
      <div className="toolbar">
        <CopyButton text={markdown} />
        <a className="button secondary" href={downloadHref} download>
          Download .md
        </a>
      </div>
      <div className="report-layout">
        <section aria-label="Markdown">
          <pre data-testid="report-markdown">{markdown}</pre>
        </section>
        <section aria-label="Preview" className="preview">
          <div className="md" dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(markdown) }} />
        </section>
      </div>
    </>
  );
}
