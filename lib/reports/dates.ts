/**
 * Dates and times as CA reports write them: "2025-05-07 09:09:00", "2025/1/6 09:09 (UTC+8)",
 * "09:09 UTC on 2025-05-07", "May 7, 2025 9:09 PM PDT", ISO-8601 with an offset. A text is
 * read token by token (date, time, offset, zone, filler words); luxon does all zone maths.
 */
import { DateTime, type Zone } from "luxon";
import { fixedOffset, zoneAt } from "./zones";

/** A date or instant read from the text, in UTC. */
export interface DateReading {
  /** ISO-8601 instant in UTC with milliseconds. */
  at: string;
  dateOnly: boolean;
  /** Offset from UTC the text was written in, in minutes. */
  utcOffsetMinutes: number;
  /** Whether the text named its own zone or offset. */
  hasZone: boolean;
}

interface Scan {
  date?: { year: number; month: number; day: number };
  time?: { hour: number; minute: number; second: number; millisecond: number };
  offset?: number;
  zone?: Zone;
  /** Index just after the last date, time or zone token. */
  end: number;
}

const MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";
const MONTH_NAME = `(${MONTHS})[a-z]*\\.?`;
const YMD = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/y;
const DMY_NAMED = new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_NAME},?\\s+(\\d{4})(?!\\d)`, "iy");
const MDY_NAMED = new RegExp(`${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, "iy");
const TIME =
  /(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([ap])\.?m\.?(?![a-z]))?(?!\d|:\d)/iy;
const ADJACENT_OFFSET = /(?:Z(?![a-z])|([+-])(\d{2}):?(\d{2})(?!\d))/iy;
const SPACED_OFFSET = /\s([+-])(\d{2}):?(\d{2})(?![\d:])/y;
const FILLER = /(?:\s+|,|T(?=\d)|(?:at|on)(?=\s))/iy;
const OPEN_PAREN = /\(\s*/y;
const CLOSE_PAREN = /\s*\)/y;

/**
 * Replaces look-alike characters (en and em dashes, minus signs, no-break spaces,
 * full-width colons and slashes) one for one, so indexes into the text stay valid.
 */
export function normalizeDateText(text: string): string {
  return text
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u00a0\u2007\u202f\u3000]/g, " ")
    .replace(/：/g, ":")
    .replace(/／/g, "/");
}

function matchAt(pattern: RegExp, text: string, pos: number): RegExpExecArray | null {
  pattern.lastIndex = pos;
  return pattern.exec(text);
}

function readDate(text: string, pos: number): [Scan["date"], number] | null {
  const ymd = matchAt(YMD, text, pos);
  if (ymd) return [{ year: +ymd[1]!, month: +ymd[2]!, day: +ymd[3]! }, YMD.lastIndex];
  const dmy = matchAt(DMY_NAMED, text, pos);
  if (dmy) return [{ year: +dmy[3]!, month: monthNumber(dmy[2]!), day: +dmy[1]! }, DMY_NAMED.lastIndex];
  const mdy = matchAt(MDY_NAMED, text, pos);
  if (mdy) return [{ year: +mdy[3]!, month: monthNumber(mdy[1]!), day: +mdy[2]! }, MDY_NAMED.lastIndex];
  return null;
}

