/**
 * The Timeline section: a note on time zones ("All timestamps are in Beijing Time (UTC+8)")
 * followed by dated events, written as bullets (`- **2025-05-07 09:09** …`), dated
 * paragraphs, a table, or v2.0-style date sub-headings with `- HH:MM` events under them.
 * Every event becomes a UTC instant plus the offset and words the author used.
 */
import type { Zone } from "luxon";
import type { ListItem, Nodes, Paragraph, Table } from "mdast";
import { type DateContext, parseWrittenDate, readCalendarDate, splitLeadingDate } from "./dates";
import {
  contentIndent,
  endOf,
  lineOf,
  plainText,
  skipSeparator,
  sliceSource,
  startOf,
  valueOrEmpty,
} from "./markdown";
import type { TimelineEvent } from "./model";
import type { Problems } from "./problems";
import { readCell } from "./tables";
import { UTC_ZONE, readZoneDeclaration, zoneInSentence } from "./zones";

/** What the Timeline section holds. */
export interface TimelineReading {
  note: string;
  events: TimelineEvent[];
  /** The zone the note declares (null when it declares none). */
  zone: Zone | null;
}

/** The marker the renderer adds after a UTC time to keep the author's local time. */
const WRITTEN_AS = /^\(written as (.+?), UTC([+-])(\d{2}):(\d{2})\)/;

