"use client";

import { type FormEvent, useActionState, useState } from "react";
import { importAction, type ImportFormState } from "./actions";
import { ImportedWithWarnings } from "./imported-with-warnings";

const initial: ImportFormState = { errors: [], markdown: "" };
const MAX_REPORT_BYTES = 1024 * 1024;

/** Paste or upload a Full Incident Report; shows every problem with its line. */
export function ImportForm() {
  const [state, action, pending] = useActionState(importAction, initial);
  const [tooBig, setTooBig] = useState<string | null>(null);

  // Checked here too: the server would refuse the request before the action could answer.
  function checkSize(event: FormEvent<HTMLFormElement>) {
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (file instanceof File && file.size > MAX_REPORT_BYTES) {
      event.preventDefault();
      setTooBig(`${file.name} is ${file.size} bytes; the limit is ${MAX_REPORT_BYTES} bytes (1 MiB).`);
      return;
    }
    const pasted = new TextEncoder().encode(String(form.get("markdown") ?? "")).length;
    if (!(file instanceof File && file.size > 0) && pasted > MAX_REPORT_BYTES) {
      event.preventDefault();
      setTooBig(`The pasted text is ${pasted} bytes; the limit is ${MAX_REPORT_BYTES} bytes (1 MiB).`);
      return;
    }
    setTooBig(null);
  }

  return (
    <form action={action} onSubmit={checkSize}>
      {tooBig && (
        <div className="errors" role="alert">
          <p>Nothing was saved. {tooBig}</p>
        </div>
      )}
      {state.imported && <ImportedWithWarnings {...state.imported} />}
      {state.errors.length > 0 && (
        <div className="errors" role="alert">
          <p>Nothing was saved. The report has {state.errors.length} problem(s):</p>
          <ul>
            {state.errors.map((e, i) => (
              <li key={i}>
                {e.line > 0 ? `Line ${e.line}: ` : ""}
                {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="toolbar">
        <label>
          Bugzilla summary (title)
          <input name="title" size={60} placeholder="CA Owner: short title" />
        </label>
        <label>
          Bug number
          <input name="bugNumber" inputMode="numeric" size={10} />
        </label>
        <label>
          Markdown file
          <input type="file" name="file" accept=".md,.markdown,.txt,text/markdown,text/plain" />
        </label>
      </div>
      <label htmlFor="markdown">Or paste the report’s markdown</label>
      <textarea
        id="markdown"
        name="markdown"
        className="mono"
        rows={24}
        style={{ width: "100%" }}
        defaultValue={state.markdown}
        key={state.markdown}
      />
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Importing…" : "Import"}
        </button>
      </p>
    </form>
  );
}
