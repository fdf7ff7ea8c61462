import { compileLinearRegex, type LinearRegex } from "../regex/linear-regex.ts";
import type { KeywordRule, KeywordRules } from "./keyword-rules.ts";

const MAX_DERIVED = 200;

/** Keywords the rules for `valueType` find in `value`. */
export function deriveKeywords(rules: KeywordRules, valueType: string | undefined, value: unknown): string[] {
  const forType = valueType ? rules[valueType] : undefined;
  if (!forType || value === null || typeof value !== "object") return [];
  const out: string[] = [];
  for (const rule of forType) {
    for (const text of fieldTexts(value, rule.path)) out.push(...cut(text, rule));
    if (out.length >= MAX_DERIVED) break;
  }
  return out.slice(0, MAX_DERIVED);
}

/** All keywords of an entry: its key, the writer's, the derived ones; trimmed and unique. */
export function entryKeywords(key: string, given: string[], derived: string[]): string[] {
  return [...new Set([key, ...given, ...derived].map((k) => k.trim()).filter((k) => k.length > 0 && k.length <= 256))];
}

function fieldTexts(value: object, path: string): string[] {
  let current: unknown = value;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object") return [];
    current = (current as Record<string, unknown>)[part];
  }
  const items = Array.isArray(current) ? current : [current];
  return items.filter((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean").map(String);
}

function cut(text: string, rule: KeywordRule): string[] {
  if (rule.split) return text.split(rule.split);
  if (rule.regex) return compiled(rule.regex).matches(text);
  return [text];
}

// Rules are the operator's, few and fixed: each source is compiled once.
const compiledRules = new Map<string, LinearRegex>();
function compiled(source: string): LinearRegex {
  let re = compiledRules.get(source);
  if (!re) compiledRules.set(source, (re = compileLinearRegex(source)));
  return re;
}
