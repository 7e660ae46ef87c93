/**
 * Labelled fields: the template writes every field as a bold label ending in a colon,
 * usually as a list item (`- **Incident description:** …`), sometimes as a bold line in a
 * paragraph or a sub-heading. This module finds those labels among a run of blocks and
 * hands back each value as the markdown the author wrote.
 */
import type { Heading, ListItem, Nodes, Paragraph, PhrasingContent } from "mdast";
import type { Problems } from "./problems";
import {
  contentIndent,
  endOf,
  isNotApplicable,
  labelKey,
  lineOf,
  plainText,
  skipSeparator,
  sliceSource,
  startOf,
} from "./markdown";

/** One labelled field as found in the source. */
export interface Field {
  /** The label as written, without markup. */
  label: string;
  /** The label reduced by `labelKey`, for matching. */
  key: string;
  line: number;
  /** The value's markdown, dedented and trimmed ("N/A" is left for callers to read). */
  value: string;
  /** Blocks that belong to the value (nested lists, paragraphs after the label line). */
  blocks: Nodes[];
  /** The node that carries the label: list item, paragraph or heading. */
  node: Nodes;
}

/** Fields found among some blocks, and the blocks that belonged to no field. */
export interface FieldScan {
  fields: Field[];
  orphans: Nodes[];
}

/**
 * A field still taking blocks. A list item's own value runs from `start` to `end`; blocks
 * written after the list at its own indentation (not under the bullet) form the `tail`.
 */
type Open = { field: Field; start: number; end: number; indent: number; tail?: Tail };
type Tail = { start: number; end: number; indent: number };

/** Finds the labelled fields among `blocks`, in document order. */
export function collectFields(blocks: readonly Nodes[], src: string): FieldScan {
  const fields: Field[] = [];
  const orphans: Nodes[] = [];
  let open: Open | null = null;

  // A label owns the blocks that follow it until the next label: a bold paragraph or a
  // heading by the template's layout, the list's last labelled item when the author left
  // the following paragraphs unindented (their evident meaning; dropping them loses text).
  const close = () => {
    if (open) open.field.value = openValue(src, open);
    open = null;
  };

  for (const block of blocks) {
    if (block.type === "list" && block.children.some((item) => itemLabel(item))) {
      for (const item of block.children) {
        const opened = fieldFromItem(item, src);
        if (opened) {
          close();
          fields.push(opened.field);
          open = opened;
        } else if (open) extend(open, item);
        else orphans.push(item);
      }
      continue;
    }
    if (block.type === "paragraph" && labelStarts(block, src).length > 0) {
      close();
      const opened: Open[] = paragraphFields(block, src);
      opened.forEach((o) => fields.push(o.field));
      opened.slice(0, -1).forEach((o) => (o.field.value = sliceSource(src, o.start, o.end, o.indent)));
      open = opened[opened.length - 1] ?? null;
      continue;
    }
    if (block.type === "heading") {
      close();
      open = headingField(block, src);
      fields.push(open.field);
      continue;
    }
    if (open) extend(open, block);
    else orphans.push(block);
  }
  close();
  return { fields, orphans };
}

/** Gives `block`, written after the field's label, to the field. */
function extend(o: Open, block: Nodes): void {
  const column = (block.position?.start.column ?? 1) - 1;
  if (o.field.node.type === "listItem") {
    o.tail ??= { start: startOf(block), end: endOf(block), indent: column };
    o.tail.end = endOf(block);
    o.tail.indent = Math.min(o.tail.indent, column);
  } else {
    if (o.start >= o.end) o.start = startOf(block);
    o.end = endOf(block);
  }
  o.field.blocks.push(block);
}

/** The bold (or emphasised) label that opens a list item, if it has one. */
export function itemLabel(item: ListItem): PhrasingContent | null {
  const first = item.children[0];
  if (first?.type !== "paragraph") return null;
  return leadingLabel(first);
}

function leadingLabel(paragraph: Paragraph): PhrasingContent | null {
  const head = paragraph.children[0];
  if (head && (head.type === "strong" || head.type === "emphasis") && plainText(head) !== "") {
    return head;
  }
  return null;
}

