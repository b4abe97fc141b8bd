/**
 * A TCP relay in front of a server whose path can be cut and restored, as a dropped Wi-Fi link would:
 * while cut nothing crosses either way and nothing is closed (the kernel buffers what was sent, as a
 * stalled path does); new connections are accepted but carry nothing.
 */
import net from 'node:net';

export class CuttableProxy {
  private cut = false;
  private readonly pairs = new Set<[net.Socket, net.Socket]>();

  private constructor(private readonly server: net.Server) {}

  static async start(target: { host: string; port: number }): Promise<CuttableProxy> {
    let proxy: CuttableProxy | null = null;
    const server = net.createServer((inbound) => {
      const outbound = net.connect(target.port, target.host);
      const pair: [net.Socket, net.Socket] = [inbound, outbound];
      proxy!.pairs.add(pair);
      // Plain forwarding, not pipe(): pipe would resume a side we paused once the other drained.
      inbound.on('data', (data) => outbound.write(data));
      outbound.on('data', (data) => inbound.write(data));
      const end = () => {
        proxy!.pairs.delete(pair);
        inbound.destroy();
        outbound.destroy();
      };
      inbound.on('close', end).on('error', end);
      outbound.on('close', end).on('error', end);
      if (proxy!.cut) pair.forEach((s) => s.pause());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new CuttableProxy(server);
    return proxy;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  setCut(cut: boolean): void {
    this.cut = cut;
    for (const pair of this.pairs) {
      for (const socket of pair) {
        if (cut) socket.pause();
        else socket.resume();
      }
    }
  }

  async close(): Promise<void> {
    for (const pair of this.pairs) pair.forEach((s) => s.destroy());
    await new Promise((resolve) => this.server.close(resolve));
  }
}
