import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export type Machine = {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
};

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** Version of an installed package, read from its package.json. */
export function packageVersion(name: string): string {
  try {
    const file = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return JSON.parse(readFileSync(file, 'utf8')).version as string;
  } catch {
    return 'unknown';
  }
}

export const formatMachine = (m: Machine) => `${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}`;

/** The commit the benchmark ran on, and how many files differed from it (uncommitted work). */
export function codeVersion(): { commit: string; changedFiles: number } | null {
  try {
    const cwd = new URL('../../', import.meta.url);
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' }).split('\n').filter(Boolean).length;
    return { commit, changedFiles: changed };
  } catch {
    return null;
  }
}
