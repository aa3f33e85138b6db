import { html, nothing } from 'lit';

/** A catalog string with one placeholder rendered as <code>. */
function withCode(t, key, name, value) {
  const [before, after] = t.t(key, { [name]: '\u0000' }).split('\u0000');
  return html`${before}<code>${value}</code>${after ?? ''}`;
}

/**
 * The accessible error box every Kollega element shows (role=alert): what went wrong in the
 * reader's language, the code and the JSON Pointer, the core's message, every problem when
 * there are several, and a retry button when `onRetry` is given.
 * @param {{t: Function, errorMessage: Function}} t the element's Translator
 * @param {{code: string, path?: string, message?: string, problems?: object[]}} error a KollegaError
 * @param {string} titleKey catalog key of the heading
 * @param {(() => void) | null} onRetry
 */
export function renderError(t, error, titleKey, onRetry = null) {
  return html`<div class="error" role="alert" data-code=${error.code} data-path=${error.path || nothing}>
    <p class="error-title">${t.t(titleKey)}</p>
    <p>${t.errorMessage(error.code)}</p>
    <p>${withCode(t, 'error.code', 'code', error.code)}</p>
    ${error.path ? html`<p>${withCode(t, 'error.path', 'path', error.path)}</p>` : nothing}
    ${error.message ? html`<p>${t.t('error.details', { message: error.message })}</p>` : nothing}
    ${error.problems?.length > 1
      ? html`<p>${t.t('error.problems')}</p>
          <ul class="problems">
            ${error.problems.map((p) => html`<li><code>${p.path || '/'}</code> ${p.code}: ${p.message}</li>`)}
          </ul>`
      : nothing}
    ${onRetry ? html`<button type="button" class="secondary" @click=${onRetry}>${t.t('error.retry')}</button>` : nothing}
  </div>`;
}
