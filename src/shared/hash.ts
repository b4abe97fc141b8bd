/**
 * SHA-256, the one the whole project uses: plain JS (@noble/hashes), not the browser's Web Crypto
 * digest, which exists only in secure contexts; a page a host serves at `http://10.x.x.x:PORT/` is not
 * one, so a browser on the LAN would have none.
 */
export { sha256 } from '@noble/hashes/sha2.js';
