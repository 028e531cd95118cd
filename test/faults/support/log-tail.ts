/** The last part of a process's output: enough to explain a failure, bounded so a chatty process cannot fill memory. */
export class LogTail {
  private buf = '';
  private listeners = new Set<() => void>();

  constructor(private readonly max = 200_000) {}

  add(chunk: Buffer | string): void {
    this.buf += chunk.toString();
    if (this.buf.length > this.max) this.buf = this.buf.slice(-this.max / 2);
    for (const l of [...this.listeners]) l();
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
