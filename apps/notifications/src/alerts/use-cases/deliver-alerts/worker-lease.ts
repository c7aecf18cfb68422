import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * The worker's own PostgreSQL session. It holds an advisory lock named after the
 * worker for as long as the worker runs, so any other worker can tell a live
 * worker from one that crashed (its lock is gone with its connection), and it
 * LISTENs for "new deliveries committed" notifications.
 */
export class WorkerLease {
  private readonly logger = new Logger(WorkerLease.name);
  private client?: Client;
  private healthy = false;

  constructor(
    private readonly options: { url: string; schema: string; workerId: string; channel: string; applicationName: string },
    private readonly onNotification: () => void,
  ) {}

  get isHealthy(): boolean {
    return this.healthy;
  }

  async connect(): Promise<void> {
    await this.close();
    const client = new Client({ connectionString: this.options.url, application_name: this.options.applicationName });
    client.on('error', (err) => {
      this.healthy = false;
      this.logger.warn({ err }, 'delivery worker lost its database session; it stops claiming until it reconnects');
    });
    client.on('end', () => {
      this.healthy = false;
    });
    client.on('notification', () => this.onNotification());
    await client.connect();
    await client.query(`SET search_path TO "${this.options.schema}"`);
    await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [lockName(this.options.workerId)]);
    await client.query(`LISTEN "${this.options.channel}"`);
    this.client = client;
    this.healthy = true;
  }

  /** True when no session holds `workerId`'s lock: that worker is gone. */
  async isGone(workerId: string): Promise<boolean> {
    if (!this.client || !this.healthy) throw new Error('the worker lease is not connected');
    const { rows } = await this.client.query<{ acquired: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS acquired`, [lockName(workerId)]);
    if (!rows[0].acquired) return false;
    await this.client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [lockName(workerId)]);
    return true;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.healthy = false;
    await client?.end().catch(() => undefined);
  }
}

function lockName(workerId: string): string {
  return `newsroom:delivery-worker:${workerId}`;
}
