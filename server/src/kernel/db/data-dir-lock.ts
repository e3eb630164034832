import lockfile from 'proper-lockfile';

export type DataDirLock = { release(): Promise<void> };

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Another Peyvand process is already using the data folder ${dataDir}. ` +
        'Stop that process first, or point PEYVAND_DATA_DIR at another folder. ' +
        '(Two processes on one embedded database would silently corrupt it.)',
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * PGlite takes no lock on its folder, so we hold one: a second process gets a clear refusal
 * instead of a silently diverging copy. The lock is refreshed while we run and goes stale
 * shortly after a crash, so a killed process does not block the next start for long.
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  try {
    const release = await lockfile.lock(dataDir, {
      lockfilePath: `${dataDir}/peyvand.lock`,
      stale: 10_000,
      update: 2_000,
      realpath: false,
      onCompromised: (error) => {
        // Losing the lock means another process may now write the same files: stop at once.
        console.error(`Lost the lock on ${dataDir}: ${error.message}`);
        process.exit(70);
      },
    });
    return { release: async () => release().catch(() => undefined) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
    throw error;
  }
}
