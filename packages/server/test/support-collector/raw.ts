/** Raw TCP clients for the slow-client and overload tests (what fetch cannot do: trickle, hold). */
import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface RawClient {
  socket: Socket;
  /** Everything the server sent so far. */
  readonly data: string;
  readonly closed: boolean;
  /** Resolves when the server closed (or reset) the connection. */
  whenClosed: Promise<void>;
  write(text: string): void;
}

export async function rawClient(port: number, host = "127.0.0.1"): Promise<RawClient> {
  const socket = connect({ port, host });
  let data = "";
  let closed = false;
  socket.setEncoding("utf8");
  socket.on("data", (d: string) => {
    data += d;
  });
  socket.on("error", () => {}); // a reset is one way of being refused
  const whenClosed = new Promise<void>((resolve) =>
    socket.once("close", () => {
      closed = true;
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  return {
    socket,
    get data() {
      return data;
    },
    get closed() {
      return closed;
    },
    whenClosed,
    write(text: string) {
      if (!closed && !socket.destroyed) socket.write(text);
    },
  };
}

/** Polls `done` every `everyMs`, at most `tries` times; whether it became true. */
export async function eventually(done: () => boolean, tries = 100, everyMs = 50): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (done()) return true;
    await sleep(everyMs);
  }
  return done();
}

/** The status of the first response the server wrote, or null. */
export function statusOf(data: string): number | null {
  const m = /^HTTP\/1\.1 (\d{3})/.exec(data);
  return m ? Number(m[1]) : null;
}

export const postHead = (length: number, path = "/v1/collect") =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n` +
  `Content-Length: ${length}\r\n\r\n`;
