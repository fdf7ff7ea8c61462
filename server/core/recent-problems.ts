/** One warning or error as the overview shows it: when, how bad, what, and where it came from. */
export interface Problem {
  time: string;
  level: "warn" | "error" | "fatal";
  msg: string;
  /** The error's own message, when the line carried one. */
  error?: string;
  /** What the line said it was about: an API route, a component, a security event. */
  about?: string;
}

const LEVELS: Record<number, Problem["level"]> = { 40: "warn", 50: "error", 60: "fatal" };

/**
 * The latest warnings and errors the process logged, newest first, for the dashboard's overview
 * (an operator sees that something is wrong without reading the log). A fixed ring: the log
 * itself stays the record.
 */
export class RecentProblems {
  #ring: Problem[] = [];
  #next = 0;

  constructor(readonly capacity = 50) {}

  /** Called with a log call's arguments (pino's: an optional object, then the message). */
  record(level: number, args: unknown[]) {
    const name = LEVELS[level >= 60 ? 60 : level >= 50 ? 50 : 40];
    if (!name || level < 40) return;
    const [first, second] = args;
    const fields = typeof first === "object" && first !== null ? (first as Record<string, unknown>) : {};
    const msg = typeof first === "string" ? first : typeof second === "string" ? second : "";
    const err = fields.err instanceof Error ? fields.err.message : undefined;
    const about = [fields.event, fields.route, fields.component, fields.path].find((v) => typeof v === "string");
    const problem: Problem = { time: new Date().toISOString(), level: name, msg: msg || err || "" };
    if (err && err !== problem.msg) problem.error = err;
    if (about) problem.about = about as string;
    this.#ring[this.#next] = problem;
    this.#next = (this.#next + 1) % this.capacity;
  }

  /** Newest first. */
  list(): Problem[] {
    const n = this.#ring.length;
    return Array.from({ length: n }, (_, i) => this.#ring[(this.#next - 1 - i + n) % n]!);
  }
}

/** The process's ring, fed by every logger createLogger makes. */
export const recentProblems = new RecentProblems();
