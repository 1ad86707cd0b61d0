// Judging responses: stars with a note per response, "prefer A over B", a rank order of all of them,
// the leaderboard of models (mine or everyone's on public prompts) and the download of the preference
// pairs as JSON lines.
import { html } from 'htm/preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
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

/**
 * The order the caller's preferences give the responses: most wins first (ties keep the page's order).
 * The API keeps a ranking only as the preferences it implies, so the order is read back from them; it
 * is the saved ranking exactly when every pair has a preference that agrees with that order.
 */
export function orderFromPreferences(responses, preferences) {
  const ids = new Set(responses.map((r) => r.id));
  const relevant = preferences.filter((p) => ids.has(p.chosenResponseId) && ids.has(p.rejectedResponseId));
  const wins = Object.fromEntries(responses.map((r) => [r.id, 0]));
  relevant.forEach((p) => { wins[p.chosenResponseId] += 1; });
  const order = responses.map((r, i) => ({ id: r.id, i }))
    .sort((x, y) => wins[y.id] - wins[x.id] || x.i - y.i).map((x) => x.id);
  const agrees = new Set(relevant.map((p) => `${p.chosenResponseId} ${p.rejectedResponseId}`));
  const complete = order.every((better, i) => order.slice(i + 1).every((worse) => agrees.has(`${better} ${worse}`)));
  return { order, complete, judged: relevant.length > 0 };
}

