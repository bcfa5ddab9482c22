// Shared plumbing of the staff JSON endpoints: read a body with zod, answer
// an AppError as {error: {code, params}} with its status (never a 5xx for
// bad input), and time the work for the Server-Timing header.
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { coreErrors, toAppError, type AppError } from '@/lib/errors';

export async function readJson<S extends z.ZodType>(request: NextRequest, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw coreErrors.create('bad_request');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw coreErrors.create('invalid_input');
  return parsed.data;
}

export function errorResponse(error: unknown): NextResponse {
  const e: AppError = toAppError(error);
  if (e.code === 'internal') console.error('staff api:', error);
  return NextResponse.json({ error: e.toJSON() }, { status: e.status, headers: { 'cache-control': 'no-store' } });
}

export function json(body: unknown, init?: { status?: number; timingMs?: number }): NextResponse {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (init?.timingMs !== undefined) headers['server-timing'] = `app;dur=${init.timingMs.toFixed(1)}`;
  return NextResponse.json(body, { status: init?.status ?? 200, headers });
}
