import type { Metadata } from "next";
import { InspectForm } from "./inspect-form";

export const metadata: Metadata = { title: "Inspect OCSP response" };

export default function InspectPage() {
  return (
    <>
      <h1>Inspect a saved OCSP response</h1>
      <p className="muted">
        Monitors such as OCSP Watch hand out the raw responses they saw. Upload one to read every
        field. Give the issuer certificate to verify the signature and the signer, and the
        certificate to pick its SingleResponse. The same is available as{" "}
        <code>npm run cli -- ocsp inspect RESPONSE.der --issuer ISSUER.pem --cert CERT.pem</code>.
      </p>
      <InspectForm />
    </>
  );
}
