/** Offers `text` to the browser as a download named `name` (a JSON file unless `type` says otherwise). */
export function saveFile(name: string, text: string, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  // The click has handed the blob to the download by now; the address is not needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from an entry key: characters file systems refuse become `_`. */
export const fileNameFor = (key: string) => `${key.replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 120) || "value"}.json`;
