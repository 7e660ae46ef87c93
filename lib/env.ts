/**
 * The environment, read and checked once. A bad value stops start-up with a message
 * naming the variable, instead of failing later somewhere far from the cause.
 */
import { z } from "zod";

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), {
      message: "must start with file:, postgresql:// or postgres://",
    })
    .optional(),
  OUTBOUND_ALLOW_PRIVATE: z.enum(["0", "1"]).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** V8 old-space limit of a sweep process, MB (lib/checks/sweep-process.server.ts). */
  SWEEP_HEAP_MB: z.coerce.number().int().min(64).max(65536).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** The checked environment; throws one readable error listing every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const result = EnvSchema.safeParse({
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    OUTBOUND_ALLOW_PRIVATE: process.env.OUTBOUND_ALLOW_PRIVATE || undefined,
    PORT: process.env.PORT || undefined,
    SWEEP_HEAP_MB: process.env.SWEEP_HEAP_MB || undefined,
  });
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = result.data;
  return cached;
}
