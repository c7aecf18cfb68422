// No workspace aliases here: jest's global setup may load this file without them.

/** PEM texts of a test's own certificate authority and one broker certificate it signed. */
export interface ThrowawayCertificates {
  /** The CA certificate: what clients trust (KAFKA_SSL_CA_FILE). */
  caCert: string;
  /** The broker's certificate, valid for 127.0.0.1 and localhost. */
  brokerCert: string;
  brokerKey: string;
}

export interface ThrowawayCertificateOptions {
  /** Host names the broker certificate is valid for, besides 127.0.0.1 (default: localhost). */
  hosts?: string[];
  /** Validity in days (default 1). */
  days?: number;
}

/**
 * A CA made for one test run and a broker certificate signed by it, valid for
 * a day. Nothing outside the run trusts this CA, so a leaked key is harmless.
 */
export async function throwawayCertificates(options: ThrowawayCertificateOptions = {}): Promise<ThrowawayCertificates> {
  const hosts = options.hosts ?? ['localhost'];
  const notAfterDate = new Date(Date.now() + (options.days ?? 1) * 24 * 60 * 60 * 1000);
  // Loaded here: every suite loads this library, and few of them start a secured broker.
  const { generate } = await import('selfsigned');
  const ca = await generate([{ name: 'commonName', value: 'Newsroom test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const broker = await generate([{ name: 'commonName', value: hosts[0] ?? 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, ...hosts.map((host) => ({ type: 2 as const, value: host }))] },
    ],
  });
  return { caCert: ca.cert, brokerCert: broker.cert, brokerKey: broker.private };
}
