import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A colleague as every signed-in person may see them: no email, roles or account data. */
export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Тэмүүлэн Батболд' }) nameMn: string;
  @ApiProperty({ example: 'Temuulen Batbold' }) nameLatin: string;
  @ApiPropertyOptional({ nullable: true, example: 'international-cooperation' }) division: string | null;
}

export class PeopleListDto {
  @ApiProperty({ type: [PersonDto], description: 'Active people, by Latin name' }) items: PersonDto[];
}
