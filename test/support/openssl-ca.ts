/**
 * A throw-away certificate authority made with the `openssl` CLI in a temp dir, for tests
 * and benchmarks: CA, delegated OCSP responders (good, expired, wrong key), leaves whose
 * AIA/CRL DP point at 127.0.0.1, revocations and a CRL. Leaves in bulk are signed
 * in-process with @peculiar/x509 using the CA key, and recorded in OpenSSL's index.txt
 * format so `openssl ocsp -index` answers for them.
 */
import "@/lib/pki/engine"; // must precede @peculiar/x509 (reflect-metadata)
import { execFile } from "node:child_process";
import { randomBytes, webcrypto } from "node:crypto";
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as x509 from "@peculiar/x509";
import { parseCertificate } from "@/lib/pki/bundle";
import type { ParsedCertificate } from "@/lib/pki/certificate";
import type { RevocationReason } from "@/lib/revocation/revocation-reason";

const run = promisify(execFile);
export const OPENSSL = process.env.OPENSSL_BIN ?? "/usr/bin/openssl";

/** Runs openssl in `cwd`; throws with its stderr on failure. */
export async function openssl(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(OPENSSL, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`openssl ${args.join(" ")} failed: ${err.stderr ?? err.message}`);
  }
}

/** Key and certificate files of one identity. */
export interface IssuedFiles {
  certPath: string;
  keyPath: string;
  cert: ParsedCertificate;
}

/** A leaf in the CA's index. */
export interface TestLeaf {
  /** Lower-case hex, as CertificateInfo.serialNumber. */
  serial: string;
  /** Own PEM file for `openssl ca` leaves; null for bulk leaves (in issued/<prefix>.pem). */
  certPath: string | null;
  der: Uint8Array;
  /** Parsed on first use: parsing 23,000 leaves up front would dominate set-up. */
  readonly cert: ParsedCertificate;
}

/** Options of {@link createTestCa}. */
export interface TestCaOptions {
  /** Port of the OCSP responder named in leaves' AIA (http://127.0.0.1:PORT/). */
  ocspPort: number;
  /** Port of the CRL server named in leaves' CRL DP (http://127.0.0.1:PORT/ca.crl). */
  crlPort: number;
  /** CA key type; "ec" (P-256) signs bulk leaves several times faster. Default "rsa". */
  keyType?: "rsa" | "ec";
  /** The delegated responders' key type; default "ec" (P-256). */
  responderKeyType?: "rsa" | "ec";
}

/** The authority and its files; `dir` is removed by {@link TestCa.cleanup}. */
export interface TestCa extends IssuedFiles {
  dir: string;
  ocspUrl: string;
  crlUrl: string;
  indexPath: string;
  crlPath: string;
  /** Delegated responder: issued by the CA, OCSPSigning EKU, valid now. */
  responder: IssuedFiles;
  /** Delegated responder whose certificate expired yesterday. */
  expiredResponder: IssuedFiles;
  /**
   * An impostor: self-signed, same subject name as the CA, its own key. A responder
   * signing with it (run with noCerts) produces a signature the real CA key does not
   * verify while the ResponderID names the CA: the "wrong key" case. OpenSSL refuses to
   * sign with a key that does not match the signer certificate, hence this shape.
   */
  wrongKeyResponder: IssuedFiles;
  /** Issues a leaf with `openssl ca` (slow, ~20 ms; fine for a handful). */
  issueLeaf(cn: string): Promise<TestLeaf>;
  /**
   * Issues `count` leaves in-process (one shared key, signed by the CA key), appends them
   * to index.txt and writes them as one PEM bundle, `issued/<prefix>.pem`.
   */
  issueLeaves(count: number, prefix?: string): Promise<TestLeaf[]>;
  /** Marks a leaf revoked in index.txt (`openssl ca -revoke -crl_reason` for leaves with a file). */
  revoke(leaf: TestLeaf, reason: RevocationReason): Promise<void>;
  /** Marks many leaves revoked in one rewrite of index.txt (fast for bulk leaves). */
  revokeMany(revocations: { leaf: TestLeaf; reason: RevocationReason; at?: Date }[]): Promise<void>;
  /** Writes a fresh CRL (DER) to crlPath and returns its bytes; `signer` overrides the CA. */
  generateCrl(opts?: { hours?: number; signer?: IssuedFiles }): Promise<Uint8Array>;
  cleanup(): Promise<void>;
}

function config(dir: string, ocspUrl: string, crlUrl: string): string {
  return `
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = ${dir}
database = $dir/index.txt
new_certs_dir = $dir/issued
serial = $dir/serial
crlnumber = $dir/crlnumber
certificate = $dir/ca.pem
private_key = $dir/ca.key
default_md = sha256
default_days = 90
default_crl_hours = 24
policy = any
unique_subject = no
copy_extensions = none
[ any ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ ca_ext ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ leaf_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
authorityInfoAccess = OCSP;URI:${ocspUrl}, caIssuers;URI:${ocspUrl}ca.der
crlDistributionPoints = URI:${crlUrl}
[ ocsp_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
noCheck = ignored
`;
}