function monthNumber(name: string): number {
  return MONTHS.split("|").indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function readTime(text: string, pos: number): [NonNullable<Scan["time"]>, number, boolean] | null {
  const m = matchAt(TIME, text, pos);
  if (!m) return null;
  let hour = +m[1]!;
  const meridiem = m[5]?.toLowerCase();
  if (meridiem && (hour < 1 || hour > 12)) return null;
  if (meridiem === "a" && hour === 12) hour = 0;
  if (meridiem === "p" && hour < 12) hour += 12;
  const millisecond = m[4] ? Math.round(Number(`0.${m[4]}`) * 1000) : 0;
  const time = { hour, minute: +m[2]!, second: m[3] ? +m[3] : 0, millisecond };
  return [time, TIME.lastIndex, m[3] !== undefined];
}

function offsetMinutes(m: RegExpExecArray): number {
  if (!m[1]) return 0;
  const total = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -total : total;
}

/** Reads date, time and zone tokens from `pos` until something else appears. */
function scan(text: string, pos = 0): Scan {
  const out: Scan = { end: pos };
  let p = pos;
  for (;;) {
    const date = out.date ? null : readDate(text, p);
    if (date) [out.date, p, out.end] = [date[0], date[1], date[1]];
    const time = date || out.time ? null : readTime(text, p);
    if (time) {
      [out.time, p, out.end] = [time[0], time[1], time[1]];
      const offset = readOffset(text, p, time[2]);
      if (offset && out.offset === undefined) {
        out.offset = offsetMinutes(offset);
        p = out.end = p + offset[0].length;
      }
    }
    if (date || time) continue;
    const zone = out.zone ? null : readZone(text, p);
    if (zone) {
      [out.zone, p, out.end] = [zone.zone, zone.end, zone.end];
      continue;
    }
    const filler = matchAt(FILLER, text, p);
    if (filler && filler[0].length > 0) {
      p += filler[0].length;
      continue;
    }
    return out;
  }
}

/**
 * An offset after a time. One glued to the time ("12:36:46+00:00") only counts after
 * seconds, so that a range such as "09:00-09:30" is not read as an offset.
 */
function readOffset(text: string, pos: number, hadSeconds: boolean): RegExpExecArray | null {
  if (/z/i.test(text[pos] ?? "") || hadSeconds) {
    const glued = matchAt(ADJACENT_OFFSET, text, pos);
    if (glued) return glued;
  }
  return matchAt(SPACED_OFFSET, text, pos);
}

function readZone(text: string, pos: number): { zone: Zone; end: number } | null {
  const open = matchAt(OPEN_PAREN, text, pos);
  if (open) {
    const inner = zoneAt(text, pos + open[0].length);
    const close = inner ? matchAt(CLOSE_PAREN, text, inner.end) : null;
    return inner && close ? { zone: inner.zone, end: inner.end + close[0].length } : null;
  }
  return zoneAt(text, pos);
}

/** Options for reading a date: the zone to assume, and a date for lines giving only a time. */
export interface DateContext {
  zone: Zone;
  date?: { year: number; month: number; day: number };
}

/**
 * Reads a whole text (a bold label, a cell) as one date or instant. Returns null when the
 * text holds anything besides the date, time and zone, or names an impossible date.
 */
export function parseWrittenDate(text: string, context: DateContext): DateReading | null {
  const normal = normalizeDateText(text);
  const start = normal.search(/[^\s[(]/);
  if (start < 0) return null;
  const found = scan(normal, start);
  if (normal.slice(found.end).replace(/[\s\]):.,;-]/g, "") !== "") return null;
  return toReading(found, context);
}

/** The date and time a line starts with, and where the rest of the line begins. */
export function splitLeadingDate(line: string): { dateText: string; end: number } | null {
  const normal = normalizeDateText(line);
  const found = scan(normal, 0);
  if (!found.date && !found.time) return null;
  return { dateText: line.slice(0, found.end).trim(), end: found.end };
}

/** The calendar date a text names, if it names one and nothing else. */
export function readCalendarDate(text: string): DateContext["date"] | null {
  const normal = normalizeDateText(text).trim();
  const found = scan(normal, 0);
  const rest = normal.slice(found.end).replace(/[\s:.,)-]/g, "");
  if (!found.date || found.time || rest !== "") return null;
  return found.date;
}

function toReading(found: Scan, context: DateContext): DateReading | null {
  const date = found.date ?? context.date;
  if (!date) return null;
  // A calendar date is a whole day, stored as midnight UTC whatever zone surrounds it.
  const zone = !found.time
    ? fixedOffset(0)
    : found.offset !== undefined
      ? fixedOffset(found.offset)
      : (found.zone ?? context.zone);
  const dt = DateTime.fromObject({ ...date, ...(found.time ?? {}) }, { zone });
  if (!dt.isValid) return null;
  return {
    at: dt.toUTC().toISO() ?? "",
    dateOnly: !found.time,
    utcOffsetMinutes: dt.offset,
    hasZone: found.offset !== undefined || found.zone !== undefined,
  };
}

/** "YYYY-MM-DD" for a date written "2025-05-12", "2025/5/12" or "May 12, 2025", else null. */
export function toCalendarDate(text: string): string | null {
  const date = readCalendarDate(text);
  if (!date) return null;
  const dt = DateTime.fromObject(date, { zone: "utc" });
  return dt.isValid ? dt.toISODate() : null;
}

/**
 * Why a text shaped like a calendar date names no real day: "February 2025 has 28 days",
 * "there is no month 13". Null when it is a real date or not a date at all, so that a
 * caller can tell a slip of the calendar from words that are no date.
 */
export function impossibleDateReason(text: string): string | null {
  const date = readCalendarDate(text);
  if (!date) return null;
  if (date.month < 1 || date.month > 12) return `there is no month ${date.month}`;
  if (date.day < 1) return `there is no day ${date.day}`;
  const month = DateTime.utc(date.year, date.month).setLocale("en");
  const days = month.daysInMonth ?? 31;
  return date.day > days ? `${month.toFormat("LLLL yyyy")} has ${days} days` : null;
}

/** An instant written in a CSV cell or ISO form, read in UTC unless it names its zone. */
export function parseInstant(text: string): string | null {
  const reading = parseWrittenDate(text, { zone: fixedOffset(0) });
  return reading ? reading.at : null;
}
