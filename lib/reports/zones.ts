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

/** Real offsets run from UTC-12:00 (Baker Island) to UTC+14:00 (Line Islands). */
const [EARLIEST, LATEST] = [-12 * 60, 14 * 60];

/** A signed offset ("UTC+15", "GMT-07:00") whose hours or minutes no clock uses. */
export interface UnrealOffset {
  unreal: string;
  end: number;
}

/** Reads a zone designator that starts exactly at `pos` in `text`. */
export function zoneAt(text: string, pos: number): ZoneMatch | null {
  const found = designatorAt(text, pos);
  return found && "zone" in found ? found : null;
}

function designatorAt(text: string, pos: number): ZoneMatch | UnrealOffset | null {
  OFFSET_ZONE.lastIndex = pos;
  const m = OFFSET_ZONE.exec(text);
  if (m) {
    const [written, sign, hours, minutes] = m;
    const end = pos + written.length;
    const total = sign ? Number(hours) * 60 + Number(minutes ?? 0) : 0;
    const signed = sign === "-" ? -total : total;
    if (Number(minutes ?? 0) >= 60 || signed < EARLIEST || signed > LATEST) {
      return { unreal: written, end };
    }
    return { zone: fixedOffset(signed), end };
  }
  for (const [pattern, name] of NAMED_ZONES) {
    pattern.lastIndex = pos;
    const named = pattern.exec(text);
    if (!named) continue;
    return { zone: name === "UTC" ? UTC_ZONE : IANAZone.create(name), end: pos + named[0].length };
  }
  return null;
}

/** What a sentence says about time zones: the zone it declares, and any unreal offset. */
export interface ZoneDeclaration {
  zone: Zone | null;
  /** The first offset written that is not a real one ("UTC+15"), as written. */
  unrealOffset: string | null;
}

/**
 * Reads a sentence such as "All timestamps are in Beijing Time (UTC+8)". An offset the
 * author states wins over a zone name ("CET (UTC+1)" means +01:00 even in May); a name
 * wins when there is no offset, or several ("PST (UTC-8) / PDT (UTC-7)"), because luxon
 * then applies its daylight saving. A bare "UTC" counts only when nothing else is named.
 */
export function readZoneDeclaration(text: string): ZoneDeclaration {
  const offsets = new Map<number, Zone>();
  let named: Zone | null = null;
  let utc: Zone | null = null;
  let unrealOffset: string | null = null;
  for (let pos = 0; pos < text.length; pos++) {
    if (pos > 0 && /[a-z0-9]/i.test(text[pos - 1] ?? "")) continue;
    const found = designatorAt(text, pos);
    if (!found) continue;
    if ("unreal" in found) unrealOffset ??= found.unreal;
    else if (found.zone instanceof IANAZone) named ??= found.zone;
    else if (found.zone.isUniversal && found.zone.offset(0) !== 0) {
      offsets.set(found.zone.offset(0), found.zone);
    } else utc ??= found.zone;
  }
  const stated = offsets.size === 1 ? [...offsets.values()][0] ?? null : null;
  return { zone: stated ?? named ?? [...offsets.values()][0] ?? utc, unrealOffset };
}

/** The zone a sentence declares, or null (see `readZoneDeclaration`). */
export function zoneInSentence(text: string): Zone | null {
  return readZoneDeclaration(text).zone;
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
