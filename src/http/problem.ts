import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, TributaryError, type ErrorCode } from '../util/errors.js';

/** RFC 9457 problem details, with the stable `code` clients switch on. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  /** The first invalid field, for ERR_VALIDATION. */
  field?: string;
  /** Every invalid field and why (RFC 9457 §3's "invalid-params" example, camelCased). */
  invalidParams?: { name: string; reason: string }[];
}

export interface InvalidParam {
  name: string;
  reason: string;
}

/** The one mapping from error code to HTTP status. */
export function statusForCode(code: ErrorCode): number {
  switch (code) {
    case 'ERR_VALIDATION':
      return 400;
    case 'ERR_RATE_LIMITED':
      return 429;
    case 'ERR_UNAUTHORIZED':
      return 401;
    case 'ERR_FORBIDDEN':
    case 'ERR_IP_DENIED':
    case 'ERR_URL_SIGNATURE':
      return 403;
    case 'ERR_NOT_FOUND':
      return 404;
    case 'ERR_ALREADY_EXISTS':
    case 'ERR_CHANNEL_STATE':
    case 'ERR_PROGRAM_STATE':
    case 'ERR_ASSET_STATE':
    case 'ERR_STREAMING_ENDPOINT_STATE':
    case 'ERR_DEFAULT_ENDPOINT':
    case 'ERR_FILTER_IN_USE':
    case 'ERR_URL_SIGNING_OFF':
    case 'ERR_API_KEY_CONFIGURED':
    case 'ERR_PORT_IN_USE':
    case 'ERR_LIMIT':
      return 409;
    default:
      return 500;
  }
}

function problem(code: ErrorCode, detail: string, status = statusForCode(code)): Problem {
  return { type: `urn:tributary:error:${code}`, title: ERROR_CODES[code], status, detail, code };
}

function withFields(p: Problem, params: InvalidParam[]): Problem {
  if (params.length === 0) return p;
  return { ...p, field: params[0].name, invalidParams: params };
}

/** Fastify's own validator reports Ajv errors; name the field the way our validator does. */
function ajvParams(error: FastifyError): InvalidParam[] {
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const child = params.missingProperty ?? params.additionalProperty;
    const path = [v.instancePath.replace(/^\//, '').replace(/\//g, '.'), child].filter((s) => typeof s === 'string' && s !== '').join('.');
    return { name: path || (error.validationContext ?? 'body'), reason: v.message ?? 'is invalid' };
  });
}

/**
 * Turns anything thrown into a problem. Internal errors keep their message out of the response;
 * fastify's client errors (bad JSON, wrong media type, body too large) keep their status.
 */
export function toProblem(error: unknown): Problem {
  if (error instanceof TributaryError) {
    const given = error.details.invalidParams as InvalidParam[] | undefined;
    const field = error.details.field;
    const params = given ?? (typeof field === 'string' ? [{ name: field, reason: String(error.details.reason ?? error.message) }] : []);
    return withFields(problem(error.code, error.message), params);
  }
  const fe = error as Partial<FastifyError> | undefined;
  if (fe?.validation) return withFields(problem('ERR_VALIDATION', fe.message ?? 'invalid request'), ajvParams(fe as FastifyError));
  const status = fe?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 404) return problem('ERR_NOT_FOUND', fe?.message ?? 'not found');
    return problem('ERR_VALIDATION', fe?.message ?? 'bad request', status);
  }
  return problem('ERR_INTERNAL', 'An unexpected error occurred; the server log has the details.');
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(p));
}

/** Install with `app.setErrorHandler(problemErrorHandler)`; logs server faults, not client ones. */
export function problemErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const p = toProblem(error);
  if (p.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: p.code, status: p.status }, p.detail);
  return sendProblem(reply, p);
}

/** Install with `app.setNotFoundHandler(problemNotFoundHandler)`. */
export function problemNotFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, problem('ERR_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
}

/**
 * Fastify's `frameworkErrors` option: a URL whose percent-encoding does not decode (`%zz`, an
 * overlong UTF-8 `%c0%ae`) names no resource, so it is the same 404 as any unknown path rather
 * than fastify's 400 — one answer for every way of asking for something that is not there.
 */
export function problemFrameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL') {
    sendProblem(reply, problem('ERR_NOT_FOUND', 'no route: the path is not valid percent-encoded UTF-8'));
    return;
  }
  problemErrorHandler(error, request, reply);
}
