// Collections: my collections (list, create), a collection's page (edit, delete, its prompts in order with
// up/down/remove), the public share page /c/{id}, and "Add to collection" for a prompt.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, query } from '../api.js';
import { Link, navigate } from '../router.js';
import { useUser } from '../session.js';
import { Alert, Checkbox, CopyButton, Dialog, Field, formatDate, Loading, useSubmit } from '../ui.js';
import { titleOf } from './prompts.js';

/** A paginated list read from {@code path}; {@code itemsOf} picks the items from each page. */
function usePaged(path, itemsOf, key) {
  const [state, setState] = useState({ items: [], next: '', loading: true, error: null, head: null });
  const load = (pageToken, append) => {
    setState((previous) => ({ ...previous, loading: true, error: null }));
    api.get(path + query({ pageSize: 100, pageToken }))
      .then((page) => setState((previous) => ({
        items: append ? [...previous.items, ...itemsOf(page)] : itemsOf(page),
        next: page.nextPageToken || '',
        loading: false,
        error: null,
        head: page.collection || previous.head,
      })))
      .catch((error) => setState((previous) => ({ ...previous, loading: false, error })));
  };
  useEffect(() => load('', false), [key]);
  return { ...state, more: () => load(state.next, true), reload: () => load('', false) };
}

function countOf(collection) {
  return `${collection.promptCount} prompt${collection.promptCount === 1 ? '' : 's'}`;
}

function CollectionForm({ initial, onSaved, onCancel, submitLabel }) {
  const [name, setName] = useState(initial ? initial.name : '');
  const [description, setDescription] = useState(initial ? initial.description : '');
  const [isPublic, setPublic] = useState(initial ? initial.isPublic : false);
  const prefix = initial ? `collection-${initial.id}` : 'new-collection';
  const form = useSubmit(async () => {
    const body = { name, description, isPublic };
    const saved = initial ? await api.patch(`/api/collections/${initial.id}`, body)
      : await api.post('/api/collections', body);
    if (!initial) {
      setName('');
      setDescription('');
      setPublic(false);
    }
    onSaved(saved);
  });
  return html`<form onSubmit=${form.submit} aria-busy=${form.busy ? 'true' : undefined} novalidate>
    <${Field} label="Name" name="name" id=${`${prefix}-name`} value=${name} onValue=${setName}
      error=${form.fields.name} maxlength="100" required />
    <${Field} label="Description" name="description" id=${`${prefix}-description`} textarea rows="3"
      value=${description} onValue=${setDescription} error=${form.fields.description} maxlength="2000"
      hint="Optional, up to 2,000 characters" />
    <${Checkbox} label="Public" name="isPublic" id=${`${prefix}-public`} checked=${isPublic} onValue=${setPublic} />
    <${Alert} error=${form.error} />
    <div class="actions">
      <button type="submit" disabled=${form.busy}>${submitLabel}</button>
      ${onCancel ? html`<button type="button" class="secondary" onClick=${onCancel}>Cancel</button>` : null}
    </div>
  </form>`;
}

export function CollectionList() {
  const pages = usePaged('/api/collections', (page) => page.collections || [], 'mine');
  return html`<main class="container">
    <h1>Collections</h1>
    <p>Group prompts in the order you choose; a public collection can be shared by its link.</p>
    <section aria-labelledby="new-collection-heading">
      <h2 id="new-collection-heading">New collection</h2>
      <${CollectionForm} submitLabel="Create collection" onSaved=${(saved) => navigate(`/collections/${saved.id}`)} />
    </section>
    <section aria-labelledby="my-collections-heading" aria-busy=${pages.loading ? 'true' : 'false'}>
      <h2 id="my-collections-heading">My collections</h2>
      <${Alert} error=${pages.error} />
      ${!pages.loading && !pages.error && pages.items.length === 0 ? html`<p>No collections yet.</p>` : null}
      <ul class="prompt-list">
        ${pages.items.map((collection) => html`<li key=${collection.id}>
          <${Link} href=${`/collections/${collection.id}`}><strong>${collection.name}</strong></${Link}>
          ${collection.description ? html`<p class="preview">${collection.description}</p>` : null}
          <small>${countOf(collection)}${collection.isPublic ? ' · public' : ' · private'} · updated ${
            formatDate(collection.updatedAt)}</small>
        </li>`)}
      </ul>
      ${pages.next ? html`<button type="button" class="secondary" onClick=${pages.more} disabled=${pages.loading}>
        Load more</button>` : null}
    </section>
  </main>`;
}

