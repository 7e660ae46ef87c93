import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockedAddressReason } from "./address-policy";
import { FetchFailure } from "./fetch-failure";
import { guardedFetch } from "./guarded-fetch";
import { closedPortUrl, startFixedPeer, startSilentPeer, type TestPeer } from "./test-peers";

const local = { allowPrivate: true };

async function failure(p: Promise<unknown>): Promise<FetchFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FetchFailure) return e;
    throw e;
  }
  throw new Error("expected a FetchFailure");
}

describe("address policy", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
  ])("refuses %s", (ip) => expect(blockedAddressReason(ip)).not.toBeNull());

  it.each(["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows %s", (ip) =>
    expect(blockedAddressReason(ip)).toBeNull(),
  );
});

describe("refusal reasons name the address and its kind of range", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1 is a loopback address"],
    ["10.1.2.3", "10.1.2.3 is a private address"],
    ["100.64.0.1", "100.64.0.1 is a shared (CGNAT) address"],
    ["0.0.0.0", "0.0.0.0 is an unspecified address"],
    ["255.255.255.255", "255.255.255.255 is a reserved address"],
    ["203.0.113.9", "203.0.113.9 is a documentation address"],
    ["::ffff:7f00:1", "::ffff:7f00:1 is a loopback address"],
    ["fd00::1", "fd00::1 is a private address"],
    ["ff02::1", "ff02::1 is a multicast address"],
  ])("%s", (ip, reason) => expect(blockedAddressReason(ip)).toBe(reason));
});

