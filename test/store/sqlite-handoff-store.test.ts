import { describeHandoffStoreContract } from './handoff-store-contract.js';
import { describeNoReplyContract } from './no-reply-contract.js';
import { sqliteHandoffBackend } from './handoff-backends.js';

describeHandoffStoreContract('SQLite handoff store', sqliteHandoffBackend);
describeNoReplyContract('SQLite no-reply view', sqliteHandoffBackend);
