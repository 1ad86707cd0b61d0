// A prompt's versions (who, when, what changed), a diff of any two of them, and the word diff of two
// responses. Diffs come from the API as hunks of equal / inserted / deleted segments.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query } from './api.js';
import { useUser } from './session.js';
import { Alert, formatDate, useSubmit } from './ui.js';

/**
 * Who made a version, in words. A version carries only its author's id (only the owner edits a
 * prompt, and the API names no one else), so: "you", "the owner", or a short id for anyone else.
 */
export function authorOf(version, prompt, user) {
  if (user && version.authorId === user.id) {
    return 'you';
  }
  return version.authorId === prompt.ownerId ? 'the owner' : `user ${version.authorId.slice(0, 8)}`;
}

const OPS = { DIFF_OP_EQUAL: 'equal', DIFF_OP_INSERT: 'insert', DIFF_OP_DELETE: 'delete' };

function Segment({ segment, side }) {
  const op = OPS[segment.op];
  if (op === 'insert') {
    return side === 'from' ? null : html`<ins>${segment.text}</ins>`;
  }
  if (op === 'delete') {
    return side === 'to' ? null : html`<del>${segment.text}</del>`;
  }
  return segment.text;
}

/** The diff inline (deletions struck through before insertions) or side by side (old left, new right). */
export function DiffView({ diff, label }) {
  const [layout, setLayout] = useState('inline');
  if (diff.identical) {
    return html`<p class="diff-summary">No differences: both texts are the same.</p>`;
  }
  const sides = layout === 'inline' ? ['both'] : ['from', 'to'];
  return html`<div class="diff" aria-label=${label}>
    <div class="title-row">
      <p class="diff-summary"><small>${diff.linesDeleted} line(s) removed, ${diff.linesInserted} added${
        diff.wordLevel ? '' : ' · some long changes are shown as whole lines'}</small></p>
      <div role="group" class="diff-layout">
        <button type="button" class=${layout === 'inline' ? '' : 'secondary outline'} aria-pressed=${layout === 'inline'}
          onClick=${() => setLayout('inline')}>Inline</button>
        <button type="button" class=${layout === 'split' ? '' : 'secondary outline'} aria-pressed=${layout === 'split'}
          onClick=${() => setLayout('split')}>Side by side</button>
      </div>
    </div>
    <div class=${`diff-body diff-${layout}`}>
      ${sides.map((side) => html`<pre class="diff-text" key=${side} data-side=${side}>${diff.hunks.map((hunk, i) =>
        html`<span key=${i} class=${hunk.changed ? 'hunk changed' : 'hunk'}>${hunk.segments.map((segment, j) =>
          html`<${Segment} key=${j} segment=${segment} side=${side} />`)}</span>`)}</pre>`)}
    </div>
  </div>`;
}

/** The versions of a prompt, newest first; choosing two shows their diff; an owner can restore one. */
export function History({ prompt, owner, onRestored }) {
  const user = useUser();
  const [versions, setVersions] = useState([]);
  const [next, setNext] = useState('');
  const [error, setError] = useState(null);
  const [from, setFrom] = useState(Math.max(1, prompt.textVersion - 1));
  const [to, setTo] = useState(prompt.textVersion);
  const [diff, setDiff] = useState(null);
  const load = (pageToken, append) => api.get(`/api/prompts/${prompt.id}/versions${query({ pageSize: 20, pageToken })}`)
    .then((page) => {
      setVersions((previous) => (append ? [...previous, ...page.versions] : page.versions));
      setNext(page.nextPageToken);
      setError(null);
    }).catch(setError);
  useEffect(() => {
    load('', false);
    setFrom(Math.max(1, prompt.textVersion - 1));
    setTo(prompt.textVersion);
    setDiff(null);
  }, [prompt.id, prompt.textVersion]);
  const compare = useSubmit(async () => {
    setDiff(await api.get(`/api/prompts/${prompt.id}/diff${query({ from, to })}`));
  });
  const restoring = useRef(0);
  const restore = useSubmit(async () => {
    onRestored(await api.post(`/api/prompts/${prompt.id}/versions/${restoring.current}:restore`, {}));
  });
  const numbers = versions.map((v) => v.number);
  return html`<section aria-labelledby="history-heading">
    <h2 id="history-heading">History</h2>
    <${Alert} error=${error} />
    <ol class="history" reversed>
      ${versions.map((version) => html`<li key=${version.number}>
        <strong>v${version.number}</strong>
        <span title=${version.authorId}> · by ${authorOf(version, prompt, user)}</span>
        <span> · ${formatDate(version.createdAt)}</span>
        ${version.message ? html`<span> · ${version.message}</span>` : null}
        ${version.number === prompt.textVersion ? html` <small class="tag">current</small>` : null}
        ${owner && version.number !== prompt.textVersion ? html` <button type="button" class="secondary outline small"
            onClick=${() => { restoring.current = version.number; restore.submit(); }} disabled=${restore.busy}>Restore v${version.number}</button>`
          : null}
      </li>`)}
    </ol>
    ${next ? html`<button type="button" class="secondary outline" onClick=${() => load(next, true)}>Older versions</button>`
      : null}
    <${Alert} error=${restore.error} />
    ${prompt.textVersion > 1 ? html`<form class="diff-choice" onSubmit=${compare.submit}>
      <label>From <select name="from" value=${from} onChange=${(e) => setFrom(Number(e.currentTarget.value))}>
        ${numbers.map((n) => html`<option key=${n} value=${n}>v${n}</option>`)}</select></label>
      <label>To <select name="to" value=${to} onChange=${(e) => setTo(Number(e.currentTarget.value))}>
        ${numbers.map((n) => html`<option key=${n} value=${n}>v${n}</option>`)}</select></label>
      <button type="submit" disabled=${compare.busy}>Show changes</button>
    </form>` : html`<p><small>One version so far: changes of the title or text will be listed here.</small></p>`}
    <${Alert} error=${compare.error} />
    ${diff ? html`<${DiffView} diff=${diff} label=${`Changes from v${from} to v${to}`} />` : null}
  </section>`;
}

/** The word diff of two responses of a prompt, chosen by their labels. */
export function ResponseDiff({ promptId, responses, names }) {
  const [a, setA] = useState(responses[0].id);
  const [b, setB] = useState(responses[1].id);
  const [diff, setDiff] = useState(null);
  const show = useSubmit(async () => {
    setDiff(await api.get(`/api/prompts/${promptId}/responses:diff${query({ a, b })}`));
  });
  const options = responses.map((r) => html`<option key=${r.id} value=${r.id}>${names[r.id]}</option>`);
  return html`<div class="response-diff">
    <form class="diff-choice" onSubmit=${show.submit}>
      <label>First response <select name="a" value=${a} onChange=${(e) => setA(e.currentTarget.value)}>${options}</select></label>
      <label>Second response <select name="b" value=${b} onChange=${(e) => setB(e.currentTarget.value)}>${options}</select></label>
      <button type="submit" disabled=${show.busy}>Show word diff</button>
    </form>
    <${Alert} error=${show.error} />
    ${diff ? html`<${DiffView} diff=${diff} label="Word diff of the two responses" />` : null}
  </div>`;
}