/** The prompts of a collection in order; the owner moves them up and down or takes them out. */
function CollectionItems({ collection, prompts, owner, user, onChanged }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const change = async (action) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const move = (prompt, position) => change(() => api.post(`/api/collections/${collection.id}/prompts:reorder`,
    { move: { promptId: prompt.id, position } }));
  const remove = (prompt) => change(() => api.delete(`/api/collections/${collection.id}/prompts/${prompt.id}`));
  const hrefOf = (prompt) => (user && user.id === prompt.ownerId ? `/prompts/${prompt.id}` : `/p/${prompt.id}`);
  return html`<${Alert} error=${error} />
    <ol class="prompt-list collection-items">
      ${prompts.map((prompt, index) => html`<li key=${prompt.id}>
        <div class="title-row">
          <div>
            <${Link} href=${hrefOf(prompt)}><strong>${titleOf(prompt)}</strong></${Link}>
            ${prompt.title ? html`<p class="preview">${prompt.contentPreview}</p>` : null}
            <small>${prompt.responseCount} response(s)${prompt.isPublic ? '' : ' · private'}</small>
          </div>
          ${owner ? html`<div class="actions">
            <button type="button" class="secondary outline" disabled=${busy || index === 0}
              aria-label=${`Move ${titleOf(prompt)} up`} onClick=${() => move(prompt, index - 1)}>Up</button>
            <button type="button" class="secondary outline" disabled=${busy || index === prompts.length - 1}
              aria-label=${`Move ${titleOf(prompt)} down`} onClick=${() => move(prompt, index + 1)}>Down</button>
            <button type="button" class="secondary outline" disabled=${busy}
              aria-label=${`Remove ${titleOf(prompt)} from the collection`} onClick=${() => remove(prompt)}>
              Remove</button>
          </div>` : null}
        </div>
      </li>`)}
    </ol>`;
}

export function CollectionPage({ id }) {
  const user = useUser();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [version, setVersion] = useState(0);
  const pages = usePaged(`/api/collections/${id}`, (page) => page.prompts || [], `${id}:${version}`);
  const reload = () => setVersion((v) => v + 1);
  const remove = useSubmit(async () => {
    await api.delete(`/api/collections/${id}`);
    navigate('/collections', { replace: true });
  });
  const collection = pages.head;
  if (pages.error && !collection) {
    return html`<main class="container"><h1>Collection</h1><${Alert} error=${pages.error} />
      <p><${Link} href="/collections">Back to my collections</${Link}></p></main>`;
  }
  if (!collection) {
    return html`<main class="container"><h1>Collection</h1><${Loading} /></main>`;
  }
  const owner = Boolean(user && user.id === collection.ownerId);
  const shareUrl = `${location.origin}/c/${collection.id}`;
  return html`<main class="container">
    <div class="title-row">
      <h1>${collection.name}</h1>
      ${owner && !editing ? html`<div class="actions">
        <button type="button" class="secondary" onClick=${() => setEditing(true)}>Edit collection</button>
        <button type="button" class="secondary outline" onClick=${() => setDeleting(true)}>Delete collection</button>
      </div>` : null}
    </div>
    <p><small>${collection.isPublic ? 'Public' : 'Private'} · ${countOf(collection)} · updated ${
      formatDate(collection.updatedAt)}</small></p>
    ${collection.isPublic ? html`<p>Share link: <a href=${`/c/${collection.id}`}>${shareUrl}</a>${' '}
      <${CopyButton} text=${shareUrl} label="Copy share link" /></p>` : null}
    ${editing ? html`<section aria-labelledby="edit-collection-heading">
        <h2 id="edit-collection-heading">Edit collection</h2>
        <${CollectionForm} initial=${collection} submitLabel="Save collection"
          onSaved=${() => { setEditing(false); reload(); }} onCancel=${() => setEditing(false)} />
      </section>`
      : collection.description ? html`<p class="plain">${collection.description}</p>` : null}
    <section aria-labelledby="collection-prompts-heading" aria-busy=${pages.loading ? 'true' : 'false'}>
      <h2 id="collection-prompts-heading">Prompts</h2>
      ${!pages.loading && pages.items.length === 0
        ? html`<p>No prompts here yet. Open a prompt and choose “Add to collection”.</p>` : null}
      <${CollectionItems} collection=${collection} prompts=${pages.items} owner=${owner} user=${user}
        onChanged=${reload} />
      ${pages.next ? html`<button type="button" class="secondary" onClick=${pages.more} disabled=${pages.loading}>
        Load more</button>` : null}
    </section>
    <${Dialog} open=${deleting} onClose=${() => setDeleting(false)} labelledBy="delete-collection-heading">
      <article>
        <h2 id="delete-collection-heading">Delete this collection?</h2>
        <p>The collection goes; its ${countOf(collection)} stay in your prompts.</p>
        <${Alert} error=${remove.error} />
        <footer>
          <button type="button" class="secondary" onClick=${() => setDeleting(false)}>Cancel</button>
          <button type="button" onClick=${remove.submit} disabled=${remove.busy}>Delete collection</button>
        </footer>
      </article>
    </${Dialog}>
  </main>`;
}

