// When a fresh page's parts arrive and when it becomes usable, as the
// bench and the mount profile both read them.

/** Records, in each page of `context`: the moment `readySelector` first
 *  matches (`__ready`), when the wasm is compiled and instantiated
 *  (`__instantiated`), and the wasm's exports once the boot says so. */
export function watchLoad(context, readySelector) {
  return context.addInitScript((sel) => {
    const check = () => {
      if (!window.__ready && document.querySelector(sel)) window.__ready = performance.now();
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
    const instantiate = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (...args) => {
      const out = await instantiate(...args);
      window.__instantiated = performance.now();
      return out;
    };
  }, readySelector);
}

/** Milliseconds after navigation: the HTML, the glue, the configuration
 *  and the wasm received, the wasm instantiated, the page usable. */
export function loadTimes(page) {
  return page.evaluate(() => {
    const res = performance.getEntriesByType('resource');
    const end = (re) => res.find((r) => re.test(r.name))?.responseEnd ?? null;
    return {
      html: performance.getEntriesByType('navigation')[0].responseEnd,
      glue: end(/cbt-panel-[0-9a-f]+\.js$/),
      config: end(/panel\.config\.json$/),
      wasmFetched: end(/_bg\.wasm$/),
      instantiated: window.__instantiated ?? null,
      ready: window.__ready,
    };
  });
}
