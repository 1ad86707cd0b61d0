// What anyone can read without an account: a shared prompt (/p/{id}) and the public feed (/explore).
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { Link } from '../router.js';
import { useUser } from '../session.js';
import { Alert, Field, formatDate, Loading } from '../ui.js';
import { PromptSummaries, PromptView, titleOf, usePages, useSearchFilters } from './prompts.js';
import { AddToCollection } from './collections.js';
import { SearchHits } from '../search.js';

export function SharedPrompt({ id }) {
  const user = useUser();
  const [prompt, setPrompt] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api.get(`/api/prompts/${id}`).then(setPrompt).catch(setError);
  }, [id]);
  if (error) {
    return html`<main class="container"><h1>Prompt not found</h1>
      <p>${error instanceof ApiError && error.status === 404
        ? 'This prompt does not exist, or it is not public.' : ''}</p>
      <${Alert} error=${error instanceof ApiError && error.status === 404 ? null : error} />
      <p><${Link} href="/explore">Explore public prompts</${Link}></p></main>`;
  }
  if (!prompt) {
    return html`<main class="container"><h1>Shared prompt</h1><${Loading} /></main>`;
  }
  const owner = Boolean(user && user.id === prompt.ownerId);
  return html`<main class="container">
    <div class="title-row">
      <h1>${titleOf(prompt)}</h1>
      ${user ? html`<div class="actions"><${AddToCollection} prompt=${prompt} /></div>` : null}
    </div>
    <p><small>Shared prompt · ${prompt.responses.length} response(s) · updated ${formatDate(prompt.updatedAt)}
      ${owner ? html` · <${Link} href=${`/prompts/${prompt.id}`}>Open in my prompts</${Link}>` : null}</small></p>
    <${PromptView} prompt=${prompt} owner=${false} onChanged=${() => {}} />
  </main>`;
}

export function Explore() {
  const { filters, searching, fields } = useSearchFilters();
  const pages = usePages(searching ? '/api/search' : '/api/public/prompts',
    searching ? { pageSize: 20, scope: 'public', ...filters } : { pageSize: 20, tag: filters.tag },
    JSON.stringify([searching, filters]));
  return html`<main class="container">
    <h1>Explore</h1>
    <p>Prompts people chose to share, newest first; a search ranks them by relevance.</p>
    ${fields}
    <section aria-label="Public prompts" aria-busy=${pages.loading ? 'true' : 'false'}>
      <${Alert} error=${pages.error} />
      ${!pages.loading && !pages.error && pages.items.length === 0
        ? html`<p>${searching || filters.tag ? 'No public prompt matches.' : 'No public prompt yet.'}</p>` : null}
      ${searching ? html`<${SearchHits} hits=${pages.items} hrefOf=${(prompt) => `/p/${prompt.id}`} />`
        : html`<${PromptSummaries} prompts=${pages.items} hrefOf=${(prompt) => `/p/${prompt.id}`} />`}
      ${pages.next ? html`<button type="button" class="secondary" onClick=${pages.more} disabled=${pages.loading}>
        Load more</button>` : null}
    </section>
  </main>`;
}
