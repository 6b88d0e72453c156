import { apiKeyCommands } from './api-key-commands.js';
import { assetCommands } from './asset-commands.js';
import { channelCommands } from './channel-commands.js';
import type { Resource } from './command.js';
import { endpointCommands } from './endpoint-commands.js';
import { filterCommands } from './filter-commands.js';
import { locatorCommands } from './locator-commands.js';
import { programCommands } from './program-commands.js';

/** Every `tributary <resource>` the CLI knows, in help order. */
export const RESOURCES: readonly Resource[] = [channelCommands, programCommands, assetCommands, filterCommands, locatorCommands, endpointCommands, apiKeyCommands];
