// The exact rule sets `n8n-node lint` applies to community packages (strict, n8n Cloud eligible).
import { config } from '@n8n/node-cli/eslint';

export default config;
