import { Module } from '@nestjs/common';
import { TreatyRegisterController } from './treaty-register.controller';
import { TreatyRegisterService } from './treaty-register.service';

/** The treaty register (GET /register and its exports). Its import runs from the CLI (`register:import`). */
@Module({
  controllers: [TreatyRegisterController],
  providers: [TreatyRegisterService],
})
export class RegisterModule {}
