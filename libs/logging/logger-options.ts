import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import pino, { DestinationStream, LoggerOptions } from 'pino';
import { redactUrl } from './redact-url';

/** Structured JSON logs; secrets never reach them. */
export function baseLoggerOptions(level: string, name: string): LoggerOptions {
  return {
    level,
    name,
    base: { app: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        ...['authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-csrf-token'].flatMap((h) => ['req.headers', 'res.headers', 'headers'].map((at) => `${at}["${h}"]`)),
        ...['password', 'currentPassword', 'newPassword', 'token', 'accessToken', 'refreshToken', 'csrf'].flatMap((f) => [f, `*.${f}`]),
      ],
      censor: '[redacted]',
    },
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * nestjs-pino settings: every request line carries a request id (the caller's X-Request-Id when well-formed), and
 * its URL with secrets taken out (an action link's token, secret query parameters: see redactUrl); headers are not
 * logged at all. `destination` (default: stdout) lets a test read what would be logged.
 */
export function httpLoggerParams(level: string, destination?: DestinationStream): Params {
  const options = {
    ...baseLoggerOptions(level, 'accord-api'),
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customProps: () => ({}),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return { pinoHttp: destination ? [options, destination] : options };
}
