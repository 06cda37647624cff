// Process entry of the CLI: runs the command, lets stdout drain, exits with its code.
import { runCli } from './main';

const code = await runCli(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));
