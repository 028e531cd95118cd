import { isUUID } from 'class-validator';
import { requestScopedId } from './request-scoped-id';

describe('requestScopedId', () => {
  it('gives the same v4-shaped id for the same key, so a retried create reaches the same proposal', () => {
    const a = requestScopedId('create:u1:req-00000001');
    expect(a).toBe(requestScopedId('create:u1:req-00000001'));
    expect(isUUID(a, '4')).toBe(true);
  });

  it('gives different ids to different people and different requests', () => {
    const ids = new Set(['create:u1:req-1', 'create:u2:req-1', 'create:u1:req-2', 'create-trip:u1:req-1'].map(requestScopedId));
    expect(ids.size).toBe(4);
  });

  it('is well spread: 10,000 keys, no collision, every one a valid v4 UUID', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => requestScopedId(`create:u1:${i}`));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => isUUID(id, '4'))).toBe(true);
  });
});
