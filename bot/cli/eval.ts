#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runPriority } from './priority-command.js';
import type { Split } from './labelled-set.js';
import { runReplayLabelled } from './replay-labelled-command.js';
import { runLearningCurve } from './learning-curve-command.js';
import { runNewUser } from './new-user-command.js';

const USAGE = `usage: npm run eval -- replay-labelled [brand…] [--split dev|final|all] [--out decisions.csv] [--no-reply]
       npm run eval -- priority [--split dev|final|all] [--examples N]
       npm run eval -- learning [brand…] [--split dev|final] [--every N] [--details] [--stream]
       npm run eval -- new-user [--split dev|final|all] [--knowledge FILE] [--at TIME] [--out decisions.csv]
  replay-labelled   the labelled replay set (test/replay-labelled): each mention decided as the service
                    would; coverage, wrong answers, no_reply precision/recall, handoff share, look-alikes
  --no-reply        with no_reply decisions on (NO_REPLY_DECISIONS, on by default; COURTESY_MAX_WORDS sets the longest courtesy)
  priority          the share of each handoff priority on real mentions (the labelled set's split and
                    twcs-head5000.csv) and the top reasons for urgent and high; --examples N prints N texts each
  learning          the labelled set in time order, without and with learning from the agents' answers
                    (accepted at a publish every N mentions, default 50): first and last third
  new-user          mentions a new user types at the shipped config/knowledge.yaml (test/new-user), written
                    without seeing its examples: the same figures, and each decision not as expected
  (every other evaluation: npm run eval -- --help)
`;

/**
 * `npm run eval`: the replay of labelled mentions needs the bot's decision, which lives in bot/;
 * every other evaluation measures the understanding alone and is intents/eval/cli.ts, unchanged.
 */
async function main(): Promise<number> {
  if (process.argv[2] === 'priority') return priorityMain();
  if (process.argv[2] === 'learning') return learningMain();
  if (process.argv[2] === 'new-user') return newUserMain();
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
  await runReplayLabelled({
    brands: positionals,
    ...(values.split ? { split: values.split as Split } : {}),
    ...(values.out ? { out: values.out } : {}),
    ...(values['no-reply'] ? { noReply: true } : {}),
  });
  process.stdout.write(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

async function priorityMain(): Promise<number> {
  process.env.DOTENV_CONFIG_QUIET ??= 'true';
  const { values } = parseArgs({ args: process.argv.slice(3), options: { split: { type: 'string' }, examples: { type: 'string' } } });
  const examples = values.examples === undefined ? 0 : Number(values.examples);
  if ((values.split !== undefined && !['dev', 'final', 'all'].includes(values.split)) || !Number.isInteger(examples) || examples < 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const started = performance.now();
  await runPriority({ ...(values.split ? { split: values.split as Split } : {}), examples });
  process.stdout.write(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

async function learningMain(): Promise<number> {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(3),
    allowPositionals: true,
    options: { split: { type: 'string' }, every: { type: 'string' }, details: { type: 'boolean' }, stream: { type: 'boolean' } },
  });
  const every = values.every === undefined ? 50 : Number(values.every);
  if ((values.split !== undefined && !['dev', 'final'].includes(values.split)) || !Number.isInteger(every) || every < 1) {
    process.stderr.write(USAGE);
    return 2;
  }
  const started = performance.now();
  await runLearningCurve({
    brands: positionals,
    ...(values.split ? { split: values.split as Split } : {}),
    every,
    ...(values.details ? { details: true } : {}),
    ...(values.stream ? { stream: true } : {}),
  });
  process.stdout.write(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

async function newUserMain(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: { split: { type: 'string' }, knowledge: { type: 'string' }, at: { type: 'string' }, out: { type: 'string' } },
  });
  const at = values.at === undefined ? undefined : new Date(values.at);
  if ((values.split !== undefined && !['dev', 'final', 'all'].includes(values.split)) || (at && Number.isNaN(at.getTime()))) {
    process.stderr.write(USAGE);
    return 2;
  }
  const started = performance.now();
  await runNewUser({
    ...(values.split ? { split: values.split as Split } : {}),
    ...(values.knowledge ? { knowledge: values.knowledge } : {}),
    ...(at ? { at } : {}),
    ...(values.out ? { out: values.out } : {}),
  });
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
