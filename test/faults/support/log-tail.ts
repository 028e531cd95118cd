/** The last part of a process's output: enough to explain a failure, bounded so a chatty process cannot fill memory. */
export class LogTail {
  private buf = '';
  private partial = '';
  private listeners = new Set<() => void>();
  private counters: Array<{ pattern: RegExp; n: number }> = [];

  constructor(private readonly max = 200_000) {}

  add(chunk: Buffer | string): void {
    const text = chunk.toString();
    this.buf += text;
    if (this.buf.length > this.max) this.buf = this.buf.slice(-this.max / 2);
    if (this.counters.length) {
      const lines = (this.partial + text).split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) for (const c of this.counters) if (c.pattern.test(line)) c.n += 1;
    }
    for (const l of [...this.listeners]) l();
  }

  /** Counts the lines matching the pattern from now on (e.g. activity failures a worker logs). */
  counter(pattern: RegExp): { readonly n: number } {
    const c = { pattern, n: 0 };
    this.counters.push(c);
    return c;
  }

  text(chars = 4000): string {
    return this.buf.slice(-chars);
  }

  includes(pattern: RegExp): boolean {
    return pattern.test(this.buf);
  }

  /** Resolves once the output matches, rejects when `failed()` says the process is gone or the time is up. */
  waitFor(pattern: RegExp, timeoutMs: number, failed: () => string | null): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (pattern.test(this.buf)) return done();
        const why = failed();
        if (why) return done(new Error(`${why}\n${this.text()}`));
      };
      const timer = setTimeout(() => done(new Error(`no ${pattern} within ${timeoutMs} ms\n${this.text()}`)), timeoutMs);
      const poll = setInterval(check, 200);
      const done = (err?: Error) => {
        clearTimeout(timer);
        clearInterval(poll);
        this.listeners.delete(check);
        if (err) reject(err);
        else resolve();
      };
      this.listeners.add(check);
      check();
    });
  }
}
