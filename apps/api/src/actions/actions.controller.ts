import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../../../libs/config';
import { AuditAs } from '../audit/audit.decorators';
import { Access } from '../common/authorization/access.decorator';
import { ActionNonce, ACTION_NONCE_COOKIE, actionNonceCookieOptions } from './action-nonce.cookie';
import { ActionLinksService } from './action-links.service';
import { RenderedPage } from './pages/action-pages';
import { ActionFormDto } from './dto/action-form.dto';

/**
 * Emailed action links. The token in the path is the credential (single use, bound to one task, person and
 * action), so the routes are public; they answer with HTML pages for people, not JSON.
 */
@ApiTags('action-links')
@Controller('actions')
@Access('public')
export class ActionsController {
  constructor(
    private readonly links: ActionLinksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Express answers HEAD from this GET route (without the body): both only read.
  @Get(':token')
  @ApiOperation({ summary: 'Confirmation page of an emailed action link; never changes anything (mail scanners open links)' })
  @ApiParam({ name: 'token', description: 'The single-use token from the email' })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'Confirmation page with a comment field and one button' })
  @ApiResponse({ status: 404, description: 'Unknown or tampered link' })
  @ApiResponse({ status: 410, description: 'Used, expired or revoked link (the page says which, and who decided)' })
  async show(
    @Param('token') token: string,
    @ActionNonce() nonce: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const path = this.linkPath(req);
    const page = await this.links.show(token, path, nonce);
    if (page.nonce) res.cookie(ACTION_NONCE_COOKIE, page.nonce, actionNonceCookieOptions(path, this.config.api.publicUrl));
    return this.send(res, page);
  }

  @Post(':token')
  @HttpCode(200)
  @AuditAs('action_links.confirm')
  @ApiOperation({ summary: 'Confirms an emailed action (form post from the confirmation page, CSRF-checked) and uses the link up' })
  @ApiParam({ name: 'token', description: 'The single-use token from the email' })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'Decision recorded' })
  @ApiResponse({ status: 400, description: 'Comment missing for a decision that needs one (form shown again)' })
  @ApiResponse({ status: 403, description: 'Missing or wrong CSRF token: nothing changed' })
  @ApiResponse({ status: 409, description: 'Task already decided or the decision is not allowed now: nothing changed' })
  @ApiResponse({ status: 410, description: 'Used, expired or revoked link: nothing changed' })
  @ApiResponse({ status: 503, description: 'The workflow could not be reached: nothing changed, the link still works' })
  async confirm(
    @Param('token') token: string,
    @Body() form: ActionFormDto,
    @ActionNonce() nonce: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return this.send(res, await this.links.confirm(token, this.linkPath(req), form, nonce));
  }

  /** The path the person reached, as the browser sees it (so a reverse proxy's prefix is kept). */
  private linkPath(req: Request): string {
    return req.originalUrl.split('?')[0];
  }

  private send(res: Response, page: RenderedPage): string {
    res.status(page.status);
    res.type('html');
    // Personal pages: never cached, never indexed.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    return page.html;
  }
}
