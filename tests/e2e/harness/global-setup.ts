/**
 * Vitest globalSetup for the e2e project: builds the extension once, before any test file starts,
 * if the build is missing or older than the sources. `launchExtension` checks again (cheaply), so
 * scripts that do not run under vitest (benchmark, demo) get a fresh build too.
 */
import { ensureFreshBuild, EXTENSION_DIR } from './build';

export default async function setup(): Promise<void> {
  const { built, reason, ms } = await ensureFreshBuild();
  if (built) console.log(`[e2e] built ${EXTENSION_DIR} in ${Math.round(ms)} ms (${reason})`);
}
