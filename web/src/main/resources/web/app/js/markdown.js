// Markdown, rendered and sanitised in the browser. The two libraries are loaded on first use only,
// so a page without markdown does not pay for them.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';

let renderer = null;

function load() {
  if (!renderer) {
    renderer = Promise.all([import('marked'), import('dompurify')]).then(([markedModule, purifyModule]) => {
      const purify = purifyModule.default;
      // Links leave the app without handing it to the page they open.
      purify.addHook('afterSanitizeAttributes', (node) => {
        if (node.tagName === 'A') {
          node.setAttribute('rel', 'noopener noreferrer');
          if (node.hasAttribute('target')) {
            node.setAttribute('target', '_blank');
          }
        }
      });
      const parse = markedModule.marked;
      return (text) => purify.sanitize(parse.parse(text, { async: false, gfm: true }), {
        USE_PROFILES: { html: true },
        FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
      });
    });
  }
  return renderer;
}

export function Markdown({ text }) {
  const [rendered, setRendered] = useState(null);
  useEffect(() => {
    let live = true;
    load().then((render) => {
      if (live) {
        setRendered(render(text));
      }
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (rendered === null) {
    return html`<div class="plain" aria-busy="true">${text}</div>`;
  }
  return html`<div class="markdown" dangerouslySetInnerHTML=${{ __html: rendered }}></div>`;
}
