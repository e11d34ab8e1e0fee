/**
 * Connecting to a Medchain node and submitting transactions, on polkadot-api.
 *
 * The typed API comes from descriptors generated from the Medchain runtime's metadata
 * (`.papi/metadata/medchain.scale`, `npx papi` in this package), so every call, storage item,
 * runtime API and view function is typed without custom type definitions.
 */
import {
  createClient,
  type JsonRpcProvider,
  type PolkadotClient,
  type PolkadotSigner,
  type TypedApi,
} from "polkadot-api";
import { getWsProvider } from "polkadot-api/ws";
import { WebSocket } from "ws";
import { medchain } from "@polkadot-api/descriptors";

/** The typed API of the Medchain runtime. */
export type MedchainApi = TypedApi<typeof medchain>;

/** The descriptors of the Medchain runtime, for `client.getTypedApi`. */
export { medchain };

/** An account in a call argument (`MultiAddress.Id(address)`, e.g. a patient's controller). */
export { MultiAddress } from "@polkadot-api/descriptors";

/** polkadot-api's byte helpers (`Binary.fromHex`, `Binary.fromText`, …): `Vec<u8>` arguments are `Uint8Array`s. */
export { Binary } from "polkadot-api";

/** A connection: the polkadot-api client and the typed API of the Medchain runtime. */
export interface Connection {
  /** The polkadot-api client (block streams, raw requests). */
  client: PolkadotClient;
  /** The typed API: `api.tx.<Pallet>.<call>`, `api.query`, `api.apis`, `api.view`, `api.constants`. */
  api: MedchainApi;
  /** Closes the connection. */
  disconnect(): void;
}

/**
 * Connects to a node over the new JSON-RPC interface (`chainHead_v1_*`, polkadot-api's default).
 *
 * @param endpoint - one WebSocket URL (`ws://127.0.0.1:9944`) or several to fail over between.
 * @param options.websocketClass - the WebSocket class; defaults to the `ws` package's, which
 *   Node 20 needs (it has no global WebSocket); browsers may pass `globalThis.WebSocket`.
 * @returns the connection; it connects lazily and retries on its own.
 */
export function connect(
  endpoint: string | string[],
  options: { websocketClass?: typeof globalThis.WebSocket } = {},
): Connection {
  const websocketClass = options.websocketClass ?? (WebSocket as unknown as typeof globalThis.WebSocket);
  return fromProvider(getWsProvider(endpoint, { websocketClass }));
}

/**
 * The node a web app served by an organisation talks to: `rpc` of the `config.json` served next
 * to the page (apps/README.md), or `fallback` when none is served or it names no endpoint.
 *
 * @param url - where the configuration is (`./config.json`, relative to the page).
 * @param fallback - the endpoint otherwise (the local dev node).
 */
export async function appEndpoint(url = "./config.json", fallback = "ws://127.0.0.1:9944"): Promise<string> {
  try {
    const response = await fetch(url, { cache: "no-store" });
    if (response.ok) {
      const config = (await response.json()) as { rpc?: unknown };
      if (typeof config.rpc === "string") return config.rpc;
    }
  } catch {
    // no configuration served: the fallback
  }
  return fallback;
}

/**
 * Wraps any JSON-RPC provider, e.g. a light client's (`getSmProvider` of `polkadot-api/sm-provider`
 * with smoldot and the chain spec), so the rest of the client works unchanged without trusting an
 * RPC node.
 *
 * @param provider - a polkadot-api JSON-RPC provider.
 * @returns the connection.
 */
export function fromProvider(provider: JsonRpcProvider): Connection {
  const client = createClient(provider);
  return { client, api: client.getTypedApi(medchain), disconnect: () => client.destroy() };
}

/** A module error decoded from a failed dispatch: the pallet and the error's name in metadata. */
export interface ModuleError {
  /** The pallet's name, e.g. `"Records"`. */
  pallet: string;
  /** The error's name, e.g. `"NoWriteConsent"`. */
  name: string;
}

/** An event of a transaction, as polkadot-api flattens it. */
export interface ChainEvent {
  /** The pallet's name, e.g. `"Records"`. */
  type: string;
  /** The event: its name (`type`) and fields (`value`). */
  value: { type: string; value: unknown };
}

/** Where a transaction was included, and what it did. */
export interface Inclusion {
  /** Whether it dispatched without error. */
  ok: boolean;
  /** The block that includes it (its hash and number) and its index there. */
  block: { hash: string; number: number; index: number };
  /** Its events, in order. */
  events: ChainEvent[];
  /** The module error when it failed in a pallet; `undefined` otherwise. */
  error?: ModuleError;
  /** The raw dispatch error when it failed (also when it is not a module error). */
  dispatchError?: { type: string; value: unknown };
}

/** A transaction of the typed API (what `api.tx.<Pallet>.<call>(…)` returns). */
export interface SubmittableTx {
  signSubmitAndWatch(
    signer: PolkadotSigner,
    options?: Record<string, unknown>,
  ): { subscribe(observer: { next: (e: any) => void; error: (e: unknown) => void }): { unsubscribe(): void } };
}

/** The transaction was not included in time, or was dropped as invalid. */
export class SubmissionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SubmissionError";
  }
}

/**
 * Decodes a dispatch error into the pallet and error name, if it is a module error.
 *
 * @param dispatchError - `{ type: "Module", value: { type: pallet, value: { type: name } } }`.
 * @returns the module error, or `undefined` for another kind of dispatch error.
 */
