import { InitialSchema1795664000000 } from './1795664000000-InitialSchema';
import { ProposalTasks1795664951560 } from './1795664951560-ProposalTasks';
import { UsersAndSecurity1795664977893 } from './1795664977893-UsersAndSecurity';
import { ProposalDocuments1795665039816 } from './1795665039816-ProposalDocuments';
import { MailOutboxAndActionTokens1795665131586 } from './1795665131586-MailOutboxAndActionTokens';
import { DashboardIndexes1795665613394 } from './1795665613394-DashboardIndexes';
import { MillisecondTimestamps1795665671843 } from './1795665671843-MillisecondTimestamps';
import { NotificationPreferences1795666210176 } from './1795666210176-NotificationPreferences';
import { RateLimitCounters1795699700000 } from './1795699700000-RateLimitCounters';
import { ProposalStageStays1795702500000 } from './1795702500000-ProposalStageStays';

/** Every migration, in order. Listed explicitly so the same list works from TypeScript sources and compiled JS. */
export const migrations = [InitialSchema1795664000000, ProposalTasks1795664951560, UsersAndSecurity1795664977893, ProposalDocuments1795665039816, MailOutboxAndActionTokens1795665131586, DashboardIndexes1795665613394, MillisecondTimestamps1795665671843, NotificationPreferences1795666210176, RateLimitCounters1795699700000, ProposalStageStays1795702500000];
