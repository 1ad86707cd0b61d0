// For administrators: the subscribers (access and purchase), reading analytics, the access log.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { isAdmin, useUser } from '../session.js';
import { Alert, formatDate, Loading } from '../ui.js';
import { usePages } from './prompts.js';

function SubscriberRow({ subscriber, onChanged }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = async (field, value) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api.patch(`/api/admin/subscribers/${encodeURIComponent(subscriber.email)}`, { [field]: value }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const id = subscriber.email.replace(/[^a-zA-Z0-9]/g, '-');
  return html`<tr aria-busy=${busy ? 'true' : 'false'}>
    <th scope="row">${subscriber.email}${error ? html`<${Alert} error=${error} />` : null}</th>
    <td>${[subscriber.firstName, subscriber.lastName].filter(Boolean).join(' ')}</td>
    <td>${subscriber.state}</td>
    <td><label for=${`access-${id}`}><input type="checkbox" role="switch" id=${`access-${id}`}
      checked=${subscriber.hasAccess} disabled=${busy}
      onChange=${(event) => set('hasAccess', event.currentTarget.checked)} /> Access</label></td>
    <td><label for=${`purchased-${id}`}><input type="checkbox" role="switch" id=${`purchased-${id}`}
      checked=${subscriber.hasPurchased} disabled=${busy}
      onChange=${(event) => set('hasPurchased', event.currentTarget.checked)} /> Purchased</label></td>
    <td>${subscriber.emailsSent}</td>
    <td>${formatDate(subscriber.createdAt)}</td>
  </tr>`;
}

function Subscribers() {
  const pages = usePages('/api/admin/subscribers', { pageSize: 50 }, 'subscribers');
  const [changed, setChanged] = useState({});
  return html`<section aria-labelledby="subscribers-heading" aria-busy=${pages.loading ? 'true' : 'false'}>
    <h2 id="subscribers-heading">Subscribers</h2>
    <${Alert} error=${pages.error} />
    <div class="overflow-auto"><table>
      <thead><tr><th scope="col">Email</th><th scope="col">Name</th><th scope="col">State</th>
        <th scope="col">Access</th><th scope="col">Purchased</th><th scope="col">Emails sent</th>
        <th scope="col">Since</th></tr></thead>
      <tbody>${pages.items.map((subscriber) => html`<${SubscriberRow} key=${subscriber.email}
        subscriber=${changed[subscriber.email] || subscriber}
        onChanged=${(updated) => setChanged((previous) => ({ ...previous, [updated.email]: updated }))} />`)}</tbody>
    </table></div>
    ${!pages.loading && pages.items.length === 0 ? html`<p>No subscribers yet.</p>` : null}
    ${pages.next ? html`<button type="button" class="secondary" onClick=${pages.more}>Load more</button>` : null}
  </section>`;
}

/** Completion rate per chapter as bars; the table beside it holds the same numbers for everyone. */
function CompletionChart({ chapters }) {
  const barWidth = 56;
  const gap = 24;
  const top = 24;
  const height = 180;
  const width = Math.max(4, chapters.length) * (barWidth + gap) + gap;
  const bottom = top + height;
  return html`<svg role="img" aria-label="Completion rate by chapter" viewBox=${`0 0 ${width} ${bottom + 44}`}
      width=${width} height=${bottom + 44} class="chart">
    <line x1="0" y1=${bottom} x2=${width} y2=${bottom} class="axis" />
    ${chapters.map((chapter, i) => {
      const bar = Math.round(chapter.completionRate * height);
      const x = gap + i * (barWidth + gap);
      const percent = Math.round(chapter.completionRate * 100);
      return html`<g key=${chapter.chapterNumber}>
        <rect x=${x} y=${bottom - bar} width=${barWidth} height=${bar} class="bar">
          <title>Chapter ${chapter.chapterNumber}: ${percent} %</title>
        </rect>
        <text x=${x + barWidth / 2} y=${bottom - bar - 6} text-anchor="middle" class="value">${percent}%</text>
        <text x=${x + barWidth / 2} y=${bottom + 18} text-anchor="middle">${chapter.chapterNumber}</text>
      </g>`;
    })}
    <text x=${gap} y=${bottom + 40} class="caption">Chapter</text>
  </svg>`;
}

function Analytics() {
  const [chapters, setChapters] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api.get('/api/admin/analytics/progress').then((answer) => setChapters(answer.chapters)).catch(setError);
  }, []);
  return html`<section aria-labelledby="progress-analytics-heading" aria-busy=${chapters || error ? 'false' : 'true'}>
    <h2 id="progress-analytics-heading">Progress</h2>
    <${Alert} error=${error} />
    ${chapters === null && !error ? html`<${Loading} />` : null}
    ${chapters && chapters.length === 0 ? html`<p>No reading recorded yet.</p>` : null}
    ${chapters && chapters.length ? html`<${CompletionChart} chapters=${chapters} />
      <div class="overflow-auto"><table>
        <thead><tr><th scope="col">Chapter</th><th scope="col">Readers</th><th scope="col">Completions</th>
          <th scope="col">Completion rate</th><th scope="col">Average time</th></tr></thead>
        <tbody>${chapters.map((chapter) => html`<tr key=${chapter.chapterNumber}>
          <th scope="row">${chapter.chapterNumber}</th>
          <td>${chapter.readers}</td>
          <td>${chapter.completions}</td>
          <td>${Math.round(chapter.completionRate * 100)} %</td>
          <td>${Math.round(chapter.averageTimeSpentSeconds / 60)} min</td>
        </tr>`)}</tbody>
      </table></div>` : null}
  </section>`;
}

function AccessLog() {
  const pages = usePages('/api/admin/access-logs', { pageSize: 50 }, 'access');
  return html`<section aria-labelledby="access-heading" aria-busy=${pages.loading ? 'true' : 'false'}>
    <h2 id="access-heading">Access log</h2>
    <${Alert} error=${pages.error} />
    <div class="overflow-auto"><table>
      <thead><tr><th scope="col">When</th><th scope="col">Reader</th><th scope="col">Chapter</th>
        <th scope="col">Access</th><th scope="col">Address</th></tr></thead>
      <tbody>${pages.items.map((entry) => html`<tr key=${entry.id}>
        <td>${formatDate(entry.createdAt)}</td><td>${entry.email}</td><td>${entry.chapterNumber}</td>
        <td>${entry.accessType}</td><td>${entry.ip}</td>
      </tr>`)}</tbody>
    </table></div>
    ${!pages.loading && pages.items.length === 0 ? html`<p>Nothing read yet.</p>` : null}
    ${pages.next ? html`<button type="button" class="secondary" onClick=${pages.more}>Load more</button>` : null}
  </section>`;
}

export function Admin() {
  const user = useUser();
  if (!isAdmin(user)) {
    return html`<main class="container"><h1>Admin</h1>
      <p>This page is for administrators: an account whose confirmed address the operator listed.</p></main>`;
  }
  return html`<main class="container">
    <h1>Admin</h1>
    <${Analytics} />
    <${Subscribers} />
    <${AccessLog} />
  </main>`;
}
