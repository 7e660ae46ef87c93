/**
 * CLI commands of the revocation feature: attach certificates, sweep an incident,
 * inspect a stored OCSP response. Registered in ./commands.ts.
 */
import { readFile } from "node:fs/promises";
import { AttachInputError, attachCertificates } from "@/lib/certificates/attach.server";
import { inspectFiles } from "@/lib/checks/inspect-files";
import { resumeLatestSweepNow, SweepConflictError, sweepNow } from "@/lib/checks/sweeps.server";
import { certificatesWithLatestChecks, incidentExists } from "@/lib/db/revocation-reads.server";
import { option, UsageError } from "./commands";

type Command = (args: string[]) => Promise<number>;

export const REVOCATION_USAGE = `  certs add ID FILE... [--issuer FILE]...
                                      attach PEM/DER certificates (bundles too) to an incident
  check ID [--json] [--resume]        check every attached certificate by OCSP and CRL;
                                      --resume carries on the interrupted latest sweep
  ocsp inspect RESPONSE.der [--issuer ISSUER.pem] [--cert CERT.pem]
                                      judge a stored OCSP response, print JSON`;

/** Every value of a repeatable option, removed from `args`. */
function options(args: string[], name: string): string[] {
  const values: string[] = [];
  for (let v = option(args, name); v !== undefined; v = option(args, name)) values.push(v);
  return values;
}

const readNamed = async (name: string) => ({ name, bytes: new Uint8Array(await readFile(name)) });

async function certsAdd(args: string[]): Promise<number> {
  const issuerFiles = options(args, "--issuer");
  const [id, ...files] = args;
  if (!id || files.length === 0) throw new UsageError("certs add needs an incident ID and at least one FILE");
  try {
    const rows = await attachCertificates(id, await Promise.all(files.map(readNamed)), await Promise.all(issuerFiles.map(readNamed)));
    for (const r of rows) process.stdout.write(`${r.id}\t${r.serialHex ?? ""}\t${r.subject ?? ""}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof AttachInputError)) throw e;
    for (const p of e.problems) {
      const block = p.block ? `PEM block ${p.block}: ` : "";
      process.stderr.write(`${p.file}${p.line ? `:${p.line}` : ""}: ${block}${p.message}\n`);
    }
    process.stderr.write("error: nothing was attached\n");
    return 1;
  }
}

async function check(args: string[]): Promise<number> {
  const asJson = args.includes("--json");
  const resume = args.includes("--resume");
  const [id, extra] = args.filter((a) => a !== "--json" && a !== "--resume");
  if (!id) throw new UsageError("check needs an incident ID");
  if (extra !== undefined) throw new UsageError(`check takes one incident ID; unexpected "${extra}"`);
  if (!(await incidentExists(id))) throw new Error(`no incident with id ${id}`);
  // The sweep's start/end lines go to stderr so that stdout stays the result.
  const log = (e: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(e)}\n`);
  try {
    await (resume ? resumeLatestSweepNow(id, { log }) : sweepNow(id, { log }));
  } catch (error) {
    if (!(error instanceof SweepConflictError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return 1;
  }

  const rows = (await certificatesWithLatestChecks(id)).filter((c) => c.ocsp || c.crl);
  if (asJson) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  for (const c of rows) {
    const name = c.subject || c.dnsNames[0] || "(no name)";
    const ocsp = c.ocsp ? `OCSP ${c.ocsp.verdict}: ${c.ocsp.verdictDetail}` : "OCSP -";
    const crl = c.crl ? `CRL ${c.crl.verdict}: ${c.crl.verdictDetail}` : "CRL -";
    process.stdout.write(`${name}\t${c.serialHex ?? ""}\t${ocsp}\t${crl}\n`);
  }
  return 0;
}

async function ocspInspect(args: string[]): Promise<number> {
  const issuer = option(args, "--issuer");
  const cert = option(args, "--cert");
  const [file] = args;
  if (!file) throw new UsageError("ocsp inspect needs a RESPONSE.der file");
  const outcome = await inspectFiles(new Uint8Array(await readFile(file)), {
    issuer: issuer ? new Uint8Array(await readFile(issuer)) : null,
    cert: cert ? new Uint8Array(await readFile(cert)) : null,
  });
  if (!outcome.ok) {
    process.stderr.write(`error: ${outcome.message.replace(/^(response|issuer|cert)/, (f) => ({ response: file, issuer, cert })[f] ?? f)}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(outcome.inspection, null, 2)}\n`);
  return 0;
}

/** `certs add`, `check`, `ocsp inspect`, keyed by their first word. */
export const revocationCommands: Record<string, Command> = {
  async certs([sub, ...rest]) {
    if (sub !== "add") throw new UsageError(`unknown certs command "${sub ?? ""}" (try: certs add)`);
    return certsAdd(rest);
  },
  check,
  async ocsp([sub, ...rest]) {
    if (sub !== "inspect") throw new UsageError(`unknown ocsp command "${sub ?? ""}" (try: ocsp inspect)`);
    return ocspInspect(rest);
  },
};