/** The public share page of a collection: readable without an account. */
export function SharedCollection({ id }) {
  const user = useUser();
  const pages = usePaged(`/api/collections/${id}`, (page) => page.prompts || [], id);
  const collection = pages.head;
  if (pages.error && !collection) {
    const missing = pages.error instanceof ApiError && pages.error.status === 404;
    return html`<main class="container"><h1>Collection not found</h1>
      <p>${missing ? 'This collection does not exist, or it is not public.' : ''}</p>
      <${Alert} error=${missing ? null : pages.error} />
      <p><${Link} href="/explore">Explore public prompts</${Link}></p></main>`;
  }
  if (!collection) {
    return html`<main class="container"><h1>Shared collection</h1><${Loading} /></main>`;
  }
  const owner = Boolean(user && user.id === collection.ownerId);
  return html`<main class="container">
    <h1>${collection.name}</h1>
    <p><small>Shared collection · ${countOf(collection)} · updated ${formatDate(collection.updatedAt)}
      ${owner ? html` · <${Link} href=${`/collections/${collection.id}`}>Open in my collections</${Link}>` : null}
    </small></p>
    ${collection.description ? html`<p class="plain">${collection.description}</p>` : null}
    <section aria-labelledby="shared-prompts-heading" aria-busy=${pages.loading ? 'true' : 'false'}>
      <h2 id="shared-prompts-heading">Prompts</h2>
      ${!pages.loading && pages.items.length === 0 ? html`<p>Nothing to show here yet.</p>` : null}
      <${CollectionItems} collection=${collection} prompts=${pages.items} owner=${false} user=${user}
        onChanged=${() => {}} />
      ${pages.next ? html`<button type="button" class="secondary" onClick=${pages.more} disabled=${pages.loading}>
        Load more</button>` : null}
    </section>
  </main>`;
}

/**
 * "Add to collection" for one prompt: a dialog listing my collections, those holding the prompt ticked;
 * ticking adds it, unticking takes it out; a new collection can be made there too.
 */
export function AddToCollection({ prompt }) {
  const [open, setOpen] = useState(false);
  const [mine, setMine] = useState(null);
  const [holding, setHolding] = useState(new Set());
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setError(null);
    try {
      const [page, containing] = await Promise.all([api.get('/api/collections?pageSize=100'),
        api.get(`/api/prompts/${prompt.id}/collections`)]);
      setMine(page.collections || []);
      setHolding(new Set(containing.collectionIds || []));
    } catch (failure) {
      setError(failure);
    }
  };
  useEffect(() => {
    if (open) {
      load();
    }
  }, [open, prompt.id]);
  const toggle = async (collection, checked) => {
    // Shown at once (the box follows the click), put back if the server refuses.
    const mark = (holds) => setHolding((previous) => {
      const next = new Set(previous);
      if (holds) {
        next.add(collection.id);
      } else {
        next.delete(collection.id);
      }
      return next;
    });
    mark(checked);
    setBusy(true);
    setError(null);
    try {
      if (checked) {
        await api.post(`/api/collections/${collection.id}/prompts`, { promptId: prompt.id });
      } else {
        await api.delete(`/api/collections/${collection.id}/prompts/${prompt.id}`);
      }
    } catch (failure) {
      mark(!checked);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const created = async (collection) => {
    await toggle(collection, true);
    setMine((previous) => [collection, ...(previous || [])]);
  };
  return html`
    <button type="button" class="secondary outline" onClick=${() => setOpen(true)}>Add to collection</button>
    <${Dialog} open=${open} onClose=${() => setOpen(false)} labelledBy="add-to-collection-heading">
      <article>
        <h2 id="add-to-collection-heading">Add to collection</h2>
        <${Alert} error=${error} />
        ${open && mine === null && !error ? html`<${Loading} />` : null}
        ${mine && mine.length === 0 ? html`<p>You have no collections yet: make one below.</p>` : null}
        ${mine && mine.length ? html`<fieldset aria-label="My collections" disabled=${busy}>
          ${mine.map((collection) => html`<${Checkbox} key=${collection.id} label=${collection.name}
            name="collection" id=${`holds-${collection.id}`} checked=${holding.has(collection.id)}
            onValue=${(checked) => toggle(collection, checked)} />`)}
        </fieldset>` : null}
        <details>
          <summary>New collection</summary>
          <${CollectionForm} submitLabel="Create and add" onSaved=${created} />
        </details>
        <footer>
          <${Link} href="/collections">Manage collections</${Link}>${' '}
          <button type="button" class="secondary" onClick=${() => setOpen(false)}>Done</button>
        </footer>
      </article>
    </${Dialog}>`;
}
