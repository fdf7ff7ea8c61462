import { pino, type DestinationStream, type Logger } from "pino";
import { recentProblems } from "./recent-problems.ts";

export type { Logger };

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  level: LogLevel;
  /** Where the JSON lines go; stdout when absent. Tests pass a stream to read them back. */
  destination?: DestinationStream;
  /** Human-readable lines through pino-pretty (npm run dev); needs the dev dependency. */
  pretty?: boolean;
}

/** JSON lines with `level`, `time` (ISO, so a reader needs no converter) and `msg`. */
export function createLogger({ level, destination, pretty }: LoggerOptions): Logger {
  const options = {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names, not pino's numbers: a log shipper filters on "warn", not on 40.
    formatters: { level: (label: string) => ({ level: label }) },
    // Warnings and errors also go to the overview's ring (core/recent-problems.ts).
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger["info"]>, method: Logger["info"], level: number) {
        if (level >= 40) recentProblems.record(level, args);
        return method.apply(this, args);
      },
    },
  };
  if (pretty) return pino({ ...options, transport: { target: "pino-pretty", options: { colorize: true } } });
  return pino(options, destination ?? bufferedStdout());
}

/** How long a line may wait in the buffer before it is written. */
const FLUSH_MS = 100;

/**
 * Stdout written in blocks: at LOG_LEVEL=info every API request logs a line, and a synchronous
 * write per line is a system call per request; 4 KB blocks make it one per a few dozen lines.
 * Lines wait at most FLUSH_MS; pino flushes what is left when the process exits (a kill -9 can
 * lose the last FLUSH_MS of lines, never a request).
 */
function bufferedStdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: FLUSH_MS });
}

// The process has one logger. Long-lived services reach it through logger() at the moment they
// log, not at import, so the wiring can replace it (level from LOG_LEVEL, a test's stream).
let current: Logger = createLogger({ level: "info" });

export const logger = (): Logger => current;

export function setLogger(next: Logger) {
  current = next;
}
