/**
 * Serving the emulator over a real socket (HTTP, or HTTPS with `tls: {cert, key}`) through
 * @hono/node-server's request listener. A simulated reset destroys the socket.
 */
import { getRequestListener, type HttpBindings } from "@hono/node-server";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { RESET_HEADER } from "./api-handler.js";
import type { ListenOptions } from "./types.js";

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

type Handler = (request: Request) => Promise<Response> | Response;

function hostForUrl(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * Starts a server for `handler`.
 *
 * @example
 * const server = await startServer((request) => app.fetch(request), { port: 0 });
 * console.log(server.url); // http://127.0.0.1:54321
 */
export async function startServer(
  handler: Handler,
  options: ListenOptions = {},
): Promise<RunningServer> {
  const listener = getRequestListener(
    async (request, env) => {
      const response = await handler(request);
      if (response.headers.get(RESET_HEADER)) (env as HttpBindings).incoming.socket.destroy();
      return response;
    },
    { overrideGlobalObjects: false },
  );
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => {
        void listener(req, res);
      })
    : createHttpServer((req, res) => {
        void listener(req, res);
      });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `${options.tls ? "https" : "http"}://${hostForUrl(host)}:${port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
