/**
 * Stand-in for `form-data` in the production bundle.
 *
 * axios loads it (and its 200 kB MIME database) to send multipart bodies; the
 * webhook only GETs JSON from Reddit and POSTs a URL-encoded form at most,
 * neither of which constructs it. `export =` so that both axios builds (ESM
 * default import, CommonJS require) get the class itself.
 */
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- axios calls `new FormData()`: it must be a constructor
class FormData {
  constructor() {
    throw new Error('form-data is not bundled: multipart request bodies are not supported by this webhook');
  }
}

export = FormData;
