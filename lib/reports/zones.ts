/**
 * Time-zone designators as CA reports write them: "UTC", "UTC+8", "GMT-07:00", and names
 * such as "Beijing Time", "EET/EEST" or "Pacific time". Names map to IANA zones so that
 * luxon applies daylight saving; abbreviations that name two different zones ("CST",
 * "IST") are deliberately not recognised.
 */
import { FixedOffsetZone, IANAZone, type Zone } from "luxon";

/** UTC as a luxon zone. */
export const UTC_ZONE: Zone = FixedOffsetZone.utcInstance;

const NAMED: ReadonlyArray<readonly [string, string]> = [
  ["coordinated universal time", "UTC"],
  ["(?:beijing|china(?: standard)?|shanghai)(?: time)?", "Asia/Shanghai"],
  ["(?:hong kong)(?: time)?|hkt", "Asia/Hong_Kong"],
  ["(?:taipei|taiwan)(?: time)?", "Asia/Taipei"],
  ["(?:japan(?: standard)?)(?: time)?|jst", "Asia/Tokyo"],
  ["(?:korea(?:n)?(?: standard)?)(?: time)?|kst", "Asia/Seoul"],
  ["eastern european(?: (?:summer|standard))?(?: time)?|eest|eet", "Europe/Helsinki"],
  ["central european(?: (?:summer|standard))?(?: time)?|cest|cet", "Europe/Berlin"],
  ["british summer time|bst", "Europe/London"],
  ["pacific(?: (?:standard|daylight))?(?: time)?|pst|pdt|pt", "America/Los_Angeles"],
  ["mountain(?: (?:standard|daylight))? time|mst|mdt", "America/Denver"],
  ["central(?: (?:standard|daylight))? time|cdt", "America/Chicago"],
  ["eastern(?: (?:standard|daylight))? time|est|edt|et", "America/New_York"],
];

// Sticky patterns: each is tried at one position of a single label or line.
const OFFSET_ZONE = /(?:utc|gmt)(?:\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?)?(?![a-z0-9])/iy;
const NAMED_ZONES = NAMED.map(
  ([pattern, zone]) => [new RegExp(`(?:${pattern})(?![a-z])`, "iy"), zone] as const,
);

/** A zone designator found in a text, with where it ends. */
export interface ZoneMatch {
  zone: Zone;
  end: number;
}

/** Reads a zone designator that starts exactly at `pos` in `text`. */
export function zoneAt(text: string, pos: number): ZoneMatch | null {
  OFFSET_ZONE.lastIndex = pos;
  const m = OFFSET_ZONE.exec(text);
  if (m) {
    const [, sign, hours, minutes] = m;
    const total = sign ? Number(hours) * 60 + Number(minutes ?? 0) : 0;
    if (total > 14 * 60) return null;
    return { zone: fixedOffset(sign === "-" ? -total : total), end: pos + m[0].length };
  }
  for (const [pattern, name] of NAMED_ZONES) {
    pattern.lastIndex = pos;
    const named = pattern.exec(text);
    if (!named) continue;
    return { zone: name === "UTC" ? UTC_ZONE : IANAZone.create(name), end: pos + named[0].length };
  }
  return null;
}

/**
 * The zone a sentence such as "All timestamps are in Beijing Time (UTC+8)" declares, or
 * null. A named zone wins over a bare offset because it knows about daylight saving.
 */
export function zoneInSentence(text: string): Zone | null {
  let offsetZone: Zone | null = null;
  for (let pos = 0; pos < text.length; pos++) {
    if (pos > 0 && /[a-z0-9]/i.test(text[pos - 1] ?? "")) continue;
    const found = zoneAt(text, pos);
    if (!found) continue;
    if (found.zone instanceof IANAZone) return found.zone;
    offsetZone ??= found.zone;
  }
  return offsetZone;
}

/** A luxon zone at a fixed offset from UTC, in minutes. */
export function fixedOffset(minutes: number): Zone {
  return minutes === 0 ? UTC_ZONE : FixedOffsetZone.instance(minutes);
}

/** "+08:00" / "-07:00" / "+00:00" for an offset in minutes. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${sign}${hh}:${mm}`;
}
