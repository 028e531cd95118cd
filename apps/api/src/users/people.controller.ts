import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/authorization/access.decorator';
import { PeopleListDto } from './dto/person.dto';
import { PeopleQuery } from './dto/people.query';
import { PeopleService } from './people.service';

/** The read-only directory behind people pickers; managing people is `/users` (admins). */
@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @Access('authenticated')
  @ApiOperation({ summary: 'Active colleagues by name (id, names, division), e.g. to choose the delegates of a trip' })
  @ApiResponse({ status: 200, type: PeopleListDto })
  @ApiResponse({ status: 400, description: 'Invalid query, with the field and reason' })
  search(@Query() q: PeopleQuery): Promise<PeopleListDto> {
    return this.people.search(q);
  }
}
