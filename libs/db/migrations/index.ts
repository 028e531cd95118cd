import { InitialSchema1795664000000 } from './1795664000000-InitialSchema';

/** Every migration, in order. Listed explicitly so the same list works from TypeScript sources and compiled JS. */
export const migrations = [InitialSchema1795664000000];
