// Judging responses: stars with a note per response, "prefer A over B", the leaderboard of models
// (mine or everyone's on public prompts) and the download of the preference pairs as JSON lines.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api, download, query } from './api.js';
import { Link } from './router.js';
import { useUser } from './session.js';
import { Alert, Field, Loading, useSubmit } from './ui.js';
import { labels } from './pages/compare.js';

const STARS = [1, 2, 3, 4, 5];

function StarPicker({ name, value, onValue }) {
  return html`<fieldset class="stars" role="radiogroup" aria-label=${`Stars for ${name}`}>
    ${STARS.map((n) => html`<label key=${n} title=${`${n} of 5`}>
      <input type="radio" name=${`stars-${name}`} value=${n} checked=${value === n} aria-label=${`${n} stars`}
        onChange=${() => onValue(n)} />
      <span aria-hidden="true">${n <= value ? '★' : '☆'}</span>
    </label>`)}
  </fieldset>`;
}

function RateResponse({ promptId, response, name, mine, total, onSaved }) {
  const [stars, setStars] = useState(mine ? mine.stars : 0);
  const [note, setNote] = useState(mine ? mine.note : '');
  const [saved, setSaved] = useState(false);
  const form = useSubmit(async () => {
    await api.put(`/api/prompts/${promptId}/responses/${response.id}/rating`, { stars, note });
    setSaved(true);
    onSaved();
  });
  return html`<form class="rating" onSubmit=${form.submit} aria-label=${`Rate ${name}`}>
    <div class="title-row">
      <strong>${name}</strong>
      ${total ? html`<small class="rating-total">${
        `average ${total.averageStars.toFixed(1)} from ${total.count} rating(s)`}</small>` : null}
    </div>
    <${StarPicker} name=${name} value=${stars} onValue=${(n) => { setStars(n); setSaved(false); }} />
    <${Field} label="Note (optional)" name=${`note-${response.id}`} value=${note}
      onValue=${(text) => { setNote(text); setSaved(false); }} maxlength="2000" error=${form.fields.note} />
    <div class="actions">
      <button type="submit" disabled=${form.busy || stars === 0}>Save rating</button>
      ${saved ? html`<small role="status">Saved</small>` : null}
    </div>
    <${Alert} error=${form.error} />
  </form>`;
}

function PreferForm({ promptId, responses, names, onSaved }) {
  const [chosen, setChosen] = useState(responses[0].id);
  const [rejected, setRejected] = useState(responses[1].id);
  const [reason, setReason] = useState('');
  const form = useSubmit(async () => {
    await api.post(`/api/prompts/${promptId}/preferences`, {
      chosenResponseId: chosen, rejectedResponseId: rejected, reason,
    });
    setReason('');
    onSaved();
  });
  return html`<form class="prefer" onSubmit=${form.submit}>
    <div class="grid">
      <label>Better<select name="chosen" value=${chosen} onChange=${(e) => setChosen(e.currentTarget.value)}>
        ${responses.map((r) => html`<option key=${r.id} value=${r.id}>${names[r.id]}</option>`)}
      </select></label>
      <label>than<select name="rejected" value=${rejected} onChange=${(e) => setRejected(e.currentTarget.value)}>
        ${responses.map((r) => html`<option key=${r.id} value=${r.id}>${names[r.id]}</option>`)}
      </select></label>
    </div>
    <${Field} label="Reason (optional)" name="reason" value=${reason} onValue=${setReason} maxlength="2000"
      error=${form.fields.reason || form.fields.rejectedResponseId} />
    <button type="submit" disabled=${form.busy || chosen === rejected}>
      Prefer ${names[chosen]} over ${names[rejected]}</button>
    <${Alert} error=${form.error} />
  </form>`;
}

