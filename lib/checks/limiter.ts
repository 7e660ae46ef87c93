/**
 * Bounded concurrency per responder host and overall. A task first waits for a slot on
 * its host, then for a global slot: a host that never answers fills only its own slots
 * and the other hosts keep the global ones busy (no head-of-line blocking).
 */

/** Limits of a {@link HostLimiter}. */
export interface ConcurrencyLimits {
  /** Requests in flight to one host (default 8). */
  perHost: number;
  /** Requests in flight in total (default 32). */
  overall: number;
}

export const DEFAULT_LIMITS: ConcurrencyLimits = { perHost: 8, overall: 32 };

/** A counting semaphore with a FIFO queue. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async acquire(): Promise<void> {
    if (this.active < this.size) {
      this.active++;
      return;
    }
    // The slot is handed over by release(), so `active` stays counted for us.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  get idle(): boolean {
    return this.active === 0 && this.waiting.length === 0;
  }
}

/** Runs tasks keyed by host under {@link ConcurrencyLimits}. */
export class HostLimiter {
  private readonly overall: Semaphore;
  private readonly hosts = new Map<string, Semaphore>();

  constructor(private readonly limits: ConcurrencyLimits = DEFAULT_LIMITS) {
    this.overall = new Semaphore(limits.overall);
  }

  /** Runs `task` once a slot on `host` and a global slot are free. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const perHost = this.hostSemaphore(host);
    await perHost.acquire();
    try {
      await this.overall.acquire();
      try {
        return await task();
      } finally {
        this.overall.release();
      }
    } finally {
      perHost.release();
      if (perHost.idle) this.hosts.delete(host);
    }
  }

  private hostSemaphore(host: string): Semaphore {
    let s = this.hosts.get(host);
    if (!s) {
      s = new Semaphore(this.limits.perHost);
      this.hosts.set(host, s);
    }
    return s;
  }
}

/** The limiter key of a URL: host and port, since one responder is one host:port. */
export function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return "";
  }
}
