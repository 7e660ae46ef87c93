/**
 * Readings of single Summary and Impact values that reports write loosely: certificate
 * counts in words ("Two certificates", "Over 23000"), certificate types in prose, the
 * disclosure source in the reporter's own words, the CA Owner as ID and/or name.
 */
import type { CertificateType, DisclosureSource } from "./model";

const UNITS: Record<string, number> = {
  zero: 0, no: 0, none: 0, one: 1, a: 1, single: 1, two: 2, three: 3, four: 4, five: 5,
  six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13,
  fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

/**
 * The first count a sentence states, in digits ("23,000", "1.2 million") or words
 * ("Two certificates", "one hundred and five"); null when it states none.
 */
export function readCount(text: string): number | null {
  // Hyphens join number words ("twenty-three") but also dates, which must not count.
  const words = text
    .toLowerCase()
    .replace(/[^a-z0-9.,\s-]/g, " ")
    .split(/\s+/)
    .flatMap((w) => (/^[a-z]+(?:-[a-z]+)+$/.test(w) ? w.split("-") : [w]));
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    const digits = /^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)[.,]?$/.exec(word);
    if (digits) {
      const base = Number((digits[1] ?? "").replace(/,/g, ""));
      const scale = SCALES[words[i + 1] ?? ""] ?? 1;
      return Number.isInteger(base * scale) ? base * scale : Math.round(base * scale);
    }
    const spelled = readNumberWords(words, i);
    if (spelled !== null) return spelled;
  }
  return null;
}

function readNumberWords(words: string[], from: number): number | null {
  let total = 0;
  let group = 0;
  let seen = false;
  for (let i = from; i < words.length; i++) {
    const w = (words[i] ?? "").replace(/[.,]$/, "");
    if (w in UNITS && !(w === "a" && !(words[i + 1] ?? "").match(/^(hundred|thousand|million)/))) {
      if (w === "no" || w === "none") return seen ? total + group : 0;
      group += UNITS[w] ?? 0;
    } else if (w in TENS) group += TENS[w] ?? 0;
    else if (w === "hundred") group = (group || 1) * 100;
    else if (w in SCALES) {
      total += (group || 1) * (SCALES[w] ?? 1);
      group = 0;
    } else if (w === "and" && seen) continue;
    else break;
    seen = true;
  }
  return seen ? total + group : null;
}

const TYPE_WORDS: ReadonlyArray<readonly [CertificateType, RegExp]> = [
  ["DV", /\bDV\b|domain[- ]validat/i],
  ["IV", /\bIV\b|individual[- ]validat/i],
  ["OV", /\bOV\b|organi[sz]ation[- ]validat/i],
  ["EV", /\bEV\b|extended[- ]validation/i],
];

/** The CA/B Forum validation types a sentence mentions, in DV, IV, OV, EV order. */
export function readCertificateTypes(text: string): CertificateType[] {
  return TYPE_WORDS.filter(([, pattern]) => pattern.test(text)).map(([type]) => type);
}

/** Maps the disclosure source as written to the template's three values, or null. */
export function readDisclosureSource(text: string): DisclosureSource | null {
  const t = text.toLowerCase().replace(/[\s_-]+/g, " ").trim();
  if (t.startsWith("self reported")) return "Self Reported";
  if (t.startsWith("third party reported")) return "Third Party Reported";
  if (/\baudit/.test(t)) return "Audit";
  const outside = /third[- ]?party|external|community|researcher|reporter|problem report|notified/;
  if (outside.test(t) || /bugzilla|mailing list/.test(t)) {
    return "Third Party Reported";
  }
  if (/self|internal|our own|we (?:found|detected|discovered|identified)|monitoring/.test(t)) {
    return "Self Reported";
  }
  return null;
}

/** The CA Owner field: "A000123", "A000123 (Name)", or a name written in its place. */
export function readCaOwner(text: string): { name: string | null; ccadbId: string | null } {
  const value = text.trim();
  if (value === "") return { name: null, ccadbId: null };
  const withId = /^(A\d{6})\b\s*(?:[-–—:,]\s*)?(.*)$/s.exec(value);
  if (!withId) return { name: value, ccadbId: null };
  const rest = (withId[2] ?? "").trim();
  const name = /^\((.*)\)$/s.exec(rest)?.[1]?.trim() ?? rest;
  return { name: name === "" ? null : name, ccadbId: withId[1] ?? null };
}
