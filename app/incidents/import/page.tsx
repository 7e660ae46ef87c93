import type { Metadata } from "next";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import report" };

export default function ImportPage() {
  return (
    <>
      <h1>Import a Full Incident Report</h1>
      <p className="muted">
        Paste the markdown of a CCADB Full Incident Report as posted in Bugzilla (v3.x template,
        or the older v2.0 layout). Times are converted to UTC; nothing is saved unless the whole
        report imports.
      </p>
      <ImportForm />
    </>
  );
}
