/**
 * A real `openssl ocsp` responder for tests. It listens on every interface (OpenSSL 3.0
 * takes a port only); tests send to 127.0.0.1. It reads index.txt once at start, so a
 * revocation needs {@link OpensslResponder.restart}.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { OPENSSL, type IssuedFiles, type TestCa } from "./openssl-ca";

/** Options of {@link startOpensslResponder}. */
export interface OpensslResponderOptions {
  ca: TestCa;
  /** Whose key signs; default the CA's delegated responder. */
  signer?: IssuedFiles;
  /** Port; default the CA's OCSP port taken from its URL. */
  port?: number;
  /** nextUpdate = thisUpdate + ndays (default 1: a 24 h window, inside BR 8 h – 10 days). */
  ndays?: number;
  /** Use minutes instead of days (e.g. 60 for a BR-too-short window). */
  nmin?: number;
  /** Leave the signer certificate out of responses (-resp_no_certs). */
  noCerts?: boolean;
  /** Identify the responder by key hash (-resp_key_id) instead of by name. */
  byKey?: boolean;
  /** Child processes answering in parallel (-multi), for benchmarks. */
  multi?: number;
}

/** A running responder. */
export interface OpensslResponder {
  url: string;
  port: number;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now (race-prone but fine for tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `openssl ocsp` and resolves once it accepts connections on 127.0.0.1. */
export async function startOpensslResponder(
  options: OpensslResponderOptions,
): Promise<OpensslResponder> {
  const port = options.port ?? Number(new URL(options.ca.ocspUrl).port);
  const signer = options.signer ?? options.ca.responder;
  const args = [
    "ocsp",
    "-index",
    options.ca.indexPath,
    "-port",
    String(port),
    "-CA",
    options.ca.certPath,
    "-rsigner",
    signer.certPath,
    "-rkey",
    signer.keyPath,
    "-ignore_err",
    ...(options.nmin ? ["-nmin", String(options.nmin)] : ["-ndays", String(options.ndays ?? 1)]),
    ...(options.noCerts ? ["-resp_no_certs"] : []),
    ...(options.byKey ? ["-resp_key_id"] : []),
    ...(options.multi ? ["-multi", String(options.multi)] : []),
  ];
  let child: ChildProcess | null = null;
  let stderr = "";

  const start = async () => {
    stderr = "";
    // Not detached: with -multi OpenSSL makes its own process group (setpgid fails for a
    // session leader) and its parent ignores SIGTERM, so stop() signals that group.
    const proc = spawn(OPENSSL, args, { cwd: options.ca.dir, stdio: ["ignore", "pipe", "pipe"] });
    proc.stdout?.on("data", (d: Buffer) => (stderr += d.toString()));
    proc.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    child = proc;
    await waitForBanner(proc, () => stderr);
  };
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    if (options.multi) signalGroup(proc, "SIGKILL");
    else proc.kill("SIGTERM");
    const timer = setTimeout(() => {
      signalGroup(proc, "SIGKILL");
      proc.kill("SIGKILL");
    }, 1000);
    await exited;
    clearTimeout(timer);
    signalGroup(proc, "SIGKILL"); // children of -multi outlive their parent otherwise
  };

  await start();
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    restart: async () => {
      await stop();
      await start();
    },
    stop,
  };
}

/** Signals the process group OpenSSL -multi created (group id = its pid), if any. */
function signalGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (proc.pid) process.kill(-proc.pid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Waits for the "ACCEPT" line OpenSSL prints once it listens (with -multi the rest of its
 * log goes to syslog). Not a TCP probe: in our runs OpenSSL 3.0's single-process
 * responder stopped answering after a probe connection that was closed unread.
 */
async function waitForBanner(proc: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`openssl ocsp exited (${proc.exitCode}): ${log()}`);
    if (/^ACCEPT /m.test(log())) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  signalGroup(proc, "SIGKILL");
  proc.kill("SIGKILL");
  throw new Error(`openssl ocsp did not start: ${log()}`);
}
