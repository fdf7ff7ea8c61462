/** The ways a search text can match, as the API names them; the first is the page's default. */
export const matchModes = [
  { value: "contains", label: "Contains (any case)" },
  { value: "prefix", label: "Starts with (any case)" },
  { value: "exact", label: "Exact keyword" },
] as const;
