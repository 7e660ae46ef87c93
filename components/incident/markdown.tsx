import { markdownToSafeHtml } from "@/lib/markdown/to-html";

/** Markdown from a report, rendered through the sanitiser. Empty text shows "N/A". */
export function Markdown({ text }: { text: string | null | undefined }) {
  if (!text || !text.trim()) return <span className="muted">N/A</span>;
  return <div className="md" dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(text) }} />;
}

/** A list of markdown items, or "N/A" when there are none. */
export function MarkdownList({ items }: { items: string[] }) {
  if (items.length === 0) return <span className="muted">N/A</span>;
  return (
    <ul>
      {items.map((item, i) => (
        <li key={i}>
          <Markdown text={item} />
        </li>
      ))}
    </ul>
  );
}
