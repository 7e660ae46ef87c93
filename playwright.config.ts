import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const databaseFile = `${process.cwd()}/data/e2e.db`;

/**
 * End-to-end tests drive Debian's Chromium (never a downloaded browser) against the
 * production build, served by the same start script users run, on a fresh SQLite file.
 */
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [["list"], ["json", { outputFile: "test-output/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
    trace: "retain-on-failure",
  },
  webServer: {
    command: `rm -f "${databaseFile}" && node scripts/start.mjs`,
    url: `http://127.0.0.1:${PORT}/api/incidents`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      DATABASE_URL: `file:${databaseFile}`,
      OUTBOUND_ALLOW_PRIVATE: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
