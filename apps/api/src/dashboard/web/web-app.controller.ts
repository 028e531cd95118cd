import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { SkipAuditTrail } from '../../audit/audit.decorators';
import { Access } from '../../common/authorization/access.decorator';
import { ApiError } from '../../common/errors/api-error';
import { WEB_APP_BASE } from './web-app.routes';

/** Finds the built web app (web/dist) above this file, from the sources (tests) and from the build (npm start). */
export function findWebAppDir(from: string = __dirname): string | null {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = join(dir, '..');
  }
  return null;
}

/**
 * Serves the web app (a single-page app built by web/build.mjs) from the API process. The shell and its assets are
 * public: they hold no data; every figure comes from the authenticated JSON API. Asset names carry a content hash,
 * so they are cached for good; the shell never is.
 */
@ApiExcludeController()
@SkipAuditTrail()
@Controller()
export class WebAppController {
  private readonly root = findWebAppDir();

  @Get()
  @Access('public')
  home(@Req() _req: Request, @Res() res: Response): void {
    res.redirect(302, `/${WEB_APP_BASE}/`);
  }

  @Get(WEB_APP_BASE)
  @Access('public')
  shell(@Req() _req: Request, @Res() res: Response): void {
    this.sendShell(res);
  }

  @Get(`${WEB_APP_BASE}/*path`)
  @Access('public')
  page(@Req() req: Request, @Res() res: Response): void {
    const rest = req.path.slice(WEB_APP_BASE.length + 2);
    if (rest.startsWith('assets/')) return this.sendAsset(rest, res);
    // Any other path is a page of the app (history routing): the shell, which routes in the browser.
    this.sendShell(res);
  }

  private sendShell(res: Response): void {
    const root = this.requireRoot();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(root, 'index.html'));
  }

  private sendAsset(rest: string, res: Response): void {
    const root = this.requireRoot();
    const file = normalize(join(root, rest));
    if (!file.startsWith(root + sep) || !/^assets\/[A-Za-z0-9._-]+$/.test(rest) || !existsSync(file)) throw ApiError.notFound('file');
    res.sendFile(file, { maxAge: '365d', immutable: true });
  }

  private requireRoot(): string {
    if (!this.root) throw ApiError.notFound('web app (not built: run `npm run build`)');
    return this.root;
  }
}
