import { AddressInfo, createServer, Server, Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of a server (here: Temporal, for one API process), whose directions can be frozen:
 * with `freeze('down')` the client's requests reach the server and are carried out, but the answers wait in the
 * proxy. That puts a process exactly "between receiving an action and answering it" at a moment the test chooses.
 */
export class TcpProxy {
  private server?: Server;
  private pairs = new Set<{ client: Socket; upstream: Socket }>();
  private frozen = { up: false, down: false };
  private queued: Record<'up' | 'down', Array<() => void>> = { up: [], down: [] };
  /** Bytes held back while frozen: requests (up) and answers (down). */
  heldUpBytes = 0;
  heldDownBytes = 0;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = new Socket();
      const pair = { client, upstream };
      this.pairs.add(pair);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      upstream.connect(this.target.port, this.target.host);
      client.on('data', (d) => {
        if (this.frozen.up) this.heldUpBytes += d.length;
        this.forward('up', () => !upstream.destroyed && upstream.write(d));
      });
      upstream.on('data', (d) => {
        if (this.frozen.down) this.heldDownBytes += d.length;
        this.forward('down', () => !client.destroyed && client.write(d));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Holds traffic in one direction from now on, in order, until `thaw()`. */
  freeze(direction: 'up' | 'down'): void {
    this.frozen[direction] = true;
  }

  thaw(): void {
    this.frozen = { up: false, down: false };
    this.heldUpBytes = 0;
    this.heldDownBytes = 0;
    const q = this.queued;
    this.queued = { up: [], down: [] };
    for (const f of [...q.up, ...q.down]) f();
  }

  async stop(): Promise<void> {
    for (const p of this.pairs) {
      p.client.destroy();
      p.upstream.destroy();
    }
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private forward(direction: 'up' | 'down', write: () => void): void {
    // Once anything is queued, later bytes queue behind it so the stream stays in order.
    if (this.frozen[direction] || this.queued[direction].length) this.queued[direction].push(write);
    else write();
  }
}
