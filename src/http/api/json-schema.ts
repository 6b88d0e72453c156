/** The part of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that the API's schemas need. */
export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export interface JsonSchema {
  /** A list (`['array', 'null']`) admits any of them: PATCH bodies clear a member with null. */
  type?: JsonType | readonly JsonType[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  enum?: readonly (string | number)[];
  format?: string;
  default?: unknown;
  examples?: readonly unknown[];
}
