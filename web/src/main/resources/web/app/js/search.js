// Full-text search results: titles and snippets with the matches marked. The API returns text parts
// flagged as matches; they are rendered as text nodes inside <mark>, never as markup.
import { html } from 'htm/preact';
import { Link } from './router.js';
import { formatDate } from './ui.js';

export const SEARCH_SYNTAX = 'Words, "a phrase", prefix*, -exclude, tag:name, model:name';

export function Highlight({ parts }) {
  return parts.map((part, i) => (part.match ? html`<mark key=${i}>${part.text}</mark>` : part.text));
}

export function SearchHits({ hits, hrefOf }) {
  return html`<ul class="prompt-list search-hits">
    ${hits.map((hit) => {
      const prompt = hit.prompt;
      return html`<li key=${prompt.id}>
        <${Link} href=${hrefOf(prompt)}><strong>${hit.title.length
          ? html`<${Highlight} parts=${hit.title} />` : prompt.contentPreview || 'Untitled prompt'}</strong></${Link}>
        ${hit.snippet.length ? html`<p class="preview snippet"><${Highlight} parts=${hit.snippet} /></p>` : null}
        <small>${formatDate(prompt.updatedAt)}${prompt.isPublic ? ' · public' : ''}
          ${prompt.responseCount ? ` · ${prompt.responseCount} response(s)` : ''}
          ${prompt.tags.length ? ` · ${prompt.tags.map((tag) => `#${tag}`).join(' ')}` : ''}</small>
      </li>`;
    })}
  </ul>`;
}