describe("guardedFetch", () => {
  let peer: TestPeer;
  let big: TestPeer;
  let silent: TestPeer;
  beforeAll(async () => {
    peer = await startFixedPeer((req) =>
      req.url === "/hop"
        ? { status: 302, headers: { location: "/final" } }
        : req.url === "/away"
          ? { status: 302, headers: { location: "http://example.com/x" } }
          : { contentType: "application/ocsp-response", body: `path=${req.url}` },
    );
    big = await startFixedPeer({
      contentType: "application/pkix-crl",
      body: new Uint8Array(2 * 1024 * 1024),
    });
    silent = await startSilentPeer();
  });
  afterAll(async () => {
    await Promise.all([peer.close(), big.close(), silent.close()]);
  });

  it("refuses 127.0.0.1 unless private targets are allowed", async () => {
    const f = await failure(guardedFetch(peer.url, { allowPrivate: false }));
    expect(f.kind).toBe("blocked-address");
    const ok = await guardedFetch(peer.url, local);
    expect(ok.status).toBe(200);
  });

  it("refuses IPv6 loopback literals and hosts with any private address", async () => {
    const v6 = await failure(guardedFetch(`http://[::1]:${peer.port}/`, { allowPrivate: false }));
    expect(v6.kind).toBe("blocked-address");
    const mixed = async () => [
      { address: "93.184.215.14", family: 4 as const },
      { address: "::ffff:192.168.0.1", family: 6 as const },
    ];
    const f = await failure(
      guardedFetch("http://two.example.test/", { allowPrivate: false, resolve: mixed }),
    );
    expect(f.kind).toBe("blocked-address");
  });

  it("refuses a host name that resolves to a private address, before connecting", async () => {
    const resolve = async () => [{ address: "10.0.0.7", family: 4 as const }];
    const f = await failure(
      guardedFetch("http://ocsp.example.test/", { allowPrivate: false, resolve }),
    );
    expect(f.kind).toBe("blocked-address");
  });

  it("names each refused address once, with its kind", async () => {
    const refusal = async (url: string, addresses: string[] | null) => {
      const resolve = async () => (addresses ?? []).map((address) => ({ address, family: 4 as const }));
      const options = addresses ? { allowPrivate: false, resolve } : { allowPrivate: false };
      const f = await failure(guardedFetch(url, options));
      return [f.kind, f.message];
    };
    expect(await refusal(peer.url, null)).toEqual([
      "blocked-address",
      "blocked-address: 127.0.0.1 is a loopback address",
    ]);
    expect(await refusal("http://dup.example.test/", ["127.0.0.1", "127.0.0.1"])).toEqual([
      "blocked-address",
      "blocked-address: dup.example.test resolves to 127.0.0.1, a loopback address",
    ]);
    const several = ["10.0.0.7", "93.184.215.14", "127.0.0.1", "10.0.0.7"];
    expect(await refusal("http://many.example.test/", several)).toEqual([
      "blocked-address",
      "blocked-address: many.example.test resolves to 10.0.0.7 (a private address) " +
        "and 127.0.0.1 (a loopback address)",
    ]);
  });

  it("refuses a URL with credentials as such, not as a wrong scheme", async () => {
    const f = await failure(guardedFetch(`http://user@127.0.0.1:${peer.port}/`, local));
    expect([f.kind, f.detail]).toEqual(["bad-url", "URLs with credentials (user@host) are refused"]);
    const ftp = await failure(guardedFetch("ftp://127.0.0.1/x", local));
    expect(ftp.detail).toBe("the scheme is ftp, not http or https");
  });

  it("connects to the address it checked, not to a second lookup", async () => {
    const resolve = async () => [{ address: "127.0.0.1", family: 4 as const }];
    const r = await guardedFetch(`http://pinned.example.test:${peer.port}/x`, {
      allowPrivate: true,
      resolve,
    });
    expect(Buffer.from(r.body).toString()).toBe("path=/x");
    expect(r.remoteAddress).toBe("127.0.0.1");
  });

  it.each(["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://x", "not a url"])(
    "refuses %s as bad-url",
    async (url) => {
      expect((await failure(guardedFetch(url, local))).kind).toBe("bad-url");
    },
  );

  it("caps the body while streaming", async () => {
    const f = await failure(guardedFetch(big.url, { ...local, maxBytes: 1024 * 1024 }));
    expect(f.kind).toBe("too-large");
    const ok = await guardedFetch(big.url, { ...local, maxBytes: 20 * 1024 * 1024 });
    expect(ok.body.length).toBe(2 * 1024 * 1024);
  });

  it("times out on a peer that never answers", async () => {
    const t0 = Date.now();
    const f = await failure(guardedFetch(silent.url, { ...local, timeoutMs: 300 }));
    expect(f.kind).toBe("timeout");
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("classifies a closed port as connection-refused", async () => {
    expect((await failure(guardedFetch(await closedPortUrl(), local))).kind).toBe(
      "connection-refused",
    );
  });

  it("classifies an unresolvable name as dns-failure", async () => {
    const f = await failure(guardedFetch("http://no-such-host.invalid/", local));
    expect(f.kind).toBe("dns-failure");
  });

  it("follows a same-host redirect and refuses one to another host", async () => {
    const r = await guardedFetch(`${peer.url}hop`, local);
    expect(Buffer.from(r.body).toString()).toBe("path=/final");
    expect(r.redirects).toEqual([`${peer.url}final`]);
    const f = await failure(guardedFetch(`${peer.url}away`, local));
    expect(f.kind).toBe("http-error");
    expect(f.message).toMatch(/another host/);
    expect(
      (await failure(guardedFetch(`${peer.url}hop`, { ...local, maxRedirects: 0 }))).kind,
    ).toBe("http-error");
  });

  it("returns non-200 answers instead of throwing", async () => {
    const p = await startFixedPeer({ status: 500, contentType: "text/plain", body: "boom" });
    const r = await guardedFetch(p.url, local);
    await p.close();
    expect([r.status, r.contentType]).toEqual([500, "text/plain"]);
  });

  it("reads OUTBOUND_ALLOW_PRIVATE from the environment when no option is given", async () => {
    process.env.OUTBOUND_ALLOW_PRIVATE = "1";
    try {
      expect((await guardedFetch(peer.url)).status).toBe(200);
    } finally {
      delete process.env.OUTBOUND_ALLOW_PRIVATE;
    }
    expect((await failure(guardedFetch(peer.url))).kind).toBe("blocked-address");
  });
});
