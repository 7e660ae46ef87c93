"use client";

import { useState } from "react";

/** Copies `text` to the clipboard and says whether it worked. */
export function CopyButton({ text, label = "Copy markdown" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <>
      <button type="button" className="button" onClick={copy}>
        {label}
      </button>
      <span role="status" className="muted" style={{ marginLeft: "0.5rem" }}>
        {state === "copied" && "Copied to the clipboard."}
        {state === "failed" && "The browser refused the clipboard; select the text instead."}
      </span>
    </>
  );
}
