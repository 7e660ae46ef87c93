import { test } from "vitest";
import { readFileSync } from "node:fs";
import { parseFullReport, MAX_REPORT_BYTES } from "./parse";
import { renderFullReport } from "./render";
import { parseMarkdown } from "./markdown";
const seed = readFileSync("test/fixtures/reports/sheca-2025-ocsp-rollback.md", "utf8");
function time(label: string, fn: () => unknown, n = 5) {
  fn();
  const t = performance.now();
  let r: unknown;
  for (let i = 0; i < n; i++) r = fn();
  console.log(label, ((performance.now() - t) / n).toFixed(1), "ms");
  return r;
}
function pad(base: string, unit: (i: number) => string) {
  let out = base; let i = 0;
  const parts: string[] = [base];
  let size = Buffer.byteLength(base);
  while (true) { const u = unit(i++); const b = Buffer.byteLength(u); if (size + b > MAX_REPORT_BYTES) break; parts.push(u); size += b; }
  out = parts.join(""); return out;
}
test("bench", () => {
  time("seed parse", () => parseFullReport(seed), 30);
  const r = parseFullReport(seed); if (!r.ok) throw 0;
  time("seed render", () => renderFullReport(r.report), 50);
  const hex = (i: number) => i.toString(16).padStart(64, "0");
  const header = "\n```csv\nPrecertificate SHA-256 hash,Certificate SHA-256 hash,Subject,Issuer,Not before,Not after,Serial #,dNSNames,Is revoked?,Revocation date,Revocation reason\n";
  let csv = pad(seed + header, (i) => `,${hex(i + 1)},CN=host${i}.example.com,CN=CA,2025-01-01T00:00:00Z,2025-04-01T00:00:00Z,${i.toString(16)},host${i}.example.com,Yes,2025-03-01T00:00:00Z,superseded\n`);
  csv = csv.slice(0, MAX_REPORT_BYTES - 10) ; csv = csv.slice(0, csv.lastIndexOf("\n") + 1) + "```\n";
  console.log("csv bytes", Buffer.byteLength(csv));
  const rc = time("1MiB csv parse", () => parseFullReport(csv), 3) as ReturnType<typeof parseFullReport>;
  console.log("certs", rc.ok && rc.report.affectedCertificates.length, !rc.ok && rc.errors);
  if (rc.ok) time("1MiB csv render", () => renderFullReport(rc.report), 3);
  const tl = seed.replace("### Related Incidents", "__MARK__");
  const [head, tail] = tl.split("__MARK__");
  let events = pad(head!, (i) => `- **2025-05-${String(1 + (i % 28)).padStart(2, "0")} ${String(i % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00** Event number ${i} with some words.\n`);
  events = events.slice(0, MAX_REPORT_BYTES - Buffer.byteLength(tail!) - 40); events = events.slice(0, events.lastIndexOf("\n") + 1) + "\n### Related Incidents" + tail;
  console.log("timeline bytes", Buffer.byteLength(events));
  const re = time("1MiB timeline parse", () => parseFullReport(events), 3) as ReturnType<typeof parseFullReport>;
  console.log("events", re.ok && re.report.timeline.length, !re.ok && re.errors.slice(0, 3));
  if (re.ok) time("1MiB timeline render", () => renderFullReport(re.report), 3);
  const prose = pad(seed, (i) => `\nParagraph ${i} of appendix text with a [link](https://example.com/${i}) and **bold** words.\n`);
  time("1MiB prose mdast only", () => parseMarkdown(prose), 2);
  time("1MiB timeline mdast only", () => parseMarkdown(events), 2);
  time("1MiB csv mdast only", () => parseMarkdown(csv), 2);
  const rp = time("1MiB prose parse", () => parseFullReport(prose), 3) as ReturnType<typeof parseFullReport>;
  console.log("prose ok", rp.ok);
}, 120000);
