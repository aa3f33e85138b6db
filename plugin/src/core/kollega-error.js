/**
 * The one error class the plugin throws: errors from the core (`{code, message, path}`) and the
 * plugin's own failures (`wasm_load_failed`, `program_load_failed`, `storage_failed`).
 */
export class KollegaError extends Error {
  /**
   * @param {string} code a stable machine-readable code, e.g. `step_locked`
   * @param {string} message a technical message (English)
   * @param {string} [path] a JSON Pointer (RFC 6901) into the input the error is about, or ''
   * @param {{cause?: unknown, problems?: {code: string, message: string, path: string}[]}} [options]
   *   `problems`: every problem the core found (the first one is this error's code/message/path)
   */
  constructor(code, message, path = '', options = undefined) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KollegaError';
    this.code = code;
    this.path = path ?? '';
    this.problems = options?.problems ?? [{ code, message, path: this.path }];
  }

  /** A plain object for events and logs. */
  toJSON() {
    return { code: this.code, message: this.message, path: this.path, problems: this.problems };
  }
}
