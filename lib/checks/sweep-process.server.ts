/**
 * Sweeps started from the web app run in a process of their own, `node --import tsx
 * scripts/sweep-process.ts SWEEP_ID`:
 * - a sweep keeps a core busy for as long as it runs; inside the server it would stall
 *   every page and API call for that long;
 * - its memory is its own and kept near what it really uses: V8 collects once the heap
 *   has grown by half over the live data ({@link HEAP_GROWING_PERCENT}); by default it
 *   lets short-lived garbage from thousands of checks pile up to several hundred MB.
 *   The limit follows the live data, so a large CRL still fits; SWEEP_HEAP_MB adds a
 *   hard old-space limit for operators who want one;
 * - if it dies, the server does not: the missing heartbeat marks the sweep interrupted and
 *   it can be resumed.
 * The child reads the same environment (DATABASE_URL, OUTBOUND_ALLOW_PRIVATE).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * V8's heap growing factor for a sweep process, as 1 + percent/100: the next full
 * collection comes when the heap is 1.5 times what survived the last one. Measured with
 * `npm run bench:ocsp -- --n 10000`: peak RSS 271 MB and 572 checks/s, against 401 MB
 * with V8's default and 291 MB (465 checks/s) with a 192 MB old-space limit instead.
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * V8 flags of a sweep process. `--liftoff-only` keeps Prisma's Wasm query compiler on V8's
 * baseline Wasm compiler: about 55 MB less resident code for about 10 % fewer checks per
 * second (`bench:ocsp -- --n 23000`: 247 MB and 534 checks/s, against 302–311 MB and
 * 581–636 checks/s without it).
 */
export const SWEEP_NODE_FLAGS = [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, "--liftoff-only"];

/** The runner script, relative to the project root (the server's working directory). */
export const SWEEP_RUNNER = path.join("scripts", "sweep-process.ts");

/** How to start a sweep process. */
export interface LaunchOptions {
  /** Project root; default the working directory. */
  root?: string;
  /** Extra Node.js flags (the benchmark adds --cpu-prof). */
  nodeFlags?: string[];
  /** "pipe" to read the final summary line (the benchmark); default "inherit" (server log). */
  stdout?: "inherit" | "pipe";
  /** Environment; default this process's. */
  env?: NodeJS.ProcessEnv;
  /**
   * Called once if the process never got to run the sweep: it could not be spawned, or
   * Node.js refused its options (exit code 9, e.g. a V8 flag this Node.js lacks).
   */
  onNotStarted?: (why: string) => void;
}

/** Node.js' exit code for invalid command-line options. */
const INVALID_ARGUMENT = 9;

/** The node arguments of a sweep process for `sweepId`. */
export function sweepProcessArgs(sweepId: string, options: LaunchOptions = {}): string[] {
  const root = options.root ?? process.cwd();
  const limit = env().SWEEP_HEAP_MB;
  return [
    ...SWEEP_NODE_FLAGS,
    ...(limit ? [`--max-old-space-size=${limit}`] : []),
    ...(options.nodeFlags ?? []),
    "--import",
    "tsx",
    path.join(root, SWEEP_RUNNER),
    sweepId,
  ];
}

/**
 * Starts the process that runs sweep `sweepId` (already created, status running) and
 * returns it; does not wait. Throws when the runner is missing (not a project checkout).
 */
export function launchSweepProcess(sweepId: string, options: LaunchOptions = {}): ChildProcess {
  const root = options.root ?? process.cwd();
  if (!existsSync(path.join(root, SWEEP_RUNNER))) {
    throw new Error(`cannot start a sweep process: ${path.join(root, SWEEP_RUNNER)} does not exist`);
  }
  const child = spawn(process.execPath, sweepProcessArgs(sweepId, { ...options, root }), {
    cwd: root,
    env: options.env ?? process.env,
    stdio: ["ignore", options.stdout ?? "inherit", "inherit"],
  });
  let reported = false;
  const notStarted = (why: string) => {
    if (reported) return;
    reported = true;
    const event = { event: "revocation-sweep.process-failed", sweepId, message: why };
    process.stderr.write(`${JSON.stringify(event)}\n`);
    options.onNotStarted?.(why);
  };
  child.on("error", (error) => notStarted(error.message));
  child.on("exit", (code) => {
    if (code === INVALID_ARGUMENT) notStarted(`node refused the sweep process's options (exit code ${code})`);
  });
  return child;
}
