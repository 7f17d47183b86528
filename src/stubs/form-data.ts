/**
 * Stand-in for `form-data` in the production bundle.
 *
 * axios imports it (and its 200 kB MIME database) to send multipart bodies;
 * the webhook only GETs JSON from Reddit and POSTs a URL-encoded form at most,
 * neither of which constructs it.
 */
export default class FormData {
  constructor() {
    throw new Error('form-data is not bundled: multipart request bodies are not supported by this webhook');
  }
}
