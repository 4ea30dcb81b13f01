// Types of <cbt-stop-panel> (behaviour §7, §7.1): the element, its
// attributes and properties, its events, and the tag for TypeScript's DOM,
// React 19's JSX and Vue's templates. `import "cbt-stop-panel"` defines the
// element and brings these types in.

/** How a stop ended: the result region's `data-outcome`. */
export type CbtOutcomeKind =
  | 'stopped' | 'api-error' | 'http-error' | 'bad-response' | 'network-error'
  | 'timed-out' | 'cancelled' | 'job-expired' | 'unconfirmed';

/** A task of a batch's results: its outcome, or `not-sent`. */
export type CbtBatchOutcomeKind = CbtOutcomeKind | 'not-sent';

/** A CBT task's inventory, as the server sent it (unknown fields kept). */
export interface CbtTaskInventory {
  uuid: string;
  name?: string;
  description?: string;
  /** Created, Starting, Running, Stopped, Failed, or a value sent as is. */
  status?: string;
  createDate?: string | number;
  lastOpDate?: string | number;
  [field: string]: unknown;
}

/** A ZStack ErrorCode, as the server sent it (causes nest to any depth). */
export interface CbtErrorCode {
  code: string;
  description?: string;
  details?: string;
  elaboration?: string;
  opaque?: Record<string, unknown>;
  cause?: CbtErrorCode;
  causes?: CbtErrorCode[];
  [field: string]: unknown;
}

/** `cbt-panel-ready`'s detail: the panel can be configured. */
export interface CbtPanelReadyDetail {
  type: 'cbt-panel:ready';
  version: 1;
}

/** `cbt-panel-outcome`'s detail: one task's final outcome. */
export interface CbtPanelOutcomeDetail {
  type: 'cbt-panel:outcome';
  version: 1;
  outcome: CbtOutcomeKind;
  /** The task, for one task as for one of several. */
  uuid: string;
  inventory?: CbtTaskInventory;
  error?: CbtErrorCode;
}

/** One task of `cbt-panel-batch`, in the order selected. */
export interface CbtBatchResult {
  uuid: string;
  outcome: CbtBatchOutcomeKind;
  /** Only where there is one (an api error). */
  code?: string;
}

/** `cbt-panel-batch`'s detail: every task of several, after the last. */
export interface CbtPanelBatchDetail {
  type: 'cbt-panel:batch';
  version: 1;
  results: CbtBatchResult[];
}

/** `cbt-panel-error`'s detail: the panel could not start. */
export interface CbtPanelErrorDetail {
  type: 'cbt-panel:error';
  version: 1;
  message: string;
}

/** The element's attributes, as markup writes them. */
export interface CbtStopPanelAttributes {
  /** The ZStack API base, such as `https://zstack.example.com` (default: the page's origin). */
  'api-base'?: string;
  lang?: 'en' | 'zh';
  theme?: 'light' | 'dark' | 'system';
  /** Prefills "Task UUID". */
  'task-uuid'?: string;
  /** Present: Force is ticked. */
  force?: boolean | '';
  'request-timeout-ms'?: number | string;
  /** 1 to 16 (default 4). */
  'max-parallel-stops'?: number | string;
  /** `tab` keeps the session in sessionStorage under the element's `id`. */
  'remember-session'?: 'off' | 'tab';
  id?: string;
  class?: string;
  style?: string;
}

/** `<cbt-stop-panel>`. */
export declare class CbtStopPanelElement extends HTMLElement {
  /** Write-only in effect: never reflected to an attribute, the DOM or an event; reads as `undefined`. */
  session: string | undefined;
  /** Opens "Several tasks" with these tasks selected (each checked against the server). */
  taskUuids: readonly string[];
  addEventListener<K extends keyof CbtStopPanelEventMap>(type: K, listener: (this: CbtStopPanelElement, ev: CbtStopPanelEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: CbtStopPanelElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** The element's own events (`bubbles`, `composed`). */
export interface CbtStopPanelEventMap {
  'cbt-panel-ready': CustomEvent<CbtPanelReadyDetail>;
  'cbt-panel-outcome': CustomEvent<CbtPanelOutcomeDetail>;
  'cbt-panel-batch': CustomEvent<CbtPanelBatchDetail>;
  'cbt-panel-error': CustomEvent<CbtPanelErrorDetail>;
}

/** What a framework may set on the element: attributes and properties. */
export interface CbtStopPanelProps extends CbtStopPanelAttributes {
  session?: string;
  /** `null` or `undefined` leaves the selection as it is. */
  taskUuids?: readonly string[] | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'cbt-stop-panel': CbtStopPanelElement;
  }
  // The events bubble out of the element, so a listener on any ancestor
  // (or the document) receives them typed.
  interface HTMLElementEventMap extends CbtStopPanelEventMap {}
  interface DocumentEventMap extends CbtStopPanelEventMap {}
}

/** React 19's JSX: `<cbt-stop-panel api-base=... session={s} taskUuids={ids} oncbt-panel-outcome={...} />`. */
type CbtStopPanelReactProps = CbtStopPanelProps & {
  ref?: unknown;
  key?: string | number | null;
  children?: never;
  'oncbt-panel-ready'?: (e: CustomEvent<CbtPanelReadyDetail>) => void;
  'oncbt-panel-outcome'?: (e: CustomEvent<CbtPanelOutcomeDetail>) => void;
  'oncbt-panel-batch'?: (e: CustomEvent<CbtPanelBatchDetail>) => void;
  'oncbt-panel-error'?: (e: CustomEvent<CbtPanelErrorDetail>) => void;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'cbt-stop-panel': CbtStopPanelReactProps;
    }
  }
}

/** Vue's templates: `<cbt-stop-panel :session.prop="s" @cbt-panel-outcome="...">`. */
type CbtStopPanelVueProps = CbtStopPanelProps & {
  // Vue camelizes `:api-base` and the like before checking them.
  apiBase?: CbtStopPanelAttributes['api-base'];
  taskUuid?: CbtStopPanelAttributes['task-uuid'];
  requestTimeoutMs?: CbtStopPanelAttributes['request-timeout-ms'];
  maxParallelStops?: CbtStopPanelAttributes['max-parallel-stops'];
  rememberSession?: CbtStopPanelAttributes['remember-session'];
  onCbtPanelReady?: (e: CustomEvent<CbtPanelReadyDetail>) => void;
  onCbtPanelOutcome?: (e: CustomEvent<CbtPanelOutcomeDetail>) => void;
  onCbtPanelBatch?: (e: CustomEvent<CbtPanelBatchDetail>) => void;
  onCbtPanelError?: (e: CustomEvent<CbtPanelErrorDetail>) => void;
};

// Written without importing from 'vue' (or 'react' above), so an app that
// has only one of them type-checks: a functional component's shape.
declare module 'vue' {
  interface GlobalComponents {
    'cbt-stop-panel': (props: CbtStopPanelVueProps) => unknown;
  }
}
