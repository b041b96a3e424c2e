/** Every Lua script of the Redis store; the key layout is in redis-scripts-common.ts. */
export { COMMON } from './redis-scripts-common.js';
export * from './redis-mention-scripts.js';
export * from './redis-outbox-scripts.js';
export * from './redis-retry-scripts.js';
export * from './redis-index-scripts.js';
