// The account: its address (and proving it), its password, its sessions, signing out.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api, refresh, signOutHere } from '../api.js';
import { Link, navigate } from '../router.js';
import { useUser } from '../session.js';
import { Alert, Field, formatDate, Loading, useSubmit } from '../ui.js';

export function ResendVerification() {
  const [sent, setSent] = useState(null);
  const form = useSubmit(async () => {
    const answer = await api.post('/api/auth/email/verification', {});
    setSent(answer.message);
  });
  return html`<span>
    <button type="button" class="secondary outline" onClick=${form.submit} disabled=${form.busy}>
      Send the link again</button>
    ${sent ? html` <span role="status">${sent}</span>` : null}
    <${Alert} error=${form.error} />
  </span>`;
}

function PasswordForm({ user }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const form = useSubmit(async () => {
    await api.post('/api/auth/password', { currentPassword: current, newPassword: next });
    await refresh();
    setCurrent('');
    setNext('');
    setDone(true);
  });
  return html`<section aria-labelledby="password-heading">
    <h2 id="password-heading">${user.hasPassword ? 'Change password' : 'Set a password'}</h2>
    <form onSubmit=${form.submit} aria-busy=${form.busy ? 'true' : undefined} novalidate>
      <input type="text" name="username" autocomplete="username" value=${user.username} hidden readonly />
      ${user.hasPassword ? html`<${Field} label="Current password" name="currentPassword" type="password"
        value=${current} onValue=${setCurrent} error=${form.fields.currentPassword}
        autocomplete="current-password" />` : null}
      <${Field} label="New password" name="newPassword" type="password" value=${next} onValue=${setNext}
        error=${form.fields.newPassword} autocomplete="new-password" hint="At least 10 characters; your other sessions are signed out" />
      <${Alert} error=${form.error} />
      <button type="submit" disabled=${form.busy}>Set password</button>
      ${done ? html`<p role="status">Your password is set. Your other sessions were signed out.</p>` : null}
    </form>
  </section>`;
}

function Sessions() {
  const [sessions, setSessions] = useState(null);
  const [error, setError] = useState(null);
  const load = () => api.get('/api/auth/sessions').then((answer) => setSessions(answer.sessions)).catch(setError);
  useEffect(() => {
    load();
  }, []);
  const revoke = async (id) => {
    try {
      await api.delete(`/api/auth/sessions/${id}`);
      load();
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<section aria-labelledby="sessions-heading" aria-busy=${sessions ? 'false' : 'true'}>
    <h2 id="sessions-heading">Sessions</h2>
    <${Alert} error=${error} />
    ${sessions ? html`<div class="overflow-auto"><table>
      <thead><tr><th scope="col">Browser</th><th scope="col">Address</th><th scope="col">Signed in</th>
        <th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>${sessions.map((session) => html`<tr key=${session.id}>
        <td>${session.userAgent || 'unknown'}</td>
        <td>${session.ip}</td>
        <td>${formatDate(session.createdAt)}</td>
        <td>${formatDate(session.lastUsedAt)}</td>
        <td>${session.current ? html`<strong>This browser</strong>`
          : html`<button type="button" class="secondary outline" onClick=${() => revoke(session.id)}>Revoke</button>`}</td>
      </tr>`)}</tbody>
    </table></div>` : html`<${Loading} />`}
  </section>`;
}

export async function signOut() {
  try {
    await api.post('/api/auth/logout', {});
  } catch {
    // Signed out here in any case; the session ends on its own.
  }
  signOutHere();
  navigate('/signin');
}

export function Account() {
  const user = useUser();
  if (!user) {
    return html`<main class="container"><h1>Account</h1><${Loading} /></main>`;
  }
  return html`<main class="container">
    <h1>Account</h1>
    <section aria-labelledby="identity-heading">
      <h2 id="identity-heading">${user.username}</h2>
      <p>${user.email} — ${user.emailVerified ? html`<strong>Confirmed</strong>` : html`<strong>Not confirmed</strong>`}
        ${user.role === 'ADMIN' ? ' · administrator' : ''}</p>
      ${user.emailVerified ? null : html`<p>Confirm your address with the link we emailed you; until then the
        handbook and everything tied to your address stay closed. <${ResendVerification} /></p>`}
    </section>
    <p><${Link} href="/account/data">Your data</${Link}>: download everything of yours, or import a file.</p>
    <${PasswordForm} user=${user} />
    <${Sessions} />
    <button type="button" class="contrast" onClick=${signOut}>Sign out</button>
  </main>`;
}
