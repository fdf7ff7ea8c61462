import { RE2JS } from "re2js";

/** Longest regex source a client (or a keyword rule) may give. */
export const MAX_REGEX_LENGTH = 256;

/**
 * A regex compiled on RE2 (re2js, pure JS): matching time grows linearly with the text, so no
 * pattern a client sends can backtrack catastrophically. Client text never reaches V8's
 * backtracking RegExp.
 */
export interface LinearRegex {
  /** True when the pattern matches anywhere in `text`. */
  test(text: string): boolean;
  /** Every non-empty, non-overlapping match in `text`, left to right. */
  matches(text: string): string[];
}

/** Compiles `source`; throws an Error whose message says what is wrong with it. */
export function compileLinearRegex(source: string): LinearRegex {
  if (source.length > MAX_REGEX_LENGTH) throw new Error(`is longer than ${MAX_REGEX_LENGTH} characters`);
  let re: RE2JS;
  try {
    re = RE2JS.compile(javaEscapesToRe2(source));
  } catch (err) {
    throw new Error(`is not a valid regular expression: ${(err as Error).message}`);
  }
  return {
    test: (text) => re.matcher(text).find(),
    matches(text) {
      const out: string[] = [];
      const m = re.matcher(text);
      while (m.find()) {
        const found = m.group();
        if (found) out.push(found);
      }
      return out;
    },
  };
}

/** The message why `source` cannot be compiled, or null when it can. */
export function regexProblem(source: string): string | null {
  try {
    compileLinearRegex(source);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Linkis clients write Java (and JavaScript) regexes, where `\uFFFF` names a UTF-16 unit; RE2
 * spells it `\x{FFFF}`. An escaped backslash (`\\u`) is left alone.
 */
function javaEscapesToRe2(source: string): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const hex = source.slice(i + 2, i + 6);
    if (source[i] === "\\" && source[i + 1] === "u" && /^[0-9A-Fa-f]{4}$/.test(hex)) {
      out += `\\x{${hex}}`;
      i += 5;
    } else if (source[i] === "\\") {
      out += source.slice(i, i + 2);
      i += 1;
    } else out += source[i];
  }
  return out;
}
