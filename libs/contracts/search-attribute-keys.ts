import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import registrations from './search-attributes.json';

/**
 * Custom search attributes, so the Temporal UI can filter proposals. The JSON file is the single list: the dev
 * server registers it at start (`--search-attribute`) and a remote cluster gets it from `npm run temporal:setup`.
 */
export const ACCORD_KIND = defineSearchAttributeKey('AccordKind', SearchAttributeType.KEYWORD);
export const ACCORD_STAGE = defineSearchAttributeKey('AccordStage', SearchAttributeType.KEYWORD);
export const ACCORD_OWNER = defineSearchAttributeKey('AccordOwner', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTE_REGISTRATIONS: Record<string, string> = registrations;
