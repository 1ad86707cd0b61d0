// Creating an account, signing in (password or emailed link), and the two pages emailed links open.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, signedIn } from '../api.js';
import { Link, navigate } from '../router.js';
import { Alert, Field, useSubmit } from '../ui.js';

export function Register() {
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useSubmit(async () => {
    signedIn(await api.post('/api/auth/register', { username, email, password }));
    navigate('/prompts');
  });
  return html`<main class="container narrow">
    <h1>Create an account</h1>
    <form onSubmit=${form.submit} aria-busy=${form.busy ? 'true' : undefined} novalidate>
      <${Field} label="Username" name="username" value=${username} onValue=${setUsername} error=${form.fields.username}
        autocomplete="username" required hint="3 to 32 letters, digits, '_', '.' or '-'" />
      <${Field} label="Email" name="email" type="email" value=${email} onValue=${setEmail} error=${form.fields.email}
        autocomplete="email" required />
      <${Field} label="Password" name="password" type="password" value=${password} onValue=${setPassword}
        error=${form.fields.password} autocomplete="new-password" required hint="At least 10 characters" />
      <${Alert} error=${form.error} />
      <button type="submit" disabled=${form.busy}>Create account</button>
    </form>
    <p>Already have an account? <${Link} href="/signin">Sign in</${Link}></p>
  </main>`;
}

export function SignIn({ query }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(null);
  const next = query.get('next');
  const form = useSubmit(async () => {
    signedIn(await api.post('/api/auth/login', { login, password }));
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/prompts');
  });
  const linkForm = useSubmit(async () => {
    const answer = await api.post('/api/auth/magic-link', { email });
    setSent(answer.message);
  });
  return html`<main class="container narrow">
    <h1>Sign in</h1>
    ${query.get('expired') ? html`<p role="status">Your session has ended. Please sign in again.</p>` : null}
    <form onSubmit=${form.submit} aria-busy=${form.busy ? 'true' : undefined} novalidate>
      <${Field} label="Username or email" name="login" value=${login} onValue=${setLogin} error=${form.fields.login}
        autocomplete="username" required />
      <${Field} label="Password" name="password" type="password" value=${password} onValue=${setPassword}
        error=${form.fields.password} autocomplete="current-password" required />
      <${Alert} error=${form.error} />
      <button type="submit" disabled=${form.busy}>Sign in</button>
    </form>
    <section aria-labelledby="email-sign-in">
      <h2 id="email-sign-in">Sign in by email</h2>
      <p>We email you a link that signs you in once. It works for handbook subscribers too.</p>
      <form onSubmit=${linkForm.submit} aria-busy=${linkForm.busy ? 'true' : undefined} novalidate>
        <${Field} label="Email" name="email" id="link-email" type="email" value=${email} onValue=${setEmail}
          error=${linkForm.fields.email} autocomplete="email" required />
        <${Alert} error=${linkForm.error} />
        <button type="submit" class="secondary" disabled=${linkForm.busy}>Email me a sign-in link</button>
      </form>
      ${sent ? html`<p role="status">${sent}</p>` : null}
    </section>
    <p>New here? <${Link} href="/register">Create an account</${Link}></p>
  </main>`;
}

/** Takes the token out of the address bar at once: it should not stay in the history. */
function useTokenFromAddress() {
  const [token] = useState(() => new URLSearchParams(location.search).get('token') || '');
  useEffect(() => {
    history.replaceState(null, '', location.pathname);
  }, []);
  return token;
}

/** {FRONTEND_URL}/auth/verify?token=… from a sign-in email. */
export function VerifyLink() {
  const token = useTokenFromAddress();
  const [error, setError] = useState(null);
  useEffect(() => {
    api.post('/api/auth/magic-link/verify', { token })
      .then((result) => {
        signedIn(result);
        navigate('/handbook', { replace: true });
      })
      .catch(setError);
  }, []);
  return html`<main class="container narrow">
    <h1>Signing you in</h1>
    ${error ? html`<${Alert} error=${error} /><p><${Link} href="/signin">Ask for a new link</${Link}></p>`
      : html`<p aria-busy="true">Signing you in…</p>`}
  </main>`;
}

/** {FRONTEND_URL}/auth/verify-email?token=… from the confirmation email. */
export function VerifyEmail() {
  const token = useTokenFromAddress();
  const [state, setState] = useState({ done: false, error: null, user: null });
  useEffect(() => {
    // Sent with this browser's session when there is one: then the account keeps its password.
    api.post('/api/auth/email/verify', { token })
      .then((result) => {
        signedIn(result);
        setState({ done: true, error: null, user: result.user });
      })
      .catch((error) => setState({ done: true, error, user: null }));
  }, []);
  const { done, error, user } = state;
  return html`<main class="container narrow">
    <h1>Confirm your email address</h1>
    ${!done ? html`<p aria-busy="true">Confirming…</p>` : null}
    ${error ? html`<${Alert} error=${error} />
      <p>${error instanceof ApiError && error.status === 401
        ? 'The link may have been used already or have expired. Sign in and ask for a new one on your account page.'
        : ''}</p>
      <p><${Link} href="/account">Go to your account</${Link}></p>` : null}
    ${user ? html`<p role="status">Your email address is confirmed.</p>
      ${user.hasPassword ? null : html`<p>There is no password on this account (any password set before the
        address was confirmed has been removed). You can set one on your <${Link} href="/account">account page</${Link}>.</p>`}
      <p><${Link} href="/prompts" class="button-link">Continue to my prompts</${Link}></p>` : null}
  </main>`;
}
