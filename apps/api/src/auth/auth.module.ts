import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../../libs/config';
import { AccessTokenService, TOKEN_AUDIENCE, TOKEN_ISSUER } from './access-token.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginLockoutService } from './login-lockout.service';
import { PasswordHasher } from './password-hasher';
import { RequestAuthenticator } from './request-authenticator';
import { SessionService } from './session.service';
import { PasswordLoginStrategy } from './strategies/password-login.strategy';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (cfg: AppConfig) => ({
        // A key object, not the string: given a string, jsonwebtoken first tries to parse it as a PEM public key on
        // every verify (about 2 ms of CPU, thrown away), which was the largest single cost of an API request.
        secret: createSecretKey(Buffer.from(cfg.auth.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
        verifyOptions: { algorithms: ['HS256'], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AccessTokenService, RequestAuthenticator, SessionService, LoginLockoutService, PasswordLoginStrategy, AuthService, { provide: PasswordHasher, useValue: new PasswordHasher() }],
  exports: [AccessTokenService, RequestAuthenticator, SessionService, PasswordHasher],
})
export class AuthModule {}
