import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message the server took responsibility for (answered 250 to its DATA). */
export interface DeliveredMail {
  messageId: string;
  to: string[];
  subject: string;
  template: string;
  text: string;
  at: number;
}

/**
 * accept: deliver at once. refuse: answer 421 on connect and hang up (up but refusing). closed: not listening
 * (connection refused). hold: take the message but keep the DATA reply back until `release()`; a client that
 * goes away while held never got its 250, so the message counts as not delivered (as a real server would drop it).
 */
export type FaultSmtpMode = 'accept' | 'refuse' | 'closed' | 'hold';

interface Held {
  sessionId: string;
  mail: DeliveredMail;
  reply: (err?: Error) => void;
}

/** A real SMTP server on loopback that counts deliveries by Message-ID, for exactly-once checks. */
export class FaultSmtpServer {
  readonly delivered: DeliveredMail[] = [];
  /** Messages whose sender vanished while the reply was held (never acknowledged, never delivered). */
  readonly abandoned: DeliveredMail[] = [];
  refusedConnections = 0;
  private held: Held[] = [];
  private mode: FaultSmtpMode = 'accept';
  private server!: SMTPServer;
  port = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      logger: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      onConnect: (_session, cb) => {
        if (this.mode === 'refuse') {
          this.refusedConnections += 1;
          return cb(Object.assign(new Error('Service not available, try again later'), { responseCode: 421 }));
        }
        cb();
      },
      onData: (stream, session, cb) => {
        simpleParser(stream)
          .then((parsed) => {
            const header = parsed.headers.get('x-accord-template');
            const mail: DeliveredMail = {
              messageId: parsed.messageId ?? '',
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              subject: parsed.subject ?? '',
              template: typeof header === 'string' ? header : '',
              text: parsed.text ?? '',
              at: Date.now(),
            };
            if (this.mode === 'hold') this.held.push({ sessionId: session.id, mail, reply: cb });
            else this.deliver(mail, cb);
          })
          .catch((err: Error) => cb(err));
      },
      onClose: (session) => {
        const gone = this.held.filter((h) => h.sessionId === session.id);
        this.held = this.held.filter((h) => h.sessionId !== session.id);
        this.abandoned.push(...gone.map((h) => h.mail));
      },
    });
    await this.listen(0);
  }

  get heldCount(): number {
    return this.held.length;
  }

  async setMode(next: FaultSmtpMode): Promise<void> {
    if (next === this.mode) return;
    if (next === 'closed') await new Promise<void>((r) => this.server.server.close(() => r()));
    else if (this.mode === 'closed') await this.listen(this.port);
    const wasHolding = this.mode === 'hold';
    this.mode = next;
    if (wasHolding) this.release();
  }

  /** Answers every held message with 250: from now on they are delivered. */
  release(): void {
    const held = this.held;
    this.held = [];
    for (const h of held) this.deliver(h.mail, h.reply);
  }

  /** How many times each Message-ID was delivered. */
  counts(): Map<string, number> {
    const m = new Map<string, number>();
    for (const d of this.delivered) m.set(d.messageId, (m.get(d.messageId) ?? 0) + 1);
    return m;
  }

  env(): NodeJS.ProcessEnv {
    return { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(this.port), SMTP_SECURE: 'false', MAIL_FROM: 'Accord <accord@customs.test>' };
  }

  async stop(): Promise<void> {
    this.release();
    for (const c of this.server.connections) (c as unknown as { close(): void }).close();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private deliver(mail: DeliveredMail, reply: (err?: Error) => void): void {
    this.delivered.push({ ...mail, at: Date.now() });
    reply();
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.server.listen(port, '127.0.0.1', () => {
        this.server.server.off('error', reject);
        this.port = (this.server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }
}
