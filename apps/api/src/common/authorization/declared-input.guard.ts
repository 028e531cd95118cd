import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import { ApiError } from '../errors/api-error';

/** What a handler reads from the request, from its parameter decorators. */
export interface DeclaredInput {
  /** The handler takes the raw request (@Req) and reads whatever it likes: nothing can be checked here. */
  raw: boolean;
  /** Whole body / whole query object (validated and whitelisted by its DTO), or named fields, or nothing. */
  body: 'all' | string[];
  query: 'all' | string[];
}

export function declaredInput(controller: object, handler: string): DeclaredInput {
  const args: Record<string, { index: number; data?: unknown }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {};
  const out: DeclaredInput = { raw: false, body: [], query: [] };
  for (const [key, { data }] of Object.entries(args)) {
    const type = Number(key.split(':')[0]);
    if (type === RouteParamtypes.REQUEST || type === RouteParamtypes.RAW_BODY) out.raw = true;
    for (const [paramType, field] of [[RouteParamtypes.BODY, 'body'], [RouteParamtypes.QUERY, 'query']] as const) {
      if (type !== paramType || out[field] === 'all') continue;
      if (typeof data === 'string') (out[field] as string[]).push(data);
      else out[field] = 'all';
    }
  }
  return out;
}

/**
 * Whitelisting for what no DTO sees: a route that declares no query DTO refuses unknown query parameters, and a
 * route without a body refuses a non-empty one, instead of silently ignoring them. Routes with a DTO are left to
 * the ValidationPipe (whitelist + forbidNonWhitelisted).
 */
@Injectable()
export class DeclaredInputGuard implements CanActivate {
  private readonly cache = new Map<Function, DeclaredInput>();

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const handler = context.getHandler();
    let declared = this.cache.get(handler);
    if (!declared) {
      declared = declaredInput(context.getClass(), handler.name);
      this.cache.set(handler, declared);
    }
    if (declared.raw) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const problems: { field: string; reason: string }[] = [];
    if (declared.query !== 'all') {
      const allowed = declared.query;
      for (const name of Object.keys(req.query ?? {})) if (!allowed.includes(name)) problems.push({ field: name, reason: 'query parameter is not accepted here' });
    }
    if (declared.body !== 'all' && hasContent(req.body)) {
      const allowed = declared.body;
      if (typeof req.body !== 'object' || Array.isArray(req.body)) problems.push({ field: 'body', reason: 'this request takes no body' });
      else for (const name of Object.keys(req.body)) if (!allowed.includes(name)) problems.push({ field: name, reason: 'property should not exist' });
    }
    if (problems.length) throw ApiError.validation(problems);
    return true;
  }
}

function hasContent(body: unknown): boolean {
  if (body === undefined || body === null) return false;
  if (typeof body === 'object') return Array.isArray(body) ? body.length > 0 : Object.keys(body).length > 0;
  return body !== '';
}
