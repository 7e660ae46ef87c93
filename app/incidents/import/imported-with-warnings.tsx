import Link from "next/link";
import type { Problem } from "@/lib/reports/problems";

const box = { border: "1px solid var(--warn)", background: "#fffbeb", padding: "0.5rem 1rem" };

/** A saved import's warnings, each with its line, and the way on to the new incident. */
export function ImportedWithWarnings({ id, warnings }: { id: string; warnings: Problem[] }) {
  return (
    <div role="status" style={box}>
      <p>
        The report was imported, with {warnings.length} warning(s). Check them against the
        incident before filing:
      </p>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>
            {w.line > 0 ? `Line ${w.line}: ` : ""}
            {w.message}
          </li>
        ))}
      </ul>
      <p>
        <Link className="button" href={`/incidents/${id}`}>
          Open the imported incident
        </Link>
      </p>
    </div>
  );
}
