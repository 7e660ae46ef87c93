/**
 * The responders' raw capacity: pre-built OCSP requests POSTed as fast as the responders
 * take them, nothing parsed or verified, one request per connection (as `openssl ocsp`
 * serves them), under the same concurrency limits as the sweep.
 */
import http from "node:http";

/** One pre-built request and where it goes. */
export interface RawRequest {
  url: string;
  der: Uint8Array;
}

/** What to do with each answer's body; nothing by default. */
export type OnBody = (body: Buffer) => void;

function post(target: RawRequest, onBody?: OnBody): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(target.url, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/ocsp-request", "content-length": target.der.length },
    });
    req.on("error", reject);
    req.on("response", (res) => {
      if (!onBody) {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        return;
      }
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => {
        try {
          onBody(Buffer.concat(chunks));
          resolve(res.statusCode ?? 0);
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
    req.end(Buffer.from(target.der));
  });
}

/**
 * Sends every request once with `concurrency` in flight (spread evenly over the URLs by
 * the order of `requests`); returns answered requests per second and this process's CPU
 * per answer. `onBody`, when given,
 * is run on each answer (a throw counts the answer as failed).
 */
export async function measureCapacity(requests: RawRequest[], concurrency: number, onBody?: OnBody) {
  let next = 0;
  let ok = 0;
  let failed = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    while (next < requests.length) {
      const target = requests[next++] as RawRequest;
      try {
        if ((await post(target, onBody)) === 200) ok++;
        else failed++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // This process's CPU (user + system: the kernel's share of each TCP exchange included).
  const clientCpuMsPerAnswer = (cpu.user + cpu.system) / 1000 / Math.max(ok, 1);
  return { ok, failed, seconds, perSecond: ok / seconds, clientCpuMsPerAnswer };
}

/**
 * Requests for many serials from one template: CertIDs of one issuer differ only in the
 * serial, and the benchmark's serials all have the same length, so each request is the
 * template with its serial bytes replaced.
 */
export function requestsFromTemplate(template: Uint8Array, templateSerial: string, serials: string[]): Uint8Array[] {
  const at = Buffer.from(template).indexOf(Buffer.from(templateSerial, "hex"));
  if (at < 0) throw new Error("the template request does not contain its serial");
  return serials.map((s) => {
    const copy = new Uint8Array(template);
    const bytes = Buffer.from(s, "hex");
    if (bytes.length !== templateSerial.length / 2) throw new Error(`serial ${s} has another length`);
    copy.set(bytes, at);
    return copy;
  });
}
