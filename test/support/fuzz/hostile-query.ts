import fc from "fast-check";
import { hostileJson, hostileNumber, hostileString } from "./hostile-values.ts";

/**
 * Query strings and path segments as a hostile client writes them: any value percent-encoded,
 * plus raw encodings a URL library would never produce (broken escapes, encoded NUL, the
 * UTF-8 bytes of a lone surrogate, an overlong NUL), and cursors that decode to anything.
 */
const rawEncodings = fc.constantFrom("%", "%zz", "%00", "a%00b", "%ED%A0%80", "%C0%80", "%FF%FE", "%2F..%2F", "+");

const asCursor = (parts: unknown) => Buffer.from(JSON.stringify(parts) ?? "", "utf8").toString("base64url");

/**
 * Cursors as the lists write them (base64url of a JSON array): a valid one with one part
 * replaced by a hostile string or number, or one that decodes to anything at all.
 */
export const hostileCursor = (...shapes: (string | number)[][]): fc.Arbitrary<string> => {
  const valid = shapes.length ? shapes : [["x"]];
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .record({
          parts: fc.constantFrom(...valid),
          at: fc.nat(),
          value: fc.oneof(hostileString, hostileNumber),
        })
        .map(({ parts, at, value }) => asCursor(parts.map((p, i) => (i === at % parts.length ? value : p)))),
    },
    { weight: 1, arbitrary: fc.constantFrom(...valid).map(asCursor) },
    { weight: 1, arbitrary: hostileJson.map(asCursor) },
  );
};

/** One encoded value: a plain one the endpoint expects, a hostile one, a raw encoding or a cursor. */
export const encodedValue = (plain: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...plain).map(encodeURIComponent) },
    { weight: 3, arbitrary: fc.oneof(hostileString, hostileNumber.map(String)).map(encode) },
    { weight: 1, arbitrary: rawEncodings },
    { weight: 1, arbitrary: hostileCursor() },
  );

/**
 * A query string of some of `names` (and now and then a stranger or a repeated name). Each
 * name comes with the plain values it expects, or with its own arbitrary (a cursor's).
 */
export function hostileQuery(names: Record<string, string[] | fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const entries = Object.entries(names);
  const stranger = fc.tuple(hostileString.map(encode), encodedValue([""])).map(([n, v]) => `${n}=${v}`);
  const pair =
    entries.length === 0
      ? stranger
      : fc.oneof(
          {
            weight: 6,
            arbitrary: fc
              .constantFrom(...entries)
              .chain(([n, values]) => (Array.isArray(values) ? encodedValue(values) : values).map((v) => `${n}=${v}`)),
          },
          { weight: 1, arbitrary: stranger },
        );
  return fc.array(pair, { maxLength: 5 }).map((pairs) => (pairs.length ? `?${pairs.join("&")}` : ""));
}

/** encodeURIComponent, which throws on a lone surrogate: those go as their (invalid) UTF-8 bytes. */
export function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...s].map((c) => (/^[\ud800-\udfff]$/.test(c) ? "%ED%A0%80" : encodeURIComponent(c))).join("");
  }
}
