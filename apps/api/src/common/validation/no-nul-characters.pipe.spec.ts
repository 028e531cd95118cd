import { ApiError } from '../errors/api-error';
import { findNulCharacter, NoNulCharactersPipe } from './no-nul-characters.pipe';

describe('NoNulCharactersPipe', () => {
  const pipe = new NoNulCharactersPipe();

  it('names the field that carries a NUL character, however deep', () => {
    expect(findNulCharacter({ division: '\u0000' })).toBe('division');
    expect(findNulCharacter({ costs: [{ currency: 'MN\u0000T' }] })).toBe('costs.0.currency');
    expect(findNulCharacter({ ['a\u0000']: 'x' })).toBe('(key)');
    expect(findNulCharacter({ title: 'Киотогийн конвенц', n: 3, ok: true, none: null })).toBeNull();
  });

  it('refuses bodies, query strings and path values with a 400 naming the field; passes everything else through', () => {
    expect(() => pipe.transform({ division: 'a\u0000b' }, { type: 'query' })).toThrow(ApiError);
    const refused = (() => {
      try {
        pipe.transform('x\u0000', { type: 'param', data: 'id' });
        return null;
      } catch (err) {
        return err as ApiError;
      }
    })();
    expect(refused?.getStatus()).toBe(400);
    expect(refused?.details).toEqual([{ field: 'id', reason: 'must not contain the NUL character (U+0000)' }]);
    const body = { titleEn: 'Revised Kyoto Convention' };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
    expect(pipe.transform('\u0000', { type: 'custom' })).toBe('\u0000');
  });
});
