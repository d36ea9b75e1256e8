/**
 * Test net for the address-check tests: records the address every client socket of the process
 * is handed by its `lookup` (the address it would connect to), and destroys, before it
 * connects, any socket handed an address outside loopback (127.0.0.0/8, ::1), so a broken
 * check fails the test instead of sending traffic off the machine. Node emits a socket's
 * `lookup` event after resolving and before connecting; a socket destroyed there never
 * connects. Plain TCP (`http:`) sockets only: Node 20 does not publish TLS client sockets on
 * `net.client.socket`, so https tests use refused answers that stay on the machine (0.0.0.0).
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { BlockList, type Socket } from "node:net";

/** The recorder; `stop()` unsubscribes. */
export interface SocketAddresses {
  /** Addresses sockets were handed, in order (refused ones included). */
  readonly handed: string[];
  /** The non-loopback ones among them, whose sockets were destroyed before connecting. */
  readonly stopped: string[];
  stop(): void;
}

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/**
 * Starts recording.
 *
 * @example
 * const sockets = recordSocketAddresses();
 * try { await fetch(url); } finally { sockets.stop(); }
 * expect(sockets.handed).toEqual(["127.0.0.2"]);
 */
export function recordSocketAddresses(): SocketAddresses {
  const handed: string[] = [];
  const stopped: string[] = [];
  const onSocket = (message: unknown): void => {
    const { socket } = message as { socket: Socket };
    socket.on("lookup", (error: Error | null, address: string | undefined) => {
      if (error !== null || address === undefined) return;
      handed.push(address);
      if (isLoopback(address)) return;
      stopped.push(address);
      socket.destroy(new Error(`test net: ${address} is not loopback; not connecting`));
    });
  };
  subscribe("net.client.socket", onSocket);
  return { handed, stopped, stop: () => unsubscribe("net.client.socket", onSocket) };
}

function isLoopback(address: string): boolean {
  return address.includes(":") ? loopback.check(address, "ipv6") : loopback.check(address, "ipv4");
}
