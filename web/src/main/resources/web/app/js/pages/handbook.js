// The handbook: subscribing by email, and the reader's progress per chapter.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, EMAIL_NOT_VERIFIED } from '../api.js';
import { Link } from '../router.js';
import { useUser } from '../session.js';
import { Alert, Field, formatDate, Loading, useSubmit } from '../ui.js';

function Subscribe() {
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const [done, setDone] = useState(null);
  const form = useSubmit(async () => {
    const answer = await api.post('/api/subscribers', { email, firstName });
    setDone(answer.message || 'Thanks for subscribing.');
  });
  return html`<section aria-labelledby="subscribe-heading">
    <h2 id="subscribe-heading">Subscribe</h2>
    ${done ? html`<p role="status">Thanks! ${done}</p>` : html`
      <form onSubmit=${form.submit} aria-busy=${form.busy ? 'true' : undefined} novalidate>
        <div class="grid">
          <div><${Field} label="Email" name="email" id="subscribe-email" type="email" value=${email}
            onValue=${setEmail} error=${form.fields.email} autocomplete="email" required /></div>
          <div><${Field} label="First name" name="firstName" value=${firstName} onValue=${setFirstName}
            error=${form.fields.firstName} autocomplete="given-name" /></div>
        </div>
        <${Alert} error=${form.error} />
        <button type="submit" disabled=${form.busy}>Subscribe</button>
      </form>`}
  </section>`;
}

function MyProgress() {
  const [report, setReport] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api.get('/api/progress').then(setReport).catch(setError);
  }, []);
  let body;
  if (error instanceof ApiError && error.type === EMAIL_NOT_VERIFIED) {
    body = html`<p>Confirm your email address to see your reading: use the link we emailed you, or ask for a new one
      on your <${Link} href="/account">account page</${Link}>.</p>`;
  } else if (error) {
    body = html`<${Alert} error=${error} />`;
  } else if (!report) {
    body = html`<${Loading} />`;
  } else if (report.chapters.length === 0) {
    body = html`<p>No reading recorded yet.</p>`;
  } else {
    body = html`<p>${report.summary.chaptersCompleted} chapter(s) completed, ${Math.round(report.summary.totalTimeSpentSeconds / 60)} minute(s) of reading.</p>
      <div class="overflow-auto"><table>
        <thead><tr><th scope="col">Chapter</th><th scope="col">Completed</th><th scope="col">Time spent</th>
          <th scope="col">Videos</th><th scope="col">Quizzes</th><th scope="col">Last read</th></tr></thead>
        <tbody>${report.chapters.map((chapter) => html`<tr key=${chapter.chapterNumber}>
          <th scope="row">${chapter.chapterNumber}</th>
          <td>${chapter.completed ? 'Yes' : 'Not yet'}</td>
          <td>${Math.round(chapter.timeSpentSeconds / 60)} min</td>
          <td>${chapter.videosWatched.length}</td>
          <td>${chapter.quizzesPassed.length}</td>
          <td>${formatDate(chapter.updatedAt)}</td>
        </tr>`)}</tbody>
      </table></div>`;
  }
  return html`<section aria-labelledby="progress-heading" aria-busy=${!report && !error ? 'true' : 'false'}>
    <h2 id="progress-heading">My progress</h2>
    ${body}
  </section>`;
}

export function Handbook() {
  const user = useUser();
  return html`<main class="container">
    <h1>Handbook</h1>
    <p>A handbook for readers on the email list: subscribe, then sign in with the link we email you.</p>
    ${user ? html`<${MyProgress} />` : null}
    <${Subscribe} />
    ${user ? null : html`<p>Subscribed already? <${Link} href="/signin">Sign in by email</${Link}>.</p>`}
  </main>`;
}
