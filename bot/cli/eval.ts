#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runReplayLabelled, type Split } from './replay-labelled-command.js';

const USAGE = `usage: npm run eval -- replay-labelled [brand…] [--split dev|final|all] [--out decisions.csv] [--no-reply]
  replay-labelled   the labelled replay set (test/replay-labelled): each mention decided as the service
                    would; coverage, wrong answers, no_reply precision/recall, handoff share, look-alikes
  --no-reply        with no_reply decisions on (NO_REPLY_DECISIONS, off by default in the service)
  (every other evaluation: npm run eval -- --help)
`;

/**
 * `npm run eval`: the replay of labelled mentions needs the bot's decision, which lives in bot/;
 * every other evaluation measures the understanding alone and is intents/eval/cli.ts, unchanged.
 */
async function main(): Promise<number> {
  if (process.argv[2] !== 'replay-labelled') {
    await import('../../intents/eval/cli.js');
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  }
  const { positionals, values } = parseArgs({
    args: process.argv.slice(3),
    allowPositionals: true,
    options: { split: { type: 'string' }, out: { type: 'string' }, 'no-reply': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.split !== undefined && !['dev', 'final', 'all'].includes(values.split)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const started = performance.now();
  await runReplayLabelled({ brands: positionals, ...(values.split ? { split: values.split as Split } : {}), ...(values.out ? { out: values.out } : {}), ...(values['no-reply'] ? { noReply: true } : {}) });
  process.stdout.write(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`eval: ${(err as Error).message ?? String(err)}\n`);
    process.exit(1);
  },
);
