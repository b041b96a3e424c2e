/**
 * The import rules of docs/architecture.md, checked by `npm run lint:deps` (part of `npm test`).
 * A rule names what may NOT be imported; docs/architecture.md says why each layer sits where it does.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'documented-folders-only',
      comment: 'Source lives in the folders docs/architecture.md describes; a new top-level folder gets its rules there first.',
      severity: 'error',
      from: { path: '^', pathNot: '^(bot|intents|handoff|config|store|shared|test)/|^vitest\\.config\\.ts$|^node_modules/' },
      to: {},
    },
    {
      name: 'shared-imports-nothing-of-the-project',
      comment: 'shared/ holds plain helpers every layer may use: it imports no layer, so none of them climbs to reach it.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(bot|intents|handoff|config|store|test)/' },
    },
    {
      name: 'intents-depends-on-nothing-of-the-service',
      comment: 'intents/ is local understanding: it takes plain examples (intents/intent-examples.ts), never the service, people, persistence or the knowledge file.',
      severity: 'error',
      from: { path: '^intents/' },
      to: { path: '^(bot|handoff|config|store|test)/' },
    },
    {
      name: 'config-below-bot-and-handoff',
      comment:
        'config/ reads settings and the knowledge file; the service and handoff/ read config/, never the other way.',
      severity: 'error',
      from: { path: '^config/' },
      to: { path: '^(bot|handoff|store|test)/' },
    },
    {
      name: 'handoff-below-the-service',
      comment: 'The service (bot/) composes handoff/; handoff/ never imports it: handoff/service-parts.ts names what it needs of the service (metrics, a channel\'s post limits) as interfaces.',
      severity: 'error',
      from: { path: '^handoff/' },
      to: { path: '^bot/' },
    },
    {
      name: 'handoff-uses-persistence-through-its-interface',
      comment:
        'Of store/ handoff/ imports only the interfaces (store, handoff-store, thread-state, handoff-events, step-budget, entry-answers, learned-examples, emerging-groups, search-store, queue-index) and the records (mention), ' +
        'never a backend (sqlite-*, redis-*, open-database, migrations) nor the composition (create-store, which the service calls).',
      severity: 'error',
      from: { path: '^handoff/' },
      to: { path: '^store/', pathNot: '^store/(mention|store|handoff-store|thread-state|handoff-events|step-budget|entry-answers|learned-examples|emerging-groups|search-store|queue-index)\\.ts$' },
    },
    {
      name: 'persistence-below-its-users',
      comment: 'store/ is the one module for mentions, replies and threads: it imports only itself and shared/.',
      severity: 'error',
      from: { path: '^store/' },
      to: { path: '^(bot|handoff|intents|config|test)/' },
    },
    {
      name: 'production-not-from-test',
      comment: 'test/ may import anything; nothing imports test/.',
      severity: 'error',
      from: { path: '^(bot|intents|handoff|config|store|shared)/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      comment: 'Modules import one way: a cycle means two modules that are really one, or a layer climbing.',
      severity: 'error',
      from: { path: '^(bot|intents|handoff|config|store|shared)/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
