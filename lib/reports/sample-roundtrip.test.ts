/// <reference types="vite/client" />
/**
 * Round trip of the shared sample report (test/support/sample-report.ts, written for the
 * database tests). Every exported report, or function returning one, must come back from
 * render → import in its markdown form (`normalizeReport`: trimmed, "n/a" read as empty),
 * and that form must come back unchanged. The file is picked up whenever it exists.
 */
import { describe, expect, it } from "vitest";
import { IncidentReport } from "./model";
import { normalizeReport } from "./normalize";
import { parseFullReport } from "./parse";
import { renderFullReport } from "./render";

const modules = import.meta.glob<Record<string, unknown>>("../../test/support/sample-report.ts", { eager: true });

function reportsIn(exports: Record<string, unknown>): [string, IncidentReport][] {
  return Object.entries(exports).flatMap(([name, value]) => {
    const candidate = typeof value === "function" && value.length === 0 ? (value as () => unknown)() : value;
    const parsed = IncidentReport.safeParse(candidate);
    return parsed.success ? [[name, parsed.data] as [string, IncidentReport]] : [];
  });
}

const samples = Object.values(modules).flatMap(reportsIn);

describe.skipIf(samples.length === 0)("the shared sample report", () => {
  const reimport = (report: IncidentReport) => {
    const { title, bugNumber, whiteboard, status, nextUpdate, becameAwareAt, closure } = report;
    const opts = { title, bugNumber, whiteboard, status, nextUpdate, becameAwareAt, closure };
    const result = parseFullReport(renderFullReport(report), opts);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.report;
  };

  it.each(samples)("%s comes back in its markdown form", (_name, report) => {
    expect(reimport(report)).toEqual(normalizeReport(report));
  });

  it.each(samples)("%s in markdown form comes back unchanged", (_name, report) => {
    const normal = normalizeReport(report);
    expect(reimport(normal)).toEqual(normal);
  });
});
