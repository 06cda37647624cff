// `lab up | down | status [--json]`: the test lab from a terminal and from `npm test`.
import { labDown, labStatus, labUp } from './lab';

function printStatus(statuses: Awaited<ReturnType<typeof labStatus>>): void {
  const width = Math.max(...statuses.map((status) => status.name.length));
  for (const status of statuses)
    console.log(`${status.name.padEnd(width)}  ${status.state.padEnd(8)}  ${status.detail}`);
}

async function main(argv: readonly string[]): Promise<number> {
  const [command] = argv;
  const json = argv.includes('--json');
  const log = (message: string): void => console.log(message);
  const started = Date.now();
  switch (command) {
    case 'up': {
      try {
        await labUp(log);
      } catch (error) {
        console.error(`lab up failed: ${(error as Error).message}`);
        console.error('Run `lab down` to clean up what was started.');
        return 1;
      }
      const statuses = await labStatus();
      printStatus(statuses);
      console.log(`lab up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return statuses.every((status) => status.state === 'up') ? 0 : 1;
    }
    case 'down': {
      const problems = await labDown(log);
      for (const problem of problems) console.error(`lab down: ${problem}`);
      console.log(`lab down in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return problems.length === 0 ? 0 : 1;
    }
    case 'status': {
      const statuses = await labStatus();
      if (json) console.log(JSON.stringify(statuses, null, 2));
      else printStatus(statuses);
      return statuses.every((status) => status.state === 'up') ? 0 : 3;
    }
    default:
      console.error('Usage: lab up | down | status [--json]');
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
