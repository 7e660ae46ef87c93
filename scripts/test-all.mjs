#!/usr/bin/env node
/**
 * `npm test`: unit and integration tests (Vitest, on SQLite and PostgreSQL), then the
 * end-to-end tests (Playwright in Debian's Chromium). Ends with one line that counts
 * both: "tests: N passed, M failed".
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";

const root = new URL("..", import.meta.url).pathname;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
mkdirSync(`${root}test-output`, { recursive: true });

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  return result.status ?? 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

if (!existsSync(`${root}lib/db/generated`) && run("npm", ["run", "db:generate"]) !== 0) {
  process.exit(1);
}

const unitStatus = run("npx", [
  "vitest", "run", "--reporter=default", "--reporter=json",
  "--outputFile.json=test-output/vitest.json",
]);
const e2eStatus = run("npx", ["playwright", "test"]);

const unit = readJson(`${root}test-output/vitest.json`);
const e2e = readJson(`${root}test-output/e2e.json`);
const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0);
const failed = (unit?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0);
const skipped = (unit?.numPendingTests ?? 0) + (e2e?.stats?.skipped ?? 0);
const broken = unitStatus !== 0 || e2eStatus !== 0 || !unit || !e2e;

if (broken && failed === 0) {
  console.log(`\nA test runner failed before counting (vitest exit ${unitStatus}, playwright exit ${e2eStatus}).`);
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(broken ? 1 : 0);
