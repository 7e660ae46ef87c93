/**
 * Tiny misbehaving HTTP peers on 127.0.0.1 for tests of the revocation checkers: fixed
 * answers (status, content type, bytes), a peer that never answers, a closed port.
 * Test support only; nothing in production imports it.
 */
import http from "node:http";
import { createServer as createTcpServer, type Socket } from "node:net";

/** A running peer. */
export interface TestPeer {
  url: string;
  port: number;
  /** Requests seen: method, path and body. */
  requests: { method: string; url: string; body: Buffer }[];
  close(): Promise<void>;
}

/** What a fixed peer answers to every request. */
export interface FixedAnswer {
  status?: number;
  contentType?: string;
  body?: Uint8Array | string;
  headers?: Record<string, string>;
}

/** Serves the same answer to every request (or a per-request function's answer). */
export async function startFixedPeer(
  answer: FixedAnswer | ((req: http.IncomingMessage) => FixedAnswer),
): Promise<TestPeer> {
  const requests: TestPeer["requests"] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", body: Buffer.concat(chunks) });
      const a = typeof answer === "function" ? answer(req) : answer;
      const headers: Record<string, string> = { ...a.headers };
      if (a.contentType) headers["content-type"] = a.contentType;
      res.writeHead(a.status ?? 200, headers);
      res.end(a.body === undefined ? undefined : Buffer.from(a.body));
    });
  });
  return listen(server, requests, (cb) => {
    server.closeAllConnections();
    server.close(() => cb());
  });
}

/** Accepts connections and never says a word (for timeouts). */
export async function startSilentPeer(): Promise<TestPeer> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  return listen(server, [], (cb) => {
    for (const s of sockets) s.destroy();
    server.close(() => cb());
  });
}

/** A port on 127.0.0.1 with nothing listening (connection refused). */
export async function closedPortUrl(): Promise<string> {
  const peer = await startSilentPeer();
  await peer.close();
  return peer.url;
}

async function listen(
  server: http.Server | ReturnType<typeof createTcpServer>,
  requests: TestPeer["requests"],
  closer: (cb: () => void) => void,
): Promise<TestPeer> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    close: () => new Promise((r) => closer(r)),
  };
}
