// Responses side by side: two to four columns chosen by model, each scrolling on its own or together.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Markdown } from '../markdown.js';
import { useUser } from '../session.js';
import { CopyButton } from '../ui.js';
import { ResponseDiff } from '../history.js';

const MIN_COLUMNS = 2;
const MAX_COLUMNS = 4;

/** Labels that tell responses of one model apart: "gpt-4o", "gpt-4o (2)". */
export function labels(responses) {
  const seen = {};
  return Object.fromEntries(responses.map((response) => {
    seen[response.modelName] = (seen[response.modelName] || 0) + 1;
    const count = seen[response.modelName];
    return [response.id, count === 1 ? response.modelName : `${response.modelName} (${count})`];
  }));
}

export function ResponseBody({ response }) {
  return response.isMarkdown
    ? html`<${Markdown} text=${response.content} />`
    : html`<div class="plain">${response.content}</div>`;
}

export function Compare({ promptId, responses }) {
  const user = useUser();
  const names = labels(responses);
  const [chosen, setChosen] = useState(() => responses.slice(0, MIN_COLUMNS).map((r) => r.id));
  const [together, setTogether] = useState(false);
  const bodies = useRef({});
  const syncing = useRef(false);

  useEffect(() => {
    // Responses added or removed: keep what is still there, and at least two columns when possible.
    setChosen((previous) => {
      const kept = previous.filter((id) => responses.some((r) => r.id === id));
      for (const response of responses) {
        if (kept.length >= Math.min(MIN_COLUMNS, responses.length)) {
          break;
        }
        if (!kept.includes(response.id)) {
          kept.push(response.id);
        }
      }
      return kept;
    });
  }, [responses.map((r) => r.id).join()]);

  if (responses.length < 2) {
    return html`<section aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare</h2>
      <p>Add at least two responses to compare them side by side.</p>
    </section>`;
  }

  const toggle = (id, on) => setChosen((previous) => (on ? [...previous, id] : previous.filter((x) => x !== id)));
  const onScroll = (id) => {
    if (!together || syncing.current) {
      return;
    }
    const source = bodies.current[id];
    const ratio = source.scrollTop / Math.max(1, source.scrollHeight - source.clientHeight);
    syncing.current = true;
    for (const [otherId, other] of Object.entries(bodies.current)) {
      if (otherId !== id && other) {
        other.scrollTop = ratio * (other.scrollHeight - other.clientHeight);
      }
    }
    requestAnimationFrame(() => {
      syncing.current = false;
    });
  };
  const columns = responses.filter((r) => chosen.includes(r.id));
  return html`<section aria-labelledby="compare-heading">
    <h2 id="compare-heading">Compare</h2>
    <fieldset>
      <legend>Models to compare</legend>
      <div class="choices">
        ${responses.map((response) => {
          const on = chosen.includes(response.id);
          const locked = (on && chosen.length <= MIN_COLUMNS) || (!on && chosen.length >= MAX_COLUMNS);
          return html`<label key=${response.id}>
            <input type="checkbox" checked=${on} disabled=${locked}
              onChange=${(event) => toggle(response.id, event.currentTarget.checked)} />
            ${names[response.id]}
          </label>`;
        })}
      </div>
      <label>
        <input type="checkbox" role="switch" checked=${together}
          onChange=${(event) => setTogether(event.currentTarget.checked)} />
        Scroll together
      </label>
      <small>Choose ${MIN_COLUMNS} to ${MAX_COLUMNS} responses.</small>
    </fieldset>
    <div class="compare" data-columns=${columns.length}>
      ${columns.map((response) => html`<section key=${response.id} class="column"
          aria-labelledby=${`column-${response.id}`}>
        <article>
          <header>
            <h3 id=${`column-${response.id}`}>${names[response.id]}</h3>
            <${CopyButton} text=${response.content} label="Copy response" />
          </header>
          <div class="column-body" tabindex="0"
            ref=${(element) => { bodies.current[response.id] = element; }}
            onScroll=${() => onScroll(response.id)}>
            <${ResponseBody} response=${response} />
          </div>
        </article>
      </section>`)}
    </div>
    ${user ? html`<p><small>Which one is better? Give stars, prefer one over another or rank them all in${' '}
      <a href="#ratings">Ratings</a>.</small></p>` : null}
    <h3>Word diff</h3>
    <${ResponseDiff} promptId=${promptId} responses=${responses} names=${names} />
  </section>`;
}
