// A console page: the session and the tasks come from the console's own
// state (here the page's query string), bound to the element declaratively.
import { useState } from 'react';
import type { CbtPanelBatchDetail, CbtPanelErrorDetail, CbtPanelOutcomeDetail } from 'cbt-stop-panel';

const params = new URLSearchParams(location.search);
const apiBase = params.get('api') ?? location.origin;
const uuids = params.get('uuids')?.split(',');

// What the console learns, also kept on window for the end-to-end tests.
const seen: unknown[] = [];
(window as unknown as { seen: unknown[] }).seen = seen;

export function App() {
  const [session] = useState(params.get('session') ?? '');
  const [shown, setShown] = useState(true);
  const [moved, setMoved] = useState(false);
  const [told, setTold] = useState<string[]>([]);
  const tell = (detail: unknown, line: string) => {
    seen.push(detail);
    setTold((t) => [...t, line]);
  };
  const panel = shown && (
    <cbt-stop-panel
      key="panel"
      id="panel"
      api-base={apiBase}
      session={session}
      taskUuids={uuids}
      oncbt-panel-outcome={(e: CustomEvent<CbtPanelOutcomeDetail>) => tell(e.detail, `${e.detail.uuid}: ${e.detail.outcome}`)}
      oncbt-panel-batch={(e: CustomEvent<CbtPanelBatchDetail>) => tell(e.detail, `batch of ${e.detail.results.length}`)}
      oncbt-panel-error={(e: CustomEvent<CbtPanelErrorDetail>) => tell(e.detail, e.detail.message)}
    />
  );
  const note = <p key="note" className="note">Stops are logged below.</p>;
  return (
    <>
      <header>
        <h1>React console</h1>
        <button id="toggle" type="button" onClick={() => setShown((s) => !s)}>Show or hide the panel</button>
        <button id="move" type="button" onClick={() => setMoved((m) => !m)}>Move the panel</button>
      </header>
      {moved ? [note, panel] : [panel, note]}
      <ul id="told">{told.map((t, i) => <li key={i}>{t}</li>)}</ul>
    </>
  );
}