function fieldFromItem(item: ListItem, src: string): Open | null {
  const label = itemLabel(item);
  if (!label) return null;
  const indent = contentIndent(item);
  const start = skipSeparator(src, endOf(label), endOf(item));
  const text = labelText(label);
  const field: Field = {
    label: text,
    key: labelKey(text),
    line: lineOf(label),
    value: sliceSource(src, start, endOf(item), indent),
    blocks: item.children.slice(1),
    node: item,
  };
  return { field, start, end: endOf(item), indent };
}

/**
 * The value of a field as written: its own text, then its tail dedented only as far as
 * the tail itself is indented, so that lists and tables inside the tail keep their shape.
 */
function openValue(src: string, o: Open): string {
  const own = sliceSource(src, o.start, o.end, o.indent);
  if (!o.tail) return own;
  const tail = sliceSource(src, o.tail.start, o.tail.end, o.tail.indent);
  if (own === "") return tail;
  const gap = src.slice(o.end, o.tail.start).replace(/\r/g, "");
  return `${own}${(gap.match(/\n/g)?.length ?? 0) > 1 ? "\n\n" : "\n"}${tail}`;
}

/** A label's words without the colon that ends it. */
function labelText(node: Nodes): string {
  return plainText(node).replace(/[\s:：]+$/, "");
}

/** Indexes of children that are labels at the start of a line of the paragraph. */
function labelStarts(paragraph: Paragraph, src: string): number[] {
  if (!leadingLabel(paragraph)) return [];
  const starts: number[] = [];
  paragraph.children.forEach((child, i) => {
    if (child.type !== "strong" || plainText(child) === "") return;
    const lineStart = src.lastIndexOf("\n", startOf(child) - 1) + 1;
    if (src.slice(lineStart, startOf(child)).trim() === "") starts.push(i);
  });
  return starts;
}

function paragraphFields(paragraph: Paragraph, src: string): Open[] {
  const starts = labelStarts(paragraph, src);
  const indent = (paragraph.position?.start.column ?? 1) - 1;
  return starts.map((childIndex, n) => {
    const label = paragraph.children[childIndex] as PhrasingContent;
    const nextIndex = starts[n + 1];
    const next = nextIndex === undefined ? undefined : paragraph.children[nextIndex];
    const end = next ? startOf(next) : endOf(paragraph);
    const text = labelText(label);
    const field: Field = {
      label: text,
      key: labelKey(text),
      line: lineOf(label),
      value: "",
      blocks: [],
      node: paragraph,
    };
    return { field, start: skipSeparator(src, endOf(label), end), end, indent };
  });
}

function headingField(heading: Heading, src: string): Open {
  const text = labelText(heading);
  const field: Field = {
    label: text,
    key: labelKey(text),
    line: lineOf(heading),
    value: "",
    blocks: [],
    node: heading,
  };
  // A heading's value starts with the next block; until one arrives the value is empty.
  return { field, start: endOf(heading), end: endOf(heading), indent: 0 };
}

/**
 * A field's value read as a list of items: each item of a value that is one bullet list,
 * otherwise the whole value as a single item; N/A gives no items.
 */
export function fieldItems(field: Field, src: string, isEmpty: (v: string) => boolean): string[] {
  if (isEmpty(field.value)) return [];
  const only = field.blocks.length === 1 ? field.blocks[0] : undefined;
  if (only?.type === "list") {
    const listIndent = (only.position?.start.column ?? 1) - 1;
    // Only when the list is the whole value: "intro text" followed by a list is one item.
    if (sliceSource(src, startOf(only), endOf(only), listIndent) === field.value) {
      return only.children
        .map((item) => {
          const first = item.children[0];
          const start = first ? startOf(first) : endOf(item);
          return sliceSource(src, start, endOf(item), contentIndent(item));
        })
        .filter((v) => !isEmpty(v));
    }
  }
  return [field.value];
}

/** Warns about blocks that belong to no field (a lone "N/A" is the template's own word). */
export function warnOrphans(orphans: readonly Nodes[], section: string, problems: Problems): void {
  for (const orphan of orphans) {
    if (isNotApplicable(plainText(orphan))) continue;
    problems.warn(lineOf(orphan), `${section}: text outside any labelled field was ignored.`);
  }
}
