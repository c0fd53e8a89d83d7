// A throwaway certificate authority, broker and client certificates made with the real openssl,
// so TLS and mutual TLS are tested against a real broker listener.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificates {
  /** PEM: the CA certificate (trusted by the broker and by clients). */
  caFile: string;
  /** PEM: the broker's PKCS#8 key followed by its certificate, for ssl.keystore.type=PEM. */
  brokerKeystore: string;
  /** The client certificate and its unencrypted key. */
  clientCertFile: string;
  clientKeyFile: string;
  /** The same client key, encrypted with clientKeyPassword. */
  encryptedClientKeyFile: string;
  clientKeyPassword: string;
  /** A CA nobody trusts: a client holding only this cannot verify the broker. */
  otherCaFile: string;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function selfSignedCa(dir: string, name: string): void {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-subj',
    `/CN=StreamDesk test ${name}`,
  ]);
}

function signedBy(dir: string, ca: string, name: string, subject: string, extensions: string): void {
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  ]);
}

/** Writes every file into dir (which the caller removes). */
export function makeTestCertificates(dir: string, clientKeyPassword: string): TestCertificates {
  selfSignedCa(dir, 'ca');
  selfSignedCa(dir, 'other-ca');
  signedBy(dir, 'ca', 'broker', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n');
  signedBy(dir, 'ca', 'client', '/CN=streamdesk-client', 'extendedKeyUsage=clientAuth\n');
  writeFileSync(join(dir, 'broker-keystore.pem'), readFileSync(join(dir, 'broker.key'), 'utf8') + readFileSync(join(dir, 'broker.crt'), 'utf8'));
  openssl(dir, ['pkcs8', '-topk8', '-in', 'client.key', '-out', 'client-encrypted.key', '-v2', 'aes-256-cbc', '-passout', `pass:${clientKeyPassword}`]);
  return {
    caFile: join(dir, 'ca.pem'),
    brokerKeystore: join(dir, 'broker-keystore.pem'),
    clientCertFile: join(dir, 'client.crt'),
    clientKeyFile: join(dir, 'client.key'),
    encryptedClientKeyFile: join(dir, 'client-encrypted.key'),
    clientKeyPassword,
    otherCaFile: join(dir, 'other-ca.pem'),
  };
}
