import { rootCertificates } from 'node:tls';
import nodemailer from 'nodemailer';
import type { NodemailerError, SMTPSentMessageInfo, SMTPTransportOptions, Transporter } from 'nodemailer';
import { MailRecipient } from './mail-address';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  connectTimeoutMs?: number;
  socketTimeoutMs?: number;
  /** Refuse to send unless the server upgrades the connection with STARTTLS (with `secure: false`). */
  requireTls?: boolean;
  /** PEM of a private CA to trust for the server's certificate (besides the public CAs Node trusts). */
  tlsCa?: Buffer | string;
}

export interface OutgoingMail {
  to: MailRecipient;
  subject: string;
  html: string;
  text: string;
  /** Fixed Message-ID (angle brackets included), so retries of one message share it. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** The server's final reply, e.g. `250 OK: queued as 1A2B3C`. */
  response: string;
  accepted: string[];
  rejected: string[];
}

/** Why a send failed, for the caller to decide between retrying and giving up. */
export class MailSendError extends Error {
  constructor(
    message: string,
    /** True when the server refused this message or recipient for good (5xx); resending will not help. */
    readonly permanent: boolean,
    readonly code?: string,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

/**
 * SMTP through nodemailer, one connection per message (no pool: messages are few, and a pool would hide a
 * server that went away). Timeouts are short so a down server fails the attempt quickly; retrying with backoff
 * is the caller's job (the Temporal activity's retry policy).
 */
export class MailTransport {
  private readonly transporter: Transporter<SMTPSentMessageInfo, SMTPTransportOptions>;

  constructor(readonly settings: SmtpSettings) {
    const connectTimeout = settings.connectTimeoutMs ?? 5000;
    this.transporter = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
      pool: false,
      connectionTimeout: connectTimeout,
      greetingTimeout: connectTimeout,
      dnsTimeout: connectTimeout,
      socketTimeout: settings.socketTimeoutMs ?? 30000,
      requireTLS: settings.requireTls ?? false,
      // Node's `ca` replaces the public CAs, so they are passed along with the private one.
      ...(settings.tlsCa ? { tls: { ca: [...rootCertificates, settings.tlsCa] } } : {}),
    });
  }

  get from(): string {
    return this.settings.from;
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    try {
      const info = await this.transporter.sendMail({
        from: this.settings.from,
        to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: mail.messageId,
        headers: mail.headers,
      });
      const rejected = (info.rejected ?? []).map(String);
      if (rejected.length) throw new MailSendError(`the server rejected ${rejected.join(', ')}`, true, 'EENVELOPE');
      return { messageId: info.messageId, response: info.response, accepted: (info.accepted ?? []).map(String), rejected };
    } catch (err) {
      throw toMailSendError(err, this.settings);
    }
  }

  /** Connects and says hello; for health checks and start-up diagnostics. */
  async verify(): Promise<void> {
    try {
      await this.transporter.verify();
    } catch (err) {
      throw toMailSendError(err, this.settings);
    }
  }

  close(): void {
    this.transporter.close();
  }
}

function toMailSendError(err: unknown, s: SmtpSettings): MailSendError {
  if (err instanceof MailSendError) return err;
  const e = err as NodemailerError;
  const where = `${s.host}:${s.port}`;
  // A failed STARTTLS upgrade or certificate check says so (SMTP_REQUIRE_TLS, SMTP_TLS_CA_PATH), not just a code.
  const tls = e.code === 'ETLS' || /certificate|self[- ]signed|STARTTLS/i.test(e.message ?? '');
  const reason = tls
    ? `TLS: ${e.message}${e.response ? ` (${e.response})` : ''}`
    : e.responseCode
      ? `${e.responseCode} ${e.response ?? e.message}`
      : (e.originalCode ?? e.code ?? e.message);
  // Only a definite refusal of the recipients is final; everything else (down, timeout, 4xx, auth) may pass later.
  const permanent = e.code === 'EENVELOPE' && e.permanent === true;
  return new MailSendError(`SMTP ${where}: ${reason}`.slice(0, 500), permanent, e.code, e.responseCode);
}
