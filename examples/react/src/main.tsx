// The element is defined before the first render, so React 19 sets
// `session` and `taskUuids` as properties, not attributes.
import 'cbt-stop-panel';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(<App />);
