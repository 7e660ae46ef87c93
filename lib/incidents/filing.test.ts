import { describe, expect, it } from "vitest";
import { IncidentFilingInput } from "./filing";

const base = { title: "CA: title", bugNumber: "", status: "draft", whiteboard: "", nextUpdate: "" };
const messages = (input: Partial<typeof base>) => {
  const result = IncidentFilingInput.safeParse({ ...base, ...input });
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("filing details", () => {
  it("keeps whiteboard tags and the free text between them", () => {
    const parsed = IncidentFilingInput.parse({
      ...base,
      whiteboard: "[ca-compliance] [ocsp-failure] Next update 2025-10-15 [x",
    });
    expect(parsed.whiteboard).toEqual(["[ca-compliance]", "[ocsp-failure]", "Next update 2025-10-15 [x"]);
  });

  it("says what is wrong with a bug number or a date", () => {
    expect(messages({ bugNumber: "x12" })).toEqual(["bug number: a positive integer"]);
    expect(messages({ bugNumber: "99999999999" })).toEqual(["bug number: at most 9 digits (Bugzilla's ids)"]);
    expect(messages({ nextUpdate: "2025-02-30" })).toEqual(["next update: not a real calendar date"]);
    expect(messages({ nextUpdate: "30/02/2025" })).toEqual(["next update: a date as YYYY-MM-DD"]);
    expect(messages({ status: "done" })[0]).toMatch(/^status: one of draft, /);
  });

  it("refuses a NUL character (PostgreSQL cannot store one), naming the field", () => {
    expect(messages({ title: "nul\u0000title" })).toEqual(["title: contains a NUL character (U+0000)"]);
    expect(messages({ whiteboard: "[a]\u0000" })).toEqual(["whiteboard: contains a NUL character (U+0000)"]);
  });

  it("turns empty fields into nulls", () => {
    const parsed = IncidentFilingInput.parse({ ...base, title: "  ", bugNumber: "1965804" });
    expect(parsed).toMatchObject({ title: null, bugNumber: 1965804, nextUpdate: null, whiteboard: [] });
  });
});
