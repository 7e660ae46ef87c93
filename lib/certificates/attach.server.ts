/**
 * Attaching certificate files to an incident: parse and pair first (no database), then
 * store everything in one transaction, so bad input or a failure writes nothing.
 */
import type { Db } from "@/lib/db/client";
import { incidentIssuerDers, saveAttachment } from "@/lib/db/certificates.server";
import { parseCertificateDer } from "@/lib/pki/certificate";
import { planAttachment, type CertificateFile } from "./attach-plan";

export { AttachInputError, type AttachProblem, type CertificateFile } from "./attach-plan";

/** The incident named does not exist. */
export class IncidentNotFoundError extends Error {
  constructor(readonly incidentId: string) {
    super(`No incident with id ${incidentId}`);
    this.name = "IncidentNotFoundError";
  }
}

/**
 * Attaches certificates (PEM bundles or DER, issuers in the same bundle, in `issuerFiles`,
 * or already stored for the incident) to `incidentId`. A certificate the incident already
 * lists by SHA-256 is completed in place; others become new rows. Throws AttachInputError
 * (naming file, PEM block, line and reason; an issuer file that issued nothing) or
 * IncidentNotFoundError, having written nothing.
 */
export async function attachCertificates(
  incidentId: string,
  files: CertificateFile[],
  issuerFiles: CertificateFile[] = [],
  db?: Db,
) {
  const known = (await incidentIssuerDers(incidentId, db)).flatMap((der) => {
    try {
      return [parseCertificateDer(der)];
    } catch {
      return []; // stored by an earlier attach, so readable; never let one block an upload
    }
  });
  const plan = await planAttachment(files, issuerFiles, known);
  const rows = await saveAttachment(incidentId, plan, db);
  if (!rows) throw new IncidentNotFoundError(incidentId);
  return rows;
}