/** The signed-in reader's judgements of a prompt's responses; the owner also sees everyone's averages. */
export function Ratings({ prompt }) {
  const user = useUser();
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const load = () => api.get(`/api/prompts/${prompt.id}/ratings`).then(setData).catch(setError);
  const key = prompt.responses.map((r) => r.id).join();
  useEffect(() => {
    if (user) {
      load();
    }
  }, [prompt.id, key, Boolean(user)]);
  if (!user || prompt.responses.length === 0) {
    return null;
  }
  const names = labels(prompt.responses);
  return html`<section aria-labelledby="ratings-heading">
    <h2 id="ratings-heading">Ratings</h2>
    <${Alert} error=${error} />
    ${!data ? html`<${Loading} />` : html`
      <div class="ratings">
        ${prompt.responses.map((response) => html`<${RateResponse} key=${response.id} promptId=${prompt.id}
          response=${response} name=${names[response.id]} onSaved=${load}
          mine=${data.ratings.find((r) => r.responseId === response.id)}
          total=${data.totals.find((t) => t.responseId === response.id)} />`)}
      </div>
      ${prompt.responses.length >= 2 ? html`<h3>Which is better?</h3>
        <${PreferForm} promptId=${prompt.id} responses=${prompt.responses} names=${names} onSaved=${load} />
        ${data.preferences.length ? html`<ul class="preferences" aria-label="My preferences">
          ${data.preferences.map((p) => html`<li key=${`${p.chosenResponseId}-${p.rejectedResponseId}`}>
            ${names[p.chosenResponseId]} over ${names[p.rejectedResponseId]}${p.reason ? ` (${p.reason})` : ''}</li>`)}
        </ul>` : null}` : null}
      <p><small><${Link} href="/leaderboard">Leaderboard of models</${Link}></small></p>`}
  </section>`;
}

export function Leaderboard({ query: params }) {
  const user = useUser();
  const [scope, setScope] = useState((params && params.get && params.get('scope')) || (user ? 'mine' : 'public'));
  const [board, setBoard] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setBoard(null);
    api.get(`/api/analytics/models${query({ scope })}`).then(setBoard).catch(setError);
  }, [scope]);
  const exportPath = `/api/export/preferences${query({ format: 'jsonl', scope })}`;
  const save = useSubmit(() => download(exportPath, `preferences-${scope}.jsonl`));
  return html`<main class="container">
    <h1>Leaderboard</h1>
    <p>Models ranked by a Bradley–Terry score fitted to pairwise preferences (1000 is average; +400 means ten
      times as likely to be preferred), with the ratings beside it.</p>
    ${user ? html`<div role="group" class="scope">
      <button type="button" class=${scope === 'mine' ? '' : 'secondary outline'} aria-pressed=${scope === 'mine'}
        onClick=${() => setScope('mine')}>Mine</button>
      <button type="button" class=${scope === 'public' ? '' : 'secondary outline'} aria-pressed=${scope === 'public'}
        onClick=${() => setScope('public')}>Everyone (public prompts)</button>
    </div>` : null}
    <${Alert} error=${error} />
    ${!board ? html`<${Loading} />` : board.models.length === 0
      ? html`<p>No judgements yet: rate responses or prefer one over another on a prompt's page.</p>`
      : html`<div class="overflow-auto"><table class="leaderboard">
        <thead><tr><th scope="col">#</th><th scope="col">Model</th><th scope="col">Score</th>
          <th scope="col">Wins</th><th scope="col">Losses</th><th scope="col">Comparisons</th>
          <th scope="col">Average stars</th></tr></thead>
        <tbody>${board.models.map((m, i) => html`<tr key=${m.modelName}>
          <td>${i + 1}</td><th scope="row">${m.modelName}</th><td>${Math.round(m.score)}</td>
          <td>${m.wins}</td><td>${m.losses}</td><td>${m.comparisons}</td>
          <td>${m.averageStars === undefined || m.averageStars === null ? '–'
            : `${m.averageStars.toFixed(1)} (${m.ratingCount})`}</td>
        </tr>`)}</tbody>
      </table></div>`}
    <h2>Dataset</h2>
    <p>The preference pairs as JSON lines (prompt, chosen, rejected, models, reason), the shape preference-tuning
      datasets such as DPO use.</p>
    <button type="button" class="secondary" onClick=${save.submit} disabled=${save.busy}>
      Download preferences (.jsonl)</button>
    <${Alert} error=${save.error} />
  </main>`;
}
