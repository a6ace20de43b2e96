/**
 * Loopback test servers that can be stopped at once: every server and open socket is tracked, so stop()
 * ends keep-alive and hanging connections instead of waiting for them (fixture-sites.ts, render-world.ts).
 */
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface TrackedServers {
  /** Registers a server (and its future connections); returns it. */
  track<S extends Server>(server: S): S;
  /** Destroys every open socket, then closes every server. */
  stop(): Promise<void>;
}

export function trackedServers(): TrackedServers {
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  return {
    track(server) {
      servers.push(server);
      server.on('connection', (socket: Socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      return server;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await Promise.all(
        servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      );
    },
  };
}

/** Listens on host:port (0 = a free port) and resolves with the port. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
