import { commonStrings, sentCodeStrings, enrollStrings, authenticatorsStrings, verifyStrings, type MfaStrings } from './strings.js';

/**
 * The whole English table, every element's strings: the model for a language of one's own
 * (`registerStrings('xx', table)` takes every key of it), and the order in which the built
 * language modules list their values (scripts/pack-locales.js, packed-strings.ts). The
 * elements don't import it: each takes only its own sections.
 */
export const en: MfaStrings = { ...commonStrings, ...sentCodeStrings, ...enrollStrings, ...verifyStrings, ...authenticatorsStrings };
export { en as englishStrings };
