#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { checkCommand } from './cli/check-command.js';
import { emergingCommand } from './cli/emerging-command.js';
import { replayCommand } from './cli/replay-command.js';
import { tryCommand } from './cli/try-command.js';
import { usersCommand } from './cli/users-command.js';

const USAGE = `usage: first-reply <command>
  check <knowledge.yaml>                          every check the service runs before a version goes live (exit 1 on errors)
  try <knowledge.yaml> "<mention text>" [--channel x] [--at TIME]   what the bot would do with this mention (at TIME, ISO 8601), and why
  replay <knowledge.yaml> <mentions.csv> [--out decisions.csv] [--channel x]   dry run over real mentions, with a summary
  emerging <mentions.csv> [--window MINUTES] [--min-size N] [--min-authors N] [--knowledge FILE] [--out groups.csv] [--from T] [--to T] [--labels FILE [--wave NAME] [--only-labelled]] [--no-embeddings] [--limit N]
                                                  the emerging-incident grouping over past mentions: each group it would raise
  users add <name> [--role agent,editor,admin] (--password-stdin | --token)      people who sign in to the console
  users list | users remove <name> | users token <name>
  users tokens <name> | users revoke <name> <token id>                          a user's API tokens; revoke one
`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      channel: { type: 'string' },
      at: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      token: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      window: { type: 'string' },
      'min-size': { type: 'string' },
      'min-authors': { type: 'string' },
      knowledge: { type: 'string' },
      'no-embeddings': { type: 'boolean' },
      limit: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      labels: { type: 'string' },
      wave: { type: 'string' },
      'only-labelled': { type: 'boolean' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (command === 'check' && rest.length === 1) return checkCommand(rest[0]!);
  if (command === 'try' && rest.length === 2) return tryCommand(rest[0]!, rest[1]!, values.channel, process.stdout, values.at);
  if (command === 'replay' && rest.length === 2)
    return replayCommand(rest[0]!, rest[1]!, {
      ...(values.out ? { out: values.out } : {}),
      ...(values.channel ? { channel: values.channel } : {}),
    });
  if (command === 'emerging' && rest.length === 1)
    return emergingCommand(rest[0]!, {
      ...(values.window !== undefined ? { window: values.window } : {}),
      ...(values['min-size'] !== undefined ? { minSize: values['min-size'] } : {}),
      ...(values['min-authors'] !== undefined ? { minAuthors: values['min-authors'] } : {}),
      ...(values.knowledge ? { knowledge: values.knowledge } : {}),
      ...(values.out ? { out: values.out } : {}),
      noEmbeddings: !!values['no-embeddings'],
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
      ...(values.labels ? { labels: values.labels } : {}),
      ...(values.wave ? { wave: values.wave } : {}),
      onlyLabelled: !!values['only-labelled'],
      ...(values.limit !== undefined ? { limit: values.limit } : {}),
    });
  if (command === 'users') {
    return usersCommand(rest, {
      ...(values.role ? { role: values.role } : {}),
      passwordStdin: !!values['password-stdin'],
      token: !!values.token,
    });
  }
  process.stderr.write(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`first-reply: ${(err as Error).message ?? String(err)}\n`);
    process.exit(1);
  },
);
