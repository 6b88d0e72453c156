import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiContext } from './api-context.js';
import type { JsonSchema } from './json-schema.js';

/**
 * One API operation: what registerApi mounts and what the OpenAPI document describes, from
 * the same object, so the two cannot drift apart.
 */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Fastify syntax, relative to /api/v1: `/channels/:name`. */
  url: string;
  operationId: string;
  summary: string;
  body?: JsonSchema;
  /** Success status → response body schema (undefined for no body), JSON unless contentType says otherwise. */
  success: { status: number; schema?: JsonSchema; contentType?: string };
  /** Problem statuses this operation can answer besides 400/401/403/500. */
  problems?: number[];
  /** Skips the API key check (only the API description and its reference page). */
  public?: boolean;
  handler(ctx: ApiContext, request: FastifyRequest, reply: FastifyReply): unknown;
}

/** Path parameters as strings; fastify always gives strings for them. */
export function params(request: FastifyRequest): Record<string, string> {
  return request.params as Record<string, string>;
}
