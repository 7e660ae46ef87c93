"use client";

import { useActionState } from "react";
import { importAction, type ImportFormState } from "./actions";

const initial: ImportFormState = { errors: [], markdown: "" };

/** Paste or upload a Full Incident Report; shows every problem with its line. */
export function ImportForm() {
  const [state, action, pending] = useActionState(importAction, initial);
  return (
    <form action={action}>
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
