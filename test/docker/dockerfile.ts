import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Instruction {
  op: string;
  args: string;
}

export interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
  /** The working folder at the stage's end (inherited from a stage it starts from). */
  workdir: string;
}

/** The Dockerfile's stages in order, each with its instructions (continued lines joined, comments dropped). */
export function readDockerfile(file: string): Stage[] {
  const lines = readFileSync(file, 'utf8').replace(/\\\n/g, ' ').split('\n');
  const stages: Stage[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [op, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op!.toUpperCase() === 'FROM') {
      const [base, , name] = rest;
      const parent = stages.find((s) => s.name === base);
      stages.push({ name: name ?? String(stages.length), base: base!, instructions: [], workdir: parent?.workdir ?? '/' });
    } else {
      const stage = stages.at(-1)!;
      stage.instructions.push({ op: op!.toUpperCase(), args });
      if (op!.toUpperCase() === 'WORKDIR') stage.workdir = path.posix.resolve(stage.workdir, args);
    }
  }
  return stages;
}

export interface Copy {
  /** The stage copied from, or undefined for the build context. */
  from: string | undefined;
  sources: string[];
  target: string;
}

export function copiesOf(stage: Stage): Copy[] {
  return stage.instructions
    .filter((i) => i.op === 'COPY')
    .map((i) => {
      const words = i.args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((w) => !w.startsWith('--'));
      return { from, sources: paths.slice(0, -1), target: paths.at(-1)! };
    });
}

/** ENV key=value pairs of a stage, in order. */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of stage.instructions.filter((x) => x.op === 'ENV')) {
    for (const pair of i.args.split(/\s+/)) {
      const at = pair.indexOf('=');
      if (at > 0) env[pair.slice(0, at)] = pair.slice(at + 1);
    }
  }
  return env;
}

/** A JSON-form instruction's words (ENTRYPOINT, CMD). */
export function execFormOf(stage: Stage, op: 'ENTRYPOINT' | 'CMD'): string[] {
  const i = stage.instructions.filter((x) => x.op === op).at(-1);
  if (!i) return [];
  return JSON.parse(i.args) as string[];
}

export function workdirOf(stage: Stage): string {
  return stage.workdir;
}

/** Where an absolute path inside a stage lands relative to its WORKDIR (sources of COPY --from). */
export function underWorkdir(stage: Stage, p: string): string {
  return path.posix.relative(workdirOf(stage), path.posix.resolve(workdirOf(stage), p));
}
