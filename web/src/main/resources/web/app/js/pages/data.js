// Your data: everything of yours as one JSON-lines file, and an import of such a file (or of another
// tool's prompts), with the report of what was created, what was there already and what was skipped.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { download, query, upload } from '../api.js';
import { Alert, useSubmit } from '../ui.js';

// The values of POST /api/import's format parameter (see transfer.proto).
const FORMATS = [
  ['jsonl', 'prompt-tracker export (JSON lines)'],
  ['prompts-chat-csv', 'prompts.chat CSV'],
  ['promptfoo', 'promptfoo configuration (YAML or JSON)'],
];

function today() {
  return new Date().toISOString().slice(0, 10);
}

function Report({ report }) {
  const counts = report.counts.filter((count) => count.created > 0 || count.alreadyPresent > 0);
  return html`<article aria-labelledby="report-heading" class="import-report">
    <h3 id="report-heading">Import report</h3>
    ${counts.length === 0 ? html`<p>Nothing was imported.</p>` : html`<table>
      <thead><tr><th scope="col">Kind</th><th scope="col">Created</th><th scope="col">Already present</th></tr></thead>
      <tbody>${counts.map((count) => html`<tr key=${count.kind}>
        <td>${count.kind}</td><td>${count.created}</td><td>${count.alreadyPresent}</td></tr>`)}</tbody>
    </table>`}
    <p><strong>${report.skippedTotal}</strong> skipped${report.skippedTotal > report.skipped.length
      ? ` (the first ${report.skipped.length} are listed)` : ''}.</p>
    ${report.skipped.length ? html`<ul aria-label="Skipped records">${report.skipped.map((issue, i) => html`
      <li key=${i}><strong>${issue.location}</strong>: ${issue.reason}</li>`)}</ul>` : null}
    ${report.notes.length ? html`<ul aria-label="Notes">${report.notes.map((issue, i) => html`
      <li key=${i}><strong>${issue.location}</strong>: ${issue.reason}</li>`)}</ul>` : null}
  </article>`;
}

export function YourData() {
  const save = useSubmit(() => download('/api/export?format=jsonl', `prompt-tracker-export-${today()}.jsonl`));
  const [format, setFormat] = useState('jsonl');
  const [file, setFile] = useState(null);
  const [report, setReport] = useState(null);
  const send = useSubmit(async () => {
    setReport(null);
    if (!file) {
      throw new Error('Choose a file to import first.');
    }
    setReport(await upload(`/api/import${query({ format })}`, file));
  });
  return html`<main class="container">
    <h1>Your data</h1>
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p>Everything of yours in one file: your prompts with every version, their responses, your ratings and
        preferences, and your collections, one JSON record a line.</p>
      <button type="button" onClick=${save.submit} disabled=${save.busy} aria-busy=${save.busy ? 'true' : undefined}>
        Download everything (JSONL)</button>
      <${Alert} error=${save.error} />
    </section>
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import</h2>
      <p>Importing the same file again creates nothing new. A record that cannot be imported is skipped and
        listed with the reason; the rest are imported.</p>
      <form onSubmit=${send.submit} aria-busy=${send.busy ? 'true' : undefined} novalidate>
        <label for="import-format">Format</label>
        <select id="import-format" name="format" value=${format}
          onChange=${(event) => setFormat(event.currentTarget.value)}>
          ${FORMATS.map(([value, label]) => html`<option key=${value} value=${value}>${label}</option>`)}
        </select>
        <label for="import-file">File</label>
        <input type="file" id="import-file" name="file"
          onChange=${(event) => setFile(event.currentTarget.files[0] || null)} />
        <${Alert} error=${send.error} />
        <button type="submit" disabled=${send.busy}>Import</button>
      </form>
      ${report ? html`<${Report} report=${report} />` : null}
    </section>
  </main>`;
}