function RankForm({ promptId, responses, names, preferences, onSaved }) {
  const derived = orderFromPreferences(responses, preferences);
  const [order, setOrder] = useState(derived.order);
  const [changed, setChanged] = useState(false);
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  // After a move the list is re-ordered under the pressed button: focus stays on it (a button at
  // either end is aria-disabled rather than disabled, so it keeps the focus instead of dropping it).
  const refocus = useRef(null);
  const list = useRef(null);
  const derivedKey = derived.order.join();
  useEffect(() => {
    if (!changed) {
      setOrder(derived.order);
    }
  }, [derivedKey]);
  useLayoutEffect(() => {
    if (refocus.current && list.current) {
      const [id, direction] = refocus.current;
      refocus.current = null;
      const button = list.current.querySelector(`li[data-id="${id}"] button[data-direction="${direction}"]`);
      if (button && document.activeElement !== button) {
        button.focus();
      }
    }
  });
  // A response added or deleted since: start again from the preferences.
  const current = order.length === responses.length && responses.every((r) => order.includes(r.id));
  const shown = current ? order : derived.order;
  const move = (id, direction) => {
    const from = shown.indexOf(id);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= shown.length) {
      return;
    }
    const next = [...shown];
    [next[from], next[to]] = [next[to], next[from]];
    refocus.current = [id, direction];
    setOrder(next);
    setChanged(true);
    setSaved(false);
    setAnnouncement(`${names[id]} is now ${to + 1} of ${next.length}`);
  };
  const form = useSubmit(async () => {
    await api.put(`/api/prompts/${promptId}/ranking`, { responseIds: shown, reason });
    setChanged(false);
    setSaved(true);
    setReason('');
    onSaved();
  });
  const state = changed ? 'Not saved yet.'
    : derived.complete ? 'Your saved ranking.'
      : derived.judged ? 'Not ranked yet: this order follows your preferences so far (most wins first).'
        : 'Not ranked yet: put the best response first.';
  return html`<form class="ranking" onSubmit=${form.submit} aria-labelledby="ranking-heading">
    <p class="ranking-state"><small>${state}</small></p>
    <ol class="rank-list" ref=${list} aria-label="Rank order, best first">
      ${shown.map((id, index) => html`<li key=${id} data-id=${id}>
        <span class="rank-position" aria-hidden="true">${index + 1}</span>
        <span class="rank-name">${names[id]}</span>
        <span class="rank-moves">
          <button type="button" class="secondary outline" data-direction="up" aria-disabled=${String(index === 0)}
            aria-label=${`Move ${names[id]} up`} onClick=${() => move(id, 'up')}>↑ Up</button>
          <button type="button" class="secondary outline" data-direction="down"
            aria-disabled=${String(index === shown.length - 1)}
            aria-label=${`Move ${names[id]} down`} onClick=${() => move(id, 'down')}>↓ Down</button>
        </span>
      </li>`)}
    </ol>
    <p class="visually-hidden" aria-live="polite">${announcement}</p>
    <${Field} label="Reason for the ranking (optional)" name="ranking-reason" value=${reason}
      onValue=${(text) => { setReason(text); setSaved(false); }} maxlength="2000" error=${form.fields.reason} />
    <div class="actions">
      <button type="submit" disabled=${form.busy}>Save ranking</button>
      ${saved ? html`<small role="status">Ranking saved</small>` : null}
    </div>
    <small>Saving records one preference for every pair (${shown.length * (shown.length - 1) / 2} here), replacing
      your earlier ones between these responses.</small>
    <${Alert} error=${form.error || form.fields.responseIds} />
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
  return html`<section id="ratings" aria-labelledby="ratings-heading">
    <h2 id="ratings-heading">Ratings</h2>
    <${Alert} error=${error} />
    ${!data ? html`<${Loading} />` : html`
      <h3>Stars and notes</h3>
      <div class="ratings">
        ${prompt.responses.map((response) => html`<${RateResponse} key=${response.id} promptId=${prompt.id}
          response=${response} name=${names[response.id]} onSaved=${load}
          mine=${data.ratings.find((r) => r.responseId === response.id)}
          total=${data.totals.find((t) => t.responseId === response.id)} />`)}
      </div>
      ${prompt.responses.length >= 2 ? html`<h3>Which is better?</h3>
        <${PreferForm} promptId=${prompt.id} responses=${prompt.responses} names=${names} onSaved=${load} />
        ${data.preferences.length ? html`<p class="preferences-label" id="my-preferences"><small>My preferences</small></p>
        <ul class="preferences" aria-labelledby="my-preferences">
          ${data.preferences.map((p) => html`<li key=${`${p.chosenResponseId}-${p.rejectedResponseId}`}>
            ${names[p.chosenResponseId]} over ${names[p.rejectedResponseId]}${p.reason ? ` (${p.reason})` : ''}</li>`)}
        </ul>` : null}
        <h3 id="ranking-heading">Rank responses</h3>
        <${RankForm} promptId=${prompt.id} responses=${prompt.responses} names=${names}
          preferences=${data.preferences} onSaved=${load} />` : null}
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
        <thead><tr><th scope="col" class="num">#</th><th scope="col">Model</th><th scope="col" class="num">Score</th>
          <th scope="col" class="num">Wins</th><th scope="col" class="num">Losses</th>
          <th scope="col" class="num">Comparisons</th><th scope="col" class="num">Average stars</th></tr></thead>
        <tbody>${board.models.map((m, i) => html`<tr key=${m.modelName}>
          <td class="num">${i + 1}</td><th scope="row">${m.modelName}</th><td class="num">${Math.round(m.score)}</td>
          <td class="num">${m.wins}</td><td class="num">${m.losses}</td><td class="num">${m.comparisons}</td>
          <td class="num">${m.averageStars === undefined || m.averageStars === null ? '–'
            : `${m.averageStars.toFixed(1)} (${m.ratingCount})`}</td>
        </tr>`)}</tbody>
      </table></div>`}
    <h2>Dataset</h2>
    <p>The preference pairs as JSON lines (prompt, chosen, rejected, models, reason), the shape preference-tuning
      datasets such as DPO use.</p>
    <button type="button" class="secondary" onClick=${save.submit} disabled=${save.busy}>
      Download preferences (JSONL)</button>
    <${Alert} error=${save.error} />
  </main>`;
}
