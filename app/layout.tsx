import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "CA Incident Desk", template: "%s · CA Incident Desk" },
  description: "Run a Web PKI incident from first report to closure.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            CA Incident Desk
          </Link>
          <nav aria-label="Main">
            <Link href="/">Incidents</Link>
            <Link href="/action-items">Action items</Link>
            <Link href="/incidents/import">Import report</Link>
            <Link href="/ocsp/inspect">Inspect OCSP response</Link>
          </nav>
        </header>
        <main className="page">{children}</main>
      </body>
    </html>
  );
}
