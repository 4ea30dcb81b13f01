// <cbt-stop-panel>: the Stop CBT Task panel as a custom element (CONTRACT
// §7). wasm-bindgen cannot extend HTMLElement, so this small class defines
// the element and hands its attributes and properties to the panel's wasm,
// which it loads, with its stylesheet, from beside this module. `make dist`
// writes it into dist/ with the build's file names in place of the
// placeholders below.
import init, { PanelElement } from '__GLUE__';

const here = (file) => new URL(file, import.meta.url).href;
let loaded;
const load = () => (loaded ??= init({ module_or_path: here('__WASM__') }));

const ATTRIBUTES = ['api-base', 'lang', 'theme', 'task-uuid', 'force', 'request-timeout-ms', 'max-parallel-stops', 'remember-session'];

class CbtStopPanel extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #root;
  #panel = null;
  #session = null;
  #uuids = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = here('__CSS__');
    this.#root.append(style);
  }

  async connectedCallback() {
    await load();
    if (!this.isConnected || this.#panel) return;
    const mount = document.createElement('div');
    this.#root.append(mount);
    this.#panel = new PanelElement(this, mount);
    for (const name of ATTRIBUTES) this.#panel.attribute(name, this.getAttribute(name));
    if (this.#session !== null) this.#panel.set_session(this.#session);
    if (this.#uuids !== null) this.#panel.set_task_uuids(this.#uuids);
    this.#panel.ready();
  }

  disconnectedCallback() {
    if (!this.#panel) return;
    this.#panel.unmount();
    this.#panel.free();
    this.#panel = null;
    this.#root.querySelector(':scope > div')?.remove();
  }

  attributeChangedCallback(name, _old, value) {
    this.#panel?.attribute(name, value);
  }

  /** Write-only in effect: never reflected to an attribute, the DOM or an event. */
  set session(value) {
    this.#session = value == null ? '' : String(value);
    this.#panel?.set_session(this.#session);
  }

  get session() {
    return undefined;
  }

  set taskUuids(value) {
    this.#uuids = Array.from(value ?? [], String);
    this.#panel?.set_task_uuids(this.#uuids);
  }

  get taskUuids() {
    return this.#uuids ? [...this.#uuids] : [];
  }
}

if (!customElements.get('cbt-stop-panel')) customElements.define('cbt-stop-panel', CbtStopPanel);
