import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../../../libs/config';
import { SkipAuditTrail } from '../audit/audit.decorators';
import { Access } from '../common/authorization/access.decorator';
import { CurrentUser, CurrentUserInfo } from '../common/authorization/current-user';
import { RateLimited } from '../common/authorization/rate-limit.decorator';
import { REFRESH_COOKIE, RefreshCookie, refreshCookieOptions } from './auth-cookie';
import { AuthService } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { RefreshDto } from './dto/refresh.dto';
import { SessionDto } from './dto/session.dto';
import { AccountLockedError } from './strategies/password-login.strategy';

@ApiTags('auth')
@Controller('auth')
@SkipAuditTrail()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @Access('public')
  @RateLimited('login')
  @ApiOperation({ summary: 'Sign in with email and password; returns an access token and a refresh token (also set as an httpOnly cookie)' })
  @ApiResponse({ status: 200, type: SessionDto })
  @ApiResponse({ status: 401, description: 'Wrong email or password (the same answer for both)' })
  @ApiResponse({ status: 429, description: 'Too many attempts from this address, or the account is temporarily locked' })
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const session = await this.withRetryAfter(res, () => this.auth.login(dto));
    this.setRefreshCookie(res, session);
    return session;
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @Access('public')
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair; the old refresh token is spent (reusing it ends the session)' })
  @ApiResponse({ status: 200, type: SessionDto })
  @ApiResponse({ status: 401, description: 'Unknown, expired, revoked or reused refresh token' })
  async refresh(@Body() dto: RefreshDto, @RefreshCookie() cookie: string | undefined, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const session = await this.auth.refresh(dto.refreshToken ?? cookie);
    this.setRefreshCookie(res, session);
    return session;
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Access('public')
  @ApiOperation({ summary: 'End the session of this refresh token (all its rotations); idempotent' })
  @ApiResponse({ status: 204 })
  async logout(@Body() dto: RefreshDto, @RefreshCookie() cookie: string | undefined, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(dto.refreshToken ?? cookie);
    res.clearCookie(REFRESH_COOKIE, refreshCookieOptions(this.config.api.publicUrl));
  }

  @Get('me')
  @Access('authenticated', { duringPasswordChange: true })
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in person' })
  @ApiResponse({ status: 200, type: MeDto })
  me(@CurrentUser() user: CurrentUserInfo): Promise<MeDto> {
    return this.auth.me(user);
  }

  @Post('password')
  @HttpCode(HttpStatus.OK)
  @Access('authenticated', { leadershipMayWrite: true, duringPasswordChange: true })
  @RateLimited('login')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your password; ends all your sessions and returns a fresh one' })
  @ApiResponse({ status: 200, type: SessionDto })
  @ApiResponse({ status: 400, description: 'The new password does not meet the policy' })
  @ApiResponse({ status: 401, description: 'The current password is wrong' })
  async changePassword(@CurrentUser() user: CurrentUserInfo, @Body() dto: ChangePasswordDto, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const session = await this.withRetryAfter(res, () => this.auth.changePassword(user, dto));
    this.setRefreshCookie(res, session);
    return session;
  }

  private setRefreshCookie(res: Response, s: SessionDto): void {
    res.cookie(REFRESH_COOKIE, s.refreshToken, refreshCookieOptions(this.config.api.publicUrl, new Date(s.refreshExpiresAt)));
  }

  private async withRetryAfter<T>(res: Response, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof AccountLockedError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
      throw err;
    }
  }
}
