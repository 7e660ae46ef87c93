import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./markdown";
import { escapeCell, readCell, renderTable, unescapeCell } from "./tables";

const TRICKY = [
  "plain",
  "a | b",
  "a \\| b",
  "ends with a pipe |",
  "| starts with a pipe",
  "two\\\\| backslashes",
  "three\\\\\\| backslashes",
  "line one\nline two",
  "line one\n  indented\n\nafter a blank line",
  "`code | with pipe`",
  "[link | text](https://example.com/?q=a|b)",
  "**bold | text**",
  "ends with a backslash \\",
  "Ünïcode ✅ 日本語",
  "",
];

describe("table cells", () => {
  it("read back every value exactly after rendering, with the rows intact", () => {
    const md = renderTable(["A", "B"], TRICKY.map((value) => [value, "next"]));
    const table = parseMarkdown(md).children[0];
    expect(table?.type).toBe("table");
    if (table?.type !== "table") return;
    expect(table.children).toHaveLength(TRICKY.length + 1);
    table.children.slice(1).forEach((row, i) => {
      expect(row.children).toHaveLength(2);
      expect(readCell(row.children[0], md)).toBe(TRICKY[i]);
      expect(readCell(row.children[1], md)).toBe("next");
    });
  });

  it("escape and unescape are inverses", () => {
    for (const value of TRICKY) expect(unescapeCell(escapeCell(value))).toBe(value);
  });

  it("reads <br> variants an author may write as line breaks", () => {
    expect(unescapeCell("a<br>b<BR/>c<br />d")).toBe("a\nb\nc\nd");
  });
});
