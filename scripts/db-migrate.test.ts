/**
 * `npm run db:migrate`, the first step of `npm start`, refuses a bad environment variable
 * with a message naming it, before it touches any database.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

it.each([
  ["abc", "SWEEP_HEAP_MB: Invalid input: expected number, received NaN"],
  ["10", "SWEEP_HEAP_MB: Too small: expected number to be >=64"],
])("SWEEP_HEAP_MB=%s stops it: %s", (value, message) => {
  const script = path.join(__dirname, "db-migrate.ts");
  const env = { ...process.env, SWEEP_HEAP_MB: value, DATABASE_URL: "file:/nonexistent/never-created.db" };
  const run = spawnSync(process.execPath, ["--import", "tsx", script], { env, encoding: "utf8" });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`Invalid environment:\n  ${message}`);
});
