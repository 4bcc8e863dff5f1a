/**
 * A minimal raw DevTools-protocol client, for what Playwright does not reach: the extension's
 * service worker as a target of its own (its heap, its CPU time). Uses Node's WebSocket.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CdpTarget {
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
}

export class CdpClient {
  private socket: WebSocket;
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id!);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    });
    // A browser gone mid-call must fail the call, not leave the benchmark waiting for ever.
    socket.addEventListener('close', () => {
      for (const waiter of this.pending.values()) waiter.reject(new Error('The DevTools connection closed'));
      this.pending.clear();
    });
  }

  /** Connects to a browser started with --remote-debugging-port=0 and the given profile folder. */
  static async connect(userDataDir: string): Promise<CdpClient> {
    const [port] = readFileSync(join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n');
    const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as {
      webSocketDebuggerUrl: string;
    };
    const socket = new WebSocket(version.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve, { once: true });
      socket.addEventListener('error', reject, { once: true });
    });
    return new CdpClient(socket);
  }

  send<T>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    if (this.socket.readyState !== WebSocket.OPEN)
      return Promise.reject(new Error('The DevTools connection is closed'));
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  /** A session on the first target whose URL matches, e.g. the extension's service worker. */
  async attach(match: (target: { type: string; url: string }) => boolean): Promise<CdpTarget> {
    const { targetInfos } = await this.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>(
      'Target.getTargets',
    );
    const target = targetInfos.find(match);
    if (!target) throw new Error('no such target');
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: true,
    });
    return { send: (method, params) => this.send(method, params, sessionId) };
  }

  close(): void {
    this.socket.close();
  }
}
