import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WebAssembly modules are loaded by Node at run time, never bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "pkijs",
    "@peculiar/x509",
  ],
  poweredByHeader: false,
  // Reports are capped at 1 MiB by the importer; the form adds a little around that.
  experimental: { serverActions: { bodySizeLimit: "3mb" } },
};

export default nextConfig;
