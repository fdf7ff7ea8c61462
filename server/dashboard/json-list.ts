/** A JSON-array column (keywords) as a list of strings; anything else reads as empty. */
export function jsonList(text: string | null | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(text ?? "[]");
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}
