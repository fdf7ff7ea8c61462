import type { KeyValueContext } from "../../cache/index.ts";
import { badInput } from "../../core/errors.ts";
import { compileLinearRegex } from "../regex/linear-regex.ts";
import type { ContextType, Entry } from "../../core/context-types.ts";
import { valueTypesFor } from "../wire/linkis/linkis-types.ts";
import type { Condition, SearchCondition } from "./condition-schema.ts";
import { rankNearest } from "./nearest.ts";

/**
 * Runs a condition over one context. Candidates come from the maps and the keyword index
 * whenever the tree allows (a ContextType or Keyword leaf on every path of an And/Or);
 * only those candidates are tested against the whole condition.
 */
export function runSearch(kv: KeyValueContext, condition: SearchCondition, budget: SearchBudget = {}): Entry[] {
  if (condition.type === "Nearest") {
    const matches = condition.origin ? runSearch(kv, condition.origin, budget) : [...kv.entries()];
    return rankNearest(kv, matches, condition);
  }
  const { ms = DEFAULT_SEARCH_BUDGET_MS, now = performance.now.bind(performance) } = budget;
  const test = compile(condition);
  const candidates = narrow(kv, condition) ?? kv.entries();
  const out: Entry[] = [];
  const deadline = now() + ms;
  let tested = 0;
  for (const entry of candidates) {
    if (test(entry)) out.push(entry);
    // Matching is linear, but a huge context times a long pattern still adds up: stop rather
    // than hold the event loop (checked every few entries, the clock costs more than a match).
    if (++tested % 16 === 0 && now() > deadline)
      throw badInput(
        `condition: the search ran past its budget of ${ms} ms on this context; narrow it (a Keyword or ContextType leaf).`,
      );
  }
  return out;
}

export const DEFAULT_SEARCH_BUDGET_MS = 2000;

/** How long one search may run (`SEARCH_BUDGET_MS`), and the clock that measures it. */
export interface SearchBudget {
  ms?: number;
  now?: () => number;
}

/** Entries that could match, from the maps or index; null when the whole context must be scanned. */
function narrow(kv: KeyValueContext, c: Condition): Iterable<Entry> | null {
  switch (c.type) {
    case "ContextType":
      return kv.entries(c.contextType);
    case "Keyword":
      return kv.byKeyword(c.keyword);
    case "And": {
      const type = typeOf(c.left) ?? typeOf(c.right);
      const keyword = keywordOf(c.left) ?? keywordOf(c.right);
      if (keyword !== undefined) return kv.byKeyword(keyword, type);
      return narrow(kv, c.left) ?? narrow(kv, c.right);
    }
    case "Or": {
      const left = narrow(kv, c.left);
      const right = left && narrow(kv, c.right);
      if (!left || !right) return null;
      return unique([left, right]);
    }
    default:
      return null;
  }
}

const typeOf = (c: Condition): ContextType | undefined => (c.type === "ContextType" ? c.contextType : undefined);
const keywordOf = (c: Condition): string | undefined => (c.type === "Keyword" ? c.keyword : undefined);

function* unique(sources: Iterable<Entry>[]): IterableIterator<Entry> {
  const seen = new Set<Entry>();
  for (const source of sources) {
    for (const e of source) {
      if (seen.has(e)) continue;
      seen.add(e);
      yield e;
    }
  }
}

function compile(c: Condition): (e: Entry) => boolean {
  switch (c.type) {
    case "ContextType":
      return (e) => e.contextType === c.contextType;
    case "ContextScope":
      return (e) => e.contextScope === c.contextScope;
    case "Keyword":
      return (e) => e.keywords.includes(c.keyword);
    case "ContextValueType": {
      // A Java class or interface name matches the types that are instances of it, as in Linkis.
      const types = valueTypesFor(c.contextValueType);
      return (e) => types === "any" || (e.valueType !== undefined && types.has(e.valueType));
    }
    case "Contains":
      return (e) => e.key.includes(c.value) || e.keywords.some((k) => k.includes(c.value));
    case "Regex": {
      const re = compileLinearRegex(c.regex);
      return (e) => re.test(e.key) || e.keywords.some((k) => re.test(k));
    }
    case "And": {
      const [l, r] = [compile(c.left), compile(c.right)];
      return (e) => l(e) && r(e);
    }
    case "Or": {
      const [l, r] = [compile(c.left), compile(c.right)];
      return (e) => l(e) || r(e);
    }
    case "Not": {
      const inner = compile(c.origin);
      return (e) => !inner(e);
    }
  }
}
