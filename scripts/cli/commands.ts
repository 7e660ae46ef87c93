import { readFile, stat } from "node:fs/promises";
import { getIncident, listIncidents } from "@/lib/db/incidents.server";
import { importReport } from "@/lib/incidents/import.server";
import { MAX_REPORT_BYTES } from "@/lib/reports/parse";
import {
  openActionItems,
  renderClosureSummary,
  renderFullReport,
  renderPreliminaryReport,
} from "@/lib/reports/render";
import { REVOCATION_USAGE, revocationCommands } from "./revocation-commands";

const USAGE = `usage: npm run cli -- <command>
  import FILE [--title T] [--bug N]   import a Full Incident Report (markdown)
  report ID [--kind full|preliminary|closure] [--draft]
                                      print a report's markdown
  list                                list incidents, one a line (id, bug, status, title)
${REVOCATION_USAGE}`;

type Command = (args: string[]) => Promise<number>;

/** A usage error: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new UsageError(`${name} needs a value`);
  args.splice(i, 2);
  return value;
}

/** Removes a boolean flag from `args`; true when it was there. */
export function flag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i !== -1) args.splice(i, 1);
  return i !== -1;
}

const commands: Record<string, Command> = {
  ...revocationCommands,
  async import(args) {
    const title = option(args, "--title");
    const bug = option(args, "--bug");
    const [file] = args;
    if (!file) throw new UsageError("import needs a FILE");
    if (bug !== undefined && !/^[1-9]\d{0,9}$/.test(bug)) {
      throw new UsageError(`--bug ${JSON.stringify(bug)} is not a Bugzilla bug number`);
    }
    const { size } = await stat(file);
    if (size > MAX_REPORT_BYTES) {
      throw new Error(`${file} is ${size} bytes; the limit is ${MAX_REPORT_BYTES} bytes (1 MiB)`);
    }
    const outcome = await importReport(await readFile(file, "utf8"), {
      title: title ?? null,
      bugNumber: bug ? Number(bug) : null,
    });
    if (!outcome.ok) {
      for (const e of outcome.errors) process.stderr.write(`${file}:${e.line}: ${e.message}\n`);
      process.stderr.write(`error: ${file} was not imported; nothing was saved\n`);
      return 1;
    }
    for (const w of outcome.warnings) process.stderr.write(`${file}:${w.line}: warning: ${w.message}\n`);
    process.stdout.write(`${outcome.id}\n`);
    return 0;
  },

  async report(args) {
    const kind = option(args, "--kind") ?? "full";
    const draft = flag(args, "--draft");
    const [id] = args;
    if (!id) throw new UsageError("report needs an incident ID");
    const render = { full: renderFullReport, preliminary: renderPreliminaryReport, closure: renderClosureSummary }[
      kind
    ];
    if (!render) throw new UsageError(`unknown report kind "${kind}"`);
    const incident = await getIncident(id);
    if (!incident) throw new Error(`no incident with id ${id}`);
    const open = kind === "closure" ? openActionItems(incident) : [];
    if (open.length > 0 && !draft) {
      for (const a of open) process.stderr.write(`open action item: ${a.text} (${a.status})\n`);
      throw new Error(
        `the closure summary says every action item is complete, but ${open.length} are open; ` +
          "add --draft to print it anyway",
      );
    }
    process.stdout.write(render(incident));
    return 0;
  },

  async list() {
    for (const i of await listIncidents()) {
      const bug = i.bugNumber ? `bug ${i.bugNumber}` : "no bug";
      process.stdout.write(`${i.id}\t${bug}\t${i.status}\t${i.title ?? "(untitled)"}\n`);
    }
    return 0;
  },
};

/** Runs one CLI command; returns the exit code. */
export async function runCommand(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `unknown command "${name}"\n` : ""}${USAGE}\n`);
    return 2;
  }
  try {
    return await command(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n${USAGE}\n`);
    return 2;
  }
}
