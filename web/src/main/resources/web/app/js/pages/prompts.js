// My prompts: the list (newest first, tag and text filters, "Load more"), the editor, and a prompt's page
// with its responses and the side-by-side comparison.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { Link, navigate } from '../router.js';
import { useUser } from '../session.js';
import { Alert, Checkbox, CopyButton, Dialog, Field, formatDate, Loading, parseTags, useSubmit } from '../ui.js';
import { Compare, ResponseBody } from './compare.js';
import { History } from '../history.js';
import { Ratings } from '../ratings.js';
import { AddToCollection } from './collections.js';
import { SEARCH_SYNTAX, SearchHits } from '../search.js';

const MODELS_KEY = 'prompt-tracker.models';

export function titleOf(prompt) {
  return prompt.title || prompt.contentPreview || 'Untitled prompt';
}

/** A page of a paginated list, with "Load more" on its cursor. */
export function usePages(path, parameters, key) {
  // Items remember the path they came from: a list and a search answer different shapes.
  const [state, setState] = useState({ items: [], next: '', loading: true, error: null, path });
  const load = (pageToken, append) => {
    setState((previous) => ({ ...previous, loading: true, error: null }));
    api.get(path + query({ ...parameters, pageToken }))
      .then((page) => setState((previous) => ({
        items: append ? [...previous.items, ...(page.prompts || page.hits || page.subscribers || page.entries || [])]
          : (page.prompts || page.hits || page.subscribers || page.entries || []),
        next: page.nextPageToken || '',
        loading: false,
        error: null,
        path,
      })))
      .catch((error) => setState((previous) => ({ ...previous, loading: false, error })));
  };
  useEffect(() => load('', false), [key]);
  const current = state.path === path;
  return { ...state, items: current ? state.items : [], next: current ? state.next : '',
    more: () => load(state.next, true), reload: () => load('', false) };
}

