import { Injectable } from '@nestjs/common';
import { PeopleDirectoryRepository } from '../../../../libs/db';
import { PeopleListDto } from './dto/person.dto';
import { PeopleQuery } from './dto/people.query';

const DEFAULT_LIMIT = 20;

/** The directory every signed-in person may read, for choosing colleagues (trip delegates): active people only. */
@Injectable()
export class PeopleService {
  constructor(private readonly people: PeopleDirectoryRepository) {}

  async search(q: PeopleQuery): Promise<PeopleListDto> {
    const items = await this.people.searchActive({ q: q.q, ids: q.ids, limit: q.ids ? Math.max(q.ids.length, 1) : (q.limit ?? DEFAULT_LIMIT) });
    return { items };
  }
}
