import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../common/authorization/access.decorator';
import { CurrentUser, CurrentUserInfo } from '../common/authorization/current-user';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { CreatedUserDto, OneTimePasswordDto, UserDto, UserPageDto } from './dto/user.dto';
import { UserListQuery } from './dto/user-list.query';
import { UsersService } from './users.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access({ roles: ['admin', 'leadership'] })
  @ApiOperation({ summary: 'People, filtered and paged' })
  @ApiResponse({ status: 200, type: UserPageDto })
  list(@Query() q: UserListQuery): Promise<UserPageDto> {
    return this.users.list(q);
  }

  @Get(':id')
  @Access({ roles: ['admin', 'leadership'] })
  @ApiOperation({ summary: 'One person' })
  @ApiResponse({ status: 200, type: UserDto })
  @ApiResponse({ status: 404 })
  get(@Param('id', uuid) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: 'Create a person; without a password a one-time password is returned once' })
  @ApiResponse({ status: 201, type: CreatedUserDto })
  @ApiResponse({ status: 200, type: UserDto, description: 'Same request id seen before: the existing person' })
  @ApiResponse({ status: 409, description: 'The email is taken' })
  async create(@Body() dto: CreateUserDto, @Res({ passthrough: true }) res: Response): Promise<CreatedUserDto> {
    const { user, created } = await this.users.create(dto);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return user;
  }

  @Patch(':id')
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: 'Edit names, language, division, roles or supervisor' })
  @ApiResponse({ status: 200, type: UserDto })
  @ApiResponse({ status: 409, description: 'Would leave no active admin, or takes away your own admin role' })
  update(@CurrentUser() actor: CurrentUserInfo, @Param('id', uuid) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/deactivate')
  @HttpCode(HttpStatus.OK)
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: 'Deactivate: the person can no longer sign in and every session ends now' })
  @ApiResponse({ status: 200, type: UserDto })
  deactivate(@CurrentUser() actor: CurrentUserInfo, @Param('id', uuid) id: string): Promise<UserDto> {
    return this.users.deactivate(actor, id);
  }

  @Post(':id/activate')
  @HttpCode(HttpStatus.OK)
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: 'Activate again' })
  @ApiResponse({ status: 200, type: UserDto })
  activate(@Param('id', uuid) id: string): Promise<UserDto> {
    return this.users.activate(id);
  }

  @Post(':id/reset-password')
  @HttpCode(HttpStatus.OK)
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: 'Set a new one-time password (returned once) and end every session of the person' })
  @ApiResponse({ status: 200, type: OneTimePasswordDto })
  resetPassword(@Param('id', uuid) id: string): Promise<OneTimePasswordDto> {
    return this.users.resetPassword(id);
  }
}
