#!/usr/bin/env node
// Runs the TypeScript CLI directly (no build step for the server): tsx compiles on the fly.
import { register } from 'tsx/esm/api';

register();
await import('../server/src/cli/main.ts');
