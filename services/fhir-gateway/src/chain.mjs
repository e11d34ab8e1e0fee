// What the gateway does on chain for each practitioner: one nonce sequence for everything the
// practitioner signs (writes, logged reads, break-glass), and the read log that batches every
// read of a moment into `Records.log_access_batch` transactions.
import { ChainCallError, moduleError, submit } from '@medchain/client';

const e = (type) => ({ type, value: undefined });

/**
 * Nonces for one account: the chain's (at the best block) or one past the last this gateway
 * used, whichever is higher, handed out one at a time so concurrent transactions never share
 * one. After a transaction is dropped, `reset` goes back to the chain's.
 */
export class Nonces {
  constructor(api, address) {
    this.api = api;
    this.address = address;
    this.next = 0;
    this.lock = Promise.resolve();
  }

  take() {
    const taken = this.lock.then(async () => {
      const onChain = Number(await this.api.apis.AccountNonceApi.account_nonce(this.address, { at: 'best' }));
      const nonce = Math.max(onChain, this.next);
      this.next = nonce + 1;
      return nonce;
    });
    this.lock = taken.catch(() => undefined);
    return taken;
  }

  reset() {
    this.next = 0;
  }
}

/** A read the chain refused to log (`Records.ReadNotLogged`), with its error's name. */
export class ReadNotLoggedError extends Error {
  constructor(reason) {
    super(`the chain refused to log the read: ${reason}`);
    this.name = 'ReadNotLoggedError';
    this.reason = reason;
  }
}

/**
 * A practitioner's read log: reads wait at most `lingerMs` to be sent together, at most
 * `maxPerTx` (the runtime's `MaxReadsPerBatch`) in one `log_access_batch`, with at most
 * `maxInFlight` transactions waiting for a block. `log` resolves once the read is in a best
 * block (with that block), so a read is served only after it is on the patient's log.
 */
export class ReadLog {
  constructor({ api, account, nonces, maxPerTx, maxInFlight = 16, lingerMs = 500, metrics }) {
    Object.assign(this, { api, account, nonces, maxPerTx, maxInFlight, lingerMs, metrics });
    this.queue = [];
    this.inFlight = 0;
    this.timer = undefined;
  }

  /** Reads waiting to be sent, and those sent and waiting for a block. */
  get depth() {
    return { queued: this.queue.length, inFlightTx: this.inFlight };
  }

  log(record, purpose) {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, purpose, resolve, reject });
      if (this.queue.length >= this.maxPerTx) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.lingerMs);
    });
  }

  flush() {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const chunk = this.queue.splice(0, this.maxPerTx);
      this.inFlight += 1;
      this.send(chunk).finally(() => {
        this.inFlight -= 1;
        if (this.queue.length > 0) this.flush();
      });
    }
  }

  async send(chunk) {
    const started = performance.now();
    let inclusion;
    try {
      const nonce = await this.nonces.take();
      inclusion = await submit(
        this.api.tx.Records.log_access_batch({
          reads: chunk.map((r) => ({ record: r.record, purpose: e(r.purpose) })),
        }),
        this.account.signer,
        { txOptions: { nonce } },
      );
    } catch (error) {
      this.nonces.reset();
      for (const r of chunk) r.reject(error);
      return;
    } finally {
      this.metrics?.observe('log_access_batch', performance.now() - started);
    }
    if (!inclusion.ok) {
      const error = new ChainCallError(inclusion, 'log_access_batch');
      for (const r of chunk) r.reject(error);
      return;
    }
    this.metrics?.count('read_log_transactions_total');
    this.metrics?.count('read_log_reads_total', chunk.length);
    const refused = new Map();
    for (const ev of inclusion.events) {
      if (ev.type !== 'Records' || ev.value.type !== 'ReadNotLogged') continue;
      const v = ev.value.value;
      refused.set(v.index, moduleError(v.error)?.name ?? v.error.type);
    }
    chunk.forEach((r, i) => {
      const reason = refused.get(i);
      if (reason === undefined) r.resolve(inclusion.block);
      else r.reject(new ReadNotLoggedError(reason));
    });
  }
}

/** Latency samples (the last 4,096 of each) and counters, for `/metrics`. */
export class Metrics {
  constructor() {
    this.samples = new Map();
    this.counters = new Map();
  }

  observe(name, ms) {
    let list = this.samples.get(name);
    if (!list) this.samples.set(name, (list = []));
    list.push(ms);
    if (list.length > 4096) list.splice(0, list.length - 4096);
  }

  count(name, by = 1, labels = '') {
    const key = labels ? `${name}{${labels}}` : name;
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  /** The quantile `q` of the samples of `name`, in ms, or `undefined` with none. */
  quantile(name, q) {
    const list = [...(this.samples.get(name) ?? [])].sort((a, b) => a - b);
    if (list.length === 0) return undefined;
    return list[Math.min(list.length - 1, Math.floor(q * list.length))];
  }

  /** Times `promise` as a chain call named `name`. */
  async time(name, promise) {
    const started = performance.now();
    try {
      return await promise;
    } finally {
      this.observe(name, performance.now() - started);
    }
  }

  /** The Prometheus text exposition of everything, with `gauges` (name → value) added. */
  render(gauges) {
    const lines = [];
    for (const [key, value] of this.counters) lines.push(`medchain_gateway_${key} ${value}`);
    for (const name of this.samples.keys()) {
      for (const q of [0.5, 0.99]) {
        lines.push(`medchain_gateway_chain_call_ms{call="${name}",quantile="${q}"} ${this.quantile(name, q).toFixed(2)}`);
      }
      lines.push(`medchain_gateway_chain_call_count{call="${name}"} ${this.samples.get(name).length}`);
    }
    for (const [name, value] of Object.entries(gauges)) lines.push(`medchain_gateway_${name} ${value}`);
    return `${lines.join('\n')}\n`;
  }
}
