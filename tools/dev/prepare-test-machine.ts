/**
 * `node dist/tools/dev/prepare-test-machine.js <packages|kafka> [--browser] [--mock]`: one part of
 * what the test stages need on this machine (see `prepareTestMachine`). `npm test` runs both
 * parts in the background while it lints and type-checks. It exits 0 when everything is
 * ready and 1 after printing what is not: the stage that needs it then says so again.
 */
import { prepareTestMachine, type TestMachinePart } from '@newsroom/testing';

const PARTS: readonly TestMachinePart[] = ['packages', 'kafka'];

async function main(): Promise<number> {
  const part = process.argv[2] as TestMachinePart;
  if (!PARTS.includes(part)) {
    console.error(`usage: prepare-test-machine <${PARTS.join('|')}> [--browser] [--mock]`);
    return 2;
  }
  const problems = await prepareTestMachine(part, { browser: process.argv.includes('--browser'), mock: process.argv.includes('--mock') });
  for (const problem of problems) console.error(`not ready: ${problem}`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
