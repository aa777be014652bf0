#!/usr/bin/env node
// The `dynamodb-mate` executable (package.json "bin"): runs main() and exits with its code.
import { main } from './main.mjs';

process.exitCode = await main(process.argv.slice(2));
