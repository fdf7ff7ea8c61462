/** Thrown for a configuration the server cannot start with; its message is one line saying what to fix. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
