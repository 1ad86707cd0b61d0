// Shared pieces: labelled fields that show their own errors, alerts, copy buttons, forms that submit once.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';

/** An input (or textarea) with a visible label; a server error about it is shown right under it. */
export function Field({ label, name, id, type = 'text', value, onValue, error, textarea, hint, ...rest }) {
  const fieldId = id || `field-${name}`;
  const errorId = `${fieldId}-error`;
  const hintId = `${fieldId}-hint`;
  const described = error ? errorId : hint ? hintId : undefined;
  const common = {
    id: fieldId,
    name,
    value,
    onInput: (event) => onValue(event.currentTarget.value),
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': described,
    ...rest,
  };
  return html`
    <label for=${fieldId}>${label}</label>
    ${textarea ? html`<textarea ...${common}></textarea>` : html`<input type=${type} ...${common} />`}
    ${error ? html`<small id=${errorId} class="field-error">${error}</small>` : null}
    ${hint && !error ? html`<small id=${hintId}>${hint}</small>` : null}`;
}

export function Checkbox({ label, name, id, checked, onValue, ...rest }) {
  const fieldId = id || `field-${name}`;
  return html`<label for=${fieldId}>
    <input type="checkbox" id=${fieldId} name=${name} checked=${checked}
      onChange=${(event) => onValue(event.currentTarget.checked)} ...${rest} />
    ${label}
  </label>`;
}

export function Alert({ error }) {
  if (!error) {
    return null;
  }
  return html`<p role="alert" class="alert">${error instanceof ApiError ? error.sentence : String(error.message || error)}</p>`;
}

/**
 * The state of a form that calls the API: busy while it runs, and its failure split into the
 * messages for each field and one for the rest.
 */
export function useSubmit(action) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [fields, setFields] = useState({});
  const submit = async (event) => {
    if (event) {
      event.preventDefault();
    }
    if (busy) {
      return;
    }
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await action();
    } catch (failure) {
      const byField = failure instanceof ApiError ? failure.fields : {};
      setFields(byField);
      // The field messages say it all when there are some; the summary is for everything else.
      setError(Object.keys(byField).length ? null : failure);
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy, error, fields };
}

export function CopyButton({ text, label }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return html`<button type="button" class="secondary outline copy" onClick=${copy}>
    ${label}<span class="visually-hidden" aria-live="polite">${copied ? ' (copied)' : ''}</span>
  </button>`;
}

export function Loading({ label = 'Loading' }) {
  return html`<p aria-busy="true">${label}…</p>`;
}

export function formatDate(value) {
  if (!value) {
    return '';
  }
  return new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Tags typed as "a, b, c". */
export function parseTags(text) {
  return text.split(',').map((tag) => tag.trim()).filter((tag) => tag.length > 0);
}

/** A modal dialog (the browser's own: focus moves in and stays, Escape closes it). */
export function Dialog({ open, onClose, labelledBy, children }) {
  const dialog = useRef(null);
  useEffect(() => {
    const element = dialog.current;
    if (open && !element.open) {
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);
  return html`<dialog ref=${dialog} aria-labelledby=${labelledBy} onClose=${onClose}>${children}</dialog>`;
}