/** Makes the CA in a fresh temp dir (about a second: three key generations). */
export async function createTestCa(options: TestCaOptions): Promise<TestCa> {
  const dir = await mkdtemp(join(tmpdir(), "test-ca-"));
  const ocspUrl = `http://127.0.0.1:${options.ocspPort}/`;
  const crlUrl = `http://127.0.0.1:${options.crlPort}/ca.crl`;
  const cnf = join(dir, "ca.cnf");
  await writeFile(cnf, config(dir, ocspUrl, crlUrl));
  await run("mkdir", ["-p", join(dir, "issued")]);
  await writeFile(join(dir, "index.txt"), "");
  await writeFile(join(dir, "index.txt.attr"), "unique_subject = no\n");
  await writeFile(join(dir, "serial"), "1000\n");
  await writeFile(join(dir, "crlnumber"), "01\n");

  const keyArgs =
    options.keyType === "ec"
      ? ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
      : ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"];
  await openssl(dir, ["genpkey", ...keyArgs, "-out", "ca.key"]);
  await openssl(dir, [
    "req",
    "-new",
    "-x509",
    "-config",
    cnf,
    "-key",
    "ca.key",
    "-subj",
    "/O=Test PKI/CN=Test Issuing CA",
    "-days",
    "3650",
    "-extensions",
    "ca_ext",
    "-out",
    "ca.pem",
  ]);
  await openssl(dir, ["x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der"]);
  for (const key of ["leaf.key", "other.key"]) {
    await openssl(dir, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key]);
  }
  const responderKey = options.responderKeyType === "rsa" ? "responder.key" : "leaf.key";
  if (responderKey === "responder.key") {
    await openssl(dir, ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", responderKey]);
  }

  const ca: IssuedFiles = {
    certPath: join(dir, "ca.pem"),
    keyPath: join(dir, "ca.key"),
    cert: await load(join(dir, "ca.pem")),
  };
  // Backdated a day so tests may judge responses with a clock slightly in the past.
  const sign = async (
    name: string,
    cn: string,
    ext: string,
    dates = ["-startdate", utc(-1), "-enddate", utc(30)],
    key = "leaf.key",
  ) => {
    await openssl(dir, [
      "req",
      "-new",
      "-config",
      cnf,
      "-key",
      key,
      "-subj",
      `/CN=${cn}`,
      "-out",
      `${name}.csr`,
    ]);
    await openssl(dir, [
      "ca",
      "-batch",
      "-config",
      cnf,
      "-notext",
      "-extensions",
      ext,
      ...dates,
      "-in",
      `${name}.csr`,
      "-out",
      `${name}.pem`,
    ]);
    return join(dir, `${name}.pem`);
  };

  const files = async (certPath: string, keyPath: string): Promise<IssuedFiles> => ({
    certPath,
    keyPath,
    cert: await load(certPath),
  });
  const responder = await files(
    await sign("responder", "Test OCSP Responder", "ocsp_ext", undefined, responderKey),
    join(dir, responderKey),
  );
  const expiredDates = ["-startdate", utc(-30), "-enddate", utc(-1)];
  const expiredResponder = await files(
    await sign("expired", "Expired OCSP Responder", "ocsp_ext", expiredDates, responderKey),
    join(dir, responderKey),
  );
  await openssl(dir, [
    "req",
    "-new",
    "-x509",
    "-config",
    cnf,
    "-key",
    "other.key",
    "-subj",
    "/O=Test PKI/CN=Test Issuing CA",
    "-days",
    "30",
    "-out",
    "impostor.pem",
  ]);
  const wrongKeyResponder = await files(join(dir, "impostor.pem"), join(dir, "other.key"));
  const caKey = await importCaKey(join(dir, "ca.key"), options.keyType ?? "rsa");
  const leafPublic = await openssl(dir, ["pkey", "-in", "leaf.key", "-pubout"]);

  const authority: TestCa = {
    ...ca,
    dir,
    ocspUrl,
    crlUrl,
    indexPath: join(dir, "index.txt"),
    crlPath: join(dir, "ca.crl"),
    responder,
    expiredResponder,
    wrongKeyResponder,
    async issueLeaf(cn) {
      const certPath = await sign(`leaf-${cn.replace(/[^a-z0-9]/gi, "_")}`, cn, "leaf_ext");
      const cert = await load(certPath);
      return { serial: cert.info.serialNumber, certPath, der: cert.der, cert };
    },
    issueLeaves: (count, prefix = "bulk") =>
      issueInProcess(authority, caKey, leafPublic, count, prefix),
    async revoke(leaf, reason) {
      if (!leaf.certPath) return authority.revokeMany([{ leaf, reason }]);
      await openssl(dir, ["ca", "-config", cnf, "-revoke", leaf.certPath, "-crl_reason", reason]);
    },
    revokeMany: (revocations) => revokeInIndex(join(dir, "index.txt"), revocations),
    async generateCrl(opts = {}) {
      const signer = opts.signer
        ? ["-cert", opts.signer.certPath, "-keyfile", opts.signer.keyPath]
        : [];
      const hours = ["-crlhours", String(opts.hours ?? 24)];
      await openssl(dir, [
        "ca",
        "-config",
        cnf,
        "-gencrl",
        ...signer,
        ...hours,
        "-out",
        "ca-crl.pem",
      ]);
      await openssl(dir, ["crl", "-in", "ca-crl.pem", "-outform", "DER", "-out", "ca.crl"]);
      return new Uint8Array(await readFile(join(dir, "ca.crl")));
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  return authority;
}

async function load(path: string): Promise<ParsedCertificate> {
  return parseCertificate(await readFile(path, "utf8"));
}

/** OpenSSL's `-startdate/-enddate` form, `days` from now: YYYYMMDDHHMMSSZ. */
function utc(days: number): string {
  return (
    new Date(Date.now() + days * 86_400_000).toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z"
  );
}

async function importCaKey(keyPath: string, type: "rsa" | "ec"): Promise<CryptoKey> {
  const pem = await readFile(keyPath, "utf8");
  const der = x509.PemConverter.decodeFirst(pem);
  const algorithm =
    type === "ec"
      ? { name: "ECDSA", namedCurve: "P-256" }
      : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  return webcrypto.subtle.importKey("pkcs8", der, algorithm, false, ["sign"]) as Promise<CryptoKey>;
}

/** OpenSSL's index.txt time form (UTCTime): YYMMDDHHMMSSZ. */
function indexTime(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";
}

/** index.txt line: status, expiry, revocation, serial (upper hex), file, subject. */
function indexLine(serialHex: string, notAfter: Date, cn: string): string {
  return `V\t${indexTime(notAfter)}\t\t${serialHex.toUpperCase()}\tunknown\t/CN=${cn}\n`;
}

async function revokeInIndex(
  indexPath: string,
  revocations: { leaf: TestLeaf; reason: RevocationReason; at?: Date }[],
): Promise<void> {
  const bySerial = new Map(revocations.map((r) => [r.leaf.serial.toUpperCase(), r]));
  const lines = (await readFile(indexPath, "utf8")).split("\n").map((line) => {
    const f = line.split("\t");
    const r = f[0] === "V" ? bySerial.get(f[3] ?? "") : undefined;
    if (!r) return line;
    return ["R", f[1], `${indexTime(r.at ?? new Date())},${r.reason}`, ...f.slice(3)].join("\t");
  });
  await writeFile(indexPath, lines.join("\n"));
}

const PARALLEL_SIGNATURES = 16;

async function issueInProcess(
  ca: TestCa,
  caKey: CryptoKey,
  leafPublicPem: string,
  count: number,
  prefix: string,
): Promise<TestLeaf[]> {
  const publicKey = new x509.PublicKey(x509.PemConverter.decodeFirst(leafPublicPem));
  const notBefore = new Date(Date.now() - 3600_000);
  const notAfter = new Date(Date.now() + 30 * 86_400_000);
  const signingAlgorithm =
    caKey.algorithm.name === "ECDSA"
      ? { name: "ECDSA", hash: "SHA-256" }
      : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const extensions = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    new x509.AuthorityInfoAccessExtension({ ocsp: [ca.ocspUrl] }),
    new x509.CRLDistributionPointsExtension([ca.crlUrl]),
  ];
  const issueOne = async (i: number): Promise<{ leaf: TestLeaf; pem: string; line: string }> => {
    const serial = randomSerial();
    const cn = `${prefix}-${i}.test`;
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial,
      subject: `CN=${cn}`,
      issuer: ca.cert.x509.subjectName,
      notBefore,
      notAfter,
      publicKey,
      signingKey: caKey,
      signingAlgorithm,
      extensions: [
        ...extensions,
        new x509.SubjectAlternativeNameExtension([{ type: "dns", value: cn }]),
      ],
    });
    const der = new Uint8Array(cert.rawData);
    return {
      leaf: lazyLeaf(serial, der),
      pem: cert.toString("pem"),
      line: indexLine(serial, notAfter, cn),
    };
  };

  const issued: { leaf: TestLeaf; pem: string; line: string }[] = [];
  for (let start = 0; start < count; start += PARALLEL_SIGNATURES) {
    const batch = Array.from({ length: Math.min(PARALLEL_SIGNATURES, count - start) }, (_, k) =>
      issueOne(start + k),
    );
    issued.push(...(await Promise.all(batch)));
  }
  await appendFile(ca.indexPath, issued.map((x) => x.line).join(""));
  await writeFile(join(ca.dir, "issued", `${prefix}.pem`), issued.map((x) => x.pem).join("\n"));
  return issued.map((x) => x.leaf);
}

function lazyLeaf(serial: string, der: Uint8Array): TestLeaf {
  let parsed: ParsedCertificate | undefined;
  return {
    serial,
    certPath: null,
    der,
    get cert() {
      parsed ??= parseCertificate(der);
      return parsed;
    },
  };
}

/** 16 random bytes, positive and without a leading zero byte, as lower-case hex. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return bytes.toString("hex");
}
