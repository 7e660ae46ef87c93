import { describe, expect, it } from "vitest";
import { markdownToSafeHtml } from "./to-html";

describe("markdownToSafeHtml", () => {
  it("renders GFM tables", () => {
    const html = markdownToSafeHtml("| a | b |\n| - | - |\n| 1 | 2 |\n");
    expect(html).toContain("<table>");
    expect(html.match(/<tr>/g)).toHaveLength(2);
  });

  it("drops scripts, event handlers and javascript: links", () => {
    const html = markdownToSafeHtml(
      '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[x](javascript:alert(3))',
    );
    expect(html).not.toContain("<script");
    expect(html).not.toContain("onerror");
    expect(html).not.toContain("javascript:");
  });
});