const DATED = /^[\s[(*_]*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)/i;

type Day = { date: NonNullable<DateContext["date"]>; writtenAs: string; zone: Zone | null };

/** Reads the blocks under `### Timeline`. */
export function readTimeline(
  blocks: readonly Nodes[],
  src: string,
  problems: Problems,
): TimelineReading {
  const noteBlocks = leadingNote(blocks);
  const [first, last] = [noteBlocks[0], noteBlocks[noteBlocks.length - 1]];
  const note = first && last ? valueOrEmpty(sliceSource(src, startOf(first), endOf(last), 0)) : "";
  const { zone, unrealOffset } = readZoneDeclaration(plainText(noteBlocks));
  const reader = new EventReader(src, problems, zone);
  for (const block of blocks.slice(noteBlocks.length)) reader.block(block);
  if (unrealOffset !== null && first) {
    const real = "offsets run from UTC-12:00 to UTC+14:00";
    const read = zone ? "the note's other zone is used" : "events without their own zone read as UTC";
    const unreal = `Timeline: "${unrealOffset}" is not a real UTC offset`;
    problems.warn(lineOf(first), `${unreal} (${real}); ${read}.`);
  } else if (reader.undeclaredZoneLine !== null) {
    const message = "Timeline gives no time zone for some events; read them as UTC.";
    problems.warn(reader.undeclaredZoneLine, message);
  }
  return { note, events: reader.events, zone };
}

/** Blocks before the first event: prose, and lists in which nothing is dated. */
function leadingNote(blocks: readonly Nodes[]): Nodes[] {
  const out: Nodes[] = [];
  for (const block of blocks) {
    if (block.type === "table" || block.type === "heading") break;
    if (block.type === "list" && block.children.some((item) => DATED.test(headText(item)))) break;
    if (block.type === "paragraph" && isEventParagraph(block)) break;
    out.push(block);
  }
  return out;
}

/**
 * A paragraph is an event when it opens with a bold date (even a malformed one, so that
 * the author hears about it) or with a date or time in plain text. "2 certificates…" is not.
 */
function isEventParagraph(paragraph: Paragraph): boolean {
  const head = paragraph.children[0];
  if (head?.type === "strong") return DATED.test(plainText(head));
  return splitLeadingDate(plainText(paragraph)) !== null;
}

function headText(item: ListItem): string {
  const first = item.children[0];
  return first?.type === "paragraph" ? plainText(first) : "";
}

class EventReader {
  readonly events: TimelineEvent[] = [];
  undeclaredZoneLine: number | null = null;
  private day: Day | null = null;

  constructor(
    private readonly src: string,
    private readonly problems: Problems,
    private readonly zone: Zone | null,
  ) {}

  block(block: Nodes): void {
    if (block.type === "heading") return this.heading(block);
    if (block.type === "list") {
      for (const item of block.children) this.item(item);
      return;
    }
    if (block.type === "table") return this.table(block);
    if (block.type === "paragraph" && isEventParagraph(block)) return this.paragraph(block);
    this.appendToLast(block);
  }

  private heading(block: Nodes): void {
    const text = plainText(block);
    const date = readCalendarDate(text.replace(/\(.*\)\s*$/, ""));
    if (date) this.day = { date, writtenAs: text, zone: zoneInSentence(text) };
    else this.problems.warn(lineOf(block), `Timeline: heading "${text}" is not a date; ignored.`);
  }

  private item(item: ListItem): void {
    const first = item.children[0];
    if (first?.type !== "paragraph") {
      this.problems.error(lineOf(item), "Timeline: an event must start with its date and time.");
      return;
    }
    const nested = this.dayWithTimes(item, first);
    if (nested) return;
    this.event(first, endOf(item), contentIndent(item));
  }

  /** `- **2025-05-07**` followed only by a list of `- 09:09 …` events (v2.0 layout). */
  private dayWithTimes(item: ListItem, first: Paragraph): boolean {
    const list = item.children[1];
    if (item.children.length !== 2 || list?.type !== "list") return false;
    const date = readCalendarDate(plainText(first).replace(/\(.*\)\s*$/, ""));
    if (!date) return false;
    const saved = this.day;
    this.day = { date, writtenAs: plainText(first), zone: zoneInSentence(plainText(first)) };
    for (const sub of list.children) this.item(sub);
    this.day = saved;
    return true;
  }

  private paragraph(block: Paragraph): void {
    this.event(block, endOf(block), (block.position?.start.column ?? 1) - 1);
  }

  /** One event whose date opens `first` and whose text runs to `end`. */
  private event(first: Paragraph, end: number, indent: number): void {
    const head = first.children[0];
    let dateText: string;
    let textStart: number;
    if (head?.type === "strong") {
      dateText = plainText(head).replace(/[:\s]+$/, "");
      textStart = skipSeparator(this.src, endOf(head), end);
    } else {
      const lineEnd = this.src.indexOf("\n", startOf(first));
      const line = this.src.slice(startOf(first), lineEnd < 0 || lineEnd > end ? end : lineEnd);
      const split = splitLeadingDate(line);
      dateText = split?.dateText ?? plainText(first).slice(0, 40);
      textStart = split ? skipSeparator(this.src, startOf(first) + split.end, end) : end;
    }
    const text = sliceSource(this.src, textStart, end, indent);
    this.add(dateText, text, lineOf(first));
  }

  private add(dateText: string, rawText: string, line: number): void {
    const marker = WRITTEN_AS.exec(rawText);
    const text = marker ? rawText.slice(marker[0].length).trim() : rawText;
    const dayZone = this.day?.zone ?? null;
    const context: DateContext = { zone: dayZone ?? this.zone ?? UTC_ZONE, date: this.day?.date };
    const reading = parseWrittenDate(dateText, context);
    if (!reading) {
      this.problems.error(line, `Timeline: cannot read the date and time "${dateText}".`);
      return;
    }
    if (!reading.hasZone && !dayZone && !this.zone) this.undeclaredZoneLine ??= line;
    const ownDate = !this.day || parseWrittenDate(dateText, { zone: UTC_ZONE }) !== null;
    const writtenAs = ownDate ? dateText : `${this.day?.writtenAs} ${dateText}`;
    if (marker) {
      const [, written, sign, hh, mm] = marker;
      const offset = (sign === "-" ? -1 : 1) * (Number(hh) * 60 + Number(mm));
      this.events.push({ at: reading.at, utcOffsetMinutes: offset, writtenAs: written ?? "", text });
      return;
    }
    this.events.push({ at: reading.at, utcOffsetMinutes: reading.utcOffsetMinutes, writtenAs, text });
  }

  /** Rows of `| Date | Event |` (or `| Date | Time | Event |`); a header row is skipped. */
  private table(table: Table): void {
    table.children.forEach((row, index) => {
      const cells = row.children.map((cell) => readCell(cell, this.src));
      const [first = "", second = ""] = cells.map((c) => c.replace(/\*\*/g, ""));
      if (index === 0 && !DATED.test(first)) return;
      const dated = parseWrittenDate(first, { zone: UTC_ZONE }) !== null;
      const twoColumns = cells.length >= 3 && dated && /\d:\d/.test(second);
      const dateText = twoColumns ? `${first} ${second}` : first;
      this.add(dateText, cells.slice(twoColumns ? 2 : 1).join(" "), lineOf(row));
    });
  }

  private appendToLast(block: Nodes): void {
    const last = this.events[this.events.length - 1];
    const indent = (block.position?.start.column ?? 1) - 1;
    const md = sliceSource(this.src, startOf(block), endOf(block), indent);
    if (last) last.text = last.text ? `${last.text}\n\n${md}` : md;
    else this.problems.warn(lineOf(block), "Timeline: text outside any event was ignored.");
  }
}
