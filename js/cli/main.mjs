// `dynamodb-mate COMMAND ...`: dispatch, --help, and the exit codes (docs/cli.md).
import { parse, UsageError } from './args.mjs';
import { consoleCommand } from './commands/console.mjs';
import { get } from './commands/get.mjs';
import { orphans } from './commands/orphans.mjs';
import { reencrypt } from './commands/reencrypt.mjs';
import { tracker } from './commands/tracker.mjs';

const COMMANDS = new Map([orphans, reencrypt, tracker, consoleCommand, get].map((c) => [c.name, c]));

const EXIT_CODES = `Exit codes:
  0    done
  1    the operation failed (an AWS or library error, a missing item or table)
  2    usage error (unknown flag or command, missing argument, --models or --model not found)
  130  interrupted by Ctrl-C (reencrypt prints the command that resumes)`;

const COMMON = `Models come from --models FILE: an ES module whose named exports are model classes (made by
defineModel) and StatusTracker instances, each with its own AWS clients (the SDK's default chain:
AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_S3, AWS_PROFILE, ...). --model NAME picks
the export (not needed when the module has only one).
Progress goes to stderr: a bar on a terminal, else one JSON line per page. Results go to stdout.`;

const usage = () => `Usage: dynamodb-mate COMMAND [options]   (dynamodb-mate COMMAND --help for more)

Commands:
${[...COMMANDS.values()].map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

${COMMON}

${EXIT_CODES}
`;

const commandHelp = (c) => `Usage: ${c.synopsis}\n\n${c.help}\n\n${COMMON}\n\n${EXIT_CODES}\n`;

/** Runs the command line `argv` (without node and the script); resolves to the exit code. */
export async function main(argv, { stdout = process.stdout, stderr = process.stderr } = {}) {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? stderr : stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.get(name);
  try {
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)} (commands: ${[...COMMANDS.keys()].join(', ')})`);
    const { values, positionals } = parse(command, rest);
    if (values.help) {
      stdout.write(commandHelp(command));
      return 0;
    }
    return await command.run({ values, positionals, argv, stdout, stderr });
  } catch (error) {
    if (error instanceof UsageError || error?.code === 'E_ARGUMENT') {
      stderr.write(`dynamodb-mate: ${error.message}\nRun 'dynamodb-mate ${command ? `${name} ` : ''}--help' for usage.\n`);
      return 2;
    }
    stderr.write(`dynamodb-mate ${name}: ${error?.name ?? 'Error'}${error?.code ? ` ${error.code}` : ''}: ${error?.message ?? String(error)}\n`);
    return 1;
  }
}
