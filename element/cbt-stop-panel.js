// <cbt-stop-panel>: the Stop CBT Task panel as a custom element (behaviour
// §7). wasm-bindgen cannot extend HTMLElement, so this small class defines
// the element and hands its attributes and properties to the panel's wasm.
// `make dist` writes it into dist/ with the panel's glue (wasm-bindgen's
// JS) inside it, in place of the marker below, and the build's file names
// and their integrity hashes in place of the placeholders. The glue is
// inside so that it is checked with this module (by the page's own
// `integrity`, or the bundler that took it in) and stays byte for byte
// what was built (a dev server may rewrite a separate JS file). The other
// two files are named by a literal `new URL("./file", import.meta.url)`,
// so a bundler (Vite, webpack 5, Rollup) emits them, and each is loaded
// with its hash: a file changed on its way (a CDN, a proxy) is refused with
// a message, and the panel never starts.
const WASM = new URL('__WASM__', import.meta.url);
const CSS = new URL('__CSS__', import.meta.url);
const INTEGRITY = { wasm: '__WASM_INTEGRITY__', css: '__CSS_INTEGRITY__' };

// __GLUE__

const ATTRIBUTES = ['api-base', 'lang', 'theme', 'task-uuid', 'force', 'request-timeout-ms', 'max-parallel-stops', 'remember-session'];
const PROPERTIES = ['session', 'taskUuids'];

/** Resolves once `link` has loaded; rejects with `why` when it cannot. */
const loadedLink = (link, why) => new Promise((resolve, reject) => {
  link.addEventListener('load', resolve, { once: true });
  link.addEventListener('error', () => reject(new Error(why)), { once: true });
});

// The wasm, fetched with its hash: once for every element of the page.
let loaded;
const load = () => (loaded ??= (async () => {
  const wasm = fetch(WASM, { integrity: INTEGRITY.wasm, credentials: 'same-origin' }).catch(() => {
    throw new Error(`its WebAssembly ${WASM.pathname} did not match its integrity hash, or could not be loaded`);
  });
  await __wbg_init({ module_or_path: wasm });
})());

export class CbtStopPanelElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #root;
  #styled;
  #mount = null;
  #panel = null;
  #failed = false;
  #session = null;
  #uuids = null;
  #leaving = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = CSS.href;
    style.integrity = INTEGRITY.css;
    style.crossOrigin = 'anonymous';
    this.#styled = loadedLink(style, `its stylesheet ${CSS.pathname} did not match its integrity hash, or could not be loaded`);
    this.#styled.catch(() => {});
    this.#root.append(style);
    // A property set before the element was defined is an own property
    // that hides the setter: take it, and set it again through the setter.
    for (const p of PROPERTIES) {
      if (Object.prototype.hasOwnProperty.call(this, p)) {
        const value = this[p];
        delete this[p];
        this[p] = value;
      }
    }
  }

  async connectedCallback() {
    clearTimeout(this.#leaving);
    if (this.#panel || this.#failed) return; // moved: it keeps its state
    try {
      await Promise.all([load(), this.#styled]);
    } catch (e) {
      this.#fail(e);
      return;
    }
    if (!this.isConnected || this.#panel) return;
    this.#mount = document.createElement('div');
    this.#root.append(this.#mount);
    this.#panel = new PanelElement(this, this.#mount);
    for (const name of ATTRIBUTES) this.#panel.attribute(name, this.getAttribute(name));
    if (this.#session !== null) this.#panel.set_session(this.#session);
    if (this.#uuids !== null) this.#panel.set_task_uuids(this.#uuids);
    this.#panel.ready();
  }

  disconnectedCallback() {
    // A move (removed and added again in the same task, as frameworks do)
    // keeps everything; a removal that lasts past it cancels and frees.
    clearTimeout(this.#leaving);
    this.#leaving = setTimeout(() => {
      if (this.isConnected || !this.#panel) return;
      this.#panel.unmount();
      this.#panel.free();
      this.#panel = null;
      this.#mount.remove();
      this.#mount = null;
    });
  }

  attributeChangedCallback(name, _old, value) {
    this.#panel?.attribute(name, value);
  }

  /** The panel cannot start: a plain message inside, and `cbt-panel-error`. */
  #fail(error) {
    if (this.#failed) return;
    this.#failed = true;
    const message = `The Stop CBT Task panel could not start: ${error?.message || error}. Nothing was sent.`;
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = message;
    this.#root.append(p);
    const detail = { type: 'cbt-panel:error', version: 1, message };
    this.dispatchEvent(new CustomEvent('cbt-panel-error', { detail, bubbles: true, composed: true }));
  }

  /** Write-only in effect: never reflected to an attribute, the DOM or an event. */
  set session(value) {
    this.#session = value == null ? '' : String(value);
    this.#panel?.set_session(this.#session);
  }

  get session() {
    return undefined;
  }

  /** Opens "Several tasks" with these selected; `null` or `undefined` leave the selection as it is. */
  set taskUuids(value) {
    if (value == null) return;
    this.#uuids = Array.from(value, String);
    this.#panel?.set_task_uuids(this.#uuids);
  }

  get taskUuids() {
    return this.#uuids ? [...this.#uuids] : [];
  }
}

if (!customElements.get('cbt-stop-panel')) customElements.define('cbt-stop-panel', CbtStopPanelElement);
