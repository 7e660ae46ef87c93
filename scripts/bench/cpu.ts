/**
 * CPU seconds used so far by processes whose command line contains `marker` (Linux
 * /proc), to tell how much of a run the responders spent and how much the client did.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of the matching processes, in seconds; 0 where /proc is unavailable. */
export function cpuSecondsOf(marker: string): number {
  let ticks = 0;
  for (const pid of safeList("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(marker)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return ticks / TICKS_PER_SECOND;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
