/**
 * An HTTP proxy in front of the sandbox EHR that can lose the answer to a note's create: the POST reaches the EHR and
 * commits, then the connection is dropped before any answer byte (issue 10 item 7) — the failure that made Chromium
 * re-send the POST by itself and file two notes. It can also reshape the create's answer the way a cross-origin EHR
 * may (issue 10 item 5): `Location` not exposed to the browser through CORS, or no body at all.
 *
 * Everything else passes through unchanged, so the launch, the token exchange and the chart reads are the sandbox's.
 */
import {
  createServer,
  request as forwardRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export type CreateAnswer =
  /** Passed through. */
  | 'pass'
  /** Forwarded (the note is filed), then the connection is dropped with no answer. */
  | 'drop'
  /** Forwarded twice — as the browser re-sends a POST whose reused connection dropped — then dropped. */
  | 'replay-then-drop'
  /** Answered, but `Location` is left out of `Access-Control-Expose-Headers` (the browser cannot read it). */
  | 'hide-location'
  /** Answered with the status and `Location`, without the body. */
  | 'no-body';

export interface LossyProxy {
  readonly url: string;
  /** What happens to the next creates of a DocumentReference. */
  answer: CreateAnswer;
  /** DocumentReference creates the proxy has received (each one reached the EHR at least once). */
  readonly creates: number;
  close(): Promise<void>;
}

interface Forwarded {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

function forward(targetPort: number, req: IncomingMessage, body: Buffer): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const out = forwardRequest(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

const isNoteCreate = (req: IncomingMessage) =>
  req.method === 'POST' && /\/fhir\/DocumentReference\/?(?:\?.*)?$/.test(req.url ?? '');

export async function startLossyProxy(targetPort: number): Promise<LossyProxy> {
  let creates = 0;
  const state = { answer: 'pass' as CreateAnswer };
  const servers: Server[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const answer = isNoteCreate(req) ? state.answer : 'pass';
        if (isNoteCreate(req)) creates += 1;
        let forwarded: Forwarded;
        try {
          forwarded = await forward(targetPort, req, body);
          if (answer === 'replay-then-drop') await forward(targetPort, req, body);
        } catch {
          res.writeHead(502).end();
          return;
        }
        if (answer === 'drop' || answer === 'replay-then-drop') {
          // The EHR filed the note; the answer never comes back.
          req.socket.destroy();
          return;
        }
        const headers = { ...forwarded.headers };
        delete headers['transfer-encoding'];
        delete headers['content-length'];
        let payload = forwarded.body;
        if (answer === 'hide-location') {
          const exposed = String(headers['access-control-expose-headers'] ?? '')
            .split(',')
            .map((h) => h.trim())
            .filter((h) => h && h.toLowerCase() !== 'location');
          headers['access-control-expose-headers'] = exposed.join(', ');
        }
        if (answer === 'no-body') {
          payload = Buffer.alloc(0);
          delete headers['content-type'];
        }
        res.writeHead(forwarded.status, { ...headers, 'content-length': String(payload.length) });
        res.end(payload);
      })();
    });
  };

  const listen = (server: Server, port: number, host: string) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  const primary = createServer(handle);
  servers.push(primary);
  await listen(primary, 0, '127.0.0.1');
  const port = (primary.address() as AddressInfo).port;
  try {
    // Chromium may resolve `localhost` to ::1: answer there too, as the sandbox does.
    const v6 = createServer(handle);
    await listen(v6, port, '::1');
    servers.push(v6);
  } catch {
    /* no IPv6 loopback */
  }

  return {
    url: `http://localhost:${port}`,
    get answer() {
      return state.answer;
    },
    set answer(value: CreateAnswer) {
      state.answer = value;
    },
    get creates() {
      return creates;
    },
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}
