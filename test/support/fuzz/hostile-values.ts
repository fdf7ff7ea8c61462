import fc from "fast-check";

/**
 * The inputs issue 14 names, as values a fuzz property can put anywhere in a request: extreme
 * but valid JavaScript dates, the catastrophic-regex family, NUL and lone surrogates, and
 * numbers at and past the edges of the databases' integers.
 */
export const EXTREME_DATES = ["+275760-09-13T00:00:00Z", "-271821-04-20T00:00:00Z", "0000-01-01T00:00:00Z"];
export const CATASTROPHIC_REGEXES = ["(.|.)*\u0000", "(.|.)*\\u0000", "(\\w|\\w)*!", "(a|a)*$", "^(a+)+$", "^(a|aa)+$"];
export const HUGE_NUMBERS = [
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e308,
  -1e308,
  5e-324,
  -0,
  0.5,
];

const specialString = fc.constantFrom(
  ...EXTREME_DATES,
  ...CATASTROPHIC_REGEXES,
  "\ud800",
  "a\udc00b",
  "\u0000",
  "nul\u0000inside",
  "",
  " ",
  "9007199254740991",
  "-1",
  "1e308",
  "NaN",
  "2026-02-30 10:00:00",
  "8-8--cs_1_devcs_1_dev999999999999999",
  "8-8--cs_1_devcs_1_dev2147483648",
  "1-1--ab0",
  "{",
  '{"type":"contextValue","value":"{"}',
  "__proto__",
  "constructor",
  "a".repeat(1025),
  "\u202e\ufeff\u200b",
);

/** Context ids that look right but name no row, or a row past the databases' INT column. */
export const publicIdLike: fc.Arbitrary<string> = fc
  .record({
    main: fc.constantFrom("cs_1_dev", "x", "\u00e9t\u00e9"),
    backup: fc.constantFrom("cs_1_dev", "y"),
    row: fc.oneof(
      fc.constantFrom("0", "1", "2147483647", "2147483648", "999999999999999", "9".repeat(16)),
      fc.nat().map(String),
    ),
  })
  .map(({ main, backup, row }) => `${main.length}-${backup.length}--${main}${backup}${row}`);

/** Strings a client could send: the named hostile ones, long ones, and arbitrary (also binary) text. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: specialString },
  { weight: 1, arbitrary: publicIdLike },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => s.repeat(100)) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...HUGE_NUMBERS),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const LINKIS_TYPE_NAMES = [
  "HAContextID",
  "HAWorkFlowContextID",
  "commonContextKey",
  "contextValue",
  "commonContextKeyValue",
  "commonResourceHistory",
  "CSTable",
  "LinkisVariable",
  "NoSuchType",
];

/** Any JSON value with hostile leaves, at most a few levels deep. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    // Linkis's serialized form, `{"type": T, "value": "<JSON text>"}` as a string, with hostile insides.
    fc
      .record({ type: fc.constantFrom(...LINKIS_TYPE_NAMES), value: tie("value") })
      .map(({ type, value }) => JSON.stringify({ type, value: JSON.stringify(value) ?? "" })),
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom("type", "value", "contextId", "key")), tie("value"), {
      maxKeys: 4,
    }),
  ),
})).value;

/** JSON text nested `depth` levels (arrays or objects), as a raw string: too deep to build as a value. */
export const deepJsonText = (depth: number, kind: "array" | "object") =>
  kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

/** Replaces, removes or adds one field of a valid object: the near-miss a clumsy client sends. */
export function mutated(valid: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc
      .record({ key: fc.constantFrom(...keys), value: hostileJson })
      .map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.constantFrom(...keys).map((key) => {
      const copy = { ...valid };
      delete copy[key];
      return copy;
    }),
    fc.record({ key: hostileString, value: hostileJson }).map(({ key, value }) => ({ ...valid, [key]: value })),
    fc
      .record({ outer: fc.constantFrom(...keys), value: hostileJson, inner: hostileString })
      .map(({ outer, value, inner }) => {
        const field = valid[outer];
        if (typeof field !== "object" || field === null) return { ...valid, [outer]: value };
        return { ...valid, [outer]: { ...field, [inner]: value } };
      }),
  );
}

/** A valid object's nested fields replaced one at a time (contextKey.key, contextValue.value, ...). */
export function mutatedAt(valid: Record<string, unknown>, path: string[]): fc.Arbitrary<Record<string, unknown>> {
  return hostileJson.map((value) => setPath(valid, path, value));
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return obj;
  const inner = obj[head];
  return {
    ...obj,
    [head]: rest.length === 0 ? value : setPath((inner ?? {}) as Record<string, unknown>, rest, value),
  };
}
