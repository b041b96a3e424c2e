import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Request, Response } from 'botbuilder';

/**
 * botbuilder's CloudAdapter speaks the Express/Restify response shape (status, header, send, end).
 * This collects what it says into a Fastify reply; `process` awaits the whole turn, so the reply
 * is sent once it resolves.
 */
export function createBotResponse(reply: FastifyReply): { res: Response; flush(): FastifyReply } {
  let status = 200;
  let body: unknown;
  const res = {
    socket: undefined,
    status(code: number) {
      status = code;
      return res;
    },
    header(name: string, value: unknown) {
      reply.header(name, value);
      return res;
    },
    send(payload?: unknown) {
      body = payload;
      return res;
    },
    end() {
      return res;
    },
  };
  return {
    res: res as unknown as Response,
    flush: () => (body === undefined ? reply.code(status).send() : reply.code(status).send(body)),
  };
}

export function toBotRequest(req: FastifyRequest): Request {
  return { body: req.body as Record<string, unknown>, headers: req.headers as Request['headers'], method: req.method };
}
