/** A value as one line of JSON, cut past `shown` characters: enough to recognise it in a list. */
export function previewValue(value: unknown, shown = 120): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? "null";
  } catch {
    text = String(value);
  }
  return text.length > shown ? `${text.slice(0, shown)}…` : text;
}
