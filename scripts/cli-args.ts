import { parseArgs } from "node:util";

/** Parses `--name value` options; exits with a usage line on anything unexpected. */
export function cliArgs<const T extends Record<string, { type: "string"; short?: string }>>(options: T, usage: string) {
  try {
    return parseArgs({ options, strict: true, allowPositionals: false }).values as { [K in keyof T]?: string };
  } catch (err) {
    console.error(`${(err as Error).message}\nusage: ${usage}`);
    process.exit(2);
  }
}
