import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { ConfigError, loadConfig } from '../../libs/config';
import { MailSendError, MailTransport, SmtpSettings } from '../../libs/mail';

const TLS = join(__dirname, '..', 'fixtures', 'smtp-tls');
const CA = join(TLS, 'ca.pem');
const caPem = readFileSync(CA);

interface Received {
  subject: string;
  /** Whether the session had been upgraded with STARTTLS when the message came in. */
  secure: boolean;
}

/** A real SMTP server on loopback whose certificate a private CA signed; STARTTLS offered unless told otherwise. */
async function startServer(opts: { starttls: boolean }): Promise<{ port: number; received: Received[]; stop(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disableReverseLookup: true,
    key: readFileSync(join(TLS, 'server.key')),
    cert: readFileSync(join(TLS, 'server.pem')),
    ...(opts.starttls ? {} : { disabledCommands: ['STARTTLS'] }),
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((m) => {
          received.push({ subject: m.subject ?? '', secure: session.secure });
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const mail = (subject: string) => ({ to: { address: 'head@customs.test' }, subject, html: `<p>${subject}</p>`, text: subject, messageId: `<${subject.replace(/\W/g, '')}@accord.test>` });

describe('SMTP over STARTTLS: SMTP_REQUIRE_TLS and a private CA (SMTP_TLS_CA_PATH)', () => {
  let tlsServer: Awaited<ReturnType<typeof startServer>>;
  let plainServer: Awaited<ReturnType<typeof startServer>>;
  const settings = (port: number, over: Partial<SmtpSettings> = {}): SmtpSettings => ({ host: '127.0.0.1', port, secure: false, from: 'Accord <accord@customs.test>', connectTimeoutMs: 2000, socketTimeoutMs: 5000, ...over });

  beforeAll(async () => {
    tlsServer = await startServer({ starttls: true });
    plainServer = await startServer({ starttls: false });
  });
  afterAll(async () => {
    await tlsServer?.stop();
    await plainServer?.stop();
  });

  it('trusts a server certificate signed by the configured private CA, and sends over STARTTLS', async () => {
    const t = new MailTransport(settings(tlsServer.port, { requireTls: true, tlsCa: caPem }));
    await t.send(mail('Trusted private CA'));
    expect(tlsServer.received.find((m) => m.subject === 'Trusted private CA')).toEqual({ subject: 'Trusted private CA', secure: true });
  });

  it('without the CA the same server is not trusted: the send fails (retryable) and nothing is delivered', async () => {
    const t = new MailTransport(settings(tlsServer.port, { requireTls: true }));
    const err = await t.send(mail('Untrusted')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailSendError);
    expect((err as MailSendError).permanent).toBe(false);
    expect((err as Error).message).toMatch(/TLS: .*(certificate|self[- ]signed)/i);
    expect(tlsServer.received.map((m) => m.subject)).not.toContain('Untrusted');
  });

  it('SMTP_REQUIRE_TLS refuses a server that does not offer STARTTLS; without it the message goes in the clear', async () => {
    const strict = new MailTransport(settings(plainServer.port, { requireTls: true, tlsCa: caPem }));
    const err = await strict.send(mail('Must be encrypted')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailSendError);
    expect((err as Error).message).toMatch(/TLS: Error upgrading connection with STARTTLS/);
    expect(plainServer.received.map((m) => m.subject)).not.toContain('Must be encrypted');

    await new MailTransport(settings(plainServer.port)).send(mail('Plain is allowed'));
    expect(plainServer.received.find((m) => m.subject === 'Plain is allowed')).toEqual({ subject: 'Plain is allowed', secure: false });
  });

  it('the environment sets both: SMTP_REQUIRE_TLS (a boolean) and SMTP_TLS_CA_PATH (read at start with the config’s file reader)', () => {
    expect(loadConfig({}).smtp).toMatchObject({ requireTls: false, tlsCa: undefined });
    const cfg = loadConfig({ SMTP_REQUIRE_TLS: 'true', SMTP_TLS_CA_PATH: CA });
    expect(cfg.smtp.requireTls).toBe(true);
    expect(cfg.smtp.tlsCa?.equals(caPem)).toBe(true);
    expect(() => loadConfig({ SMTP_REQUIRE_TLS: 'maybe' })).toThrow(/SMTP_REQUIRE_TLS must be true or false/);
    const missing = join(TLS, 'missing-ca.pem');
    expect(() => loadConfig({ SMTP_TLS_CA_PATH: missing })).toThrow(ConfigError);
    expect(() => loadConfig({ SMTP_TLS_CA_PATH: missing })).toThrow(/SMTP_TLS_CA_PATH cannot be read \(ENOENT: .*missing-ca\.pem\)/);
  });

  it('a transport built from that configuration sends to the private-CA server over STARTTLS', async () => {
    const cfg = loadConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(tlsServer.port), SMTP_REQUIRE_TLS: 'true', SMTP_TLS_CA_PATH: CA });
    await new MailTransport(cfg.smtp).send(mail('From the configuration'));
    expect(tlsServer.received.find((m) => m.subject === 'From the configuration')).toEqual({ subject: 'From the configuration', secure: true });
  });
});
