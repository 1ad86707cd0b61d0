import { render } from 'preact';
import { html } from 'htm/preact';

render(html`<main class="container"><h1>prompt-tracker</h1></main>`, document.getElementById('app'));
