/**
 * Markdown to HTML for previews. Report text comes from outside (pasted Bugzilla
 * comments), so the HTML is sanitised with GitHub's allow-list before anyone sees it.
 */
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(rehypeStringify);

/** Renders GitHub-flavoured markdown to sanitised HTML (no scripts, no raw HTML). */
export function markdownToSafeHtml(markdown: string): string {
  return String(processor.processSync(markdown));
}
