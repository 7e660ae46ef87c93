/** Typed errors for certificate input a user can get wrong. */

/** Why a piece of certificate input was refused. */
export type CertificateInputProblem =
  | "no-certificate"
  | "bad-base64"
  | "wrong-label"
  | "unterminated-block"
  | "truncated-der"
  | "not-a-certificate";

/**
 * Certificate input that could not be read. `block` is the 1-based index of the PEM
 * block and `line` the 1-based line where it starts (both null for DER input). `detail`
 * says what was wrong without the place, for callers that show block and line from the
 * fields; `message` is the place and the detail together, for callers that show only it.
 */
export class CertificateInputError extends Error {
  readonly problem: CertificateInputProblem;
  readonly block: number | null;
  readonly line: number | null;
  readonly detail: string;

  constructor(
    problem: CertificateInputProblem,
    detail: string,
    where?: { block: number; line: number },
  ) {
    const place = where ? `PEM block ${where.block} (line ${where.line}): ` : "";
    super(`${place}${detail}`);
    this.name = "CertificateInputError";
    this.problem = problem;
    this.block = where?.block ?? null;
    this.line = where?.line ?? null;
    this.detail = detail;
  }
}
