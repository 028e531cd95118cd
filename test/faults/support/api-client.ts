import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The API process that answered. */
  servedBy: string;
  /** Tries it took: 1 when the first API answered for good. */
  tries: number;
}

export interface Caller {
  token: string;
}

type Body = { json: Record<string, unknown> } | { multipart: { fields: Record<string, string>; file: { name: string; type: string; content: Buffer } } };

/** One HTTP exchange over a fresh connection (no keep-alive), so a killed process shows as a network error at once. */
function exchange(baseUrl: string, method: string, path: string, token: string | null, body: Body | null, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    let payload: Buffer | undefined;
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body && 'json' in body) {
      payload = Buffer.from(JSON.stringify(body.json));
      headers['content-type'] = 'application/json';
    } else if (body) {
      const boundary = `----accord-faults-${randomUUID()}`;
      const parts: Buffer[] = [];
      for (const [k, v] of Object.entries(body.multipart.fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
      const f = body.multipart.file;
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.content, Buffer.from(`\r\n--${boundary}--\r\n`));
      payload = Buffer.concat(parts);
      headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    }
    if (payload) headers['content-length'] = String(payload.length);
    const req = httpRequest(`${baseUrl}${path}`, { method, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * A client as a browser or an integration would behave: each request goes to one of the live API processes
 * (round robin); a network error or a 5xx is retried, on the next process, with the very same body and request id,
 * until an answer that is not a server fault comes back or the deadline passes.
 */
export class ApiClient {
  private next = 0;
  /** Retries needed so far (answers that were a network error or a 5xx). */
  retries = 0;
  /** What the retried tries ran into, for the report. */
  readonly faults: string[] = [];

  /** `targets`: the running API processes; `reserved` ones take only requests addressed to them (`only`). */
  constructor(private readonly targets: () => Array<{ name: string; url: string; reserved: boolean }>) {}

  async call(who: Caller | null, method: string, path: string, body: Body | null = null, opts: { deadlineMs?: number; timeoutMs?: number; only?: string } = {}): Promise<HttpAnswer> {
    const deadline = Date.now() + (opts.deadlineMs ?? Number(process.env.FAULTS_DEADLINE ?? 120_000));
    for (let tries = 1; ; tries++) {
      const live = this.targets().filter((t) => (opts.only ? t.name === opts.only : !t.reserved));
      const target = live.length ? live[this.next++ % live.length] : null;
      let why: string;
      if (target) {
        try {
          const r = await exchange(target.url, method, `/api/v1${path}`, who?.token ?? null, body, opts.timeoutMs ?? 60_000);
          if (r.status < 500) return { status: r.status, body: r.body, servedBy: target.name, tries };
          why = `${target.name}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
        } catch (err) {
          why = `${target.name}: ${(err as Error).message}`;
        }
      } else why = 'no API process running';
      this.retries += 1;
      if (this.faults.length < 200) this.faults.push(why);
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no answer before the deadline; last: ${why}`);
      await new Promise((r) => setTimeout(r, Math.min(1000, 100 * tries)));
    }
  }

  /** POST a JSON action; the request id is fixed here, before the first try, and reused by every retry. */
  async post(who: Caller, path: string, json: Record<string, unknown> = {}, opts: { requestId?: string; only?: string; deadlineMs?: number } = {}): Promise<HttpAnswer> {
    return this.call(who, 'POST', path, { json: { requestId: opts.requestId ?? randomUUID(), ...json } }, opts);
  }

  /** A PDF (made up here, once, so every retry sends the same bytes) with form fields, including the request id. */
  async postFile(who: Caller, path: string, name: string, fields: Record<string, string> = {}, opts: { requestId?: string } = {}): Promise<HttpAnswer> {
    return this.call(who, 'POST', path, {
      multipart: { fields: { ...fields, requestId: opts.requestId ?? randomUUID() }, file: { name: `${name}.pdf`, type: 'application/pdf', content: Buffer.from(`%PDF-1.4 ${name} ${randomUUID()}`) } },
    });
  }

  upload(who: Caller, proposalId: string, kind: string, opts: { requestId?: string } = {}): Promise<HttpAnswer> {
    return this.postFile(who, `/proposals/${proposalId}/documents`, kind, { kind }, opts);
  }

  get(who: Caller, path: string): Promise<HttpAnswer> {
    return this.call(who, 'GET', path);
  }
}

/** Throws unless the answer has this status; the message carries the body so a failure explains itself. */
export function expectStatus(a: HttpAnswer, ...statuses: number[]): HttpAnswer {
  if (!statuses.includes(a.status)) throw new Error(`expected HTTP ${statuses.join('/')}, got ${a.status} from ${a.servedBy}: ${JSON.stringify(a.body).slice(0, 500)}`);
  return a;
}