export function moduleError(dispatchError: { type: string; value: unknown } | undefined): ModuleError | undefined {
  if (dispatchError?.type !== "Module") return undefined;
  const pallet = dispatchError.value as { type: string; value?: { type?: string } };
  return { pallet: pallet.type, name: pallet.value?.type ?? "" };
}

/**
 * Signs and submits `tx`, and resolves once it is in a best block (not waiting for finality),
 * with its events and, when it failed, its decoded module error.
 *
 * @param tx - a transaction of the typed API.
 * @param signer - the signer (e.g. {@link import("./identity.js").signerFromPhrase}).
 * @param options.timeoutMs - how long to wait for inclusion (default 60 s).
 * @param options.txOptions - polkadot-api's transaction options (`nonce`, `tip`, `mortality`, `at`).
 * @throws {SubmissionError} when it is not included in time or the pool drops it as invalid
 *   (the message says which); a dispatch error is not thrown, it is `error` in the result.
 */
export function submit(
  tx: SubmittableTx,
  signer: PolkadotSigner,
  options: { timeoutMs?: number; txOptions?: Record<string, unknown> } = {},
): Promise<Inclusion> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    let settled = false;
    let subscription: { unsubscribe(): void } | undefined;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
      queueMicrotask(() => subscription?.unsubscribe());
    };
    // What the node was told, for a timeout's message: the hash names the transaction in its log.
    let seen = "not signed yet";
    const timer = setTimeout(
      () => finish(() => reject(new SubmissionError(`the transaction (${seen}) was not in a best block after ${timeoutMs} ms`))),
      timeoutMs,
    );
    subscription = tx.signSubmitAndWatch(signer, options.txOptions).subscribe({
      next: (event) => {
        if (event.type === "signed") seen = `${event.txHash}, signed`;
        else if (event.type === "broadcasted") seen = `${event.txHash}, broadcast`;
        else if (event.type === "txBestBlocksState" && !event.found) seen = `${event.txHash}, in the pool, valid: ${event.isValid}`;
        if (event.type === "txBestBlocksState" && event.found) {
          finish(() =>
            resolve({
              ok: event.ok,
              block: event.block,
              events: event.events,
              error: moduleError(event.dispatchError),
              dispatchError: event.dispatchError,
            }),
          );
        } else if (event.type === "txBestBlocksState" && !event.found && !event.isValid) {
          finish(() => reject(new SubmissionError("the transaction became invalid before inclusion")));
        } else if (event.type === "finalized") {
          finish(() =>
            resolve({
              ok: event.ok,
              block: event.block,
              events: event.events,
              error: moduleError(event.dispatchError),
              dispatchError: event.dispatchError,
            }),
          );
        }
      },
      error: (e) => finish(() => reject(e instanceof Error ? e : new SubmissionError(String(e)))),
    });
  });
}

/**
 * The first event of `pallet` named `name` among a transaction's events.
 *
 * @returns its fields, or `undefined` when the transaction emitted none.
 */
export function findEvent<T = Record<string, unknown>>(inclusion: Inclusion, pallet: string, name: string): T | undefined {
  const found = inclusion.events.find((e) => e.type === pallet && e.value.type === name);
  return found?.value.value as T | undefined;
}

/** A transaction was included but failed; `inclusion.error` names the pallet's error. */
export class ChainCallError extends Error {
  constructor(
    /** The failed transaction's inclusion (its events and decoded error). */
    readonly inclusion: Inclusion,
    what: string,
  ) {
    super(
      `${what} failed: ${
        inclusion.error
          ? `${inclusion.error.pallet}.${inclusion.error.name}`
          : JSON.stringify(inclusion.dispatchError, (_k, v) => (typeof v === "bigint" ? v.toString() : v))
      }`,
    );
    this.name = "ChainCallError";
  }
}

/**
 * Submits `tx` (see {@link submit}) and returns the new id the call's event names: e.g.
 * `submitForId(api.tx.Records.anchor_batch({...}), signer, "Records", "BatchAnchored", "batch")`.
 *
 * @param pallet - the event's pallet.
 * @param event - the event's name.
 * @param field - the event's field that holds the id.
 * @param txOptions - polkadot-api's transaction options (`nonce`, `tip`, …).
 * @returns the id and the inclusion.
 * @throws {ChainCallError} when the call failed (the message names the pallet's error) or did not
 *   emit the event; {@link SubmissionError} as {@link submit}.
 */
export async function submitForId<T = bigint>(
  tx: SubmittableTx,
  signer: PolkadotSigner,
  pallet: string,
  event: string,
  field: string,
  txOptions?: Record<string, unknown>,
): Promise<{ id: T; inclusion: Inclusion }> {
  const inclusion = await submit(tx, signer, { txOptions });
  const found = findEvent<Record<string, unknown>>(inclusion, pallet, event);
  if (!inclusion.ok || !found || !(field in found)) throw new ChainCallError(inclusion, `${pallet}.${event}`);
  return { id: found[field] as T, inclusion };
}

/**
 * Every item of a paged runtime-API list, in order: asks `page(from)` from 0, then from one past
 * the last item's key, until a page comes back empty.
 *
 * @param page - one page starting at `from`.
 * @param keyOf - an item's key (its id or sequence number).
 */
export async function* pages<T>(page: (from: bigint) => Promise<T[]>, keyOf: (item: T) => bigint): AsyncGenerator<T> {
  let from = 0n;
  for (;;) {
    const items = await page(from);
    yield* items;
    const last = items.at(-1);
    if (last === undefined) return;
    from = keyOf(last) + 1n;
  }
}