export function PromptSummaries({ prompts, hrefOf }) {
  return html`<ul class="prompt-list">
    ${prompts.map((prompt) => html`<li key=${prompt.id}>
      <${Link} href=${hrefOf(prompt)}><strong>${titleOf(prompt)}</strong></${Link}>
      ${prompt.title ? html`<p class="preview">${prompt.contentPreview}</p>` : null}
      <small>${formatDate(prompt.updatedAt)}${prompt.isPublic ? ' · public' : ''}
        ${prompt.tags.length ? ` · ${prompt.tags.map((tag) => `#${tag}`).join(' ')}` : ''}</small>
    </li>`)}
  </ul>`;
}

/**
 * The search box and its filters; a text or a model makes it a full-text search (ranked, with
 * snippets), otherwise the list by date narrowed by tag.
 */
export function useSearchFilters() {
  const [input, setInput] = useState({ q: '', tag: '', model: '', from: '', to: '' });
  const [filters, setFilters] = useState(input);
  useEffect(() => {
    // Filters apply after a short pause in typing, not on every key.
    const timer = setTimeout(() => setFilters(Object.fromEntries(Object.entries(input)
      .map(([key, value]) => [key, value.trim()]))), 300);
    return () => clearTimeout(timer);
  }, [JSON.stringify(input)]);
  const set = (key) => (value) => setInput((previous) => ({ ...previous, [key]: value }));
  const searching = Boolean(filters.q || filters.model);
  // <search> is the search landmark without Pico's pill styling of [role=search].
  const fields = html`<search class="grid filters">
      <div><${Field} label="Search" name="q" type="search" value=${input.q} onValue=${set('q')}
        hint=${SEARCH_SYNTAX} maxlength="200" /></div>
      <div><${Field} label="Tag" name="tag" value=${input.tag} onValue=${set('tag')} /></div>
    </search>
    <details class="more-filters">
      <summary>More filters</summary>
      <div class="grid filters">
        <div><${Field} label="Model" name="model" value=${input.model} onValue=${set('model')} /></div>
        <div><${Field} label="From" name="from" type="date" value=${input.from} onValue=${set('from')}
          hint="Created on or after (with a search)" /></div>
        <div><${Field} label="To" name="to" type="date" value=${input.to} onValue=${set('to')}
          hint="Created on or before (with a search)" /></div>
      </div>
    </details>`;
  return { filters, searching, fields };
}

export function PromptList() {
  const { filters, searching, fields } = useSearchFilters();
  const pages = usePages(searching ? '/api/search' : '/api/prompts',
    searching ? { pageSize: 20, scope: 'own', ...filters } : { pageSize: 20, tag: filters.tag },
    JSON.stringify([searching, filters]));
  return html`<main class="container">
    <div class="title-row">
      <h1>My prompts</h1>
      <${Link} href="/prompts/new" class="button-link">New prompt</${Link}>
    </div>
    ${fields}
    <section aria-label="Prompts" aria-busy=${pages.loading ? 'true' : 'false'}>
      <${Alert} error=${pages.error} />
      ${!pages.loading && !pages.error && pages.items.length === 0
        ? html`<p>${searching || filters.tag ? 'No prompt matches.' : 'No prompts yet. Save your first one.'}</p>` : null}
      ${searching ? html`<${SearchHits} hits=${pages.items} hrefOf=${(prompt) => `/prompts/${prompt.id}`} />`
        : html`<${PromptSummaries} prompts=${pages.items} hrefOf=${(prompt) => `/prompts/${prompt.id}`} />`}
      ${pages.next ? html`<button type="button" class="secondary" onClick=${pages.more} disabled=${pages.loading}>
        Load more</button>` : null}
    </section>
  </main>`;
}

function PromptForm({ initial, onSaved, onCancel }) {
  const [title, setTitle] = useState(initial ? initial.title : '');
  const [content, setContent] = useState(initial ? initial.content : '');
  const [tags, setTags] = useState(initial ? initial.tags.join(', ') : '');
  const [isPublic, setPublic] = useState(initial ? initial.isPublic : false);
  const [versionMessage, setVersionMessage] = useState('');
  const form = useSubmit(async () => {
    const body = { title, content, tags: parseTags(tags), isPublic };
    if (initial && versionMessage.trim()) {
      body.versionMessage = versionMessage;
    }
    const saved = initial ? await api.patch(`/api/prompts/${initial.id}`, body) : await api.post('/api/prompts', body);
    onSaved(saved);
  });
  return html`<form onSubmit=${form.submit} aria-busy=${form.busy ? 'true' : undefined} novalidate>
    <${Field} label="Title" name="title" value=${title} onValue=${setTitle} error=${form.fields.title} maxlength="200" />
    <${Field} label="Prompt" name="content" textarea rows="8" value=${content} onValue=${setContent}
      error=${form.fields.content} required />
    <${Field} label="Tags" name="tags" value=${tags} onValue=${setTags} error=${form.fields.tags}
      hint="Separated by commas, up to 20" />
    <${Checkbox} label="Public" name="isPublic" checked=${isPublic} onValue=${setPublic} />
    ${initial ? html`<${Field} label="What changed" name="versionMessage" value=${versionMessage}
      onValue=${setVersionMessage} error=${form.fields.versionMessage} maxlength="200"
      hint="Optional; kept with the new version when the title or text changes" />` : null}
    <${Alert} error=${form.error} />
    <div class="actions">
      <button type="submit" disabled=${form.busy}>Save prompt</button>
      ${onCancel ? html`<button type="button" class="secondary" onClick=${onCancel}>Cancel</button>` : null}
    </div>
  </form>`;
}

export function NewPrompt() {
  return html`<main class="container">
    <h1>New prompt</h1>
    <${PromptForm} onSaved=${(saved) => navigate(`/prompts/${saved.id}`)} />
  </main>`;
}

function rememberModel(model) {
  const models = knownModels().filter((m) => m !== model);
  models.unshift(model);
  localStorage.setItem(MODELS_KEY, JSON.stringify(models.slice(0, 50)));
}

function knownModels() {
  try {
    return JSON.parse(localStorage.getItem(MODELS_KEY)) || [];
  } catch {
    return [];
  }
}

function ResponseForm({ promptId, initial, models, onSaved, onCancel }) {
  const prefix = initial ? `response-${initial.id}` : 'new-response';
  const [modelName, setModel] = useState(initial ? initial.modelName : '');
  const [content, setContent] = useState(initial ? initial.content : '');
  const [isMarkdown, setMarkdown] = useState(initial ? initial.isMarkdown : true);
  const form = useSubmit(async () => {
    const body = { modelName, content, isMarkdown };
    const saved = initial
      ? await api.patch(`/api/prompts/${promptId}/responses/${initial.id}`, body)
      : await api.post(`/api/prompts/${promptId}/responses`, body);
    rememberModel(saved.modelName);
    if (!initial) {
      setModel('');
      setContent('');
      setMarkdown(true);
    }
    onSaved(saved);
  });
  const suggestions = [...new Set([...models, ...knownModels()])];
  return html`<form onSubmit=${form.submit} aria-busy=${form.busy ? 'true' : undefined} novalidate>
    <${Field} label="Model" name="modelName" id=${`${prefix}-model`} value=${modelName} onValue=${setModel}
      error=${form.fields.modelName} list=${`${prefix}-models`} autocomplete="off" required />
    <datalist id=${`${prefix}-models`}>${suggestions.map((model) => html`<option value=${model} />`)}</datalist>
    <${Field} label="Response" name="content" id=${`${prefix}-content`} textarea rows="6" value=${content}
      onValue=${setContent} error=${form.fields.content} required />
    <${Checkbox} label="Markdown" name="isMarkdown" id=${`${prefix}-markdown`} checked=${isMarkdown}
      onValue=${setMarkdown} />
    <${Alert} error=${form.error} />
    <div class="actions">
      <button type="submit" disabled=${form.busy}>${initial ? 'Save response' : 'Add response'}</button>
      ${onCancel ? html`<button type="button" class="secondary" onClick=${onCancel}>Cancel</button>` : null}
    </div>
  </form>`;
}

function ResponseItem({ promptId, response, owner, models, onChanged }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useSubmit(async () => {
    await api.delete(`/api/prompts/${promptId}/responses/${response.id}`);
    onChanged();
  });
  if (editing) {
    return html`<article>
      <h3>Edit the response of ${response.modelName}</h3>
      <${ResponseForm} promptId=${promptId} initial=${response} models=${models}
        onSaved=${() => { setEditing(false); onChanged(); }} onCancel=${() => setEditing(false)} />
    </article>`;
  }
  return html`<article class="response">
    <header class="title-row">
      <h3>${response.modelName}</h3>
      <small>${formatDate(response.createdAt)}${response.isMarkdown ? '' : ' · plain text'}${' · '}<span
        class="answered">answered v${response.promptVersion}</span></small>
    </header>
    <div class="response-body"><${ResponseBody} response=${response} /></div>
    <footer class="actions">
      <${CopyButton} text=${response.content} label="Copy response" />
      ${owner ? html`
        <button type="button" class="secondary outline" onClick=${() => setEditing(true)}>Edit response</button>
        ${confirming
          ? html`<button type="button" class="contrast" onClick=${remove.submit} disabled=${remove.busy}>
              Yes, delete this response</button>
            <button type="button" class="secondary" onClick=${() => setConfirming(false)}>Keep it</button>`
          : html`<button type="button" class="secondary outline" onClick=${() => setConfirming(true)}>
              Delete response</button>`}` : null}
    </footer>
    <${Alert} error=${remove.error} />
  </article>`;
}

/** A prompt with its responses: what the owner works on, and what a shared link shows read-only. */
export function PromptView({ prompt, owner, onChanged, onRestored }) {
  const models = [...new Set(prompt.responses.map((r) => r.modelName))];
  return html`
    <section aria-labelledby="prompt-text-heading">
      <div class="title-row">
        <h2 id="prompt-text-heading">Prompt</h2>
        <${CopyButton} text=${prompt.content} label="Copy prompt" />
      </div>
      <div class="plain prompt-text">${prompt.content}</div>
      ${prompt.tags.length ? html`<p>${prompt.tags.map((tag) => html`<span class="tag" key=${tag}>#${tag}</span> `)}</p>`
        : null}
    </section>
    <${History} prompt=${prompt} owner=${owner} onRestored=${onRestored || onChanged} />
    <${Compare} promptId=${prompt.id} responses=${prompt.responses} />
    <${Ratings} prompt=${prompt} />
    <section aria-labelledby="responses-heading">
      <h2 id="responses-heading">Responses</h2>
      ${prompt.responses.length === 0 ? html`<p>No responses yet.</p>` : null}
      ${prompt.responses.map((response) => html`<${ResponseItem} key=${response.id} promptId=${prompt.id}
        response=${response} owner=${owner} models=${models} onChanged=${onChanged} />`)}
      ${owner ? html`<h3>Add a response</h3>
        <${ResponseForm} promptId=${prompt.id} models=${models} onSaved=${onChanged} />` : null}
    </section>`;
}

export function PromptPage({ id }) {
  const user = useUser();
  const [prompt, setPrompt] = useState(null);
  const [error, setError] = useState(null);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const load = () => api.get(`/api/prompts/${id}`).then((found) => {
    setPrompt(found);
    setError(null);
  }).catch(setError);
  useEffect(() => {
    load();
  }, [id]);
  const remove = useSubmit(async () => {
    await api.delete(`/api/prompts/${id}`);
    navigate('/prompts', { replace: true });
  });
  if (error) {
    return html`<main class="container"><h1>Prompt</h1><${Alert} error=${error} />
      <p><${Link} href="/prompts">Back to my prompts</${Link}></p></main>`;
  }
  if (!prompt) {
    return html`<main class="container"><h1>Prompt</h1><${Loading} /></main>`;
  }
  const owner = Boolean(user && user.id === prompt.ownerId);
  const shareUrl = `${location.origin}/p/${prompt.id}`;
  return html`<main class="container">
    <div class="title-row">
      <h1>${titleOf(prompt)}</h1>
      ${!editing ? html`<div class="actions">
        <${AddToCollection} prompt=${prompt} />
        ${owner ? html`<button type="button" class="secondary" onClick=${() => setEditing(true)}>Edit</button>
          <button type="button" class="secondary outline" onClick=${() => setDeleting(true)}>Delete</button>` : null}
      </div>` : null}
    </div>
    <p><small>${prompt.isPublic ? 'Public' : 'Private'} · v${prompt.textVersion} · updated ${
      formatDate(prompt.updatedAt)}</small></p>
    ${prompt.isPublic ? html`<p>Share link: <a href=${`/p/${prompt.id}`}>${shareUrl}</a>${' '}
      <${CopyButton} text=${shareUrl} label="Copy share link" /></p>` : null}
    ${editing ? html`<section aria-labelledby="edit-heading">
        <h2 id="edit-heading">Edit prompt</h2>
        <${PromptForm} initial=${prompt} onSaved=${(saved) => { setPrompt(saved); setEditing(false); }}
          onCancel=${() => setEditing(false)} />
      </section>`
      : html`<${PromptView} prompt=${prompt} owner=${owner} onChanged=${load} onRestored=${setPrompt} />`}
    <${Dialog} open=${deleting} onClose=${() => setDeleting(false)} labelledBy="delete-heading">
      <article>
        <h2 id="delete-heading">Delete this prompt?</h2>
        <p>The prompt and its ${prompt.responses.length} response(s) are deleted for good.</p>
        <${Alert} error=${remove.error} />
        <footer>
          <button type="button" class="secondary" onClick=${() => setDeleting(false)}>Cancel</button>
          <button type="button" onClick=${remove.submit} disabled=${remove.busy}>Delete prompt</button>
        </footer>
      </article>
    </${Dialog}>
  </main>`;
}
