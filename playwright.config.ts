import { defineConfig } from "@playwright/test";

const sqlitePort = Number(process.env.E2E_PORT ?? 3100);
const pgPort = Number(process.env.E2E_PG_PORT ?? 3101);
const withPostgres = process.env.SKIP_PG !== "1";

/**
 * End-to-end tests drive Debian's Chromium (never a downloaded browser) against the
 * production build, served by the same start script users run: once on a fresh SQLite
 * file and once on a fresh PostgreSQL database (scripts/e2e-servers.mjs). Every spec runs
 * against both.
 */
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [["list"], ["json", { outputFile: "test-output/e2e.json" }]],
  use: {
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
    trace: "retain-on-failure",
  },
  projects: [
    { name: "sqlite", use: { baseURL: `http://127.0.0.1:${sqlitePort}` } },
    ...(withPostgres ? [{ name: "postgres", use: { baseURL: `http://127.0.0.1:${pgPort}` } }] : []),
  ],
  webServer: {
    command: "node scripts/e2e-servers.mjs",
    url: `http://127.0.0.1:${withPostgres ? pgPort : sqlitePort}/api/incidents`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      E2E_PORT: String(sqlitePort),
      E2E_PG_PORT: String(pgPort),
      OUTBOUND_ALLOW_PRIVATE: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
