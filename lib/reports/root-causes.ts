/**
 * Root Cause Analysis and Lessons Learned. Each contributing factor opens with a bold line
 * ("Contributing Factor #1: title", also "Contributing Factor #: 1") followed by its labelled
 * fields. Some reports write the Lessons Learned items inside a factor's block; those are
 * gathered into the report's lessons just as if they had their own section.
 */
import type { Nodes } from "mdast";
import { type Field, collectFields, fieldItems, warnOrphans } from "./fields";
import { isNotApplicable, valueOrEmpty } from "./markdown";
import type { ContributingFactor, LessonsLearned } from "./model";
import type { Problems } from "./problems";

type LessonKind = keyof LessonsLearned;
type FactorField = "description" | "timeline" | "detection" | "interaction" | "methodology";

const FACTOR_HEADER = new RegExp(
  "^(?:contributing factor|root cause)\\s*(?=#|\\d|:|$)" + // the words, then "#", a number or ":"
    "(?:#\\s*)?(?::\\s*)?(\\d+)?\\s*(?:[:.)\\-–—]\\s*)?(.*)$", // "#: 1", "#1:", "1 -"; the title
  "i",
);

function lessonKind(key: string): LessonKind | null {
  const k = key.replace(/[?.]$/, "");
  if (k.startsWith("what went well")) return "wentWell";
  if (/^what (?:didn'?t|did not) go well/.test(k)) return "didntGoWell";
  if (k.startsWith("where we got lucky")) return "gotLucky";
  if (k === "additional" || k === "other" || k.startsWith("additional lesson")) return "additional";
  return null;
}

function factorField(key: string): FactorField | null {
  if (key.startsWith("description")) return "description";
  if (key.startsWith("timeline")) return "timeline";
  if (key.startsWith("detection")) return "detection";
  if (key.startsWith("interaction")) return "interaction";
  if (key.includes("methodology")) return "methodology";
  return null;
}

/** An empty set of lessons. */
export function noLessons(): LessonsLearned {
  return { wentWell: [], didntGoWell: [], gotLucky: [], additional: [] };
}

/** Adds a lesson field's items to `lessons`; false when the label is not a lesson. */
function takeLesson(field: Field, src: string, lessons: LessonsLearned): boolean {
  const kind = lessonKind(field.key);
  if (!kind) return false;
  lessons[kind].push(...fieldItems(field, src, isNotApplicable));
  return true;
}

/** Reads the Root Cause Analysis section; lessons found inside factors go to `lessons`. */
export function readRootCauses(
  blocks: readonly Nodes[],
  src: string,
  lessons: LessonsLearned,
  problems: Problems,
): ContributingFactor[] {
  const factors: ContributingFactor[] = [];
  const { fields, orphans } = collectFields(blocks, src);
  const read = (list: Field[]) => {
    for (const field of list) readFactorField(field, src, factors, lessons, problems, read);
  };
  read(fields);
  warnOrphans(orphans, "Root Cause Analysis", problems);
  return factors;
}

function readFactorField(
  field: Field,
  src: string,
  factors: ContributingFactor[],
  lessons: LessonsLearned,
  problems: Problems,
  readNested: (fields: Field[]) => void,
): void {
  const header = FACTOR_HEADER.exec(field.label.replace(/[:\s]+$/, ""));
  if (header) {
    const title = (header[2] ?? "").trim() || firstLine(field);
    const number = header[1] ? Number(header[1]) : factors.length + 1;
    if (factors.some((f) => f.number === number)) {
      problems.warn(field.line, `Contributing Factor #${number} appears twice.`);
    }
    if (header[2]?.trim() && valueOrEmpty(field.value) !== "") {
      problems.warn(field.line, `Contributing Factor #${number}: text after its title was ignored.`);
    }
    factors.push(emptyFactor(number, title));
    // A factor written as a list item carries its fields nested under it.
    if (field.node.type === "listItem") readNested(collectFields(field.blocks, src).fields);
    return;
  }
  if (takeLesson(field, src, lessons)) return;
  if (field.key.startsWith("lessons learned")) {
    // "Lessons Learned: N/A" heads the lesson items that follow it, or nests them.
    for (const inner of collectFields(field.blocks, src).fields) takeLesson(inner, src, lessons);
    return;
  }
  const name = factorField(field.key);
  if (!name) {
    problems.warn(field.line, `Root Cause Analysis: unknown field "${field.label}" was ignored.`);
    return;
  }
  let factor = factors[factors.length - 1];
  if (!factor) {
    const message = "Root Cause Analysis: a field before any Contributing Factor; read as factor #1.";
    problems.warn(field.line, message);
    factor = emptyFactor(1, "");
    factors.push(factor);
  }
  const value = valueOrEmpty(field.value);
  if (name === "methodology") factor.methodology = value === "" ? null : value;
  else factor[name] = value;
}

/** The title written after a bold "Contributing Factor #1:" label rather than inside it. */
function firstLine(field: Field): string {
  if (field.node.type === "listItem") return "";
  return (valueOrEmpty(field.value).split("\n")[0] ?? "").trim();
}

function emptyFactor(number: number, title: string): ContributingFactor {
  const empty = { description: "", timeline: "", detection: "", interaction: "", methodology: null };
  return { number, title, ...empty };
}

/** Reads the Lessons Learned section (bold labels or v2.0 `####` sub-headings) into `lessons`. */
export function readLessons(
  blocks: readonly Nodes[],
  src: string,
  lessons: LessonsLearned,
  problems: Problems,
): void {
  const { fields, orphans } = collectFields(blocks, src);
  for (const field of fields) {
    if (!takeLesson(field, src, lessons)) {
      problems.warn(field.line, `Lessons Learned: unknown field "${field.label}" was ignored.`);
    }
  }
  warnOrphans(orphans, "Lessons Learned", problems);
}
