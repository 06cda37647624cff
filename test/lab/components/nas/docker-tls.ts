// Certificates for the NAS dockerd's TLS port, made with openssl at each up: a CA, the
// daemon's certificate for the NAS's address, a client certificate the daemon trusts,
// and one from another CA it must refuse. All argv, no shell.
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { labDockerTls, labHosts } from '../../lab-facts';

const execFileAsync = promisify(execFile);
const days = '30';

async function openssl(args: string[]): Promise<void> {
  await execFileAsync('openssl', args, { timeout: 30_000 });
}

async function makeCa(keyPath: string, certPath: string, name: string): Promise<void> {
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    certPath,
    '-days',
    days,
    '-subj',
    `/CN=${name}`,
  ]);
}

async function makeSigned(
  ca: { certPath: string; keyPath: string },
  out: { certPath: string; keyPath: string },
  name: string,
  extensions: string,
): Promise<void> {
  const csr = `${out.certPath}.csr`;
  const extfile = `${out.certPath}.ext`;
  await openssl([
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    out.keyPath,
    '-out',
    csr,
    '-subj',
    `/CN=${name}`,
  ]);
  await writeFile(extfile, `${extensions}\n`);
  await openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.certPath,
    '-CAkey',
    ca.keyPath,
    '-CAcreateserial',
    '-out',
    out.certPath,
    '-days',
    days,
    '-extfile',
    extfile,
  ]);
  await rm(csr, { force: true });
  await rm(extfile, { force: true });
}

export async function makeDockerTlsCertificates(): Promise<void> {
  await rm(labDockerTls.dir, { recursive: true, force: true });
  await mkdir(labDockerTls.dir, { recursive: true, mode: 0o700 });
  const ca = { certPath: labDockerTls.caPath, keyPath: labDockerTls.caKeyPath };
  await makeCa(ca.keyPath, ca.certPath, 'promstead-lab docker CA');
  await makeSigned(
    ca,
    { certPath: labDockerTls.serverCertPath, keyPath: labDockerTls.serverKeyPath },
    labHosts.nas.hostname,
    `subjectAltName=IP:${labHosts.nas.address},DNS:${labHosts.nas.hostname.toLowerCase()}\nextendedKeyUsage=serverAuth`,
  );
  await makeSigned(
    ca,
    { certPath: labDockerTls.clientCertPath, keyPath: labDockerTls.clientKeyPath },
    'promstead',
    'extendedKeyUsage=clientAuth',
  );
  const stranger = labDockerTls.stranger;
  await makeCa(stranger.caKeyPath, stranger.caPath, 'someone else');
  await makeSigned(
    { certPath: stranger.caPath, keyPath: stranger.caKeyPath },
    { certPath: stranger.certPath, keyPath: stranger.keyPath },
    'stranger',
    'extendedKeyUsage=clientAuth',
  );
  await rm(join(labDockerTls.dir, 'ca.srl'), { force: true });
}
