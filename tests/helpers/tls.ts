// A throwaway certificate authority and server certificate for 127.0.0.1/localhost, made per test run.
import { generateKeyPairSync } from "crypto";
import * as forge from "node-forge";

export interface TestPki {
  /** PEM of the CA certificate (what a client trusts). */
  readonly caCert: string;
  /** PEM key and certificate the server presents (signed by the CA). */
  readonly key: string;
  readonly cert: string;
}

function keyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return { privateKey: forge.pki.privateKeyFromPem(privateKey), publicKey: forge.pki.publicKeyFromPem(publicKey), pem: privateKey };
}

function certificate(
  subject: string,
  publicKey: forge.pki.rsa.PublicKey,
  issuer: forge.pki.CertificateField[],
  signer: forge.pki.rsa.PrivateKey,
  serial: string,
  extensions: object[],
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  cert.setSubject([{ name: "commonName", value: subject }]);
  cert.setIssuer(issuer);
  cert.setExtensions(extensions);
  cert.sign(signer, forge.md.sha256.create());
  return cert;
}

/** A CA and a server certificate for 127.0.0.1 and localhost, signed by it. */
export function makeTestPki(): TestPki {
  const ca = keyPair();
  const caSubject = [{ name: "commonName", value: "pulumi-huaweicloud-dms test CA" }];
  const caCert = certificate("pulumi-huaweicloud-dms test CA", ca.publicKey, caSubject, ca.privateKey, "01", [
    { name: "basicConstraints", cA: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true },
  ]);
  const server = keyPair();
  const serverCert = certificate("localhost", server.publicKey, caSubject, ca.privateKey, "02", [
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] },
  ]);
  return { caCert: forge.pki.certificateToPem(caCert), key: server.pem, cert: forge.pki.certificateToPem(serverCert) };
}
