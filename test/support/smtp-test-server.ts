import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the test's mail server received and parsed it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Map<string, unknown>;
  receivedAt: Date;
}

/**
 * How the server treats new connections: accept mail, answer 421 and hang up (a server that is up but refusing,
 * e.g. overloaded), or not listen at all (down: connection refused).
 */
export type SmtpMode = 'accept' | 'refuse' | 'closed';

export interface SmtpTestServer {
  host: string;
  port: number;
  messages: ReceivedMail[];
  /** Connections that were turned away while refusing. */
  refusedConnections: number;
  setMode(mode: SmtpMode): Promise<void>;
  /** Recipients answered with 550 (permanent refusal) from now on. */
  rejectRecipients(addresses: string[]): void;
  waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** The SMTP env of an Accord config pointing at this server. */
  env(): NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (a free port), parsing every message it accepts. */
export async function startSmtpTestServer(opts: { port?: number } = {}): Promise<SmtpTestServer> {
  const messages: ReceivedMail[] = [];
  const rejected = new Set<string>();
  const waiters = new Set<() => void>();
  let mode: SmtpMode = 'accept';
  let refused = 0;

  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    onConnect(_session, cb) {
      if (mode === 'refuse') {
        refused += 1;
        return cb(Object.assign(new Error('Service not available, try again later'), { responseCode: 421 }));
      }
      cb();
    },
    onRcptTo(address, _session, cb) {
      if (rejected.has(address.address.toLowerCase())) {
        return cb(Object.assign(new Error(`Mailbox unavailable: ${address.address}`), { responseCode: 550 }));
      }
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((parsed) => {
          const toField = parsed.to ? (Array.isArray(parsed.to) ? parsed.to : [parsed.to]) : [];
          messages.push({
            from: parsed.from?.value[0]?.address ?? '',
            to: session.envelope.rcptTo.map((r) => r.address) ?? toField.flatMap((a) => a.value.map((v) => v.address ?? '')),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            messageId: parsed.messageId ?? '',
            headers: parsed.headers as Map<string, unknown>,
            receivedAt: new Date(),
          });
          for (const w of [...waiters]) w();
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.server.once('error', reject);
      server.server.listen(port, '127.0.0.1', () => {
        server.server.off('error', reject);
        resolve((server.server.address() as AddressInfo).port);
      });
    });
  const port = await listen(opts.port ?? 0);

  const api: SmtpTestServer = {
    host: '127.0.0.1',
    port,
    messages,
    get refusedConnections() {
      return refused;
    },
    async setMode(next) {
      if (next === mode) return;
      if (next === 'closed') {
        // Stop listening (new connections get ECONNREFUSED); open sessions finish on their own.
        await new Promise<void>((resolve) => server.server.close(() => resolve()));
      } else if (mode === 'closed') {
        await listen(port);
      }
      mode = next;
    },
    rejectRecipients(addresses) {
      for (const a of addresses) rejected.add(a.toLowerCase());
    },
    waitFor(predicate, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (found) {
            cleanup();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received: ${messages.map((m) => m.subject).join(' | ')})`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    env() {
      return { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_SECURE: 'false', MAIL_FROM: 'Accord <accord@customs.test>' };
    },
    async stop() {
      for (const c of server.connections) (c as unknown as { close(): void }).close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}
