import type { Resource } from './command.js';

export const apiKeyCommands: Resource = {
  name: 'api-key',
  summary: 'The key every API call carries.',
  commands: [
    {
      verb: 'rotate',
      params: [],
      summary: 'Replace the API key without a restart; prints the new key (the old one stops working at once).',
      notes: [
        'A server whose key is in <data-dir>/api-key rewrites that file, so local commands using --data-dir keep working.',
        'A key from TRIBUTARY_API_KEY, --api-key or the config file cannot be rotated this way (409).',
      ],
      async run(ctx) {
        const res = await ctx.api().post<{ apiKey: string }>('/api-key/rotate');
        ctx.show(res, ({ apiKey }) => `New API key: ${apiKey}\nThe previous key no longer works.\n`);
      },
    },
  ],
};
