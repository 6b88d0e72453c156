/** The part of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that the API's schemas need. */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
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
