import type { Metadata } from "next";
import Link from "next/link";
import { Markdown } from "@/components/incident/markdown";
import { listActionItems } from "@/lib/db/action-items.server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Action items" };

const OPEN = new Set(["Ongoing", "Delayed"]);

type Props = { searchParams: Promise<{ show?: string }> };

export default async function ActionItemsPage({ searchParams }: Props) {
  const showAll = (await searchParams).show === "all";
  const today = new Date().toISOString().slice(0, 10);
  const items = (await listActionItems()).filter((i) => showAll || OPEN.has(i.status));
  const overdue = items.filter((i) => OPEN.has(i.status) && i.dueDate && i.dueDate < today).length;

  return (
    <>
      <h1>Action items across incidents</h1>
      <p>
        {items.length} {showAll ? "action items" : "open action items"}, {overdue} overdue.{" "}
        <Link href={showAll ? "/action-items" : "/action-items?show=all"}>
          {showAll ? "Show open items only" : "Show complete and canceled items too"}
        </Link>
      </p>
      <table aria-label="Action items across incidents">
        <thead>
          <tr>
            <th>Due date</th><th>Status</th><th>Kind</th><th>Action item</th><th>Incident</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => {
            const late = OPEN.has(i.status) && i.dueDate !== null && i.dueDate < today;
            return (
              <tr key={i.id}>
                <td className={late ? "verdict-bad" : undefined}>
                  {i.dueDate ?? (i.dueDateText || "—")}
                  {late && " (overdue)"}
                </td>
                <td>{i.status}</td>
                <td>{i.kind}</td>
                <td><Markdown text={i.text} /></td>
                <td>
                  <Link href={`/incidents/${i.incidentId}`}>{i.incidentTitle ?? "(untitled)"}</Link>
                  <div className="muted">
                    {i.caOwnerName ?? ""}
                    {i.bugNumber ? ` · bug ${i.bugNumber}` : ""}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
