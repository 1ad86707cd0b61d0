// A small router over the History API: the path decides the page; links change it without a reload.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set();

function changed() {
  listeners.forEach((listener) => listener());
}

window.addEventListener('popstate', changed);

export function navigate(to, { replace = false } = {}) {
  if (replace) {
    history.replaceState(null, '', to);
  } else {
    history.pushState(null, '', to);
    window.scrollTo(0, 0);
  }
  changed();
}

/** The current location, re-rendering the caller when it changes. */
export function useLocation() {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((version) => version + 1);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

export function Link({ href, children, ...rest }) {
  const onClick = (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return html`<a href=${href} onClick=${onClick} ...${rest}>${children}</a>`;
}

/** The first of {@code routes} ([pattern, render]) whose pattern matches the path; ':name' captures a part. */
export function match(routes, path) {
  for (const [pattern, render] of routes) {
    const names = [];
    const regex = new RegExp(`^${pattern.replace(/:[a-zA-Z]+/g, (name) => {
      names.push(name.slice(1));
      return '([^/]+)';
    })}/?$`);
    const found = regex.exec(path);
    if (found) {
      const params = {};
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1]);
      });
      return render(params);
    }
  }
  return null;
}
