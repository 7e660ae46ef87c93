"use client";

import { useActionState } from "react";
import type { FilingFormState } from "@/app/incidents/[id]/actions";
import { StatusOptions } from "./status-labels";


type Props = {
  action: (previous: FilingFormState, form: FormData) => Promise<FilingFormState>;
  values: { title: string; bugNumber: string; status: string; whiteboard: string; nextUpdate: string };
};

/** Edit the Bugzilla-side facts of an incident: bug, title, whiteboard, status. */
export function FilingForm({ action, values }: Props) {
  const [state, submit, pending] = useActionState(action, { errors: [], saved: false });
  return (
    <details>
      <summary>Edit filing details (bug, title, whiteboard, status)</summary>
      <form action={submit} aria-label="Filing details">
        <div className="toolbar">
          <label>
            Bug summary (title)
            <input name="title" defaultValue={values.title} size={50} />
          </label>
          <label>
            Bug number
            <input name="bugNumber" defaultValue={values.bugNumber} inputMode="numeric" size={10} />
          </label>
          <label>
            Status
            <select name="status" defaultValue={values.status}>
              <StatusOptions />
            </select>
          </label>
          <label>
            Whiteboard
            <input name="whiteboard" defaultValue={values.whiteboard} size={40} />
          </label>
          <label>
            Next update
            <input name="nextUpdate" type="date" defaultValue={values.nextUpdate} />
          </label>
          <button type="submit" className="button" disabled={pending}>
            Save
          </button>
          <span role="status" className="muted">
            {state.saved && "Saved."}
          </span>
        </div>
        {state.errors.length > 0 && (
          <div className="errors" role="alert">
            Not saved: {state.errors.join("; ")}
          </div>
        )}
      </form>
    </details>
  );
}
